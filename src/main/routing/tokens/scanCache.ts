import { scanText, type TextScan } from './textScan';

/**
 * Only texts between these sizes are kept. Below, the scan costs about what a lookup would. Above,
 * the scan is sampled (bounded cost) while a hit compares the whole text, so a lookup saves little.
 */
const MIN_CACHED_CHARS = 2_000;
const MAX_TEXT_CHARS = 100_000;
/** At most this many characters of text are held (about 4 MB), and at most this many texts. */
const MAX_CACHED_CHARS = 2_000_000;
const MAX_TEXTS = 32;

/**
 * Scans of recently seen long texts, keyed by the text itself (a Map compares string content, and
 * V8 hashes a string once, by length alone above 16k characters, so a lookup costs far less than
 * the scan). The playground re-decides the same prompt as the user changes a constraint, and
 * gateway clients resend the same system prompt and conversation with every turn; those repeats
 * skip the scan. Least recently used texts leave first. The texts are the caller's own, kept in
 * this process's memory only, never written anywhere.
 */
export class ScanCache {
  private readonly scans = new Map<string, TextScan>();
  private chars = 0;

  scan(text: string): TextScan {
    if (text.length < MIN_CACHED_CHARS || text.length > MAX_TEXT_CHARS) return scanText(text);
    const hit = this.scans.get(text);
    if (hit) {
      this.scans.delete(text);
      this.scans.set(text, hit);
      return hit;
    }
    const scan = scanText(text);
    this.scans.set(text, scan);
    this.chars += text.length;
    while (this.chars > MAX_CACHED_CHARS || this.scans.size > MAX_TEXTS) {
      const oldest = this.scans.keys().next().value as string;
      this.scans.delete(oldest);
      this.chars -= oldest.length;
    }
    return scan;
  }

  get size(): number {
    return this.scans.size;
  }
}
