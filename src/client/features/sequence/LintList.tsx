import type { LintWarning } from '../../../server/sending/rules/lint.js';
import { Badge } from '../../components/ui/Badge.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';

function lintText({ t, language }: Pick<ReturnType<typeof useI18n>, 't' | 'language'>, warning: LintWarning): string {
  const quote = (word: string) => (language === 'fr' ? `«\u00a0${word}\u00a0»` : `“${word}”`);
  switch (warning.code) {
    case 'template_syntax':
      return t('sequence.lint.template_syntax', { excerpt: warning.params.excerpt });
    case 'unknown_variable':
      return t(warning.params.hasFallback ? 'sequence.lint.unknown_variable_fallback' : 'sequence.lint.unknown_variable', { variable: warning.params.variable });
    case 'variable_may_be_missing':
      return t('sequence.lint.variable_may_be_missing', { variable: warning.params.variable, prospects: warning.params.prospects });
    case 'too_many_links':
      return t('sequence.lint.too_many_links', { count: warning.params.count, max: warning.params.max });
    case 'subject_too_long':
      return t('sequence.lint.subject_too_long', { length: warning.params.length, max: warning.params.max });
    case 'caps_words':
      return t('sequence.lint.caps_words', { words: warning.params.words.join(', ') });
    case 'spam_words':
      return t('sequence.lint.spam_words', { words: warning.params.words.map(quote).join(', ') });
    case 'excessive_punctuation':
      return t('sequence.lint.excessive_punctuation', { sequences: warning.params.sequences.join(' ') });
    case 'empty_subject_first_step':
    case 'empty_body':
    case 'subject_all_caps':
      return t(`sequence.lint.${warning.code}` as MessageKey);
  }
}

/** Lint before save: warnings, never blocks. "Will be held" marks what would stop the email at send time. */
export function LintList({ warnings, label }: { warnings: readonly LintWarning[]; label: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!warnings.length) return <p className="text-xs text-success-700">✓ {t('sequence.lint.none')}</p>;
  return (
    <ul aria-label={label} className="space-y-1.5">
      {warnings.map((warning, index) => (
        <li key={`${warning.code}-${warning.field}-${index}`} className="flex items-start gap-2 text-xs text-ink">
          <Badge tone={warning.severity === 'error' ? 'danger' : 'warning'} className="shrink-0">
            {t(`sequence.lint.severity.${warning.severity}`)}
          </Badge>
          <span>
            <span className="font-medium text-muted">{t(`sequence.lint.field.${warning.field}`)} · </span>
            {lintText(i18n, warning)}
          </span>
        </li>
      ))}
    </ul>
  );
}
