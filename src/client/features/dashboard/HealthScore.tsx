import { useId, useState } from 'react';
import { Card } from '../../components/ui/Card.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import type { RouterOutputs } from '../../lib/trpc.js';

type Health = RouterOutputs['dashboard']['stats']['health'];

function band(score: number): { label: MessageKey; color: string; text: string } {
  if (score >= 80) return { label: 'dashboard.health.good', color: 'var(--color-success-600)', text: 'text-success-700' };
  if (score >= 50) return { label: 'dashboard.health.fair', color: 'var(--color-warning-600)', text: 'text-warning-700' };
  return { label: 'dashboard.health.poor', color: 'var(--color-danger-600)', text: 'text-danger-600' };
}

function Gauge({ score, color }: { score: number; color: string }) {
  const radius = 42;
  const circumference = 2 * Math.PI * radius;
  return (
    <svg viewBox="0 0 100 100" className="size-28 shrink-0 -rotate-90" aria-hidden="true">
      <circle cx="50" cy="50" r={radius} fill="none" stroke="var(--color-line)" strokeWidth="9" />
      <circle
        cx="50"
        cy="50"
        r={radius}
        fill="none"
        stroke={color}
        strokeWidth="9"
        strokeLinecap="round"
        strokeDasharray={`${(score / 100) * circumference} ${circumference}`}
        className="transition-[stroke-dasharray] duration-700"
      />
    </svg>
  );
}

/**
 * The health score with its formula: the breakdown opens on hover, on keyboard focus and on click
 * (Escape closes it), and is also the button's description for screen readers.
 */
export function HealthScoreCard({ health }: { health: Health }) {
  const { t, formatNumber } = useI18n();
  const [open, setOpen] = useState(false);
  const popoverId = useId();
  const { label, color, text } = band(health.score);
  const percent = (value: number) => formatNumber(value, { style: 'percent', maximumFractionDigits: 1 });
  const totalPenalty = health.components.reduce((sum, component) => sum + component.penalty, 0);
  const penalties = health.components.filter((component) => component.penalty > 0).sort((a, b) => b.penalty - a.penalty).slice(0, 3);

  return (
    <Card className="relative flex h-full flex-col p-5" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <h2 className="text-sm font-medium text-muted">{t('dashboard.health.title')}</h2>
      <div className="mt-3 flex items-center gap-5">
        <div className="relative">
          <Gauge score={health.score} color={color} />
          <p className="absolute inset-0 flex flex-col items-center justify-center">
            <span className="text-3xl font-semibold tracking-tight text-ink tabular-nums" data-testid="health-score">
              {health.score}
            </span>
            <span className="text-[11px] text-muted">{t('dashboard.health.outOf')}</span>
          </p>
        </div>
        <div className="min-w-0">
          <p className={cx('text-base font-semibold whitespace-nowrap', text)}>{t(label)}</p>
          <button
            type="button"
            className="mt-2 inline-flex items-center gap-1.5 rounded-md text-left text-sm font-medium text-brand-700 hover:underline"
            aria-expanded={open}
            aria-controls={popoverId}
            aria-describedby={popoverId}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onClick={() => setOpen((current) => !current)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setOpen(false);
            }}
          >
            <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
              <path
                fillRule="evenodd"
                d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.25v2.25a.75.75 0 0 0 1.5 0V9.75A.75.75 0 0 0 10 9H9Z"
                clipRule="evenodd"
              />
            </svg>
            {t('dashboard.health.how')}
          </button>
        </div>
      </div>
      <ul className="mt-4 space-y-1.5 border-t border-line pt-3 text-sm">
        {penalties.length === 0 ? (
          <li className="text-muted">{t('dashboard.health.allClear')}</li>
        ) : (
          penalties.map((component) => (
            <li key={component.key} className="flex items-baseline justify-between gap-3">
              <span className="truncate text-ink">{t(`dashboard.health.${component.key}` as MessageKey)}</span>
              <span className="shrink-0 font-medium text-danger-600 tabular-nums">−{formatNumber(component.penalty)}</span>
            </li>
          ))
        )}
      </ul>
      <div
        id={popoverId}
        role="tooltip"
        hidden={!open}
        className="absolute top-full left-0 z-30 mt-2 w-[min(36rem,calc(100vw-2rem))] rounded-card border border-line bg-panel p-4 text-sm shadow-xl animate-fade-in"
      >
        <p className="mb-2 font-medium text-ink">{t('dashboard.health.formula')}</p>
        <table className="w-full text-left">
          <thead className="text-xs text-muted">
            <tr>
              <th className="py-1 pr-3 font-medium">{t('dashboard.health.col.component')}</th>
              <th className="py-1 pr-3 text-right font-medium">{t('dashboard.health.col.value')}</th>
              <th className="py-1 pr-3 text-right font-medium">{t('dashboard.health.col.penalty')}</th>
              <th className="py-1 font-medium">{t('dashboard.health.col.rule')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {health.components.map((component) => {
              const isRate = component.key === 'bounceRate' || component.key === 'replyRate';
              return (
                <tr key={component.key}>
                  <td className="py-1.5 pr-3 text-ink">{t(`dashboard.health.${component.key}` as MessageKey)}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums text-ink">
                    {component.applies ? (isRate ? percent(component.value) : formatNumber(component.value)) : <span className="text-xs text-muted">{t('dashboard.health.notEnoughData')}</span>}
                  </td>
                  <td className={cx('py-1.5 pr-3 text-right font-medium tabular-nums', component.penalty > 0 ? 'text-danger-600' : 'text-muted')}>
                    {component.penalty > 0 ? `−${formatNumber(component.penalty)}` : '0'}
                  </td>
                  <td className="py-1.5 text-xs text-muted">{t(`dashboard.health.rule.${component.key}` as MessageKey)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="mt-3 border-t border-line pt-2 font-medium text-ink tabular-nums">
          {t('dashboard.health.result', { penalties: formatNumber(Math.round(totalPenalty * 10) / 10), score: health.score })}
        </p>
      </div>
    </Card>
  );
}
