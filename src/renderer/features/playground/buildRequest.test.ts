import { describe, expect, it } from 'vitest';
import { buildRequest, readConstraint } from './buildRequest';
import { EMPTY_DRAFT } from './composeStore';

describe('buildRequest', () => {
  it('nothing to route until there is a prompt or an image', () => {
    expect(buildRequest({ ...EMPTY_DRAFT, user: '   ' }).request).toBeNull();
  });

  it('puts the system message first and earlier turns before the new message', () => {
    const { request } = buildRequest({
      ...EMPTY_DRAFT,
      system: 'Be brief.',
      turns: [
        { role: 'user', content: 'Q1' },
        { role: 'assistant', content: 'A1', model: 'openai/gpt-4o' },
      ],
      user: 'Q2',
    });
    expect(request?.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2' },
    ]);
  });

  it('sends image bytes only with a run; the preview routes on their size alone', () => {
    const image = {
      id: 'img-1',
      name: 'chart.png',
      dataUrl: 'data:image/png;base64,iVBORw0KGgo=',
      width: 800,
      height: 600,
      sizeBytes: 8,
    };
    const draft = {
      ...EMPTY_DRAFT,
      turns: [
        { role: 'user' as const, content: 'Q1', images: [image] },
        { role: 'assistant' as const, content: 'A1', model: 'openai/gpt-4o' },
      ],
      user: 'And this one?',
      images: [{ ...image, id: 'img-2' }],
    };
    const preview = buildRequest(draft).request;
    expect(preview?.requires).toEqual(['vision']);
    expect(JSON.stringify(preview)).not.toContain('base64');
    expect(preview?.messages?.[0]?.content).toEqual([
      { type: 'text', text: 'Q1' },
      { type: 'image', image: { width: 800, height: 600, detail: 'auto' } },
    ]);

    const run = buildRequest(draft, { withImageData: true }).request;
    // An earlier turn keeps its image: chat APIs are stateless, so every turn sends the whole chat.
    expect(run?.messages?.[0]?.content).toEqual([
      { type: 'text', text: 'Q1' },
      { type: 'image', image: { width: 800, height: 600, detail: 'auto', data: image.dataUrl } },
    ]);
    expect(run?.messages?.[2]?.content).toEqual([
      { type: 'text', text: 'And this one?' },
      { type: 'image', image: { width: 800, height: 600, detail: 'auto', data: image.dataUrl } },
    ]);
  });

  it('reads constraints, accepting a leading $, and reports the ones it cannot use', () => {
    const built = buildRequest({
      ...EMPTY_DRAFT,
      user: 'x',
      constraints: { maxCostUsd: '$0.02', maxLatencySeconds: 'soon', minQuality: '0' },
    });
    expect(built.request?.constraints).toEqual({ maxCostUsd: 0.02, minQuality: 0 });
    expect(built.problems).toEqual({ maxLatencySeconds: 'Enter a number of seconds above 0, e.g. 5.' });
    expect(readConstraint('maxCostUsd', '0')).toBe('Enter a cost in US dollars above 0, e.g. 0.01.');
    expect(readConstraint('minQuality', '1')).toBe(1);
  });

  it('passes the prompt through by reference: a 400k-character prompt is not copied or scanned', () => {
    const huge = 'word '.repeat(80_000) + 'end';
    const { request } = buildRequest({ ...EMPTY_DRAFT, user: huge });
    expect(request?.messages?.[0]?.content).toBe(huge);
  });
});
