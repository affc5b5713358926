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

const normaliseText = (t: string): string => t.replace(/\r\n?/g, '\n').trimEnd();
const sha256 = (t: string): string => createHash('sha256').update(t).digest('hex');

/** Text normalised; an image by its media type and the hash of its bytes (the key stays small). */
function contentKey(content: ChatMessage['content']): unknown {
  if (typeof content === 'string') return normaliseText(content);
  return content.map((p) =>
    p.type === 'text' ? ['text', normaliseText(p.text)] : ['image', p.mediaType, sha256(p.image)],
  );
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
    r.messages.map((m) => [m.role, contentKey(m.content)]),
  ];
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
}
