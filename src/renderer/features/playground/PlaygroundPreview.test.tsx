import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RoutingRequest } from '../../../shared/contract';
import { callsTo, renderPlayground } from './renderPlayground';
import { makeDecision } from './testData';

const preview = () => screen.getByRole('region', { name: 'Route preview' });

describe('Playground: route preview while typing', () => {
  it('explains the route once typing pauses: model, estimate, reasons, complexity, fallbacks, alternatives', async () => {
    const user = userEvent.setup();
    const { fake } = renderPlayground();
    expect(preview()).toHaveTextContent('Type or paste a prompt');

    await user.type(screen.getByLabelText('User message'), 'Hi there, how are you?');

    expect(await within(preview()).findByText('Llama 3.1 8B Instant')).toBeInTheDocument();
    const region = preview();
    expect(region).toHaveTextContent('groq/llama-3.1-8b-instant');
    expect(region).toHaveTextContent('12 in · 220 out');
    expect(region).toHaveTextContent('$0.000021');
    expect(region).toHaveTextContent('900 ms');
    expect(region).toHaveTextContent('complexity 0.18 is in the simple tier');
    expect(region).toHaveTextContent('Conversation (detected, confidence 0.70)');
    expect(within(region).getByRole('rowheader', { name: 'questions' })).toBeInTheDocument();
    expect(region).toHaveTextContent('1 question mark');
    expect(within(region).getByRole('region', { name: 'Fallback chain' })).toHaveTextContent(
      'openai/gpt-4o-mini',
    );
    const alternatives = within(region).getByRole('region', { name: 'Alternatives' });
    expect(alternatives).toHaveTextContent('Rejected');
    expect(alternatives).toHaveTextContent('above the max cost of $0.001');

    // Twenty-two keystrokes, one routing call: the preview waits for the pause.
    expect(callsTo(fake, 'routing.decide')).toHaveLength(1);
    const [, input] = callsTo(fake, 'routing.decide')[0]!;
    expect(input).toMatchObject({
      messages: [{ role: 'user', content: 'Hi there, how are you?' }],
      strategy: 'auto',
      constraints: {},
    });
  });

  it('says "Updating…" while the prompt changes, spins only while main decides, then "Up to date"', async () => {
    const user = userEvent.setup();
    let answer: (() => void) | undefined;
    renderPlayground({
      'routing.decide': () =>
        new Promise((resolve) => {
          answer = () => resolve({ ok: true, data: makeDecision() });
        }),
    });
    const freshness = () =>
      within(preview()).getByRole('heading', { name: 'Route preview' }).nextElementSibling!;

    await user.type(screen.getByLabelText('User message'), 'Hi there');
    // Typing: the label changes, but nothing animates while the textarea is busy.
    expect(freshness()).toHaveTextContent('Updating…');
    expect(freshness().querySelector('.spinner')).toBeNull();

    // The pause: routing.decide is asked and the mark spins until its answer lands.
    await waitFor(() => expect(freshness().querySelector('.spinner')).not.toBeNull());
    expect(freshness()).toHaveTextContent('Updating…');
    answer!();
    expect(await within(preview()).findByText('Up to date')).toBeInTheDocument();
    expect(freshness().querySelector('.spinner')).toBeNull();
  });

  it('keeps the prompt when the screen is left and reopened; typing goes on from it', async () => {
    const user = userEvent.setup();
    const { fake } = renderPlayground();
    await user.type(screen.getByLabelText('User message'), 'Compare two railway');
    await waitFor(() => expect(callsTo(fake, 'routing.decide')).toHaveLength(1));

    await user.click(screen.getByRole('link', { name: /Status/ }));
    await screen.findByRole('heading', { level: 1, name: 'Status' });
    await user.click(screen.getByRole('link', { name: /Playground/ }));

    // The field is a new element: the draft is put back in it, not lost with the old one.
    const box = await screen.findByLabelText('User message');
    expect(box).toHaveValue('Compare two railway');
    await user.type(box, ' switches');
    expect(box).toHaveValue('Compare two railway switches');
    await waitFor(() => expect(callsTo(fake, 'routing.decide').length).toBeGreaterThanOrEqual(2));
    const [, input] = callsTo(fake, 'routing.decide').at(-1)!;
    expect(input).toMatchObject({ messages: [{ role: 'user', content: 'Compare two railway switches' }] });
  });

  it('drops a stale routing call when the prompt changes while it is in flight', async () => {
    const user = userEvent.setup();
    let calls = 0;
    const { fake } = renderPlayground({
      'routing.decide': () => {
        calls += 1;
        // The first call never answers; the second does.
        return calls === 1
          ? new Promise(() => {})
          : { ok: true, data: makeDecision({ displayName: 'Second' }) };
      },
    });
    const box = screen.getByLabelText('User message');

    await user.type(box, 'first draft');
    await waitFor(() => expect(callsTo(fake, 'routing.decide')).toHaveLength(1));
    const firstSignal = callsTo(fake, 'routing.decide')[0]![2]?.signal;
    expect(firstSignal?.aborted).toBe(false);

    await user.type(box, ' and more');

    expect(await within(preview()).findByText('Second')).toBeInTheDocument();
    expect(firstSignal?.aborted).toBe(true);
  });

  it('sends options and constraints; an invalid constraint is flagged and left out', async () => {
    const user = userEvent.setup();
    const { fake } = renderPlayground();

    await user.type(screen.getByLabelText('User message'), 'Summarise this');
    await user.selectOptions(screen.getByLabelText('Use case'), 'summarization');
    await user.type(screen.getByLabelText(/Max cost/), '0.01');
    await user.type(screen.getByLabelText(/Min quality/), '1.5');
    await user.selectOptions(screen.getByLabelText('Pinned model'), 'openai/gpt-4o-mini');

    expect(screen.getByText('Enter a quality between 0 and 1, e.g. 0.8.')).toBeInTheDocument();
    expect(screen.getByLabelText(/Min quality/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Strategy')).toBeDisabled();
    await waitFor(() => {
      const last = callsTo(fake, 'routing.decide').at(-1)?.[1] as RoutingRequest | undefined;
      expect(last).toMatchObject({
        useCase: 'summarization',
        model: 'openai/gpt-4o-mini',
        strategy: 'pinned',
        constraints: { maxCostUsd: 0.01 },
      });
      expect(last?.constraints).not.toHaveProperty('minQuality');
    });
  });

  it('says why a prompt cannot be routed, with the code and what to do', async () => {
    const user = userEvent.setup();
    renderPlayground({
      'routing.decide': () => ({
        ok: false,
        error: { code: 'NO_ELIGIBLE_MODEL', message: 'No model meets max cost $0.0000001.' },
      }),
    });

    await user.type(screen.getByLabelText('User message'), 'Write a novel');

    const notice = await within(preview()).findByText('This prompt cannot be routed as set');
    const box = notice.closest('.notice') as HTMLElement;
    expect(box).toHaveTextContent('NO_ELIGIBLE_MODEL');
    expect(box).toHaveTextContent('No model meets max cost $0.0000001.');
    expect(box).toHaveTextContent('Loosen max cost, max latency or min quality');
  });

  it('shows the chunking advice and marks a simulated decision', async () => {
    const user = userEvent.setup();
    renderPlayground({
      'routing.decide': () => ({
        ok: true,
        data: makeDecision({
          shouldChunk: true,
          chunkReason: 'About 42,000 input tokens: more than 30k.',
          simulated: true,
        }),
      }),
    });

    await user.type(screen.getByLabelText('User message'), 'long');

    expect(await within(preview()).findByText('Consider splitting this request')).toBeInTheDocument();
    expect(preview()).toHaveTextContent('About 42,000 input tokens: more than 30k.');
    expect(preview()).toHaveTextContent('Simulated providers');
  });

  it('an attached image asks for a vision model and sends its size', async () => {
    const user = userEvent.setup();
    const { fake } = renderPlayground();
    // jsdom cannot decode images; report a size when the data URL is set.
    Object.defineProperty(HTMLImageElement.prototype, 'naturalWidth', { configurable: true, get: () => 640 });
    Object.defineProperty(HTMLImageElement.prototype, 'naturalHeight', {
      configurable: true,
      get: () => 480,
    });
    const srcSetter = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src')!.set!;
    Object.defineProperty(HTMLImageElement.prototype, 'src', {
      configurable: true,
      set(value: string) {
        srcSetter.call(this, value);
        setTimeout(() => (this as HTMLImageElement).onload?.(new Event('load')), 0);
      },
    });

    await user.type(screen.getByLabelText('User message'), 'What is in this picture?');
    const png = new File([new Uint8Array([137, 80, 78, 71])], 'cat.png', { type: 'image/png' });
    await user.upload(screen.getByLabelText('Attach image'), png);

    expect(await screen.findByRole('list', { name: 'Attached images' })).toHaveTextContent('cat.png');
    expect(screen.getByRole('list', { name: 'Attached images' })).toHaveTextContent('640×480');
    await waitFor(() =>
      expect(callsTo(fake, 'routing.decide').at(-1)?.[1]).toMatchObject({
        requires: ['vision'],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image', image: { width: 640, height: 480 } },
            ],
          },
        ],
      }),
    );
  });
});
