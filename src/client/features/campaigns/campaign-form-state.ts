import type { MessageKey } from '../../i18n/index.js';
import { browserTimeZone } from '../../lib/time-zones.js';
import type { RouterInputs, RouterOutputs } from '../../lib/trpc.js';

export type Campaign = RouterOutputs['campaigns']['get'];
export type CampaignFormOptions = RouterOutputs['campaigns']['formOptions'];

/** The select's value for "no agent" (the API's `agentId: null`). */
export const NO_AGENT = 'none';

export type CampaignFormValues = {
  name: string;
  description: string;
  /** null until the user picks one: the workspace's default agent. */
  agentId: string | null;
  /** null until the user ticks one: the sandbox mailbox. */
  mailboxIds: string[] | null;
  timezone: string;
  sendWindowStart: string;
  sendWindowEnd: string;
  sendDays: number[];
  dailyLimit: string;
  stopOnReply: boolean;
  trackOpens: boolean;
  trackClicks: boolean;
};

/** The values as shown and sent: untouched choices resolved to their defaults once the options are known. */
export type ResolvedValues = Omit<CampaignFormValues, 'agentId' | 'mailboxIds'> & { agentId: string; mailboxIds: string[] };

export function initialValues(campaign: Campaign | undefined): CampaignFormValues {
  return {
    name: campaign?.name ?? '',
    description: campaign?.description ?? '',
    agentId: campaign ? (campaign.agentId ?? NO_AGENT) : null,
    mailboxIds: campaign?.mailboxIds ?? null,
    timezone: campaign?.timezone ?? browserTimeZone(),
    sendWindowStart: campaign?.sendWindowStart ?? '09:00',
    sendWindowEnd: campaign?.sendWindowEnd ?? '17:00',
    sendDays: campaign?.sendDays ?? [1, 2, 3, 4, 5],
    dailyLimit: campaign?.dailyLimit ? String(campaign.dailyLimit) : '',
    stopOnReply: campaign?.stopOnReply ?? true,
    trackOpens: campaign?.trackOpens ?? false,
    trackClicks: campaign?.trackClicks ?? false,
  };
}

export function resolveDefaults(values: CampaignFormValues, options: CampaignFormOptions | undefined): ResolvedValues {
  return {
    ...values,
    agentId: values.agentId ?? options?.agents.find((agent) => agent.isDefault)?.id ?? NO_AGENT,
    mailboxIds: values.mailboxIds ?? options?.mailboxes.filter((mailbox) => mailbox.kind === 'sandbox').map((mailbox) => mailbox.id) ?? [],
  };
}

/** The checks worth making before the round trip, as message keys by field. */
export function validate(values: ResolvedValues): Partial<Record<keyof ResolvedValues, MessageKey>> {
  const errors: Partial<Record<keyof ResolvedValues, MessageKey>> = {};
  const name = values.name.trim();
  if (!name) errors.name = 'campaigns.form.nameRequired';
  else if (name.length > 120) errors.name = 'campaigns.form.nameTooLong';
  if (values.sendWindowStart >= values.sendWindowEnd) errors.sendWindowEnd = 'campaigns.form.windowOrder';
  if (values.sendDays.length === 0) errors.sendDays = 'campaigns.form.daysRequired';
  const limit = values.dailyLimit.trim();
  if (limit && (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 10_000)) errors.dailyLimit = 'campaigns.form.dailyLimitInvalid';
  return errors;
}

export function toInput(values: ResolvedValues): RouterInputs['campaigns']['create'] {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    agentId: values.agentId === NO_AGENT ? null : values.agentId,
    mailboxIds: values.mailboxIds,
    timezone: values.timezone,
    sendWindowStart: values.sendWindowStart,
    sendWindowEnd: values.sendWindowEnd,
    sendDays: [...values.sendDays].sort(),
    dailyLimit: values.dailyLimit.trim() ? Number(values.dailyLimit) : null,
    stopOnReply: values.stopOnReply,
    trackOpens: values.trackOpens,
    trackClicks: values.trackClicks,
  };
}
