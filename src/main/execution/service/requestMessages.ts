import type { ParsedRoutingRequest } from '../../../shared/contract/routing';
import type { ChatMessage } from '../types';

/**
 * The chat sent to the provider. Content parts are joined as text: images in the contract carry
 * only their size (for routing's token estimate), not their pixels, so there is nothing to send.
 * Tool results have no tool-call protocol here yet and are passed on as user text.
 */
export function chatMessages(r: ParsedRoutingRequest): ChatMessage[] {
  const out: ChatMessage[] = (r.messages ?? []).map((m) => ({
    role: m.role === 'tool' ? 'user' : m.role,
    content:
      typeof m.content === 'string'
        ? m.content
        : m.content.map((p) => (p.type === 'text' ? p.text : '')).join(''),
  }));
  if (r.prompt !== undefined) out.push({ role: 'user', content: r.prompt });
  return out;
}
