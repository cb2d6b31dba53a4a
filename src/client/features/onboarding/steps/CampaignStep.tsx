import { useEffect, useState } from 'react';
import { Button } from '../../../components/ui/Button.js';
import { SkeletonRows } from '../../../components/ui/Skeleton.js';
import { useT } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { CreateCampaignForm } from '../../campaigns/CreateCampaignForm.js';
import { CsvImportFlow } from '../../prospects/CsvImportFlow.js';
import { Footer, type StepProps } from '../WizardFrame.js';
import { ChoiceCard, ICONS } from './ChoiceCard.js';
import { SampleDataPanel } from './SampleDataPanel.js';

type CampaignRef = { id: string; name: string };

/** Step 5: create the first campaign, then give it prospects (a CSV or the sample data set). */
export function CampaignStep(step: StepProps) {
  const t = useT();
  const latest = trpc.campaigns.list.useQuery({ limit: 1 });
  const [campaign, setCampaign] = useState<CampaignRef | null>(null);
  const [creating, setCreating] = useState(false);
  const [source, setSource] = useState<'csv' | 'sample'>('sample');
  // Coming back to this step (or reloading): continue with the campaign made last time.
  useEffect(() => {
    const found = latest.data?.items[0];
    if (found && !campaign && !creating) setCampaign({ id: found.id, name: found.name });
  }, [latest.data, campaign, creating]);

  if (latest.isPending) return <SkeletonRows rows={4} label={t('common.loading')} />;

  const showForm = creating || !campaign;
  return (
    <>
      <div className="space-y-6 px-5 py-6">
        {showForm ? (
          <div>
            <CreateCampaignForm
              onCreated={(created) => {
                setCampaign({ id: created.id, name: created.name });
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
      <Footer
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
