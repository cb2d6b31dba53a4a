import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { AGENT_LIST_MAX_ITEMS, CONFIDENCE_MAX, CONFIDENCE_MIN } from '../../../../shared/agent-rules.js';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { Card } from '../../../components/ui/Card.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../components/ui/Field.js';
import { TagInput } from '../../../components/ui/TagInput.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useI18n } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { toFormState, toPayload, toPreviewAgent, validateAgentForm, type Agent, type AgentFormState } from './agent-form-state.js';
import { AgentLanguageSelect } from './AgentLanguageSelect.js';
import { PersonalityPicker } from './PersonalityPicker.js';
import { SampleReplyPreview } from './SampleReplyPreview.js';
import { TemplatesEditor } from './TemplatesEditor.js';
import { useErrorText } from '../../../lib/useErrorText.js';

const UNDO_CHOICES = [0, 60, 120, 300, 600, 900, 1800, 3600];

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <section className="space-y-5 border-b border-line px-5 py-6 last:border-b-0">
      <div>
        <h3 className="text-sm font-semibold text-ink">{title}</h3>
        <p className="mt-0.5 text-sm text-muted">{description}</p>
      </div>
      {children}
    </section>
  );
}

/** Edits one agent, with the offline sample reply beside it following every change. */
export function AgentEditor({ agent, readOnly, onDeleted }: { agent: Agent; readOnly: boolean; onDeleted: () => void }) {
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText({
    name: t('agents.name'),
    tone: t('agents.tone'),
    style: t('agents.style'),
    bookingUrl: t('agents.bookingUrl'),
    forbiddenTopics: t('agents.forbiddenTopics'),
    escalationWords: t('agents.escalationWords'),
    'templates.*.name': t('agents.template.name'),
    'templates.*.subject': t('agents.template.subject'),
    'templates.*.body': t('agents.template.body'),
  });
  const toast = useToast();
  const utils = trpc.useUtils();
  const [state, setState] = useState<AgentFormState>(() => toFormState(agent));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const set = <K extends keyof AgentFormState>(field: K, value: AgentFormState[K]) => setState((current) => ({ ...current, [field]: value }));

  const save = trpc.agents.update.useMutation({
    onSuccess: async (saved) => {
      await utils.agents.list.invalidate();
      setState(toFormState(saved));
      toast.success(t('agents.saved', { name: saved.name }));
    },
    onError: (error) => {
      if (!Object.keys(errorText.fields(error)).length) toast.error(errorText.message(error, t('agents.saveFailed')));
    },
  });
  const makeDefault = trpc.agents.update.useMutation({
    onSuccess: async (saved) => {
      await utils.agents.list.invalidate();
      toast.success(t('agents.nowDefault', { name: saved.name }));
    },
    onError: (error) => toast.error(errorText.message(error, t('agents.saveFailed'))),
  });
  const remove = trpc.agents.remove.useMutation({
    onSuccess: async (result) => {
      setConfirmDelete(false);
      await utils.agents.list.invalidate();
      toast.success(result.reassignedCampaigns ? t('agents.deletedReassigned', { name: agent.name, count: result.reassignedCampaigns }) : t('agents.deleted', { name: agent.name }));
      onDeleted();
    },
    onError: (error) => {
      setConfirmDelete(false);
      toast.error(errorText.message(error, t('agents.deleteFailed')));
    },
  });

  const errors = { ...errorText.fields(save.error), ...localErrors };
  const liveErrors = useMemo(() => validateAgentForm(state, t), [state, t]);
  const previewAgent = useMemo(() => toPreviewAgent(state), [state]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalErrors(liveErrors);
    if (Object.keys(liveErrors).length) return;
    save.mutate({ id: agent.id, ...toPayload(state) });
  };
  const listErrors = errorText.topLevelFields(save.error);

  return (
    <div className="grid grid-cols-1 items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <Card>
        <form onSubmit={submit} noValidate aria-label={t('agents.editorLabel', { name: agent.name })}>
          <div className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-4">
            <div>
              <h2 className="flex items-center gap-2 text-base font-semibold text-ink">
                {agent.name}
                {agent.isDefault && <Badge tone="brand">{t('agents.default')}</Badge>}
              </h2>
              <p className="mt-0.5 text-sm text-muted">
                {agent.campaignCount ? t('agents.usedBy', { count: agent.campaignCount }) : agent.isDefault ? t('agents.defaultHint') : t('agents.unused')}
              </p>
            </div>
            {!readOnly && (
              <div className="flex gap-2">
                {!agent.isDefault && (
                  <>
                    <Button variant="secondary" size="sm" loading={makeDefault.isPending} onClick={() => makeDefault.mutate({ id: agent.id, isDefault: true })}>
                      {t('agents.makeDefault')}
                    </Button>
                    <Button variant="danger-ghost" size="sm" onClick={() => setConfirmDelete(true)}>
                      {t('common.delete')}
                    </Button>
                  </>
                )}
              </div>
            )}
          </div>

          <Section title={t('agents.section.persona')} description={t('agents.section.persona.description')}>
            <TextField label={t('agents.name')} value={state.name} onChange={(e) => set('name', e.target.value)} error={errors.name} disabled={readOnly} maxLength={80} required />
            <PersonalityPicker value={state.personality} onChange={(value) => set('personality', value)} disabled={readOnly} />
            <div className="grid gap-5 sm:grid-cols-2">
              <TextField label={t('agents.tone')} value={state.tone} onChange={(e) => set('tone', e.target.value)} error={errors.tone} disabled={readOnly} maxLength={200} hint={t('agents.tone.hint')} />
              <AgentLanguageSelect value={state.language} onChange={(language) => set('language', language)} disabled={readOnly} />
            </div>
            <TextAreaField label={t('agents.style')} value={state.style} onChange={(e) => set('style', e.target.value)} error={errors.style} disabled={readOnly} maxLength={1000} rows={3} placeholder={t('agents.style.placeholder')} hint={t('agents.style.hint')} />
          </Section>

          <Section title={t('agents.section.replies')} description={t('agents.section.replies.description')}>
            <TextField
              label={t('agents.bookingUrl')}
              type="url"
              inputMode="url"
              value={state.bookingUrl}
              onChange={(e) => set('bookingUrl', e.target.value)}
              error={errors.bookingUrl}
              disabled={readOnly}
              placeholder="https://cal.com/you/30min"
              hint={t('agents.bookingUrl.hint')}
            />
            <TemplatesEditor templates={state.templates} errors={errors} disabled={readOnly} onChange={(next) => set('templates', next)} />
          </Section>

          <Section title={t('agents.section.guardrails')} description={t('agents.section.guardrails.description')}>
            <div className="space-y-1.5">
              <label htmlFor={`threshold-${agent.id}`} className="flex items-center justify-between text-sm font-medium text-ink">
                {t('agents.threshold')}
                <output htmlFor={`threshold-${agent.id}`} className="rounded-md bg-brand-50 px-2 py-0.5 font-mono text-xs text-brand-700">
                  {formatNumber(state.confidenceThreshold, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
                </output>
              </label>
              <input
                id={`threshold-${agent.id}`}
                type="range"
                min={CONFIDENCE_MIN}
                max={CONFIDENCE_MAX}
                step={0.01}
                value={state.confidenceThreshold}
                onChange={(e) => set('confidenceThreshold', Number(e.target.value))}
                disabled={readOnly}
                aria-describedby={`threshold-${agent.id}-hint`}
                className="w-full accent-brand-600"
              />
              <p id={`threshold-${agent.id}-hint`} className="text-xs text-muted">
                {errors.confidenceThreshold ?? t('agents.threshold.hint')}
              </p>
            </div>
            <div className="grid gap-5 sm:grid-cols-2">
              <CheckboxField label={t('agents.autoSend')} hint={t('agents.autoSend.hint')} checked={state.autoSend} onChange={(e) => set('autoSend', e.target.checked)} disabled={readOnly} />
              <SelectField label={t('agents.undoWindow')} value={String(state.undoWindowSeconds)} onChange={(e) => set('undoWindowSeconds', Number(e.target.value))} disabled={readOnly || !state.autoSend} hint={t('agents.undoWindow.hint')}>
                {(UNDO_CHOICES.includes(state.undoWindowSeconds) ? UNDO_CHOICES : [...UNDO_CHOICES, state.undoWindowSeconds].sort((a, b) => a - b)).map((seconds) => (
                  <option key={seconds} value={seconds}>
                    {seconds === 0 ? t('agents.undoWindow.off') : seconds % 60 === 0 ? t('agents.undoWindow.minutes', { count: seconds / 60 }) : t('agents.undoWindow.seconds', { count: seconds })}
                  </option>
                ))}
              </SelectField>
            </div>
            <TagInput
              label={t('agents.forbiddenTopics')}
              hint={t('agents.forbiddenTopics.hint')}
              placeholder={t('agents.forbiddenTopics.placeholder')}
              value={state.forbiddenTopics}
              onChange={(next) => set('forbiddenTopics', next)}
              error={listErrors.forbiddenTopics}
              disabled={readOnly}
              maxItems={AGENT_LIST_MAX_ITEMS}
            />
            <TagInput
              label={t('agents.escalationWords')}
              hint={t('agents.escalationWords.hint')}
              placeholder={t('agents.escalationWords.placeholder')}
              value={state.escalationWords}
              onChange={(next) => set('escalationWords', next)}
              error={listErrors.escalationWords}
              disabled={readOnly}
              maxItems={AGENT_LIST_MAX_ITEMS}
            />
          </Section>

          {!readOnly && (
            <div className="sticky bottom-0 flex items-center justify-end gap-2 rounded-b-card border-t border-line bg-panel/95 px-5 py-3 backdrop-blur">
              {Object.keys(errors).length > 0 && <p className="mr-auto text-sm text-danger-600">{t('agents.fixErrors')}</p>}
              <Button variant="secondary" onClick={() => { setState(toFormState(agent)); setLocalErrors({}); save.reset(); }} disabled={save.isPending}>
                {t('agents.reset')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {save.isPending ? t('common.saving') : t('agents.save')}
              </Button>
            </div>
          )}
        </form>
      </Card>
      <div className="xl:sticky xl:top-6">
        <SampleReplyPreview agent={previewAgent} invalid={Object.keys(liveErrors).some((key) => key.startsWith('templates') || key === 'bookingUrl')} />
      </div>
      <ConfirmDialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => remove.mutate({ id: agent.id })}
        loading={remove.isPending}
        destructive
        title={t('agents.deleteTitle', { name: agent.name })}
        body={agent.campaignCount ? t('agents.deleteBodyCampaigns', { count: agent.campaignCount }) : t('agents.deleteBody')}
        confirmLabel={t('common.delete')}
      />
    </div>
  );
}
