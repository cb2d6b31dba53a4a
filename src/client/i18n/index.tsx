import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UiLanguage } from '../../shared/enums.js';
import { agentReasons } from './messages/agentReasons.js';
import { auth } from './messages/auth.js';
import { campaigns } from './messages/campaigns.js';
import { common } from './messages/common.js';
import { credentials } from './messages/credentials.js';
import { dashboard } from './messages/dashboard.js';
import { enrichment } from './messages/enrichment.js';
import { demo } from './messages/demo.js';
import { errorFields, errorIssues, errorReasons, errorRules } from './messages/errors.js';
import { inbox } from './messages/inbox.js';
import { mailboxes } from './messages/mailboxes.js';
import { onboarding } from './messages/onboarding.js';
import { prospects } from './messages/prospects.js';
import { publicPages } from './messages/public.js';
import { sequence } from './messages/sequence.js';
import { sending } from './messages/sending.js';
import { scraping } from './messages/scraping.js';
import { reports } from './messages/reports.js';
import { settings } from './messages/settings.js';
import { webhooks } from './messages/webhooks.js';
import { workspaceSettings } from './messages/workspaceSettings.js';

/**
 * The one i18n layer: typed keys, English and French. Each domain adds its catalogue file under
 * messages/ and lists it here; a key missing in French fails the type check.
 */
export const catalogues = [
  common,
  auth,
  dashboard,
  reports,
  campaigns,
  sequence,
  prospects,
  enrichment,
  scraping,
  settings,
  credentials,
  webhooks,
  mailboxes,
  sending,
  workspaceSettings,
  demo,
  inbox,
  agentReasons,
  onboarding,
  publicPages,
  errorReasons,
  errorRules,
  errorIssues,
  errorFields,
] as const;

type KeysOf<T> = T extends { en: infer E } ? keyof E & string : never;
export type MessageKey = KeysOf<(typeof catalogues)[number]>;
type Dictionary = Record<string, string>;

/** French typography: a no-break space before ? and ! (and inside « »), so they never wrap onto a line of their own. */
export function frenchSpacing(text: string): string {
  return text.replace(/ ([?!»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

const french = Object.assign({}, ...catalogues.map((c) => c.fr)) as Dictionary;
const dictionaries: Record<UiLanguage, Dictionary> = {
  en: Object.assign({}, ...catalogues.map((c) => c.en)) as Dictionary,
  fr: Object.fromEntries(Object.entries(french).map(([key, text]) => [key, frenchSpacing(text)])),
};

const STORAGE_KEY = 'sm_language';

/** Each language's name in that language (how a language menu lists them, whatever the UI language). */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: 'English', fr: 'Français' };

export function detectLanguage(): UiLanguage {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'en' || stored === 'fr') return stored;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Number values are formatted for the language ("10 000" in French, "10,000" in English); pass a string to keep digits as they are (a year, a port). */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A message with a singular and a plural form: `x.one` and `x.other` both exist. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

/** Picks `key.one` or `key.other` by the language's plural rules (French says "0 prospect", English "0 prospects"); `{count}` is the formatted number. */
export type TranslatePlural = (key: PluralKey, count: number, values?: Record<string, string | number>) => string;

/** Translation and formatting in one language, without React: what `useI18n()` hands out. */
export type Translator = {
  language: UiLanguage;
  t: Translate;
  tp: TranslatePlural;
  // Function properties (not methods): they are destructured from `useI18n()` and hold no `this`.
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  formatDate: (value: Date | string, options?: Intl.DateTimeFormatOptions) => string;
  formatRelative: (value: Date | string) => string;
};

export function createTranslator(language: UiLanguage): Translator {
  const dictionary = dictionaries[language];
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const t: Translate = (key, values) => {
    const template = dictionary[key] ?? dictionaries.en[key] ?? key;
    if (!values) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = values[name];
      return value === undefined ? match : typeof value === 'number' ? numbers.format(value) : value;
    });
  };
  return {
    language,
    t,
    tp: (key, count, values) => t(`${key}.${plurals.select(count) === 'one' ? 'one' : 'other'}` as MessageKey, { ...values, count: numbers.format(count) }),
    formatNumber: (number, options) => new Intl.NumberFormat(locale, options).format(number),
    formatDate: (date, options) => new Intl.DateTimeFormat(locale, options ?? { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(date)),
    formatRelative: (date) => {
      const seconds = Math.round((new Date(date).getTime() - Date.now()) / 1000);
      const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86400], ['hour', 3600], ['minute', 60]];
      for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      return relative.format(seconds, 'second');
    },
  };
}

type I18nValue = Translator & { setLanguage: (language: UiLanguage) => void };

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<UiLanguage>(detectLanguage);
  const setLanguage = useCallback((next: UiLanguage) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  // Screen readers pick their voice from <html lang>: keep it in step, from the first render on.
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18nValue>(() => ({ ...createTranslator(language), setLanguage }), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}
