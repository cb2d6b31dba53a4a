import { UI_LANGUAGES, type UiLanguage } from '../../shared/enums.js';
import { InlineSelect } from '../components/ui/Field.js';
import { LANGUAGE_NAMES, useI18n } from '../i18n/index.js';
import { trpc } from '../lib/trpc.js';

/** EN/FR menu; when signed in (`persist`) the choice is saved on the account too. */
export function LanguageSwitch({ persist = false }: { persist?: boolean }) {
  const { language, setLanguage, t } = useI18n();
  const save = trpc.auth.setLanguage.useMutation();
  return (
    <InlineSelect
      label={t('shell.language')}
      hideLabel
      value={language}
      onChange={(event) => {
        const next = event.target.value as UiLanguage;
        setLanguage(next);
        if (persist) save.mutate({ language: next });
      }}
    >
      {UI_LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </InlineSelect>
  );
}
