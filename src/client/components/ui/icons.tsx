import { cx } from './cx.js';

/** The few icons several screens share (20×20 grid, `currentColor`); decorative, so hidden from screen readers. */
function Icon({ className, d }: { className?: string; d: string }) {
  return (
    <svg viewBox="0 0 20 20" className={cx('size-4 shrink-0', className)} fill="currentColor" aria-hidden="true">
      <path fillRule="evenodd" clipRule="evenodd" d={d} />
    </svg>
  );
}

export function PlusIcon({ className }: { className?: string }) {
  return <Icon className={className} d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />;
}

export function CloseIcon({ className }: { className?: string }) {
  return (
    <Icon
      className={className}
      d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z"
    />
  );
}

export function CheckIcon({ className }: { className?: string }) {
  return <Icon className={className} d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />;
}

export function TrashIcon({ className }: { className?: string }) {
  return (
    <Icon
      className={className}
      d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.44c-.8.08-1.58.17-2.37.3a.75.75 0 1 0 .26 1.47l.15-.02.8 10.4A2.75 2.75 0 0 0 7.58 19h4.84a2.75 2.75 0 0 0 2.74-2.66l.8-10.4.15.02a.75.75 0 1 0 .26-1.48c-.79-.12-1.58-.21-2.37-.29v-.44A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.67.03 2.5.08v-.33c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.33C8.33 4.03 9.16 4 10 4ZM8.58 7.72a.75.75 0 0 0-1.5.06l.3 7.5a.75.75 0 1 0 1.5-.06l-.3-7.5Zm4.34.06a.75.75 0 1 0-1.5-.06l-.3 7.5a.75.75 0 1 0 1.5.06l.3-7.5Z"
    />
  );
}
