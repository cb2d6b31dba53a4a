import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** "← Campaigns" above a page's title: the way back to the list it was opened from. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} className="mb-3 inline-flex items-center gap-1 rounded text-sm font-medium text-muted hover:text-ink">
      <span aria-hidden="true">←</span> {children}
    </Link>
  );
}
