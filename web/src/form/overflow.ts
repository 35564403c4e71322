import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Whether an element's content is wider than the element (so it scrolls sideways), kept up to date
 * as the window, the content or `contentKey` (e.g. the number of rows) change.
 */
export function useOverflowing<T extends HTMLElement>(contentKey: unknown) {
  const ref = useRef<T>(null);
  const [overflowing, setOverflowing] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflowing(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [contentKey]);
  return { ref, overflowing };
}
