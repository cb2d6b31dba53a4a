import { forwardRef, type ComponentProps } from 'react';
import { SelectField } from '../../components/ui/Field.js';
import { trpc } from '../../lib/trpc.js';

type Props = Omit<ComponentProps<typeof SelectField>, 'children'> & {
  /** The first option's label (no campaign / all campaigns); its value is ''. */
  emptyLabel: string;
};

/** A select of the workspace's campaigns, for the prospect form, filter bar and import. */
export const CampaignSelectField = forwardRef<HTMLSelectElement, Props>(function CampaignSelectField({ emptyLabel, ...rest }, ref) {
  const campaigns = trpc.prospects.campaignOptions.useQuery();
  return (
    <SelectField ref={ref} {...rest}>
      <option value="">{emptyLabel}</option>
      {campaigns.data?.map((campaign) => (
        <option key={campaign.id} value={campaign.id}>
          {campaign.name}
        </option>
      ))}
    </SelectField>
  );
});
