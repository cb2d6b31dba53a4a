import { CheckboxField, SelectField } from '../../components/ui/Field.js';
import { useToast } from '../../components/ui/Toast.js';
import { useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

/** The campaign's address verification (on/off) and what a risky address means (skip or send). */
export function AddressChecksSetting({ campaignId }: { campaignId: string }) {
  const t = useT();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const campaign = trpc.campaigns.get.useQuery({ id: campaignId });
  const update = trpc.campaigns.update.useMutation({
    onSettled: () => Promise.all([utils.campaigns.invalidate(), utils.capacity.campaign.invalidate({ id: campaignId })]),
    onError: (error) => toast.error(errorText.message(error, t('suppressions.failed'))),
  });
  if (!campaign.data) return null;
  const { verifyEmails, riskyAddressPolicy } = campaign.data;
  const readOnly = campaign.data.status === 'archived' || update.isPending;
  return (
    <fieldset className="space-y-3 px-5 py-4">
      <legend className="sr-only">{t('campaigns.verify.title')}</legend>
      <CheckboxField
        label={t('campaigns.verify.title')}
        hint={verifyEmails ? t('campaigns.verify.on') : t('campaigns.verify.off')}
        checked={verifyEmails}
        disabled={readOnly}
        onChange={(event) => update.mutate({ id: campaignId, verifyEmails: event.target.checked })}
      />
      {verifyEmails && (
        <SelectField
          label={t('campaigns.verify.risky.label')}
          value={riskyAddressPolicy}
          disabled={readOnly}
          onChange={(event) => update.mutate({ id: campaignId, riskyAddressPolicy: event.target.value === 'send' ? 'send' : 'skip' })}
        >
          <option value="skip">{t('campaigns.verify.risky.skip')}</option>
          <option value="send">{t('campaigns.verify.risky.send')}</option>
        </SelectField>
      )}
    </fieldset>
  );
}
