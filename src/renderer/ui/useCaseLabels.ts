import type { UseCase } from '../../shared/contract/routing';

/** Typed by the contract's union, so a use case added there is a compile error here until labelled. */
export const USE_CASE_LABEL: Record<UseCase, string> = {
  classification: 'Classification',
  code_generation: 'Code generation',
  conversation: 'Conversation',
  summarization: 'Summarization',
  analysis: 'Analysis',
  long_context: 'Long context',
  web_research: 'Web research',
  expert: 'Expert',
};

/** Every use case, in the label map's order (the compiler keeps that map complete). */
export const USE_CASES = Object.keys(USE_CASE_LABEL) as UseCase[];
