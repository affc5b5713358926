/**
 * The counts the fast token estimate needs, from one linear, allocation-free pass over a text.
 * Texts above FULL_SCAN_CHARS are sampled (evenly spaced windows, scaled up), so the cost is
 * bounded: a 100k-token prompt costs no more than a 6k one (24k characters read), which keeps
 * decisions inside their latency budget. Sampling adds ~1 % error on mixed prose and code (see
 * `npm run bench -- route`); where a decision turns on the exact number, the router counts
 * exactly, off-thread.
 */
export interface TextScan {
  length: number;
  /** Runs of ASCII letters. */
  words: number;
  /** Letters beyond the 6th in each ASCII word (long words split into several tokens). */
  longWordLetters: number;
  /** ceil(run length / 3) per digit run: tiktoken groups digits by up to three. */
  digitGroups: number;
  /** ASCII punctuation and symbols. */
  punctuation: number;
  /** Runs of two or more spaces (indentation). */
  spaceRuns: number;
  newlines: number;
  /** CJK ideographs, kana and Hangul. */
  cjk: number;
  /** Other non-ASCII letters (accented Latin, Greek, Cyrillic, Arabic, Indic…). */
  otherLetters: number;
  /** Everything else non-ASCII (emoji, symbols). */
  symbols: number;
  /** Whether the counts were scaled up from samples. */
  sampled: boolean;
}

export const FULL_SCAN_CHARS = 24_000;
const SAMPLE_WINDOWS = 16;
const WINDOW_CHARS = 1_500;

// Character classes of ASCII, looked up instead of compared: the loop runs once per character.
const LETTER = 0;
const DIGIT = 1;
const SPACE = 2;
const NEWLINE = 3;
const PUNCT = 4;
const CONTROL = 5;
const ASCII_CLASS = new Uint8Array(128).map((_, c) => {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return LETTER;
  if (c >= 48 && c <= 57) return DIGIT;
  if (c === 32) return SPACE;
  if (c === 10) return NEWLINE;
  return c > 32 && c < 127 ? PUNCT : CONTROL;
});

function scanRange(text: string, from: number, to: number): TextScan {
  let words = 0;
  let longWordLetters = 0;
  let digitGroups = 0;
  let punctuation = 0;
  let spaceRuns = 0;
  let newlines = 0;
  let cjk = 0;
  let otherLetters = 0;
  let symbols = 0;
  let wordLen = 0;
  let digitLen = 0;
  let spaceLen = 0;
  let prev = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? (ASCII_CLASS[c] as number) : 6;
    if (cls === prev && cls <= SPACE) {
      if (cls === LETTER) wordLen++;
      else if (cls === DIGIT) digitLen++;
      else spaceLen++;
      continue;
    }
    // A run of the previous class ends here.
    if (prev === LETTER) {
      words++;
      if (wordLen > 6) longWordLetters += wordLen - 6;
    } else if (prev === DIGIT) digitGroups += ((digitLen + 2) / 3) | 0;
    else if (prev === SPACE && spaceLen > 1) spaceRuns++;
    prev = cls;
    wordLen = digitLen = spaceLen = 0;
    if (cls === LETTER) wordLen = 1;
    else if (cls === DIGIT) digitLen = 1;
    else if (cls === SPACE) spaceLen = 1;
    else if (cls === NEWLINE) newlines++;
    else if (cls === PUNCT) punctuation++;
    else if (cls === 6) {
      if ((c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)) cjk++;
      else if (c >= 0xc0 && c < 0x2000) otherLetters++;
      else symbols++;
    }
  }
  if (prev === LETTER) {
    words++;
    if (wordLen > 6) longWordLetters += wordLen - 6;
  } else if (prev === DIGIT) digitGroups += ((digitLen + 2) / 3) | 0;
  else if (prev === SPACE && spaceLen > 1) spaceRuns++;
  return {
    length: to - from,
    words,
    longWordLetters,
    digitGroups,
    punctuation,
    spaceRuns,
    newlines,
    cjk,
    otherLetters,
    symbols,
    sampled: false,
  };
}

export function scanText(text: string): TextScan {
  const n = text.length;
  if (n <= FULL_SCAN_CHARS) return scanRange(text, 0, n);
  const total = scanRange(text, 0, 0);
  const stride = n / SAMPLE_WINDOWS;
  let scanned = 0;
  for (let k = 0; k < SAMPLE_WINDOWS; k++) {
    // Start each window after a space so it does not open in the middle of a word.
    let from = Math.floor(k * stride);
    const limit = Math.min(n, from + 64);
    while (from < limit && text.charCodeAt(from) !== 32) from++;
    const w = scanRange(text, from, Math.min(n, from + WINDOW_CHARS));
    for (const f of SCAN_FEATURES) total[f] += w[f];
    scanned += w.length;
  }
  const scale = n / Math.max(1, scanned);
  for (const f of SCAN_FEATURES) total[f] = total[f] * scale;
  return { ...total, length: n, sampled: true };
}

/** FNV-1a of the whole text plus its length: the key under which an exact count is cached. */
export function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return `${(h >>> 0).toString(36)}.${text.length}`;
}

/** The scan's counts as a feature vector, in the order of ESTIMATE_WEIGHTS. */
export const SCAN_FEATURES = [
  'words',
  'longWordLetters',
  'digitGroups',
  'punctuation',
  'spaceRuns',
  'newlines',
  'cjk',
  'otherLetters',
  'symbols',
] as const satisfies readonly (keyof TextScan)[];

export type ScanFeature = (typeof SCAN_FEATURES)[number];
