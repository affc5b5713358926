import { parseStoredPrompt } from '../ledger/requestHistory';

/** A chat turn as a routing request carries it (text or parts) or as the ledger stores it (text). */
export interface TextTurn {
  role: string;
  content: string | readonly { type: string; text?: string }[];
}

/**
 * The text the learned router reads: the last user turn of a chat, its text parts joined by
 * newlines ('' when there is none). The one extraction for training (stored prompts), prediction
 * (routing requests), embeddings and the explanation's excerpts, so train and predict features agree.
 */
export function lastUserText(messages: readonly TextTurn[]): string {
  const user = [...messages].reverse().find((m) => m.role === 'user');
  if (!user) return '';
  return typeof user.content === 'string'
    ? user.content
    : user.content.flatMap((p) => (p.type === 'text' && p.text !== undefined ? [p.text] : [])).join('\n');
}

/** `lastUserText` of a prompt as `ledger_prompts` stores it (the JSON array of messages, or plain text). */
export const storedPromptText = (stored: string): string => lastUserText(parseStoredPrompt(stored));
