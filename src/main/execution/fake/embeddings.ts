import { createHash } from 'node:crypto';
import type { Exchange } from './exchange';
import { applyPreamble, isErrorFault, refuseBadKey, sendFaultError } from './faultResponse';
import type { FaultSpec } from './faults';
import { WireRequestError, type WireFormat } from './wire/types';

/** Dimensions of the fake's embeddings (OpenAI's models return 1,536–3,072; a test needs few). */
export const FAKE_EMBEDDING_DIMENSIONS = 256;

/**
 * Words that mean the same thing map to one concept before hashing, so a paraphrase with no words
 * in common still lands close (what a real embeddings model does and hashed word features cannot):
 * enough for tests to tell "embeddings" from "TF-IDF", not a language model.
 */
const CONCEPTS: string[][] = [
  ['car', 'cars', 'automobile', 'automobiles', 'vehicle', 'vehicles', 'auto'],
  ['repair', 'repairing', 'fix', 'fixing', 'mend', 'mending', 'restore'],
  ['engine', 'engines', 'motor', 'motors'],
  ['broken', 'faulty', 'damaged', 'failing', 'dead'],
  ['summarise', 'summarize', 'summary', 'condense', 'shorten', 'abstract'],
  ['article', 'essay', 'paper', 'text', 'document'],
  ['translate', 'translation', 'render', 'convert'],
  ['french', 'français', 'francais'],
  ['joke', 'jokes', 'pun', 'gag', 'funny', 'humorous'],
  ['cat', 'cats', 'kitten', 'kittens', 'feline', 'felines'],
  ['dog', 'dogs', 'puppy', 'puppies', 'canine', 'canines'],
  ['function', 'routine', 'procedure', 'method'],
  ['sort', 'sorting', 'order', 'ordering', 'arrange'],
  ['list', 'lists', 'array', 'arrays', 'sequence'],
  ['quick', 'quickly', 'fast', 'rapid', 'speedy'],
];
const CONCEPT_OF = new Map(CONCEPTS.flatMap((words, i) => words.map((w) => [w, `concept:${i}`])));
/** Words that carry no meaning of their own; left out so paraphrases are not told apart by them. */
const FILLER = new Set(
  'a an the my your our of to in on for with and or is are be how do does i me you it this that what can please some'.split(
    ' ',
  ),
);

function bucketAndSign(token: string): { bucket: number; sign: number } {
  const h = createHash('sha256').update(token).digest();
  return { bucket: h.readUInt32LE(0) % FAKE_EMBEDDING_DIMENSIONS, sign: h[4]! & 1 ? 1 : -1 };
}

/** Hashed bag of concepts, L2-normalised: the same text always gives the same vector. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(FAKE_EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (FILLER.has(word)) continue;
    const { bucket, sign } = bucketAndSign(CONCEPT_OF.get(word) ?? word);
    v[bucket]! += sign;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  if (norm === 0) {
    v[0] = 1; // an empty or all-filler text still gets a unit vector, as real models return one
    return v;
  }
  return v.map((x) => x / norm);
}

export interface EmbeddingCall {
  model: string;
  inputs: string[];
  base64: boolean;
}

/** OpenAI's `POST /v1/embeddings` body: `input` a string or an array of strings. */
export function parseEmbeddingCall(body: unknown): EmbeddingCall {
  const b = body as { model?: unknown; input?: unknown; encoding_format?: unknown } | null;
  if (!b || typeof b.model !== 'string' || b.model === '')
    throw new WireRequestError('you must provide a model parameter');
  const inputs = typeof b.input === 'string' ? [b.input] : b.input;
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((i) => typeof i === 'string'))
    throw new WireRequestError("'input' must be a non-empty string or array of strings");
  if (b.encoding_format !== undefined && b.encoding_format !== 'float' && b.encoding_format !== 'base64')
    throw new WireRequestError("'encoding_format' must be 'float' or 'base64'");
  return { model: b.model, inputs: inputs as string[], base64: b.encoding_format === 'base64' };
}

const tokensOf = (inputs: string[]): number => inputs.reduce((s, t) => s + Math.ceil(t.length / 4), 0);

/** Serves one embeddings call: faults first (delay, hang, auth, error), then the vectors. */
export async function serveEmbeddings(c: {
  ex: Exchange;
  wire: WireFormat;
  call: EmbeddingCall;
  fault: FaultSpec | null;
  key: string | null;
  anonymous: boolean;
  headers: Record<string, string>;
}): Promise<void> {
  const { ex, wire, call, fault } = c;
  if (!(await applyPreamble(ex, fault))) return;
  if (refuseBadKey(ex, wire, c)) return;
  const tokens = tokensOf(call.inputs);
  if (fault && isErrorFault(fault)) {
    sendFaultError(ex, wire, fault, c.headers, { key: c.key, inputTokens: tokens });
    return;
  }
  if (!(await ex.pause(fault?.firstTokenDelayMs))) return;
  const data = call.inputs.map((text, index) => {
    const vector = fakeEmbedding(text);
    const embedding = call.base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const body = JSON.stringify({
    object: 'list',
    data,
    model: call.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
  const headers = { 'content-type': 'application/json', ...c.headers };
  if (fault?.malformed) {
    ex.entry.outcome = 'malformed';
    ex.send(200, headers, body.slice(0, Math.max(1, Math.floor(body.length / 2))));
    return;
  }
  ex.entry.outcome = 'ok';
  ex.send(200, headers, body);
}
