import { useEffect, useRef } from 'react';

/**
 * Fades `[data-reveal]` elements in as they scroll into view, by setting `data-visible`. With
 * reduced motion (or no IntersectionObserver) everything is shown at once; the hidden starting
 * state is itself behind `motion-safe:`, so those visitors never see anything move.
 */
export function useReveal<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const targets = [...root.querySelectorAll<HTMLElement>('[data-reveal]')];
    const show = (element: Element) => element.setAttribute('data-visible', 'true');
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (reduced || typeof IntersectionObserver === 'undefined') {
      targets.forEach(show);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          show(entry.target);
          observer.unobserve(entry.target);
        }
      },
      { rootMargin: '0px 0px -8% 0px', threshold: 0.1 },
    );
    targets.forEach((target) => observer.observe(target));
    return () => observer.disconnect();
  }, []);
  return ref;
}

/** Classes for an element that fades and slides in once revealed (motion-safe only). */
export const REVEAL =
  'motion-safe:opacity-0 motion-safe:translate-y-4 motion-safe:transition-[opacity,translate] motion-safe:duration-700 motion-safe:ease-out data-[visible=true]:opacity-100 data-[visible=true]:translate-y-0';
