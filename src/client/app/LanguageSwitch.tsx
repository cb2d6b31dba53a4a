import { UI_LANGUAGES, type UiLanguage } from '../../shared/enums.js';
import { useI18n } from '../i18n/index.js';
import { trpc } from '../lib/trpc.js';

const LABELS: Record<UiLanguage, string> = { en: 'English', fr: 'Français' };

/** EN/FR toggle; when signed in (`persist`) the choice is saved on the account too. */
export function LanguageSwitch({ persist = false }: { persist?: boolean }) {
  const { language, setLanguage, t } = useI18n();
  const save = trpc.auth.setLanguage.useMutation();
  return (
    <label className="flex items-center gap-1 text-sm text-muted">
      <span className="sr-only">{t('shell.language')}</span>
      <select
        value={language}
        className="h-8 rounded-md border border-line bg-panel px-1.5 text-sm"
        onChange={(event) => {
          const next = event.target.value as UiLanguage;
          setLanguage(next);
          if (persist) save.mutate({ language: next });
        }}
      >
        {UI_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LABELS[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
