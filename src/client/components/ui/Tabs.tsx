import { NavLink } from 'react-router';
import { cx } from './cx.js';

/** Tabs that are links (each tab has its own URL), marked up as a navigation list. */
export function LinkTabs({ tabs, label }: { tabs: { to: string; label: string }[]; label: string }) {
  return (
    <nav aria-label={label} className="mb-6 border-b border-line">
      <ul className="relative -mb-px flex gap-1 overflow-x-auto">
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end
              className={({ isActive }) =>
                cx(
                  'inline-block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
                  isActive ? 'border-brand-600 text-brand-700' : 'border-transparent text-muted hover:border-line hover:text-ink',
                )
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
