import { storedPromptText } from '../learnedText';

/**
 * The text of a stored prompt that gets embedded: the same text the learned router trains on and
 * reads at decision time (`storedPromptText` / `promptText`, its last user turn). Null when there
 * is none (no user turn, an empty message).
 */
export function embeddedTextOf(storedPrompt: string): string | null {
  const text = storedPromptText(storedPrompt);
  return text.trim() === '' ? null : text;
}
