import { createHash } from 'node:crypto';
import type { StoredMessage } from '../../../shared/contract/ledger';
import type { ParsedRoutingRequest } from '../../../shared/contract/routing';

/**
 * When an answer may be offered for a similar (not identical) prompt. A user who pays for answers
 * accepts a reused one only where the request asks for the same thing under the same terms, so
 * every condition below must hold (README "Similar-prompt cache" states the rule for people):
 * - the request is real (not simulated), not a chunk of a heavy task or batch (written for its
 *   place in the task), text only (no images, no tool messages, no `tools` capability), and did
 *   not say `cache: false` ("run it for real");
 * - its temperature is unset or at most MAX_TEMPERATURE: a caller asking for variety wants a new
 *   sample, not an old answer;
 * - the stored request had the same use case and exactly the same messages before the last user
 *   message (system prompt and conversation so far), and a temperature within the same bound;
 * - the stored answer is complete (finish `stop`, not partial, not itself from a cache) and fits
 *   the request's max output tokens;
 * - its model is the pinned model when the request pins one; otherwise a model this request's
 *   routing decision accepts now (the routed model or one of its fallbacks), so constraints,
 *   capabilities, provider exclusions and budgets that shape the decision still hold.
 */
export const MAX_TEMPERATURE = 0.5;

/** The part of a request that is compared: the last user message. */
export interface SimilarQuery {
  scope: string;
  text: string;
}

export const temperatureAllowed = (t: number | null | undefined): boolean =>
  t === null || t === undefined || t <= MAX_TEMPERATURE;

/**
 * Scope and compared text of a chat, or null when it cannot take part: the last message must be a
 * user's text, and no message may carry images.
 */
export function similarQuery(
  messages: readonly StoredMessage[],
  useCase: string | null,
): SimilarQuery | null {
  const last = messages.at(-1);
  if (!last || last.role !== 'user' || last.content.trim() === '') return null;
  if (messages.some((m) => m.images)) return null;
  const context = messages.slice(0, -1).map((m) => [m.role, m.content.replace(/\r\n?/g, '\n').trimEnd()]);
  const scope = createHash('sha256')
    .update(JSON.stringify([useCase ?? null, context]))
    .digest('base64url')
    .slice(0, 22);
  return { scope, text: last.content };
}

/** A request whose shape allows a similar answer at all (before its messages are looked at). */
export function requestAllowsSimilar(r: ParsedRoutingRequest, cache: boolean | undefined): boolean {
  if (cache === false || r.simulate === true) return false;
  if (r.images.length > 0 || r.requires.includes('tools')) return false;
  return !(r.messages ?? []).some(
    (m) => m.role === 'tool' || (typeof m.content !== 'string' && m.content.some((p) => p.type === 'image')),
  );
}

/** Models whose stored answers this request may take: the pinned one, or the decision's chain. */
export function acceptedModels(
  r: ParsedRoutingRequest,
  chain: readonly { modelKey: string }[],
): ReadonlySet<string> {
  if (r.model) return new Set([r.model]);
  return new Set(chain.map((m) => m.modelKey));
}
