import { DAILY_LIMIT_DEFAULT, DAILY_LIMIT_MAX, DAILY_LIMIT_MIN, DEFAULT_WARMUP, MIN_GAP_SECONDS_DEFAULT, hasLineBreak, minutesOf } from '../../../../shared/mailbox-rules.js';
import type { Translate } from '../../../i18n/index.js';
import type { FieldLabels } from '../../../lib/error-text.js';
import type { RouterInputs } from '../../../lib/trpc.js';
import { browserTimeZone } from '../../../lib/time-zones.js';
import type { Mailbox } from './mailbox-format.js';

/** The form's fields as typed (numbers stay text until submitted, so a half-typed value is kept). */
export type ServerFields = { host: string; port: string; secure: boolean; plaintext: boolean; user: string; password: string };
export type MailboxFormState = {
  fromName: string;
  fromEmail: string;
  signature: string;
  smtp: ServerFields;
  imapEnabled: boolean;
  imapSameCredentials: boolean;
  imap: ServerFields;
  dailyLimit: string;
  minGapSeconds: string;
  warmupEnabled: boolean;
  warmupStart: string;
  warmupIncrement: string;
  windowStart: string;
  windowEnd: string;
  windowDays: number[];
  timezone: string;
};

export function initialFormState(initial: Mailbox | undefined, defaults: { fromName?: string; fromEmail?: string } = {}): MailboxFormState {
  const server = (value: Mailbox['smtp'] | undefined, port: number, secure: boolean): ServerFields => ({
    host: value?.host ?? '',
    port: String(value?.port ?? port),
    secure: value?.secure ?? secure,
    plaintext: value?.plaintext ?? false,
    user: value?.user ?? '',
    password: '',
  });
  return {
    fromName: initial?.fromName ?? defaults.fromName ?? '',
    fromEmail: initial?.fromEmail ?? defaults.fromEmail ?? '',
    signature: initial?.signature ?? '',
    smtp: server(initial?.smtp, 587, false),
    imapEnabled: initial ? Boolean(initial.imap) : true,
    imapSameCredentials: initial ? Boolean(initial.imap && initial.smtp && initial.imap.user === initial.smtp.user) : true,
    imap: server(initial?.imap, 993, true),
    dailyLimit: String(initial?.dailyLimit ?? DAILY_LIMIT_DEFAULT),
    minGapSeconds: String(initial?.minGapSeconds ?? MIN_GAP_SECONDS_DEFAULT),
    warmupEnabled: initial?.warmup.enabled ?? DEFAULT_WARMUP.enabled,
    warmupStart: String(initial?.warmup.startPerDay ?? DEFAULT_WARMUP.startPerDay),
    warmupIncrement: String(initial?.warmup.incrementPerDay ?? DEFAULT_WARMUP.incrementPerDay),
    windowStart: initial?.window.start ?? '09:00',
    windowEnd: initial?.window.end ?? '17:00',
    windowDays: initial?.window.days ?? [1, 2, 3, 4, 5],
    timezone: initial?.window.timezone ?? browserTimeZone(),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const asInt = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN);

/** The checks the browser can make at once, in the UI language; the server checks everything again. */
export function validateForm(state: MailboxFormState, options: { sandbox: boolean; storedSmtpPassword: boolean; storedImapPassword: boolean; initiallySameCredentials: boolean }, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!state.fromName.trim()) errors.fromName = t('mailboxes.error.required');
  else if (hasLineBreak(state.fromName)) errors.fromName = t('mailboxes.error.lineBreak');
  if (!options.sandbox) {
    if (!EMAIL.test(state.fromEmail.trim())) errors.fromEmail = t('mailboxes.error.email');
    const server = (prefix: 'smtp' | 'imap', fields: ServerFields, stored: boolean, sameAsSmtp: boolean) => {
      if (!fields.host.trim()) errors[`${prefix}.host`] = t('mailboxes.error.required');
      const port = asInt(fields.port);
      if (!(port >= 1 && port <= 65535)) errors[`${prefix}.port`] = t('mailboxes.error.port');
      if (sameAsSmtp) return;
      if (fields.user.trim() && !fields.password && !stored) errors[`${prefix}.password`] = t('mailboxes.error.password');
    };
    server('smtp', state.smtp, options.storedSmtpPassword, false);
    if (state.imapEnabled) {
      server('imap', state.imap, options.storedImapPassword, state.imapSameCredentials);
      const imapUser = state.imapSameCredentials ? state.smtp.user : state.imap.user;
      if (!imapUser.trim()) errors[state.imapSameCredentials ? 'smtp.user' : 'imap.user'] = t('mailboxes.error.imapUser');
      // Switching to "same as SMTP" needs the SMTP password typed again: the stored one is never sent back.
      if (state.imapSameCredentials && !options.initiallySameCredentials && options.storedImapPassword && !state.smtp.password) {
        errors['smtp.password'] = t('mailboxes.error.retypeForImap');
      }
    }
  }
  const limit = asInt(state.dailyLimit);
  if (!(limit >= DAILY_LIMIT_MIN && limit <= DAILY_LIMIT_MAX)) errors.dailyLimit = t('mailboxes.error.dailyLimit', { min: DAILY_LIMIT_MIN, max: DAILY_LIMIT_MAX });
  if (!(asInt(state.minGapSeconds) >= 0 && asInt(state.minGapSeconds) <= 86_400)) errors.minGapSeconds = t('mailboxes.error.minGap');
  if (state.warmupEnabled) {
    const start = asInt(state.warmupStart);
    if (!(start >= 1)) errors['warmup.startPerDay'] = t('mailboxes.error.warmupStart');
    else if (limit && start > limit) errors['warmup.startPerDay'] = t('mailboxes.error.warmupAboveLimit', { limit });
    if (!(asInt(state.warmupIncrement) >= 0 && asInt(state.warmupIncrement) <= 100)) errors['warmup.incrementPerDay'] = t('mailboxes.error.warmupIncrement');
  }
  if (minutesOf(state.windowEnd) <= minutesOf(state.windowStart)) errors['window.end'] = t('mailboxes.error.windowOrder');
  if (state.windowDays.length === 0) errors['window.days'] = t('mailboxes.error.days');
  return errors;
}

