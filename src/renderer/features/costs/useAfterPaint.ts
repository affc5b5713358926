import { useEffect, useState } from 'react';

/**
 * False until a frame has been painted after `ready` became true, then true for good. Parts that
 * can wait (cards below the fold, the budget arcs) mount one frame after the spend chart, so its
 * bars are not held back by their render and their four report queries.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const paintedNow = () => {
      timer = setTimeout(() => setPainted(true), 0);
    };
    // rAF runs just before the frame's paint; a task queued from it runs after that paint. A hidden
    // page paints no frames (and runs no rAF), so there is nothing to wait for.
    if (document.hidden) {
      paintedNow();
      return () => clearTimeout(timer);
    }
    const frame = requestAnimationFrame(paintedNow);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}
