import { useI18n } from '../i18n/index.js';
import { describeError, describeImportRow, fieldErrorTexts, topLevelFieldErrorTexts, type FieldLabels, type ImportRowErrorView } from './error-text.js';

export type ErrorText = {
  /** One sentence for a toast or an alert; `fallback` says what failed when the server could not say why. */
  message: (error: unknown, fallback: string) => string;
  /** Inline messages keyed by issue path (`extra.url`, `templates.0.subject`). */
  fields: (error: unknown) => Record<string, string>;
  /** Inline messages keyed by top-level field (`sendDays.0` → `sendDays`). */
  topLevelFields: (error: unknown) => Record<string, string>;
  /** Why a CSV row was not imported. */
  importRow: (row: ImportRowErrorView) => string;
};

/**
 * API errors in the user's language, naming fields by the labels this form shows (see
 * `FieldLabels` in error-text.ts). Every error the UI shows goes through here.
 */
export function useErrorText(labels?: FieldLabels): ErrorText {
  const i18n = useI18n();
  return {
    message: (error, fallback) => describeError(i18n, error, fallback, labels),
    fields: (error) => fieldErrorTexts(i18n, error, labels),
    topLevelFields: (error) => topLevelFieldErrorTexts(i18n, error, labels),
    importRow: (row) => describeImportRow(i18n, row, labels),
  };
}
