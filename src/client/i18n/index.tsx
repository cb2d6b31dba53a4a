import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { UiLanguage } from '../../shared/enums.js';
import { auth } from './messages/auth.js';
import { campaigns } from './messages/campaigns.js';
import { common } from './messages/common.js';
import { credentials } from './messages/credentials.js';
import { dashboard } from './messages/dashboard.js';
import { mailboxes } from './messages/mailboxes.js';
import { onboarding } from './messages/onboarding.js';
import { prospects } from './messages/prospects.js';
import { publicPages } from './messages/public.js';
import { settings } from './messages/settings.js';
import { workspaceSettings } from './messages/workspaceSettings.js';

/**
 * The one i18n layer: typed keys, English and French. Each domain adds its catalogue file under
 * messages/ and lists it here; a key missing in French fails the type check.
 */
const catalogues = [
  common,
  auth,
  dashboard,
  campaigns,
  prospects,
  settings,
  credentials,
  mailboxes,
  workspaceSettings,
  onboarding,
  publicPages,
] as const;

type KeysOf<T> = T extends { en: infer E } ? keyof E & string : never;
export type MessageKey = KeysOf<(typeof catalogues)[number]>;
type Dictionary = Record<string, string>;

const dictionaries: Record<UiLanguage, Dictionary> = {
  en: Object.assign({}, ...catalogues.map((c) => c.en)) as Dictionary,
  fr: Object.assign({}, ...catalogues.map((c) => c.fr)) as Dictionary,
};

const STORAGE_KEY = 'sm_language';

export function detectLanguage(): UiLanguage {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'en' || stored === 'fr') return stored;
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

type I18nValue = {
  language: UiLanguage;
  setLanguage(language: UiLanguage): void;
  t: Translate;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  formatDate(value: Date | string, options?: Intl.DateTimeFormatOptions): string;
  formatRelative(value: Date | string): string;
};

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<UiLanguage>(detectLanguage);
  const setLanguage = useCallback((next: UiLanguage) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const dictionary = dictionaries[language];
    const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return {
      language,
      setLanguage,
      t: (key, values) => {
        const template = dictionary[key] ?? dictionaries.en[key] ?? key;
        return values ? template.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match)) : template;
      },
      formatNumber: (number, options) => new Intl.NumberFormat(locale, options).format(number),
      formatDate: (date, options) =>
        new Intl.DateTimeFormat(locale, options ?? { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(date)),
      formatRelative: (date) => {
        const seconds = Math.round((new Date(date).getTime() - Date.now()) / 1000);
        const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86400], ['hour', 3600], ['minute', 60]];
        for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
        return relative.format(seconds, 'second');
      },
    };
  }, [language, setLanguage]);
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
