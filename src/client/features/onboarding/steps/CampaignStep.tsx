import { useState } from 'react';
import { Button } from '../../../components/ui/Button.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../../components/ui/Skeleton.js';
import { useT } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { CampaignForm } from '../../campaigns/CampaignForm.js';
import { CsvImportFlow } from '../../prospects/CsvImportFlow.js';
import { WizardFooter, type StepProps } from '../WizardFrame.js';
import { ChoiceCard, ICONS } from './ChoiceCard.js';
import { SampleDataPanel } from './SampleDataPanel.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type CampaignRef = { id: string; name: string };

/** Step 5: create the first campaign, then give it prospects (a CSV or the sample data set). */
export function CampaignStep(step: StepProps) {
  const t = useT();
  const errorText = useErrorText();
  const latest = trpc.campaigns.list.useQuery({ limit: 1 });
  const [created, setCreated] = useState<CampaignRef | null>(null);
  const [creating, setCreating] = useState(false);
  const [source, setSource] = useState<'csv' | 'sample'>('sample');

  if (latest.isPending) return <SkeletonRows rows={4} label={t('common.loading')} />;
  if (latest.error) return <ErrorState message={errorText.message(latest.error, t('onboarding.loadFailed'))} onRetry={() => void latest.refetch()} />;

  // Coming back to this step (or reloading): continue with the campaign made last time.
  const found = latest.data.items[0];
  const campaign = created ?? (found ? { id: found.id, name: found.name } : null);
  const showForm = creating || !campaign;
  return (
    <>
      <div className="space-y-6 px-5 py-6">
        {showForm ? (
          <div>
            <CampaignForm
              onCreated={(made) => {
                setCreated({ id: made.id, name: made.name });
                setCreating(false);
              }}
              onCancel={campaign ? () => setCreating(false) : undefined}
            />
          </div>
        ) : (
          <>
            <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-success-600/30 bg-success-50/60 px-4 py-3">
              <p className="text-sm font-semibold text-ink">{t('onboarding.campaign.ready', { name: campaign.name })}</p>
              <Button variant="ghost" size="sm" onClick={() => setCreating(true)}>
                {t('onboarding.campaign.createAnother')}
              </Button>
            </div>
            <fieldset className="space-y-3">
              <legend className="text-sm font-semibold text-ink">{t('onboarding.campaign.addProspects')}</legend>
              <div className="grid gap-3 md:grid-cols-2">
                <ChoiceCard selected={source === 'csv'} onSelect={() => setSource('csv')} icon={ICONS.upload} title={t('onboarding.campaign.csv')} body={t('onboarding.campaign.csv.body')} />
                <ChoiceCard selected={source === 'sample'} onSelect={() => setSource('sample')} icon={ICONS.sample} title={t('onboarding.campaign.sample')} body={t('onboarding.campaign.sample.body')} />
              </div>
            </fieldset>
            <div className="rounded-card border border-line p-4">
              {source === 'sample' ? (
                <SampleDataPanel campaign={campaign} />
              ) : (
                <CsvImportFlow campaignId={campaign.id} />
              )}
            </div>
          </>
        )}
      </div>
      <WizardFooter
        step={step}
        primary={
          showForm ? null : (
            <Button onClick={step.onDone} loading={step.moving}>
              {t('onboarding.finish')}
            </Button>
          )
        }
      />
    </>
  );
}
