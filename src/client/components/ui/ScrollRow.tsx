import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { cx } from './cx.js';

/**
 * A horizontally scrolling row that shows when more lies off-screen: a fade on that edge and a
 * button that scrolls by most of a screen (the row itself stays keyboard-scrollable).
 */
export function ScrollRow({ label, previousLabel, nextLabel, className, children }: { label: string; previousLabel: string; nextLabel: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ before: false, after: false });
  const measure = useCallback(() => {
    const row = ref.current;
    if (!row) return;
    const before = row.scrollLeft > 4;
    const after = row.scrollLeft + row.clientWidth < row.scrollWidth - 4;
    setEdges((current) => (current.before === before && current.after === after ? current : { before, after }));
  }, []);
  useEffect(() => {
    const row = ref.current;
    if (!row) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    if (row.firstElementChild) observer.observe(row.firstElementChild);
    return () => observer.disconnect();
  }, [measure]);
  const scrollBy = (direction: 1 | -1) => ref.current?.scrollBy({ left: direction * ref.current.clientWidth * 0.8, behavior: 'smooth' });
  const arrow = (direction: 1 | -1, text: string) => (
    <button
      type="button"
      onClick={() => scrollBy(direction)}
      aria-label={text}
      title={text}
      className={cx(
        'absolute top-1/2 z-10 flex size-9 -translate-y-1/2 items-center justify-center rounded-full border border-line bg-panel text-ink shadow-md hover:bg-surface focus-visible:ring-2 focus-visible:ring-brand-500',
        direction === 1 ? 'right-2' : 'left-2',
      )}
    >
      <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
        <path fillRule="evenodd" d={direction === 1 ? 'M7.2 4.2a.8.8 0 0 1 1.1 0l5.2 5.2a.8.8 0 0 1 0 1.1l-5.2 5.3a.8.8 0 1 1-1.1-1.1L11.9 10 7.2 5.3a.8.8 0 0 1 0-1.1Z' : 'M12.8 4.2a.8.8 0 0 1 0 1.1L8.1 10l4.7 4.7a.8.8 0 1 1-1.1 1.1L6.5 10.5a.8.8 0 0 1 0-1.1l5.2-5.2a.8.8 0 0 1 1.1 0Z'} clipRule="evenodd" />
      </svg>
    </button>
  );
  return (
    <div className="relative">
      <div ref={ref} onScroll={measure} className={cx('overflow-x-auto', className)} tabIndex={0} role="region" aria-label={label}>
        {children}
      </div>
      {edges.before && <div className="pointer-events-none absolute inset-y-0 left-0 w-12 bg-gradient-to-r from-panel to-transparent" aria-hidden="true" />}
      {edges.after && <div className="pointer-events-none absolute inset-y-0 right-0 w-16 bg-gradient-to-l from-panel to-transparent" aria-hidden="true" />}
      {edges.before && arrow(-1, previousLabel)}
      {edges.after && arrow(1, nextLabel)}
    </div>
  );
}
