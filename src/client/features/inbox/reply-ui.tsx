import { Badge, type BadgeTone } from '../../components/ui/Badge.js';
import { SelectField } from '../../components/ui/Field.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { REPLY_INTENTS } from '../../../shared/enums.js';

export type ReplyIntent = (typeof REPLY_INTENTS)[number];

/** How a reply's intent is shown wherever replies are listed (inbox, review queue, playground). */
const INTENT_TONES: Record<ReplyIntent, BadgeTone> = {
  interested: 'success',
  meeting_request: 'success',
  question: 'brand',
  referral: 'brand',
  not_now: 'warning',
  out_of_office: 'neutral',
  not_interested: 'danger',
  unsubscribe: 'danger',
  bounce: 'danger',
  other: 'neutral',
};

export const intentKey = (intent: ReplyIntent): MessageKey => `prospects.intent.${intent}` as MessageKey;

export function IntentBadge({ intent }: { intent: ReplyIntent | null }) {
  const { t } = useI18n();
  if (!intent) return <Badge>{t('inbox.notRead')}</Badge>;
  return <Badge tone={INTENT_TONES[intent]}>{t(intentKey(intent))}</Badge>;
}

/** "82% sure", with a small bar; the number is what a screen reader hears. */
export function Confidence({ value }: { value: number }) {
  const { t, formatNumber } = useI18n();
  const text = t('inbox.confidence', { value: formatNumber(value, { style: 'percent', maximumFractionDigits: 0 }) });
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-muted">
      <span aria-hidden="true" className="h-1.5 w-10 overflow-hidden rounded-full bg-surface">
        <span className={value >= 0.8 ? 'block h-full bg-success-600' : value >= 0.5 ? 'block h-full bg-warning-500' : 'block h-full bg-danger-600'} style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      {text}
    </span>
  );
}

export function IntentFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <SelectField label={t('inbox.filter.intent')} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('inbox.filter.anyIntent')}</option>
      {REPLY_INTENTS.map((intent) => (
        <option key={intent} value={intent}>
          {t(intentKey(intent))}
        </option>
      ))}
    </SelectField>
  );
}

export function CampaignFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  const campaigns = trpc.campaigns.list.useQuery({ limit: 100, sort: 'updatedAt', order: 'desc' });
  return (
    <SelectField label={t('inbox.filter.campaign')} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('inbox.filter.anyCampaign')}</option>
      {(campaigns.data?.items ?? []).map((campaign) => (
        <option key={campaign.id} value={campaign.id}>
          {campaign.name}
        </option>
      ))}
    </SelectField>
  );
}

export function MailboxFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  const mailboxes = trpc.mailboxes.list.useQuery();
  return (
    <SelectField label={t('inbox.filter.mailbox')} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('inbox.filter.anyMailbox')}</option>
      {(mailboxes.data ?? []).map((mailbox) => (
        <option key={mailbox.id} value={mailbox.id}>
          {mailbox.fromEmail}
        </option>
      ))}
    </SelectField>
  );
}

/** Typing in a field or a dialog is not a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || Boolean(target.closest('dialog[open]'));
}

const QUOTE_START = /^(on .+wrote:?|le .+a écrit\s?:?|-{2,}\s*(original message|message d['’]origine)\s*-{2,}|>.*)$/i;

/** A reply's new text and the quoted history under it (shown folded): "On … wrote:" or `>` lines. */
export function splitQuoted(text: string): { latest: string; quoted: string } {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => QUOTE_START.test(line.trim()));
  if (index <= 0) return { latest: text.trim(), quoted: '' };
  return { latest: lines.slice(0, index).join('\n').trim(), quoted: lines.slice(index).join('\n').trim() };
}

/** A message body with its quoted history folded behind "Show the quoted text". */
export function ReplyBody({ text, className }: { text: string; className?: string }) {
  const { t } = useI18n();
  const { latest, quoted } = splitQuoted(text);
  return (
    <div className={className}>
      <p className="whitespace-pre-wrap break-words text-ink">{latest}</p>
      {quoted && (
        <details className="mt-2 text-xs text-muted">
          <summary className="cursor-pointer select-none hover:text-ink">{t('inbox.showQuoted')}</summary>
          <p className="mt-1 whitespace-pre-wrap break-words">{quoted}</p>
        </details>
      )}
    </div>
  );
}
