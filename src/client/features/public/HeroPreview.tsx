import type { CSSProperties } from 'react';
import { useT } from '../../i18n/index.js';

const stagger = (index: number): CSSProperties => ({ animationDelay: `${250 + index * 180}ms` });

/** An illustration of the product at work (a reply qualified and turned into a meeting), built in HTML. */
export function HeroPreview() {
  const t = useT();
  return (
    <div role="img" aria-label={t('landing.preview.label')} className="relative mx-auto w-full max-w-md lg:max-w-none">
      <div className="rounded-2xl border border-line bg-panel p-5 shadow-2xl shadow-brand-600/10 motion-safe:animate-slide-up">
        <div className="flex items-center justify-between border-b border-line pb-3">
          <div className="flex items-center gap-2">
            <span className="size-2.5 rounded-full bg-danger-600/70" />
            <span className="size-2.5 rounded-full bg-warning-600/70" />
            <span className="size-2.5 rounded-full bg-success-600/70" />
          </div>
          <span className="text-xs font-medium text-subtle">{t('landing.preview.inbox')}</span>
        </div>
        <div className="mt-4 space-y-3">
          <div className="rounded-xl bg-surface p-4 motion-safe:animate-slide-up" style={stagger(0)}>
            <div className="flex items-center gap-3">
              <span className="flex size-9 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700">AM</span>
              <div className="min-w-0">
                <p className="text-sm font-semibold text-ink">Alex Morgan</p>
                <p className="text-xs text-muted">{t('landing.preview.role')}</p>
              </div>
            </div>
            <p className="mt-3 text-sm text-ink">{t('landing.preview.reply')}</p>
          </div>
          <div className="flex items-center gap-2 motion-safe:animate-slide-up" style={stagger(1)}>
            <span className="inline-flex items-center gap-1.5 rounded-full bg-success-50 px-2.5 py-1 text-xs font-medium text-success-700 ring-1 ring-success-600/20">
              <span className="size-1.5 rounded-full bg-success-600" />
              {t('landing.preview.intent')}
            </span>
            <span className="text-xs text-muted">{t('landing.preview.confidence')}</span>
          </div>
          <div className="rounded-xl border border-brand-100 bg-brand-50/60 p-4 motion-safe:animate-slide-up" style={stagger(2)}>
            <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">{t('landing.preview.agent')}</p>
            <p className="mt-1.5 text-sm text-ink">{t('landing.preview.answer')}</p>
            <p className="mt-2 truncate font-mono text-xs text-brand-700">cal.com/you/intro</p>
          </div>
          <div className="flex items-center justify-between rounded-xl bg-ink px-4 py-3 text-white motion-safe:animate-slide-up" style={stagger(3)}>
            <div className="flex items-center gap-3">
              <svg viewBox="0 0 24 24" className="size-5 text-success-50" fill="currentColor" aria-hidden="true">
                <path d="M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7Zm-2 8h14v10H5V10Zm10.3 2.3 1.4 1.4-5.2 5.2-3.2-3.2 1.4-1.4 1.8 1.8 3.8-3.8Z" />
              </svg>
              <span className="text-sm font-medium">{t('landing.preview.meeting')}</span>
            </div>
            <span className="text-xs text-white/70">{t('landing.preview.when')}</span>
          </div>
        </div>
      </div>
      <div className="absolute -bottom-12 -left-6 hidden rounded-xl border border-line bg-panel px-4 py-3 shadow-lg motion-safe:animate-slide-up sm:block" style={stagger(4)}>
        <p className="text-xs text-muted">{t('landing.preview.statLabel')}</p>
        <p className="text-lg font-semibold text-ink">{t('landing.preview.stat')}</p>
      </div>
    </div>
  );
}
