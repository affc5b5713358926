import { useEffect, useRef, useState } from 'react';

/**
 * The value at most every `ms` (the latest one wins at the end), so a dragged boundary updates the
 * preview while it moves without asking main on every pointer event. `value` must keep its identity
 * between renders unless it changed (memoise it), or every render restarts the timer.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, last.current + ms - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
