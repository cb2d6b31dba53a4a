import { useEffect, useRef, useState } from 'react';
import { Alert } from '../../components/ui/Alert.js';
import { Button } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { InlineSelect } from '../../components/ui/Field.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { versionLetter, type DraftStep } from './sequence-draft.js';

type Preview = RouterOutputs['sequences']['preview'];

const DEBOUNCE_MS = 400;

/**
 * The chosen email rendered for one prospect of the campaign (cycle with ← →), from what is typed
 * now (the draft), with the reason it would be held, and "send me a test".
 */
export function PreviewPanel({ campaignId, steps, stepIndex, version, saveNow }: { campaignId: string; steps: DraftStep[]; stepIndex: number; version: number; saveNow: () => Promise<boolean> }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const prospects = trpc.campaigns.prospects.useQuery({ id: campaignId, limit: 100 });
  const [selected, setSelected] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const previewMutation = trpc.sequences.preview.useMutation();
  const rendering = previewMutation.isPending;
  // The mutation object changes on every render; the effect below must not re-run for that.
  const render = useRef(previewMutation.mutateAsync);
  useEffect(() => {
    render.current = previewMutation.mutateAsync;
  });
  const testSend = trpc.sequences.testSend.useMutation();

  const items = prospects.data?.items ?? [];
  const prospect = items[Math.min(selected, Math.max(0, items.length - 1))];
  const step = steps[stepIndex];
  const content = step?.versions[version] ?? step?.versions[0];
  const draft = step && content ? { subject: content.subject, body: content.body, bodyFormat: step.bodyFormat } : null;
  const draftKey = JSON.stringify(draft);

  useEffect(() => {
    if (!prospect || !draft) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      render.current({ id: campaignId, prospectId: prospect.id, step: stepIndex, variant: version, draft })
        .then((result) => {
          if (cancelled) return;
          setPreview(result);
          setFailure(null);
        })
        .catch((error: unknown) => {
          if (!cancelled) setFailure(error);
        });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `draft` is compared by its text (draftKey): a new object with the same text renders nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaignId, prospect?.id, stepIndex, version, draftKey]);

  async function sendTest() {
    if (!prospect) return;
    if (!(await saveNow())) return;
    try {
      const result = await testSend.mutateAsync({ id: campaignId, prospectId: prospect.id, step: stepIndex, variant: version });
      if (result.sandbox) toast.info(t('sequence.test.sentSandbox', { from: result.from }));
      else toast.success(t('sequence.test.sent', { to: result.to, from: result.from }));
    } catch (error) {
      toast.error(errorText.message(error, t('sequence.test.failed')));
    }
  }

  const cycle = (by: number) => setSelected((current) => (items.length ? (current + by + items.length) % items.length : 0));

  return (
    <Card className="lg:sticky lg:top-4">
      <CardHeader title={t('sequence.preview.title')} description={step ? t('sequence.preview.showing', { number: stepIndex + 1, letter: versionLetter(version) }) : undefined} />
      <div className="space-y-4 px-5 py-4">
        {prospects.isPending ? (
          <Skeleton className="h-8 w-full" />
        ) : items.length === 0 ? (
          <p className="text-sm text-muted">{t('sequence.preview.noProspects')}</p>
        ) : (
          <div className="flex items-center gap-2">
            <Button variant="secondary" size="sm" aria-label={t('sequence.preview.previous')} onClick={() => cycle(-1)}>
              ←
            </Button>
            <InlineSelect label={t('sequence.preview.prospect')} hideLabel containerClassName="min-w-0 flex-1" className="w-full" value={prospect?.id ?? ''} onChange={(event) => setSelected(items.findIndex((item) => item.id === event.target.value))}>
              {items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name || item.email}
                  {item.company ? ` · ${item.company}` : ''}
                </option>
              ))}
            </InlineSelect>
            <Button variant="secondary" size="sm" aria-label={t('sequence.preview.next')} onClick={() => cycle(1)}>
              →
            </Button>
            <span className="text-xs whitespace-nowrap text-muted">{t('sequence.preview.position', { index: selected + 1, total: items.length })}</span>
          </div>
        )}

        {!draft ? (
          <p className="text-sm text-muted">{t('sequence.preview.noStep')}</p>
        ) : failure ? (
          <Alert tone="danger">{errorText.message(failure, t('sequence.preview.error'))}</Alert>
        ) : prospect && !preview ? (
          <div role="status" aria-label={t('sequence.preview.rendering')} className="space-y-2">
            <Skeleton className="h-4 w-2/3" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : preview && prospect ? (
          <PreviewBody preview={preview} busy={rendering} />
        ) : null}

        {prospect && draft && (
          <div className="space-y-1 border-t border-line pt-3">
            <Button variant="secondary" size="sm" loading={testSend.isPending} onClick={() => void sendTest()}>
              {t('sequence.test.button')}
            </Button>
            <p className="text-xs text-muted">{t('sequence.test.hint')}</p>
          </div>
        )}
      </div>
    </Card>
  );
}

function PreviewBody({ preview, busy }: { preview: Preview; busy: boolean }) {
  const { t } = useI18n();
  const holdReason =
    preview.hold === 'unresolved_variables'
      ? t('sequence.preview.hold.unresolved_variables', { variables: preview.unresolved.map((name) => `{{${name}}}`).join(', ') })
      : preview.hold
        ? t(`sequence.preview.hold.${preview.hold}`)
        : null;
  return (
    <div aria-live="polite" aria-busy={busy || undefined} className="space-y-3" data-testid="sequence-preview">
      {holdReason && <Alert tone="warning">{t('sequence.preview.held', { reason: holdReason })}</Alert>}
      <dl className="space-y-1 text-sm">
        <div className="flex gap-2">
          <dt className="w-14 shrink-0 text-muted">{t('sequence.preview.from')}</dt>
          <dd className="min-w-0 truncate text-ink">{preview.from ? `${preview.from.name} <${preview.from.address}>` : t('sequence.preview.noMailbox')}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="w-14 shrink-0 text-muted">{t('sequence.preview.to')}</dt>
          <dd className="min-w-0 truncate text-ink">
            {preview.prospect.name} {preview.prospect.email ? `<${preview.prospect.email}>` : ''}
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="w-14 shrink-0 text-muted">{t('sequence.preview.subject')}</dt>
          <dd className="min-w-0 font-medium break-words text-ink" data-testid="preview-subject">
            {preview.subject}
          </dd>
        </div>
      </dl>
      <div className="rounded-lg border border-line bg-surface p-3 text-sm text-ink">
        {preview.html !== null ? (
          // Rendered in a sandboxed frame: the user's own HTML, shown without running anything.
          <iframe title={t('sequence.preview.title')} sandbox="" srcDoc={preview.html} className="h-56 w-full bg-white" />
        ) : (
          <p className="whitespace-pre-wrap" data-testid="preview-body">
            {preview.text}
          </p>
        )}
        {preview.footer && <p className="mt-3 border-t border-line pt-2 text-xs whitespace-pre-wrap text-muted">{preview.footer}</p>}
      </div>
      {preview.usedFallbacks.length > 0 && <p className="text-xs text-muted">{t('sequence.preview.fallbacks', { variables: preview.usedFallbacks.map((name) => `{{${name}}}`).join(', ') })}</p>}
    </div>
  );
}
