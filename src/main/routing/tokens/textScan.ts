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

// The scan is a small automaton: each state means "inside a run of this kind, at this position"
// and names the one counter it adds to when entered. Per character that is two table reads and an
// increment, with no branch that depends on the text (for ASCII), so the pass costs a few
// nanoseconds per character however often the text switches between words, spaces and symbols.

/** The counters, by slot; states that count nothing add to slot 0. */
const SLOT_FEATURES: readonly (ScanFeature | null)[] = [
  null,
  'words',
  'longWordLetters',
  'digitGroups',
  'punctuation',
  'spaceRuns',
  'newlines',
  'cjk',
  'otherLetters',
  'symbols',
];

// States: 0 start; 1–7 the nth letter of a word (7 = the 7th and later); 8–10 a digit's place in
// its group of three; 11–13 the nth space of a run (13 = the 3rd and later); then one state per
// kind of single character.
const LETTER_1 = 1;
const LETTER_7 = 7;
const DIGIT_1 = 8;
const DIGIT_3 = 10;
const SPACE_1 = 11;
const SPACE_3 = 13;
const NEWLINE = 14;
const PUNCT = 15;
const CONTROL = 16;
const CJK = 17;
const OTHER_LETTER = 18;
const SYMBOL = 19;
const STATES = 20;

/** The counter slot each state adds to when entered. */
const EMIT = new Uint8Array(STATES);
const slotOf = (f: ScanFeature): number => SLOT_FEATURES.indexOf(f);
EMIT[LETTER_1] = slotOf('words');
EMIT[LETTER_7] = slotOf('longWordLetters');
EMIT[DIGIT_1] = slotOf('digitGroups');
EMIT[SPACE_1 + 1] = slotOf('spaceRuns');
EMIT[NEWLINE] = slotOf('newlines');
EMIT[PUNCT] = slotOf('punctuation');
EMIT[CJK] = slotOf('cjk');
EMIT[OTHER_LETTER] = slotOf('otherLetters');
EMIT[SYMBOL] = slotOf('symbols');

function asciiNextState(state: number, c: number): number {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
    return state >= LETTER_1 && state <= LETTER_7 ? Math.min(LETTER_7, state + 1) : LETTER_1;
  }
  if (c >= 48 && c <= 57) return state >= DIGIT_1 && state < DIGIT_3 ? state + 1 : DIGIT_1;
  if (c === 32) return state >= SPACE_1 && state <= SPACE_3 ? Math.min(SPACE_3, state + 1) : SPACE_1;
  if (c === 10) return NEWLINE;
  return c > 32 && c < 127 ? PUNCT : CONTROL;
}

/** The next state after an ASCII character: NEXT[state << 7 | code]. */
const NEXT = new Uint8Array(STATES * 128);
for (let s = 0; s < STATES; s++) for (let c = 0; c < 128; c++) NEXT[(s << 7) | c] = asciiNextState(s, c);

function nonAsciiState(c: number): number {
  if ((c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff))
    return CJK;
  return c >= 0xc0 && c < 0x2000 ? OTHER_LETTER : SYMBOL;
}

/** The counters of the scan in progress (a scan never yields, so one buffer serves every call). */
const slots = new Int32Array(SLOT_FEATURES.length);

/** Adds the counts of text[from, to) to `slots`; returns the number of characters read. */
function countRange(text: string, from: number, to: number): number {
  let state = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    state = c < 128 ? (NEXT[(state << 7) | c] as number) : nonAsciiState(c);
    const slot = EMIT[state] as number;
    slots[slot] = (slots[slot] as number) + 1;
  }
  return to - from;
}

export function scanText(text: string): TextScan {
  const n = text.length;
  slots.fill(0);
  let scanned = n;
  if (n > FULL_SCAN_CHARS) {
    scanned = 0;
    const stride = n / SAMPLE_WINDOWS;
    for (let k = 0; k < SAMPLE_WINDOWS; k++) {
      // Start each window after a space so it does not open in the middle of a word.
      let from = Math.floor(k * stride);
      const limit = Math.min(n, from + 64);
      while (from < limit && text.charCodeAt(from) !== 32) from++;
      scanned += countRange(text, from, Math.min(n, from + WINDOW_CHARS));
    }
  } else countRange(text, 0, n);
  const scale = n > FULL_SCAN_CHARS ? n / Math.max(1, scanned) : 1;
  const scan: TextScan = {
    length: n,
    words: 0,
    longWordLetters: 0,
    digitGroups: 0,
    punctuation: 0,
    spaceRuns: 0,
    newlines: 0,
    cjk: 0,
    otherLetters: 0,
    symbols: 0,
    sampled: n > FULL_SCAN_CHARS,
  };
  for (let k = 1; k < SLOT_FEATURES.length; k++) {
    scan[SLOT_FEATURES[k] as ScanFeature] = (slots[k] as number) * scale;
  }
  return scan;
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
