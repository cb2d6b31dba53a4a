import { useCallback, useState } from 'react';
import { Alert } from '../../components/ui/Alert.js';
import { Button } from '../../components/ui/Button.js';
import { Card, SectionHeader } from '../../components/ui/Card.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { PlusIcon } from '../../components/ui/icons.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { Spinner } from '../../components/ui/Spinner.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { PreviewPanel } from './PreviewPanel.js';
import { addStep, fromServer, MAX_STEPS, type DraftStep } from './sequence-draft.js';
import { StepCard } from './StepCard.js';
import { useAutosave, type SaveState } from './useAutosave.js';

/** The campaign page's Sequence tab: loads the stored sequence once, then the editor owns the draft. */
export function SequenceEditor({ campaignId, readOnly }: { campaignId: string; readOnly: boolean }) {
  const { t } = useI18n();
  const sequence = trpc.sequences.get.useQuery({ id: campaignId }, { refetchOnWindowFocus: false, staleTime: Number.POSITIVE_INFINITY });
  if (sequence.isPending) {
    return (
      <div role="status" aria-label={t('sequence.loading')} className="space-y-4">
        <Skeleton className="h-48 w-full" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  if (sequence.error) {
    return (
      <Card>
        <ErrorState onRetry={() => void sequence.refetch()} />
      </Card>
    );
  }
  return <Editor campaignId={campaignId} initial={sequence.data} readOnly={readOnly} />;
}

function Editor({ campaignId, initial, readOnly }: { campaignId: string; initial: RouterOutputs['sequences']['get']; readOnly: boolean }) {
  const { t } = useI18n();
  const [steps, setSteps] = useState<DraftStep[]>(() => fromServer(initial));
  const [revision, setRevision] = useState(0);
  const [active, setActive] = useState({ step: 0, version: 0 });
  const autosave = useAutosave(campaignId, steps, revision);

  const edit = useCallback((change: (current: DraftStep[]) => DraftStep[]) => {
    setSteps((current) => change(current));
    setRevision((current) => current + 1);
  }, []);

  const activeStep = Math.min(active.step, Math.max(0, steps.length - 1));
  const activeVersion = Math.min(active.version, Math.max(0, (steps[activeStep]?.versions.length ?? 1) - 1));
  const hasBlank = steps.some((step) => (step.versions[0]?.body ?? '').trim() === '');

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-5">
      <section aria-labelledby="sequence-title" className="min-w-0 space-y-4 xl:col-span-3">
        <SectionHeader id="sequence-title" title={t('sequence.title')} description={t('sequence.description')} actions={!readOnly && <SaveIndicator state={autosave.state} onRetry={() => void autosave.saveNow()} />} />
        {readOnly && <Alert tone="info">{t('sequence.readonly')}</Alert>}
        {autosave.state === 'error' && <SaveError error={autosave.error} />}
        {steps.length === 0 ? (
          <Card>
            <EmptyState
              level={3}
              title={t('sequence.empty.title')}
              body={t('sequence.empty.body')}
              action={
                !readOnly && (
                  <Button onClick={() => edit(addStep)}>
                    <PlusIcon className="h-4 w-4" /> {t('sequence.addFirst')}
                  </Button>
                )
              }
            />
          </Card>
        ) : (
          <ol className="space-y-4">
            {steps.map((step, index) => (
              <li key={step.key}>
                <StepCard
                  steps={steps}
                  index={index}
                  version={active.step === index ? activeVersion : 0}
                  onVersion={(version) => setActive({ step: index, version })}
                  edit={edit}
                  customFieldKeys={initial.customFieldKeys}
                  readOnly={readOnly}
                  previewing={index === activeStep}
                  onPreview={() => setActive({ step: index, version: active.step === index ? activeVersion : 0 })}
                />
              </li>
            ))}
          </ol>
        )}
        {hasBlank && steps.length > 0 && <p className="text-xs text-muted">{t('sequence.save.blankSkipped')}</p>}
        {steps.length > 0 && !readOnly && (
          <div className="flex items-center gap-3">
            <Button
              variant="secondary"
              disabled={steps.length >= MAX_STEPS}
              onClick={() => {
                edit(addStep);
                setActive({ step: steps.length, version: 0 });
              }}
            >
              <PlusIcon className="h-4 w-4" /> {t('sequence.addStep')}
            </Button>
            {steps.length >= MAX_STEPS && <span className="text-xs text-muted">{t('sequence.maxSteps', { max: MAX_STEPS })}</span>}
          </div>
        )}
      </section>
      <aside className="min-w-0 xl:col-span-2">
        <PreviewPanel campaignId={campaignId} steps={steps} stepIndex={activeStep} version={activeVersion} saveNow={autosave.saveNow} />
      </aside>
    </div>
  );
}

function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" data-testid="save-state" data-state={state} className={cx('flex items-center gap-2 text-sm', state === 'error' ? 'text-danger-600' : 'text-muted')}>
      {state === 'saving' && <Spinner />}
      {state === 'saved' && <span aria-hidden="true">✓</span>}
      <span>{t(`sequence.save.${state}`)}</span>
      {state === 'error' && (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          {t('sequence.save.retry')}
        </Button>
      )}
    </div>
  );
}

function SaveError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  return <Alert tone="danger">{errorText.message(error, t('sequence.save.error'))}</Alert>;
}
