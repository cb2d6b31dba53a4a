import { useState, type DragEvent } from 'react';
import { CampaignSelectField } from './CampaignSelectField.js';
import { Button, ButtonLink } from '../../components/ui/Button.js';
import { cx } from '../../components/ui/cx.js';
import { ProgressBar } from '../../components/ui/ProgressBar.js';
import { Spinner } from '../../components/ui/Spinner.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { PREVIEW_BYTES, readCsvFile, uploadCsv, type ColumnTarget, type ImportResult } from './csv-file.js';
import { ImportMappingStep } from './ImportMappingStep.js';
import { ImportResultView } from './ImportResultView.js';
import { newUuid } from './prospect-ui.js';
import { Alert } from '../../components/ui/Alert.js';
import { useErrorText } from '../../lib/useErrorText.js';

type Preview = RouterOutputs['prospects']['previewImport'];
type Step =
  | { name: 'choose' }
  | { name: 'map'; fileName: string; text: string; preview: Preview; mapping: ColumnTarget[] }
  | { name: 'importing'; fileName: string; importId: string }
  | { name: 'done'; fileName: string; result: ImportResult };

const STEPS = ['choose', 'map', 'importing', 'done'] as const;
const FINAL_STATUS_POLL_MS = 500;

function Stepper({ current }: { current: Step['name'] }) {
  const t = useI18n().t;
  const labels = [t('prospects.import.step.choose'), t('prospects.import.step.map'), t('prospects.import.step.import'), t('prospects.import.step.done')];
  const index = STEPS.indexOf(current);
  return (
    <ol className="mb-5 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" aria-label={t('prospects.import.steps')}>
      {labels.map((label, i) => (
        <li key={label} aria-current={i === index ? 'step' : undefined} className={cx('flex items-center gap-2', i === index ? 'font-medium text-ink' : i < index ? 'text-muted' : 'text-subtle')}>
          <span className={cx('flex size-6 items-center justify-center rounded-full text-xs', i <= index ? 'bg-brand-600 text-white' : 'bg-line text-muted')} aria-hidden="true">
            {i < index ? '✓' : i + 1}
          </span>
          {label}
          {i < labels.length - 1 && <span aria-hidden="true" className="ml-1 h-px w-6 bg-line" />}
        </li>
      ))}
    </ol>
  );
}

/**
 * CSV import, start to finish: choose a file → check the suggested column mapping on a preview →
 * import with a live progress bar → summary with the refused rows. Reusable: the onboarding wizard
 * embeds it with its campaign.
 */
