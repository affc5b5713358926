import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of an element, known before the first paint and followed as the window resizes.
 *
 * The spend chart takes its width from here rather than from recharts' ResponsiveContainer, which
 * draws the chart once at an assumed width, measures its box in an effect (a forced layout with the
 * fresh chart in it) and then draws all the bars again at the real width. Measured over a 1M-request
 * ledger (`npm run bench -- dashboard`), that second pass was about a third of the chart's first
 * render. Here the empty box is measured in a layout effect, before anything is drawn in it.
 */
export function useElementWidth<T extends HTMLElement>(): [RefObject<T | null>, number | null] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
