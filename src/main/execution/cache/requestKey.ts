import { createHash } from 'node:crypto';
import type { ChatMessage } from '../types';

export interface KeyedRequest {
  /** `<provider>/<model>` of the routed model. */
  modelKey: string;
  parameters: {
    temperature: number | null;
    maxOutputTokens: number | null;
    topP?: number | null;
    stopSequences?: readonly string[] | null;
  };
  messages: readonly ChatMessage[];
  /** Simulated answers must never be served to real requests, nor the other way round. */
  simulated: boolean;
}

/**
 * SHA-256 over the normalised request: fixed key order, unset parameters as null, message text
 * with line endings unified and trailing whitespace trimmed (neither changes what a model is
 * asked). The JSON array form keeps field boundaries unambiguous.
 */
export function requestKey(r: KeyedRequest): string {
  const p = r.parameters;
  const normalised = [
    r.simulated ? 'simulated' : 'live',
    r.modelKey,
    p.temperature ?? null,
    p.maxOutputTokens ?? null,
    p.topP ?? null,
    p.stopSequences && p.stopSequences.length > 0 ? [...p.stopSequences] : null,
    r.messages.map((m) => [m.role, m.content.replace(/\r\n?/g, '\n').trimEnd()]),
  ];
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
}
