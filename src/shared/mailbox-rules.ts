/**
 * Mailbox rules shared by the API (validation) and the settings UI (defaults, presets, hints), so
 * both state the same limits.
 */
export const DAILY_LIMIT_MIN = 1;
export const DAILY_LIMIT_MAX = 500;
export const DAILY_LIMIT_DEFAULT = 20;
export const MIN_GAP_SECONDS_MAX = 86_400;
export const MIN_GAP_SECONDS_DEFAULT = 120;
export const WARMUP_INCREMENT_MAX = 100;
export const SIGNATURE_MAX_LENGTH = 5_000;

/** ISO 8601 weekday numbers: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const DEFAULT_WINDOW = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5], timezone: 'UTC' };
export const DEFAULT_WARMUP = { enabled: true, startPerDay: 5, incrementPerDay: 2 };

/** The address the built-in sandbox mailbox "sends" from (a reserved, undeliverable domain). */
export const SANDBOX_DOMAIN = 'sandbox.sales-machine.invalid';

export type MailProviderPreset = {
  id: 'gmail' | 'microsoft365' | 'ovh' | 'zoho' | 'zohoEu';
  label: string;
  smtp: { host: string; port: number; secure: boolean };
  imap: { host: string; port: number; secure: boolean };
};

/** Server settings of common providers; `secure` = implicit TLS (465/993), otherwise STARTTLS. */
export const MAIL_PROVIDER_PRESETS: MailProviderPreset[] = [
  { id: 'gmail', label: 'Gmail / Google Workspace', smtp: { host: 'smtp.gmail.com', port: 465, secure: true }, imap: { host: 'imap.gmail.com', port: 993, secure: true } },
  { id: 'microsoft365', label: 'Microsoft 365 / Outlook', smtp: { host: 'smtp.office365.com', port: 587, secure: false }, imap: { host: 'outlook.office365.com', port: 993, secure: true } },
  { id: 'ovh', label: 'OVHcloud (MX Plan)', smtp: { host: 'ssl0.ovh.net', port: 465, secure: true }, imap: { host: 'ssl0.ovh.net', port: 993, secure: true } },
  { id: 'zoho', label: 'Zoho Mail', smtp: { host: 'smtp.zoho.com', port: 465, secure: true }, imap: { host: 'imap.zoho.com', port: 993, secure: true } },
  { id: 'zohoEu', label: 'Zoho Mail (EU)', smtp: { host: 'smtp.zoho.eu', port: 465, secure: true }, imap: { host: 'imap.zoho.eu', port: 993, secure: true } },
];

/** True when the text would break out of a mail header line. */
export function hasLineBreak(value: string): boolean {
  return /[\r\n]/.test(value);
}

/** "HH:MM" (24 h) → minutes since midnight. */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The part after @, lower-cased. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The daily cap on `day` (0 = the day warm-up started): the warm-up ramp up to the daily limit.
 * The warm-up target is the daily limit itself (there is no separate target setting).
 */
export function warmupCapOnDay(settings: { dailyLimit: number; warmup: { enabled: boolean; startPerDay: number; incrementPerDay: number } }, day: number): number {
  if (!settings.warmup.enabled) return settings.dailyLimit;
  return Math.min(settings.dailyLimit, settings.warmup.startPerDay + Math.max(0, day) * settings.warmup.incrementPerDay);
}
