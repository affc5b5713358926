import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { afterAll, describe, expect, it } from 'vitest';
import { RoutingRequestSchema } from '../../../shared/contract/routing';
import { longText } from '../test/prompts';
import { ExactTokenCounter } from './exactTokenCounter';
import { imageTokens } from './imageTokens';
import { ScanCache } from './scanCache';
import { estimateRequestTokens, inputTokensFor, prepareRequest } from './requestTokens';
import { FULL_SCAN_CHARS, scanText, textHash } from './textScan';
import { estimateO200k } from './tokenEstimate';

const exact = new Tiktoken(o200k);
const count = (t: string) => exact.encode(t, [], []).length;
const counter = new ExactTokenCounter();
afterAll(() => counter.close());

describe('fast token estimate', () => {
  it.each([1_000, 10_000, 100_000])('is within 5 percent of js-tiktoken on a %i-token mixed prompt', (n) => {
    const text = longText(n, n);
    const error = Math.abs(estimateO200k(scanText(text)) - count(text)) / count(text);
    expect(error).toBeLessThan(0.05);
  });

  it('samples texts above the full-scan size and still lands within 5%', () => {
    const text = longText(60_000, 3);
    const scan = scanText(text);
    expect(text.length).toBeGreaterThan(FULL_SCAN_CHARS);
    expect(scan.sampled).toBe(true);
    expect(Math.abs(estimateO200k(scan) - count(text)) / count(text)).toBeLessThan(0.05);
  });

  it('adds chat overhead per message and image tokens per model family', () => {
    const prepared = prepareRequest(
      RoutingRequestSchema.parse({
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', image: { width: 1024, height: 1024 } },
            ],
          },
        ],
      }),
    );
    const t = estimateRequestTokens(prepared);
    expect(prepared.instruction).toBe('What is this?');
    // 2 messages × 3 + 3 for the reply + 765 for a 1024² image at high detail.
    expect(inputTokensFor(t, 'o200k')).toBe(t.reference + 2 * 3 + 3 + 765);
    expect(inputTokensFor(t, 'gemini')).toBe(Math.ceil(t.reference) + 2 * 5 + 5 + 4 * 258);
  });
});

describe('the text scan', () => {
  it('counts the runs the estimate is built on', () => {
    const scan = scanText('Internationalisation costs 1234567 dollars;  twice\n\tok 你好 é 😀');
    expect(scan).toMatchObject({
      words: 5, // Internationalisation, costs, dollars, twice, ok
      longWordLetters: 15, // beyond the 6th letter: 14 in "Internationalisation", 1 in "dollars"
      digitGroups: 3, // 1234567 → 123 456 7
      punctuation: 1,
      spaceRuns: 1,
      newlines: 1,
      cjk: 2,
      otherLetters: 1,
      symbols: 2, // the emoji is two UTF-16 code units
      sampled: false,
    });
  });

  it('keeps cached scans per text content, not per length', () => {
    const cache = new ScanCache();
    const prose = longText(3_000, 1);
    const digits = prose.replace(/[a-z]/g, '7');
    expect(digits.length).toBe(prose.length);
    expect(cache.scan(prose)).toEqual(scanText(prose));
    expect(cache.scan(digits)).toEqual(scanText(digits));
    expect(cache.scan(prose).words).toBeGreaterThan(cache.scan(digits).words);
  });
});

describe('image tokens follow the vendors’ formulas', () => {
  it.each([
    [
      'OpenAI high detail 1024²',
      { width: 1024, height: 1024, detail: 'high' as const },
      'o200k' as const,
      765,
    ],
    ['OpenAI low detail', { width: 4000, height: 3000, detail: 'low' as const }, 'o200k' as const, 85],
    [
      'OpenAI 4000×3000 (scaled to 1024×768, 4 tiles)',
      { width: 4000, height: 3000, detail: 'auto' as const },
      'o200k' as const,
      765,
    ],
    [
      'OpenAI 2048×4096 (its docs: 768×1536, 6 tiles)',
      { width: 2048, height: 4096, detail: 'high' as const },
      'o200k' as const,
      1105,
    ],
    ['Claude 1000×1000', { width: 1000, height: 1000, detail: 'auto' as const }, 'claude' as const, 1334],
    ['Gemini small', { width: 300, height: 200, detail: 'auto' as const }, 'gemini' as const, 258],
    [
      'Gemini 1024×1024 (4 tiles)',
      { width: 1024, height: 1024, detail: 'auto' as const },
      'gemini' as const,
      1032,
    ],
  ])('%s', (_, image, family, tokens) => {
    expect(imageTokens(image, family)).toBe(tokens);
  });
});

describe('exact counts off the main thread', () => {
  it('matches js-tiktoken, treats special tokens as text, and caches by text', async () => {
    const texts = ['Hello, world!', 'The end <|endoftext|> is near', longText(2_000)];
    const items = texts.map((text) => ({ text, hash: textHash(text) }));
    expect(await counter.count(items, 'o200k_base')).toEqual(texts.map(count));
    expect(counter.cached(items[2]!.hash, 'o200k_base')).toBe(count(texts[2]!));
    const cl = new Tiktoken((await import('js-tiktoken/ranks/cl100k_base')).default);
    expect(await counter.count(items.slice(0, 1), 'cl100k_base')).toEqual([
      cl.encode(texts[0]!, [], []).length,
    ]);
  });

  it('keeps the main thread free while a large text is counted', async () => {
    await counter.warmUp();
    const text = longText(100_000, 7);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = performance.now();
    await counter.count([{ text, hash: textHash(text) }], 'o200k_base');
    clearInterval(timer);
    const elapsed = performance.now() - started;
    // If the count ran on this thread, the 1 ms timer could not fire during it.
    expect(ticks).toBeGreaterThan(elapsed / 10);
  });
});
