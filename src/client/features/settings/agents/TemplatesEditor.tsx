import { useRef } from 'react';
import { AGENT_TEMPLATES_MAX, TEMPLATE_BODY_MAX_LENGTH, TEMPLATE_VARIABLES } from '../../../../shared/agent-rules.js';
import { Button } from '../../../components/ui/Button.js';
import { TextAreaField, TextField } from '../../../components/ui/Field.js';
import { useT } from '../../../i18n/index.js';
import { newTemplateKey, templateError, type TemplateState } from './agent-form-state.js';

function TemplateCard({
  template,
  index,
  errors,
  disabled,
  onChange,
  onRemove,
}: {
  template: TemplateState;
  index: number;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (next: TemplateState) => void;
  onRemove: () => void;
}) {
  const t = useT();
  const body = useRef<HTMLTextAreaElement>(null);
  // Live checks as the user types; the server's message wins after a save attempt.
  const subjectError = errors[`templates.${index}.subject`] ?? templateError(template.subject, t);
  const bodyError = errors[`templates.${index}.body`] ?? (template.body ? templateError(template.body, t) : undefined);

  const insert = (variable: string) => {
    const area = body.current;
    const token = `{{${variable}}}`;
    const start = area?.selectionStart ?? template.body.length;
    const end = area?.selectionEnd ?? template.body.length;
    onChange({ ...template, body: template.body.slice(0, start) + token + template.body.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <li className="rounded-lg border border-line bg-surface/40 p-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t('agents.template.name')}
          value={template.name}
          onChange={(event) => onChange({ ...template, name: event.target.value })}
          error={errors[`templates.${index}.name`]}
          disabled={disabled}
          maxLength={80}
          placeholder={t('agents.template.name.placeholder')}
        />
        <TextField
          label={t('agents.template.subject')}
          value={template.subject}
          onChange={(event) => onChange({ ...template, subject: event.target.value })}
          error={subjectError}
          disabled={disabled}
          maxLength={200}
          hint={t('agents.template.subject.hint')}
        />
      </div>
      <TextAreaField
        ref={body}
        containerClassName="mt-3"
        label={t('agents.template.body')}
        value={template.body}
        onChange={(event) => onChange({ ...template, body: event.target.value })}
        error={bodyError}
        disabled={disabled}
        maxLength={TEMPLATE_BODY_MAX_LENGTH}
        rows={5}
        className="font-mono text-[13px]"
      />
      {!disabled && (
        <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
          <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label={t('agents.template.insert')}>
            <span className="text-xs text-muted" aria-hidden="true">
              {t('agents.template.insert')}
            </span>
            {TEMPLATE_VARIABLES.map((variable) => (
              <button
                key={variable}
                type="button"
                onClick={() => insert(variable)}
                className="rounded-md border border-line bg-panel px-1.5 py-0.5 font-mono text-xs text-muted hover:border-brand-500 hover:text-brand-700"
                aria-label={t('agents.template.insertVariable', { variable: `{{${variable}}}` })}
              >
                {`{{${variable}}}`}
              </button>
            ))}
          </div>
          <Button variant="danger-ghost" size="sm" onClick={onRemove}>
            {t('agents.template.remove')}
            <span className="sr-only"> {template.name}</span>
          </Button>
        </div>
      )}
    </li>
  );
}

/** Reply templates: the agent starts from the one whose name fits the reply (e.g. "Interested"). */
export function TemplatesEditor({
  templates,
  errors,
  disabled,
  onChange,
}: {
  templates: TemplateState[];
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (next: TemplateState[]) => void;
}) {
  const t = useT();
  return (
    <div className="space-y-3">
      <div>
        <h4 className="text-sm font-medium text-ink">{t('agents.templates')}</h4>
        <p className="text-xs text-muted">{t('agents.templates.hint')}</p>
      </div>
      {templates.length === 0 ? (
        <p className="rounded-lg border border-dashed border-line px-4 py-5 text-center text-sm text-muted">{t('agents.templates.empty')}</p>
      ) : (
        <ol className="space-y-3">
          {templates.map((template, index) => (
            <TemplateCard
              key={template.key}
              template={template}
              index={index}
              errors={errors}
              disabled={disabled}
              onChange={(next) => onChange(templates.map((entry) => (entry.key === template.key ? next : entry)))}
              onRemove={() => onChange(templates.filter((entry) => entry.key !== template.key))}
            />
          ))}
        </ol>
      )}
      {!disabled && templates.length < AGENT_TEMPLATES_MAX && (
        <Button
          variant="secondary"
          size="sm"
          onClick={() =>
            onChange([
              ...templates,
              { key: newTemplateKey(), name: t('agents.template.defaultName'), subject: '', body: t('agents.template.defaultBody') },
            ])
          }
        >
          {t('agents.templates.add')}
        </Button>
      )}
    </div>
  );
}
