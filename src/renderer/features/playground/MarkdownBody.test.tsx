import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import MarkdownBody from './MarkdownBody';

describe('answers as Markdown', () => {
  it('renders Markdown with highlighted code and a copy button per block', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const text =
      '# Plan\n\n- **one**\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\ndef f(x):\n    return x * 2\n```\n';

    const { container } = render(<MarkdownBody text={text} />);

    expect(screen.getByRole('heading', { level: 1, name: 'Plan' })).toBeInTheDocument();
    expect(screen.getByRole('table')).toBeInTheDocument();
    expect(container.querySelector('code.language-python .hljs-keyword')).toHaveTextContent('def');
    await user.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(writeText).toHaveBeenCalledWith('def f(x):\n    return x * 2');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('never turns an answer into live HTML: tags show as text, script URLs are dropped, images are not loaded', () => {
    const text = [
      'Hi <img src=x onerror="alert(1)"> <script>alert(2)</script>',
      '',
      '[click me](javascript:alert(3)) and ![tracker](https://example.com/pixel.png)',
    ].join('\n');

    const { container } = render(<MarkdownBody text={text} />);

    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container).toHaveTextContent('<img src=x onerror="alert(1)">');
    const link = screen.getByText('click me').closest('a');
    expect(link?.getAttribute('href') ?? '').not.toMatch(/javascript/i);
    const tracker = screen.getByRole('link', { name: '[image: tracker]' });
    expect(tracker).toHaveAttribute('rel', 'noreferrer noopener');
  });
});
