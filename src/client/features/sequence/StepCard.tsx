import { useId, useRef } from 'react';
import { Button } from '../../components/ui/Button.js';
import { Card } from '../../components/ui/Card.js';
import { CheckboxField, InlineSelect, TextAreaField, TextField } from '../../components/ui/Field.js';
import { PlusIcon, TrashIcon } from '../../components/ui/icons.js';
import { cx } from '../../components/ui/cx.js';
import { useI18n } from '../../i18n/index.js';
import { LintList } from './LintList.js';
import {
  addVersion,
  insertAt,
  lintVersion,
  MAX_VERSIONS,
  moveStep,
  removeStep,
  removeVersion,
  updateStep,
  updateVersion,
  versionLetter,
  type DraftStep,
} from './sequence-draft.js';
import { VariablePicker } from './VariablePicker.js';

type Edit = (change: (steps: DraftStep[]) => DraftStep[]) => void;

export type StepCardProps = {
  steps: DraftStep[];
  index: number;
  version: number;
  onVersion: (version: number) => void;
  edit: Edit;
  customFieldKeys: readonly string[];
  readOnly: boolean;
  previewing: boolean;
  onPreview: () => void;
};

/** One email of the sequence: its delay, its A/B versions as tabs, subject and body with the variable picker, and its lint. */
export function StepCard({ steps, index, version, onVersion, edit, customFieldKeys, readOnly, previewing, onPreview }: StepCardProps) {
  const { t, tp } = useI18n();
  const step = steps[index];
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const tabsId = useId();
  if (!step) return null;
  const number = index + 1;
  const current = step.versions[version] ?? step.versions[0] ?? { subject: '', body: '' };
  const warnings = lintVersion(steps, index, Math.min(version, step.versions.length - 1), customFieldKeys);

  function insert(field: 'subject' | 'body', text: string) {
    const element = field === 'subject' ? subjectRef.current : bodyRef.current;
    const value = current[field];
    const { value: next, caret } = insertAt(value, element?.selectionStart ?? value.length, element?.selectionEnd ?? value.length, text);
    edit((all) => updateVersion(all, index, version, { [field]: next }));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(caret, caret);
    });
  }

  return (
    <Card className={cx('p-0', previewing && 'ring-2 ring-brand-500')} aria-labelledby={`${tabsId}-title`} role="group">
      <div className="space-y-2 border-b border-line px-5 py-3">
        <div className="flex items-center justify-between gap-3">
          <h3 id={`${tabsId}-title`} className="text-sm font-semibold text-ink">
            {t('sequence.step.title', { number })}
          </h3>
          <div className="flex items-center gap-1">
            <Button variant={previewing ? 'secondary' : 'ghost'} size="sm" aria-pressed={previewing} onClick={onPreview}>
              {previewing ? t('sequence.step.previewing') : t('sequence.step.selectForPreview')}
            </Button>
            <Button variant="ghost" size="sm" disabled={readOnly || index === 0} aria-label={t('sequence.step.moveUp', { number })} onClick={() => edit((all) => moveStep(all, index, -1))}>
              ↑
            </Button>
            <Button variant="ghost" size="sm" disabled={readOnly || index === steps.length - 1} aria-label={t('sequence.step.moveDown', { number })} onClick={() => edit((all) => moveStep(all, index, 1))}>
              ↓
            </Button>
            <Button variant="danger-ghost" size="sm" disabled={readOnly} aria-label={t('sequence.step.remove', { number })} onClick={() => edit((all) => removeStep(all, index))}>
              <TrashIcon className="h-4 w-4" />
            </Button>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
          <div className="flex items-center gap-2 text-sm text-muted">
            <span>{index === 0 ? t('sequence.step.delayFirst') : t('sequence.step.delayLater')}</span>
            <input
              type="number"
              min={0}
              max={90}
              value={step.delayDays}
              disabled={readOnly}
              aria-label={t('sequence.step.delayLabel', { number })}
              className="w-16 rounded-lg border border-line bg-panel px-2 py-1 text-sm text-ink"
              onChange={(event) => {
                const days = Math.max(0, Math.min(90, Math.round(Number(event.target.value) || 0)));
                edit((all) => updateStep(all, index, { delayDays: days }));
              }}
            />
            <span>{tp(index === 0 ? 'sequence.step.delayFirstSuffix' : 'sequence.step.delaySuffix', step.delayDays)}</span>
          </div>
          <CheckboxField
            label={t('sequence.step.businessDays')}
            checked={step.businessDays}
            disabled={readOnly}
            onChange={(event) => edit((all) => updateStep(all, index, { businessDays: event.target.checked }))}
          />
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-1 border-b border-line px-5 pt-2">
        <div role="tablist" aria-label={t('sequence.step.versions', { number })} className="-mb-px flex gap-1">
          {step.versions.map((_, at) => (
            <button
              key={at}
              type="button"
              role="tab"
              id={`${tabsId}-tab-${at}`}
              aria-selected={at === version}
              aria-controls={`${tabsId}-panel`}
              className={cx(
                'border-b-2 px-3 py-1.5 text-sm font-medium',
                at === version ? 'border-brand-600 text-brand-700' : 'border-transparent text-muted hover:text-ink',
              )}
              onClick={() => onVersion(at)}
            >
              {t('sequence.step.version', { letter: versionLetter(at) })}
            </button>
          ))}
        </div>
        {step.versions.length < MAX_VERSIONS && !readOnly && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              edit((all) => addVersion(all, index));
              onVersion(step.versions.length);
            }}
          >
            <PlusIcon className="h-4 w-4" /> {t('sequence.step.addVersion')}
          </Button>
        )}
        {version > 0 && !readOnly && (
          <Button
            variant="danger-ghost"
            size="sm"
            className="ml-auto"
            onClick={() => {
              edit((all) => removeVersion(all, index, version));
              onVersion(version - 1);
            }}
          >
            {t('sequence.step.removeVersion', { letter: versionLetter(version) })}
          </Button>
        )}
      </div>

      <div id={`${tabsId}-panel`} role="tabpanel" aria-labelledby={`${tabsId}-tab-${version}`} className="space-y-4 px-5 py-4">
        {step.versions.length > 1 && <p className="text-xs text-muted">{t('sequence.step.versionsHint')}</p>}
        <div className="flex items-end gap-2">
          <TextField
            ref={subjectRef}
            containerClassName="flex-1"
            label={index === 0 ? t('sequence.step.subject') : t('sequence.step.subjectThread')}
            placeholder={index === 0 ? undefined : t('sequence.step.subjectPlaceholderThread')}
            value={current.subject}
            maxLength={200}
            readOnly={readOnly}
            onChange={(event) => edit((all) => updateVersion(all, index, version, { subject: event.target.value }))}
          />
          <VariablePicker customFieldKeys={customFieldKeys} disabled={readOnly} label={`${t('sequence.variables.button')} · ${t('sequence.step.subject')}`} onInsert={(text) => insert('subject', text)} />
        </div>
        <div className="space-y-1.5">
          <div className="flex items-center justify-end gap-2">
            <InlineSelect
              label={t('sequence.step.format')}
              value={step.bodyFormat}
              disabled={readOnly}
              onChange={(event) => edit((all) => updateStep(all, index, { bodyFormat: event.target.value === 'html' ? 'html' : 'text' }))}
            >
              <option value="text">{t('sequence.step.formatText')}</option>
              <option value="html">{t('sequence.step.formatHtml')}</option>
            </InlineSelect>
            <VariablePicker customFieldKeys={customFieldKeys} disabled={readOnly} label={`${t('sequence.variables.button')} · ${t('sequence.step.body')}`} onInsert={(text) => insert('body', text)} />
          </div>
          <TextAreaField
            ref={bodyRef}
            label={t('sequence.step.body')}
            rows={8}
            className="font-mono text-[13px]"
            value={current.body}
            readOnly={readOnly}
            onChange={(event) => edit((all) => updateVersion(all, index, version, { body: event.target.value }))}
          />
        </div>
        <section aria-label={t('sequence.lint.title')} className="rounded-lg bg-surface px-3 py-2">
          <LintList warnings={warnings} label={t('sequence.lint.title')} />
        </section>
      </div>
    </Card>
  );
}
