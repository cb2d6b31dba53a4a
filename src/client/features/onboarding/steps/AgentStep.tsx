import { useEffect, useMemo, useState } from 'react';
import type { AgentPersonality } from '../../../../shared/agent-rules.js';
import { Button } from '../../../components/ui/Button.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { SelectField, TextField } from '../../../components/ui/Field.js';
import { SkeletonRows } from '../../../components/ui/Skeleton.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useT } from '../../../i18n/index.js';
import { errorMessage, fieldErrors, trpc } from '../../../lib/trpc.js';
import { isHttpUrl, isPersonality, toFormState, toPreviewAgent, type AgentLanguage } from '../../settings/agents/agent-form-state.js';
import { PersonalityPicker } from '../../settings/agents/PersonalityPicker.js';
import { SampleReplyPreview } from '../../settings/agents/SampleReplyPreview.js';
import { Footer, type StepProps } from '../WizardFrame.js';

/** Step 4: shape the default agent (personality, booking link, language) and see what it would write. */
export function AgentStep(step: StepProps) {
  const t = useT();
  const toast = useToast();
  const utils = trpc.useUtils();
  const agents = trpc.agents.list.useQuery();
  const agent = agents.data?.find((entry) => entry.isDefault) ?? agents.data?.[0];
  const [personality, setPersonality] = useState<AgentPersonality>('consultative');
  const [bookingUrl, setBookingUrl] = useState('');
  const [language, setLanguage] = useState<AgentLanguage>('auto');
  const [loadedId, setLoadedId] = useState<string | null>(null);
  useEffect(() => {
    if (!agent || loadedId === agent.id) return;
    setLoadedId(agent.id);
    setPersonality(isPersonality(agent.personality) ? agent.personality : 'consultative');
    setBookingUrl(agent.bookingUrl ?? '');
    setLanguage(agent.language);
  }, [agent, loadedId]);
  const save = trpc.agents.update.useMutation({
    onSuccess: async () => {
      await utils.agents.list.invalidate();
      step.onDone();
    },
    onError: (error) => {
      if (!Object.keys(fieldErrors(error)).length) toast.error(errorMessage(error, t('onboarding.agent.saveFailed')));
    },
  });
  const previewAgent = useMemo(
    () => (agent ? { ...toPreviewAgent(toFormState(agent)), personality, bookingUrl: bookingUrl.trim(), language } : null),
    [agent, personality, bookingUrl, language],
  );

  if (agents.isPending) return <SkeletonRows rows={4} label={t('common.loading')} />;
  if (agents.error || !agent || !previewAgent) {
    return <ErrorState message={errorMessage(agents.error, t('onboarding.loadFailed'))} onRetry={() => void agents.refetch()} />;
  }
  const urlInvalid = bookingUrl.trim() !== '' && !isHttpUrl(bookingUrl.trim());
  const errors = fieldErrors(save.error);

  return (
    <>
      <div className="space-y-6 px-5 py-6">
        <PersonalityPicker legend={t('onboarding.agent.pick')} value={personality} onChange={setPersonality} columns="sm:grid-cols-2 lg:grid-cols-3" />
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
          <div className="space-y-5">
            <TextField
              label={t('agents.bookingUrl')}
              type="url"
              inputMode="url"
              value={bookingUrl}
              onChange={(event) => setBookingUrl(event.target.value)}
              placeholder="https://cal.com/you/30min"
              hint={t('agents.bookingUrl.hint')}
              error={urlInvalid ? t('agents.error.bookingUrl') : errors.bookingUrl}
            />
            <SelectField label={t('agents.language')} value={language} onChange={(event) => setLanguage(event.target.value as AgentLanguage)} hint={t('agents.language.hint')}>
              <option value="auto">{t('agents.language.auto')}</option>
              <option value="en">English</option>
              <option value="fr">Français</option>
            </SelectField>
            <p className="rounded-lg bg-surface px-3 py-2.5 text-xs text-muted">{t('onboarding.agent.more')}</p>
          </div>
          <SampleReplyPreview agent={previewAgent} invalid={urlInvalid} />
        </div>
      </div>
      <Footer
        step={step}
        primary={
          <Button
            onClick={() => save.mutate({ id: agent.id, personality, bookingUrl: bookingUrl.trim(), language })}
            disabled={urlInvalid}
            loading={save.isPending || step.moving}
          >
            {t('onboarding.saveContinue')}
          </Button>
        }
      />
    </>
  );
}
