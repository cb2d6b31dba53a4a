import { ONBOARDING_STEPS } from '../../../shared/workspace-rules.js';
import { CheckIcon } from '../../components/ui/icons.js';
import { ProgressBar } from '../../components/ui/ProgressBar.js';
import { cx } from '../../components/ui/cx.js';
import { useT, type MessageKey } from '../../i18n/index.js';

const STEP_TITLES: MessageKey[] = ['onboarding.step1.short', 'onboarding.step2.short', 'onboarding.step3.short', 'onboarding.step4.short', 'onboarding.step5.short'];

type Status = 'current' | 'done' | 'skipped' | 'upcoming';

/**
 * "Step x of 5" with a bar, and the ordered list of steps: the current one carries
 * aria-current="step"; any step can be revisited.
 */
export function WizardProgress({ step, skipped, reached, onSelect, disabled }: { step: number; skipped: number[]; reached: number; onSelect: (step: number) => void; disabled?: boolean }) {
  const t = useT();
  const statusOf = (n: number): Status => (n === step ? 'current' : skipped.includes(n) ? 'skipped' : n < reached ? 'done' : 'upcoming');
  return (
    <nav aria-label={t('onboarding.progress.label')} className="space-y-4">
      <div>
        <p className="text-sm font-medium text-ink" aria-live="polite">
          {t('onboarding.progress.stepOf', { step, total: ONBOARDING_STEPS })}
        </p>
        <ProgressBar className="mt-2" value={step} max={ONBOARDING_STEPS} label={t('onboarding.progress.stepOf', { step, total: ONBOARDING_STEPS })} />
      </div>
      {/* On a phone the bar and "Step x of 5" say enough; the list would push the form below the fold. */}
      <ol className="hidden space-y-1 lg:block">
        {STEP_TITLES.map((title, index) => {
          const n = index + 1;
          const status = statusOf(n);
          return (
            <li key={title}>
              <button
                type="button"
                onClick={() => onSelect(n)}
                disabled={disabled || n === step}
                aria-current={status === 'current' ? 'step' : undefined}
                className={cx(
                  'flex w-full items-center gap-3 rounded-lg px-2.5 py-2 text-left text-sm transition-colors disabled:cursor-default',
                  status === 'current' ? 'bg-panel font-semibold text-ink shadow-card ring-1 ring-line' : 'text-muted hover:bg-panel hover:text-ink',
                )}
              >
                <span
                  aria-hidden="true"
                  className={cx(
                    'flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold',
                    status === 'current' && 'bg-brand-600 text-white',
                    status === 'done' && 'bg-success-50 text-success-700 ring-1 ring-success-600/30',
                    status === 'skipped' && 'bg-surface text-subtle ring-1 ring-line',
                    status === 'upcoming' && 'bg-panel text-muted ring-1 ring-line',
                  )}
                >
                  {status === 'done' ? (
                    <CheckIcon className="size-4" />
                  ) : (
                    n
                  )}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block truncate">{t(title)}</span>
                  {status !== 'upcoming' && status !== 'current' && (
                    <span aria-hidden="true" className="block text-xs font-normal text-subtle">{t(`onboarding.progress.${status}`)}</span>
                  )}
                </span>
                <span className="sr-only">{t(`onboarding.progress.${status}`)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
