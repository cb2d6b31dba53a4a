import type { MessageKey, Translator } from '../i18n/index.js';
import { agentReasons } from '../i18n/messages/agentReasons.js';

/** A reason as the API gives it: a code, its params, and (when stored) the English line. */
export type ReasonLike = { code: string; params: Record<string, string>; text?: string };

const KNOWN = new Set(Object.keys(agentReasons.en));
const isKey = (key: string): key is MessageKey => KNOWN.has(key);

/** The variant a missing param calls for (a referral with or without an address, cues or none). */
function keyFor(reason: ReasonLike): string {
  const base = `agentReason.${reason.code}`;
  if (reason.code === 'left_company' && reason.params.email) return `${base}.withEmail`;
  if ((reason.code === 'model' || reason.code === 'model_with_cue') && reason.params.cues) return `${base}.withCues`;
  return base;
}

/**
 * One of the agent's reasons in the user's language, from its code and params. An unknown code
 * (a newer server, an old row) shows the stored English line, then the fallback given.
 */
export function reasonText(i18n: Pick<Translator, 't' | 'formatDate' | 'formatNumber'>, reason: ReasonLike, fallback = ''): string {
  const key = keyFor(reason);
  if (!isKey(key)) return reason.text || fallback || reason.code;
  const values: Record<string, string> = { ...reason.params };
  const intentKey = `intent.${reason.params.intent ?? ''}`;
  if (isIntentKey(intentKey)) values.intent = i18n.t(intentKey);
  for (const name of ['confidence', 'threshold'] as const) {
    const number = Number(reason.params[name]);
    if (reason.params[name] && Number.isFinite(number)) values[name] = i18n.formatNumber(number, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  const date = reason.params.date;
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) values.date = i18n.formatDate(`${date}T00:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' });
  return i18n.t(key, values);
}

const INTENT_KEYS = new Set(['interested', 'meeting_request', 'question', 'not_interested', 'not_now', 'out_of_office', 'referral', 'unsubscribe', 'bounce', 'other'].map((intent) => `intent.${intent}`));
const isIntentKey = (key: string): key is MessageKey => INTENT_KEYS.has(key);

/** Every reason of a decision, joined; the stored English line when there is none. */
export function reasonsText(i18n: Pick<Translator, 't' | 'formatDate' | 'formatNumber'>, reasons: readonly ReasonLike[] | undefined, fallback: string): string {
  if (!reasons || reasons.length === 0) return fallback;
  return reasons.map((reason) => reasonText(i18n, reason, fallback)).join(' · ');
}
