import { Badge, type BadgeTone } from '../../components/ui/Badge.js';
import { useT, type MessageKey, type Translate } from '../../i18n/index.js';
import type { FieldLabels } from '../../lib/error-text.js';
import type { RouterOutputs } from '../../lib/trpc.js';
import { PROSPECT_FIELDS, type ProspectStage } from '../../../shared/enums.js';

/** Small pieces shared by the prospects screens. */

export type Prospect = RouterOutputs['prospects']['list']['items'][number];

const STAGE_TONES: Record<ProspectStage, BadgeTone> = {
  new: 'neutral',
  enriched: 'neutral',
  contacted: 'brand',
  replied: 'brand',
  interested: 'success',
  meeting_booked: 'success',
  won: 'success',
  lost: 'danger',
  unsubscribed: 'warning',
  bounced: 'danger',
};

export function stageKey(stage: ProspectStage): MessageKey {
  return `prospects.stage.${stage}` as MessageKey;
}

/** The prospect fields as the form and the import name them, for error messages that name a field. */
export function prospectFieldLabels(t: Translate): FieldLabels {
  return {
    ...Object.fromEntries(PROSPECT_FIELDS.map((field) => [field, t((field === 'fullName' ? 'prospects.import.target.fullName' : `prospects.field.${field}`) as MessageKey)])),
    campaignId: t('prospects.field.campaign'),
    stage: t('prospects.field.stage'),
  };
}

export function StageBadge({ stage }: { stage: ProspectStage }) {
  const t = useT();
  return <Badge tone={STAGE_TONES[stage]}>{t(stageKey(stage))}</Badge>;
}

/** The name to show: first + last, else the full name, else the email or LinkedIn slug. */
export function displayName(prospect: Pick<Prospect, 'firstName' | 'lastName' | 'fullName' | 'email' | 'linkedinUrl'>): string {
  const name = [prospect.firstName, prospect.lastName].filter(Boolean).join(' ').trim();
  if (name) return name;
  if (prospect.fullName) return prospect.fullName;
  if (prospect.email) return prospect.email;
  return prospect.linkedinUrl?.replace(/^https?:\/\/(www\.)?linkedin\.com\//, '') ?? '—';
}

/** Saves text as a file download (export, error reports). */
export function downloadText(text: string | Blob, fileName: string, type = 'text/csv;charset=utf-8') {
  const blob = typeof text === 'string' ? new Blob([text], { type }) : text;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A v4 UUID; `crypto.randomUUID` only exists on secure origins, `getRandomValues` everywhere. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
