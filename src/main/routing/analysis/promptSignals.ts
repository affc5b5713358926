/**
 * The regular expressions prompt analysis matches, and the window it reads. A long prompt is
 * mostly pasted material; the instruction sits at its start or end. Reading the first 3,000 and
 * the last 1,000 characters keeps analysis constant-time, so a 100k-token prompt is analysed as
 * fast as a short one.
 */
const HEAD_CHARS = 3_000;
const TAIL_CHARS = 1_000;

export function instructionWindow(text: string): string {
  if (text.length <= HEAD_CHARS + TAIL_CHARS) return text;
  return `${text.slice(0, HEAD_CHARS)}\n${text.slice(-TAIL_CHARS)}`;
}

/**
 * FNV-1a of the instruction window, read in place from the text: a memo of the analysis can be
 * looked up without building the window string (the decision path allocates as little as it can,
 * so garbage collection pauses stay rare).
 */
export function windowFingerprint(text: string): number {
  const n = text.length;
  let h = 0x811c9dc5;
  if (n <= HEAD_CHARS + TAIL_CHARS) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  } else {
    for (let i = 0; i < HEAD_CHARS; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    for (let i = n - TAIL_CHARS; i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

/** Whether `window` is the instruction window of `text`, compared in place. */
export function isWindowOf(window: string, text: string): boolean {
  const n = text.length;
  if (n <= HEAD_CHARS + TAIL_CHARS) return window === text;
  if (window.length !== HEAD_CHARS + 1 + TAIL_CHARS) return false;
  for (let i = 0; i < HEAD_CHARS; i++) if (window.charCodeAt(i) !== text.charCodeAt(i)) return false;
  const tail = n - TAIL_CHARS - HEAD_CHARS - 1;
  for (let i = HEAD_CHARS + 1; i < window.length; i++) {
    if (window.charCodeAt(i) !== text.charCodeAt(tail + i)) return false;
  }
  return true;
}

/** Distinct matches (lower-cased), so "cache … cache" counts once. */
export function distinctMatches(text: string, re: RegExp): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(re)) found.add(m[0].toLowerCase().trim());
  return [...found];
}

export function countMatches(text: string, re: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}

export const SIGNALS = {
  reasoning:
    /\b(prove|proof|derive|derivation|theorem|lemma|step[- ]by[- ]step|reason(?:ing)? about|trade-?offs?|implications?|consequences?|considerations?|optimi[sz]e|rigorous(?:ly)?|formal(?:ly)?|edge cases?|invariants?|why does|justify|counter-?example)\b|[∑∫√∀∃≤≥≠]|\b[a-z]\^\d/gi,
  technical:
    /\b(distributed|consistency|availability|partition(?:s|ing)?|CAP|consensus|raft|paxos|latency|throughput|concurren(?:cy|t)|race conditions?|deadlocks?|kubernetes|docker|microservices?|database|sharding|replication|cache|caching|algorithms?|data structures?|architecture|scalab(?:le|ility)|protocols?|encryption|cryptograph\w*|compilers?|kernel|neural networks?|gradient|transformer|quantum|eigen\w*|stochastic|bayesian|regression|api|oauth|tcp|http|sql|graphql|memory leak|big-?o|asymptotic|python|javascript|typescript|rust|golang|java|functions?|unit tests?|test suites?|regex|recursi(?:on|ve)|refactor\w*|parsers?|sort(?:ed|ing)|linked lists?|binary trees?)\b/gi,
  openEnded:
    /\b(design|architect|propose|plan|strategy|discuss|explain why|strategi[sz]e|evaluate|critique|compare|assess|recommend|research|investigate|model the|trade-?off analysis)\b/gi,
  sequencing: /\b(first|then|next|after that|finally|afterwards|step \d+|lastly)\b/gi,
  listLines: /^\s*(?:\d+[.)]|[-*•])\s+\S/gm,
  codeFence: /```/g,
  // Two anchored patterns rather than one `^.*(…).*$`, which backtracks quadratically on long lines.
  codeLineEnds: /[;{}][ \t]*$/gm,
  codeLineStarts: /^[ \t]*(?:def|class|function|import|return|const|let|var|public|private|#include)\b/gm,
  question: /\?/g,
  detailed:
    /\b(detailed|comprehensive|in[- ]depth|thorough(?:ly)?|exhaustive|complete implementation|full implementation|essay|report|white ?paper|design doc(?:ument)?)\b/gi,
  brief:
    /\b(one word|single word|yes or no|only the letter|just the (?:number|letter|answer)|print only|answer only|in one sentence|briefly|short answer)\b/gi,
  amount:
    /\b(\d{1,5})[ -]*(words?|lines?(?: of code)?|loc|pages?|paragraphs?|sentences?|bullet(?: point)?s?)\b/gi,
  translate: /\btranslat(?:e|ion)\b/gi,
} as const;
