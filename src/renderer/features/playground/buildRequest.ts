import type { ChatMessage, RoutingRequest } from '../../../shared/contract/routing';
import type { AttachedImage, ComposeDraft, ConstraintFields } from './composeStore';

export type ConstraintProblems = Partial<Record<keyof ConstraintFields, string>>;

export interface BuiltRequest {
  /** null while there is nothing to route (no user text and no image). */
  request: RoutingRequest | null;
  /** Constraint fields that are not valid numbers; they are left out of the request. */
  problems: ConstraintProblems;
}

export const CONSTRAINT_FIELDS: Record<keyof ConstraintFields, { min: number; max: number; label: string }> =
  {
    maxCostUsd: { min: 0, max: 1_000, label: 'a cost in US dollars above 0, e.g. 0.01' },
    maxLatencySeconds: { min: 0, max: 3_600, label: 'a number of seconds above 0, e.g. 5' },
    minQuality: { min: 0, max: 1, label: 'a quality between 0 and 1, e.g. 0.8' },
  };

export function readConstraint(field: keyof ConstraintFields, text: string): number | string | undefined {
  const trimmed = text.trim().replace(/^\$/, '');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  const { min, max, label } = CONSTRAINT_FIELDS[field];
  const inRange = field === 'minQuality' ? value >= min && value <= max : value > min && value <= max;
  return Number.isFinite(value) && inRange ? value : `Enter ${label}.`;
}

export interface BuildOptions {
  /**
   * Put the images' bytes in the request (a run). Routing needs only their size, so the preview,
   * which asks on every pause in typing, leaves up to a megabyte per image out.
   */
  withImageData?: boolean;
}

function withImages(text: string, images: readonly AttachedImage[] | undefined, opts: BuildOptions) {
  if (!images || images.length === 0) return text;
  const parts = images.map((i) => ({
    type: 'image' as const,
    image: {
      width: i.width,
      height: i.height,
      detail: 'auto' as const,
      ...(opts.withImageData ? { data: i.dataUrl } : {}),
    },
  }));
  return [{ type: 'text' as const, text }, ...parts];
}

/** The chat as the router and the providers see it: system, earlier turns, then the new user message. */
export function messagesOf(draft: ComposeDraft, opts: BuildOptions = {}): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (draft.system.trim() !== '') messages.push({ role: 'system', content: draft.system });
  for (const turn of draft.turns) {
    messages.push({
      role: turn.role,
      content: turn.role === 'user' ? withImages(turn.content, turn.images, opts) : turn.content,
    });
  }
  messages.push({ role: 'user', content: withImages(draft.user, draft.images, opts) });
  return messages;
}

const hasImages = (draft: ComposeDraft): boolean =>
  draft.images.length > 0 || draft.turns.some((t) => (t.images?.length ?? 0) > 0);

/**
 * Turns the draft into a RoutingRequest. Pure and linear in the number of messages, never in the
 * prompt's length: the prompt string is passed by reference, never scanned or copied here.
 */
export function buildRequest(draft: ComposeDraft, opts: BuildOptions = {}): BuiltRequest {
  const problems: ConstraintProblems = {};
  const constraints: { maxCostUsd?: number; maxLatencySeconds?: number; minQuality?: number } = {};
  for (const field of Object.keys(CONSTRAINT_FIELDS) as (keyof ConstraintFields)[]) {
    const value = readConstraint(field, draft.constraints[field]);
    if (typeof value === 'number') constraints[field] = value;
    else if (typeof value === 'string') problems[field] = value;
  }
  if (draft.user.trim() === '' && draft.images.length === 0) return { request: null, problems };

  const request: RoutingRequest = {
    messages: messagesOf(draft, opts),
    constraints,
    ...(draft.useCase ? { useCase: draft.useCase } : {}),
    ...(draft.pinnedModel ? { model: draft.pinnedModel, strategy: 'pinned' } : { strategy: draft.strategy }),
    ...(hasImages(draft) ? { requires: ['vision'] } : {}),
    ...(draft.simulate ? { simulate: true } : {}),
  };
  return { request, problems };
}
