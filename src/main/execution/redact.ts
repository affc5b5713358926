/**
 * Scrubbing for anything that leaves an adapter as text. Providers echo keys in auth errors
 * (OpenAI prints most of one), Gemini clients may put `?key=` in URLs, and SDK messages quote
 * response bodies; none of that may reach a message, a log line or the UI.
 */
const REDACTED = '[redacted]';

const KEY_PATTERNS: readonly RegExp[] = [
  /\b((?:Bearer|Basic)\s+)[^\s"',;]+/gi,
  /\b((?:x-api-key|api-key|x-goog-api-key|authorization)["']?\s*[:=]\s*["']?)[^\s"',;]+/gi,
  /([?&](?:key|api_key|api-key|apikey|access_token|token|sig)=)[^&#\s"']+/gi,
  /\bsk-[A-Za-z0-9_-]{6,}/g, // OpenAI, Anthropic (sk-ant-), DeepSeek, OpenRouter (sk-or-), Moonshot
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google
  /\b(?:gsk|xai|pplx|hf|ghp|gho|ghu|ghs|github_pat)[-_][A-Za-z0-9_]{10,}/g,
];

export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short "keys" (e.g. a placeholder for a local server) would shred ordinary words.
    if (secret && secret.length >= 6) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of KEY_PATTERNS) {
    out = out.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && match.startsWith(prefix) && prefix.length < match.length
        ? `${prefix}${REDACTED}`
        : REDACTED,
    );
  }
  return out;
}

/** A provider message fit for a log line: scrubbed, single-line and bounded. */
export function shortProviderMessage(
  text: string,
  secrets: readonly (string | null | undefined)[],
  max = 240,
): string {
  const flat = redactSecrets(text, secrets).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
