import type { RouterOutputs } from '../../lib/trpc.js';
import { LaunchProgressCard } from './LaunchProgressCard.js';
import { LinkedinSearchCard } from './LinkedinSearchCard.js';

type Campaign = RouterOutputs['campaigns']['get'];

/** The campaign page's launch cards: live progress of the three stages, and the LinkedIn search. */
export function CampaignLaunchCards({ campaign }: { campaign: Campaign }) {
  const archived = campaign.status === 'archived';
  return (
    <>
      <LaunchProgressCard campaignId={campaign.id} canScrape={!archived && campaign.linkedinSearch !== null} />
      <LinkedinSearchCard campaignId={campaign.id} search={campaign.linkedinSearch} readOnly={archived} />
    </>
  );
}