export function CsvImportFlow({ campaignId, onDone }: { campaignId?: string; onDone?: (result: ImportResult) => void }) {
  const { t, tp, formatNumber } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [reading, setReading] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [chosenCampaign, setChosenCampaign] = useState(campaignId ?? '');
  const preview = trpc.prospects.previewImport.useMutation();
  const status = trpc.prospects.importStatus.useQuery(
    { id: step.name === 'importing' ? step.importId : '' },
    // 404 until the server has stored the upload: keep polling, show an indeterminate bar.
    { enabled: step.name === 'importing', refetchInterval: 400, retry: false },
  );

  /** The import runs as a job: it is done when its status says so, whether or not the upload waited for it. */
  const finalStatus = async (importId: string): Promise<ImportResult> => {
    for (;;) {
      const current = await utils.prospects.importStatus.fetch({ id: importId }, { staleTime: 0 });
      if (current.status !== 'running') return current;
      await new Promise((resolve) => setTimeout(resolve, FINAL_STATUS_POLL_MS));
    }
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    setReading(true);
    try {
      const text = await readCsvFile(file);
      const result = await preview.mutateAsync({ text: text.slice(0, PREVIEW_BYTES), truncated: text.length > PREVIEW_BYTES });
      setStep({ name: 'map', fileName: file.name, text, preview: result, mapping: result.mapping });
    } catch (error) {
      setProblem(errorText.message(error, t('prospects.import.readFailed')));
    } finally {
      setReading(false);
    }
  };

  const start = async (current: Extract<Step, { name: 'map' }>) => {
    const importId = newUuid();
    setStep({ name: 'importing', fileName: current.fileName, importId });
    try {
      await uploadCsv(current.text, {
        importId,
        fileName: current.fileName,
        mapping: current.mapping,
        campaignId: chosenCampaign || undefined,
      });
      const result = await finalStatus(importId);
      setStep({ name: 'done', fileName: current.fileName, result });
      if (result.status === 'failed') toast.error(t('prospects.import.failed'));
      else toast.success(tp('prospects.import.done', result.imported));
      await utils.prospects.invalidate();
      onDone?.(result);
    } catch (error) {
      setStep(current);
      setProblem(errorText.message(error, t('prospects.import.failed')));
      toast.error(t('prospects.import.failed'));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void choose(event.dataTransfer.files[0]);
  };

  const alert = problem && <Alert>{problem}</Alert>;

  const renderStep = () => {
    if (step.name === 'choose') {
      return (
        <div className="space-y-4">
          {alert}
          <label
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={cx(
              'flex cursor-pointer flex-col items-center justify-center gap-2 rounded-card border-2 border-dashed px-6 py-12 text-center transition-colors focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500',
              dragging ? 'border-brand-500 bg-brand-50' : 'border-line hover:bg-surface',
            )}
          >
            <input type="file" accept=".csv,.tsv,.txt,text/csv" className="sr-only" aria-describedby="csv-import-hint" onChange={(event) => void choose(event.target.files?.[0])} disabled={reading} />
            {reading ? <Spinner className="size-6 text-brand-600" label={t('prospects.import.reading')} /> : (
              <svg viewBox="0 0 24 24" className="size-8 text-brand-500" fill="currentColor" aria-hidden="true">
                <path d="M9 16h6v-6h4l-7-7-7 7h4v6Zm-4 2h14v2H5v-2Z" />
              </svg>
            )}
            <span className="text-sm font-medium text-ink">{t('prospects.import.choose')}</span>
            <span id="csv-import-hint" className="max-w-md text-xs text-muted">
              {t('prospects.import.chooseHint')}
            </span>
          </label>
        </div>
      );
    }

    if (step.name === 'map') {
      const mapsContact = step.mapping.includes('email') || step.mapping.includes('linkedinUrl');
      return (
        <div className="space-y-5">
          {alert}
          <p className="text-sm text-ink">
            <span className="font-medium">{step.fileName}</span>
          </p>
          <ImportMappingStep preview={step.preview} mapping={step.mapping} onChange={(mapping) => setStep({ ...step, mapping })} />
          {!campaignId && (
            <CampaignSelectField
              label={t('prospects.import.campaign')}
              hint={t('prospects.import.campaignHint')}
              emptyLabel={t('prospects.form.noCampaign')}
              value={chosenCampaign}
              onChange={(event) => setChosenCampaign(event.target.value)}
              containerClassName="max-w-sm"
            />
          )}
          {!mapsContact && (
            <p role="alert" className="text-sm font-medium text-danger-600">
              {t('prospects.import.needContact')}
            </p>
          )}
          <div className="flex flex-wrap justify-end gap-2">
            <Button
              variant="secondary"
              onClick={() => {
                setProblem(null);
                setStep({ name: 'choose' });
              }}
            >
              {t('prospects.import.otherFile')}
            </Button>
            <Button disabled={!mapsContact} onClick={() => void start(step)}>
              {t('prospects.import.start')}
            </Button>
          </div>
        </div>
      );
    }

    if (step.name === 'importing') {
      const data = status.data;
      const total = data?.totalRows ?? null;
      const processed = data?.processedRows ?? 0;
      return (
        <div className="space-y-3 py-6" aria-live="polite">
          <p className="text-sm font-medium text-ink">{t('prospects.import.importing', { file: step.fileName })}</p>
          <ProgressBar value={data && total ? Math.min(processed, total) : null} max={total && total > 0 ? total : 100} label={t('prospects.import.progress')} />
          <p className="text-sm text-muted">
            {data && total ? t('prospects.import.progressText', { done: formatNumber(processed), total: formatNumber(Math.max(total, processed)), imported: formatNumber(data.imported) }) : t('prospects.import.uploading')}
          </p>
        </div>
      );
    }

    return (
      <div className="space-y-5">
        <ImportResultView result={step.result} fileName={step.fileName} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={() => setStep({ name: 'choose' })}>
            {t('prospects.import.another')}
          </Button>
          {!onDone && <ButtonLink to="/prospects">{t('prospects.import.viewProspects')}</ButtonLink>}
        </div>
      </div>
    );
  };

  return (
    <div>
      <Stepper current={step.name} />
      {renderStep()}
    </div>
  );
}
