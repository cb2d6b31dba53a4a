import { useEffect, useId, useRef, useState } from 'react';
import { CloseIcon } from '../../components/ui/icons.js';
import { Card } from '../../components/ui/Card.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import type { RouterOutputs } from '../../lib/trpc.js';

type Health = RouterOutputs['dashboard']['stats']['health'];

function band(health: Pick<Health, 'score' | 'state'>): { label: MessageKey; color: string; text: string } {
  const { score } = health;
  // Nothing sent: the rates are unmeasured, so "healthy" would be a claim without evidence.
  if (health.state === 'nothing_sent' && score >= 80) return { label: 'dashboard.health.nothingSent', color: 'var(--color-brand-600)', text: 'text-brand-700' };
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
 * The health score with its formula: the breakdown opens on click (or Enter/Space) and stays open
 * until dismissed — Escape, a click outside, or its close button — then focus returns to the button.
 */
export function HealthScoreCard({ health }: { health: Health }) {
  const { t, formatNumber } = useI18n();
  const [open, setOpen] = useState(false);
  const popoverId = useId();
  const titleId = useId();
  const cardRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!cardRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);
  const { label, color, text } = band(health);
  const percent = (value: number) => formatNumber(value, { style: 'percent', maximumFractionDigits: 1 });
  const totalPenalty = health.components.reduce((sum, component) => sum + component.penalty, 0);
  const penalties = health.components.filter((component) => component.penalty > 0).sort((a, b) => b.penalty - a.penalty).slice(0, 3);

  return (
    <div ref={cardRef} className="h-full">
      <Card className="relative flex h-full flex-col p-5">
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
            <p className={cx('text-base font-semibold text-balance', text)}>{t(label)}</p>
            {health.state === 'nothing_sent' && <p className="mt-0.5 text-xs text-muted">{t('dashboard.health.nothingSentHint')}</p>}
            <button
              ref={buttonRef}
              type="button"
              className="mt-2 inline-flex items-center gap-1.5 rounded-md text-left text-sm font-medium text-brand-700 hover:underline"
              aria-expanded={open}
              aria-controls={popoverId}
              onClick={() => setOpen((current) => !current)}
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
          role="dialog"
          aria-modal="false"
          aria-labelledby={titleId}
          hidden={!open}
          className="absolute top-full left-0 z-30 mt-2 w-[min(36rem,calc(100vw-2rem))] rounded-card border border-line bg-panel p-4 text-sm shadow-xl animate-fade-in"
        >
          <div className="mb-2 flex items-start justify-between gap-3">
            <p id={titleId} className="font-medium text-ink">
              {t('dashboard.health.formula')}
            </p>
            <button type="button" onClick={() => close(true)} aria-label={t('dashboard.health.close')} className="-m-1 rounded-md p-1 text-muted hover:bg-surface hover:text-ink">
              <CloseIcon />
            </button>
          </div>
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
    </div>
  );
}
