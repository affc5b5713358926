import type { ComponentProps, ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { CopyButton } from './CopyButton';

/** The text of a highlighted code block (rehype-highlight turns it into nested spans). */
function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node) {
    return textOf((node.props as { children?: ReactNode }).children);
  }
  return '';
}

const components: Components = {
  pre({ children, node: _node, ...rest }: ComponentProps<'pre'> & { node?: unknown }) {
    return (
      <div className="pg-code-block">
        <CopyButton text={textOf(children).replace(/\n$/, '')} label="Copy code" />
        <pre {...rest}>{children}</pre>
      </div>
    );
  },
  // Links open outside the app, and never send where they were clicked from.
  a({ children, href, node: _node }) {
    return (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    );
  },
  // An answer must not make the app fetch anything: images are shown as links to click, not loaded.
  img({ src, alt }) {
    return typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noreferrer noopener">
        [image: {alt || src}]
      </a>
    ) : (
      <span>[image: {alt}]</span>
    );
  },
};

/**
 * An answer as Markdown with highlighted code. react-markdown builds React elements from the
 * syntax tree and never injects HTML: raw HTML in an answer is shown as text, and unsafe URLs
 * (javascript:, data:) are emptied by its URL transform. Highlighting is class-based spans, so the
 * strict CSP (no inline script) holds.
 */
export default function MarkdownBody({ text }: { text: string }) {
  return (
    <div className="pg-markdown">
      <Markdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeHighlight, { detect: false }]]}
        components={components}
        skipHtml={false}
      >
        {text}
      </Markdown>
    </div>
  );
}
