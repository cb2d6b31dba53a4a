import { cx } from './cx.js';

/** Determinate when `value`/`max` are known, indeterminate otherwise. */
export function ProgressBar({ value, max = 100, label, className }: { value: number | null; max?: number; label: string; className?: string }) {
  const percent = value === null || max <= 0 ? null : Math.min(100, Math.round((value / max) * 100));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value ?? undefined}
      className={cx('h-2 w-full overflow-hidden rounded-full bg-line', className)}
    >
      <div
        className={cx('h-full rounded-full bg-brand-600 transition-[width] duration-300', percent === null && 'w-1/3 animate-pulse')}
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
