import { describe, expect, it } from 'vitest';
import { RoutingRequestSchema } from '../../../shared/contract/routing';
import { gatherFacts } from '../routingFacts';
import { longText } from '../test/prompts';
import { estimateRequestTokens, prepareRequest } from '../tokens/requestTokens';
import { defaultRules } from '../rules/defaultRules';
import { scoreComplexity } from './complexity';
import { estimateOutput } from './outputEstimate';
import { detectUseCase } from './useCaseDetection';

const rules = defaultRules();
const score = (text: string, tokens = 30) => scoreComplexity(text, tokens, rules);
const detect = (text: string, tokens = 30, files = 0) =>
  detectUseCase(text, tokens, files, { longFrom: 50_000, maxFiles: 3 });

describe('complexity score', () => {
  it('orders prompts as a person would, and shows what drove the score', () => {
    const hi = score('hi');
    const cap = score('Design a distributed cache system with CAP theorem considerations');
    const proof = score(
      'Prove step by step that the Raft consensus protocol preserves its log invariants under network partitions. ' +
        'First state the assumptions, then derive the lemma, then discuss edge cases and trade-offs in a detailed report.',
    );
    expect(hi.score).toBeLessThan(0.05);
    expect(hi.tier).toBe('simple');
    expect(cap.score).toBeGreaterThan(0.3);
    expect(proof.score).toBeGreaterThan(cap.score);
    expect(proof.tier).toMatch(/complex|breakthrough/);
    const byName = Object.fromEntries(proof.features.map((f) => [f.name, f]));
    expect(byName.reasoning!.evidence).toMatch(/prove/);
    expect(byName.technical!.evidence).toMatch(/consensus/);
    expect(proof.features.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(1, 10);
    expect(proof.score).toBeCloseTo(
      proof.features.reduce((s, f) => s + f.contribution, 0),
      2,
    );
  });

  it('sees the technical side of a programming request, not just of systems design', () => {
    const code = score('Write a Python function that merges two sorted lists, with tests.');
    const chat = score('Write a short note thanking my neighbour for the flowers.');
    const byName = Object.fromEntries(code.features.map((f) => [f.name, f]));
    expect(byName.technical!.evidence).toMatch(/python/i);
    expect(code.score).toBeGreaterThan(chat.score);
  });
});

describe('use-case detection', () => {
  it.each([
    ['Write a Python function that merges two sorted lists', 'code_generation'],
    ['Summarize the key points of this article in three bullets', 'summarization'],
    ['Which is heavier?\nA) a kilo of feathers\nB) a kilo of steel\nPrint only the letter', 'classification'],
    ['What are the latest news about the Mars mission today?', 'web_research'],
    ['Compare the pros and cons of Postgres and MySQL', 'analysis'],
  ])('%s → %s', (prompt, useCase) => {
    expect(detect(prompt).useCase).toBe(useCase);
  });

  it('calls long inputs and many files long_context, and shrugs at small talk', () => {
    expect(detect('Summarize this', 60_000)).toMatchObject({ useCase: 'long_context', confidence: 0.9 });
    expect(detect('Look at these', 100, 5).useCase).toBe('long_context');
    expect(detect('Hello, how are you?')).toEqual({ useCase: null, confidence: 0, cues: [] });
  });
});

describe('expected output length', () => {
  const base = { inputTokens: 50, useCase: null, complexity: 0.2, defaultTokens: 512 } as const;
  it('follows what the prompt asks for, capped by the caller', () => {
    expect(estimateOutput({ ...base, window: 'Write a 500 word essay on rivers' }).tokens).toBe(675);
    expect(estimateOutput({ ...base, window: 'Implement it in about 300 lines of code' })).toMatchObject({
      codeLines: 300,
    });
    expect(estimateOutput({ ...base, window: 'Answer yes or no: is water wet?' }).tokens).toBe(8);
    expect(estimateOutput({ ...base, window: 'Write a 5000 word story', maxOutputTokens: 1000 }).tokens).toBe(
      1000,
    );
  });
});

describe('analysis memo', () => {
  it('re-analyses a long prompt whose ending changed, at the same token count', () => {
    const head = longText(1_500, 2);
    const summarise = `${head}\n\nSummarise the key points above.`;
    const classify = `${head}\n\nSpam or not? Answer true or false.`;
    const parsed = (prompt: string) => RoutingRequestSchema.parse({ prompt });
    const tokens = estimateRequestTokens(prepareRequest(parsed(summarise)));
    const facts = (prompt: string) => {
      const f = gatherFacts(parsed(prompt), prepareRequest(parsed(prompt)), tokens, rules);
      return { useCase: f.useCase, complexity: f.complexity };
    };
    const first = facts(summarise);
    expect(facts(classify)).not.toEqual(first);
    expect(facts(summarise)).toEqual(first);
  });
});
