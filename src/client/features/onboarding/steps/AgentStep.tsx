import { useMemo, useState } from 'react';
import type { AgentPersonality } from '../../../../shared/agent-rules.js';
import { Button } from '../../../components/ui/Button.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { TextField } from '../../../components/ui/Field.js';
import { SkeletonRows } from '../../../components/ui/Skeleton.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useT } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { isHttpUrl, isPersonality, toFormState, toPreviewAgent, type Agent, type AgentLanguage } from '../../settings/agents/agent-form-state.js';
import { AgentLanguageSelect } from '../../settings/agents/AgentLanguageSelect.js';
import { PersonalityPicker } from '../../settings/agents/PersonalityPicker.js';
import { SampleReplyPreview } from '../../settings/agents/SampleReplyPreview.js';
import { WizardFooter, type StepProps } from '../WizardFrame.js';
import { useErrorText } from '../../../lib/useErrorText.js';

/** Step 4: shape the default agent (personality, booking link, language) and see what it would write. */
export function AgentStep(step: StepProps) {
  const t = useT();
  const errorText = useErrorText();
  const agents = trpc.agents.list.useQuery();
  const agent = agents.data?.find((entry) => entry.isDefault) ?? agents.data?.[0];
  if (agents.isPending) return <SkeletonRows rows={4} label={t('common.loading')} />;
  if (agents.error || !agent) {
    return <ErrorState message={errorText.message(agents.error, t('onboarding.loadFailed'))} onRetry={() => void agents.refetch()} />;
  }
  return <AgentChoices key={agent.id} agent={agent} step={step} />;
}

function AgentChoices({ agent, step }: { agent: Agent; step: StepProps }) {
  const t = useT();
  const errorText = useErrorText({ bookingUrl: t('agents.bookingUrl') });
  const toast = useToast();
  const utils = trpc.useUtils();
  const [personality, setPersonality] = useState<AgentPersonality>(isPersonality(agent.personality) ? agent.personality : 'consultative');
  const [bookingUrl, setBookingUrl] = useState(agent.bookingUrl ?? '');
  const [language, setLanguage] = useState<AgentLanguage>(agent.language);
  const save = trpc.agents.update.useMutation({
    onSuccess: async () => {
      await utils.agents.list.invalidate();
      step.onDone();
    },
    onError: (error) => {
      if (!Object.keys(errorText.fields(error)).length) toast.error(errorText.message(error, t('onboarding.agent.saveFailed')));
    },
  });
  const previewAgent = useMemo(() => ({ ...toPreviewAgent(toFormState(agent)), personality, bookingUrl: bookingUrl.trim(), language }), [agent, personality, bookingUrl, language]);
  const urlInvalid = bookingUrl.trim() !== '' && !isHttpUrl(bookingUrl.trim());
  const errors = errorText.fields(save.error);

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
            <AgentLanguageSelect value={language} onChange={setLanguage} />
            <p className="rounded-lg bg-surface px-3 py-2.5 text-xs text-muted">{t('onboarding.agent.more')}</p>
          </div>
          <SampleReplyPreview agent={previewAgent} invalid={urlInvalid} />
        </div>
      </div>
      <WizardFooter
        step={step}
        primary={
          <Button onClick={() => save.mutate({ id: agent.id, personality, bookingUrl: bookingUrl.trim(), language })} disabled={urlInvalid} loading={save.isPending || step.moving}>
            {t('onboarding.saveContinue')}
          </Button>
        }
      />
    </>
  );
}