type CreateInput = RouterInputs['mailboxes']['create'];

/** The API body. On edit, an empty password is left out so the stored one is kept. */
export function toPayload(state: MailboxFormState, options: { sandbox: boolean }) {
  const limits = {
    fromName: state.fromName.trim(),
    signature: state.signature,
    dailyLimit: asInt(state.dailyLimit),
    minGapSeconds: asInt(state.minGapSeconds),
    warmup: { enabled: state.warmupEnabled, startPerDay: asInt(state.warmupStart) || 1, incrementPerDay: asInt(state.warmupIncrement) || 0 },
    window: { start: state.windowStart, end: state.windowEnd, days: state.windowDays, timezone: state.timezone },
  };
  if (options.sandbox) return limits;
  const server = (fields: ServerFields) => ({
    host: fields.host.trim(),
    port: asInt(fields.port),
    secure: fields.secure,
    plaintext: !fields.secure && fields.plaintext,
    user: fields.user.trim(),
    ...(fields.password ? { password: fields.password } : {}),
  });
  const smtp = server(state.smtp);
  const imap = state.imapEnabled
    ? state.imapSameCredentials
      ? { ...server(state.imap), user: smtp.user, ...(state.smtp.password ? { password: state.smtp.password } : {}) }
      : server(state.imap)
    : null;
  return { ...limits, fromEmail: state.fromEmail.trim(), smtp, imap } satisfies CreateInput;
}

/** The form's labels by issue path, so a refused field is named as the form shows it. */
export function mailboxFieldLabels(t: Translate): FieldLabels {
  return {
    fromName: t('mailboxes.form.fromName'),
    fromEmail: t('mailboxes.form.fromEmail'),
    signature: t('mailboxes.form.signature'),
    ...Object.fromEntries(
      (['smtp', 'imap'] as const).flatMap((kind) => {
        const label = kind === 'smtp' ? 'SMTP' : 'IMAP';
        return [
          [kind, label],
          [`${kind}.host`, t('mailboxes.form.host', { kind: label })],
          [`${kind}.port`, t('mailboxes.form.port', { kind: label })],
          [`${kind}.user`, t('mailboxes.form.user', { kind: label })],
          [`${kind}.password`, t('mailboxes.form.password', { kind: label })],
        ];
      }),
    ),
    dailyLimit: t('mailboxes.form.dailyLimit'),
    minGapSeconds: t('mailboxes.form.minGap'),
    'warmup.startPerDay': t('mailboxes.form.warmupStart'),
    'warmup.incrementPerDay': t('mailboxes.form.warmupIncrement'),
    'window.start': t('mailboxes.form.windowStart'),
    'window.end': t('mailboxes.form.windowEnd'),
    'window.timezone': t('mailboxes.form.timezone'),
    'window.days': t('mailboxes.form.days'),
  };
}
