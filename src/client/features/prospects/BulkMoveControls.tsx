import { useId, useState } from 'react';
import { PROSPECT_STAGES, type ProspectStage } from '../../../shared/enums.js';
import { Button } from '../../components/ui/Button.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc, type RouterInputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { stageKey } from './prospect-ui.js';

type Target = Pick<RouterInputs['prospects']['bulk'], 'ids' | 'filter'>;

const select = 'h-8 max-w-48 rounded-lg border border-line bg-panel px-2 text-sm focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none';

/** The bulk bar's moves: into a campaign, onto a pipeline stage. */
export function BulkMoveControls({ target }: { target: Target }) {
  const { t, tp } = useI18n();
  const errorText = useErrorText({ campaignId: t('prospects.bulk.campaignLabel'), stage: t('prospects.bulk.stageLabel') });
  const toast = useToast();
  const utils = trpc.useUtils();
  const campaigns = trpc.prospects.campaignOptions.useQuery();
  const [campaignId, setCampaignId] = useState('');
  const [stage, setStage] = useState<ProspectStage | ''>('');
  const campaignSelectId = useId();
  const stageSelectId = useId();
  const open = (campaigns.data ?? []).filter((campaign) => campaign.status !== 'archived');
  const move = trpc.prospects.bulk.useMutation({
    onSuccess: async (result, input) => {
      const campaignName = open.find((campaign) => campaign.id === input.campaignId)?.name ?? '';
      toast.success(
        input.action === 'add_to_campaign'
          ? tp('prospects.bulk.addedToCampaign', result.affected, { campaign: campaignName })
          : tp('prospects.bulk.stageSet', result.affected, { stage: input.stage ? t(stageKey(input.stage)) : '' }),
      );
      await Promise.all([utils.prospects.invalidate(), utils.dashboard.invalidate(), utils.campaigns.invalidate()]);
    },
    onError: (error) => toast.error(errorText.message(error, t('prospects.bulk.failed'))),
  });

  return (
    <>
      <div className="flex items-end gap-2">
        <label htmlFor={campaignSelectId} className="sr-only">
          {t('prospects.bulk.campaignLabel')}
        </label>
        <select id={campaignSelectId} className={select} value={campaignId} onChange={(event) => setCampaignId(event.target.value)}>
          <option value="">{t('prospects.bulk.campaignPlaceholder')}</option>
          {open.map((campaign) => (
            <option key={campaign.id} value={campaign.id}>
              {campaign.name}
            </option>
          ))}
        </select>
        <Button
          size="sm"
          variant="secondary"
          disabled={!campaignId}
          loading={move.isPending && move.variables?.action === 'add_to_campaign'}
          onClick={() => move.mutate({ ...target, action: 'add_to_campaign', campaignId })}
        >
          {t('prospects.bulk.addToCampaign')}
        </Button>
      </div>
      <div className="flex items-end gap-2">
        <label htmlFor={stageSelectId} className="sr-only">
          {t('prospects.bulk.stageLabel')}
        </label>
        <select id={stageSelectId} className={select} value={stage} onChange={(event) => setStage(event.target.value as ProspectStage | '')}>
          <option value="">{t('prospects.bulk.stagePlaceholder')}</option>
          {PROSPECT_STAGES.map((value) => (
            <option key={value} value={value}>
              {t(stageKey(value))}
            </option>
          ))}
        </select>
        <Button
          size="sm"
          variant="secondary"
          disabled={!stage}
          loading={move.isPending && move.variables?.action === 'set_stage'}
          onClick={() => stage && move.mutate({ ...target, action: 'set_stage', stage })}
        >
          {t('prospects.bulk.setStage')}
        </Button>
      </div>
    </>
  );
}
