import { SelectField } from '../../../components/ui/Field.js';
import { LANGUAGE_NAMES, useT } from '../../../i18n/index.js';
import { UI_LANGUAGES } from '../../../../shared/enums.js';
import type { AgentLanguage } from './agent-form-state.js';

/** The language an agent writes in: the prospect's own ("auto"), or always one. */
export function AgentLanguageSelect({ value, onChange, disabled }: { value: AgentLanguage; onChange: (next: AgentLanguage) => void; disabled?: boolean }) {
  const t = useT();
  return (
    <SelectField label={t('agents.language')} value={value} onChange={(event) => onChange(event.target.value as AgentLanguage)} disabled={disabled} hint={t('agents.language.hint')}>
      <option value="auto">{t('agents.language.auto')}</option>
      {UI_LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </SelectField>
  );
}
