import { MIN_KEY_LENGTH_FOR_LAST4 } from '../../shared/contract/keys';

/**
 * The last four characters of a key, or null when the key is too short for that to be safe: on a
 * short secret four characters are a large part of it. Nothing else of a key ever leaves main.
 */
export function last4(key: string | null): string | null {
  if (key === null || key.length < MIN_KEY_LENGTH_FOR_LAST4) return null;
  return key.slice(-4);
}

/** `…abcd`, or `(stored)` for a short secret; for CLI tables and messages. */
export const maskedKey = (key: string | null): string => {
  if (key === null) return '—';
  const tail = last4(key);
  return tail === null ? '(stored)' : `…${tail}`;
};
