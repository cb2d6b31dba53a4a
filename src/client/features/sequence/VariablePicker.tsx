import { useEffect, useId, useRef, useState } from 'react';
import { variableCatalogue, type VariableDefinition, type VariableGroup } from '../../../server/sending/rules/template-variables.js';
import { Button } from '../../components/ui/Button.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';

const GROUPS: VariableGroup[] = ['prospect', 'enrichment', 'custom', 'sender'];

/** Only the first talking point slots are offered; `{{talkingPoints.3}}` still works when typed. */
function offered(definition: VariableDefinition): boolean {
  const slot = /^talkingPoints\.(\d+)$/.exec(definition.name);
  return !slot || Number(slot[1]) < 3;
}

/**
 * A menu of the variables a step may use (prospect fields, enrichment, custom fields seen in the
 * campaign, sender), each inserted as `{{name}}` where the caret is. Syntax help for fallbacks
 * and spintax sits at the top.
 */
export function VariablePicker({ customFieldKeys, onInsert, label, disabled }: { customFieldKeys: readonly string[]; onInsert: (text: string) => void; label: string; disabled?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const catalogue = variableCatalogue(customFieldKeys).filter(offered);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative inline-block">
      <Button variant="ghost" size="sm" aria-expanded={open} aria-controls={menuId} aria-label={label} disabled={disabled} onClick={() => setOpen((value) => !value)}>
        {'{{ }}'} {t('sequence.variables.button')}
      </Button>
      {open && (
        <div id={menuId} role="menu" aria-label={t('sequence.variables.title')} className="absolute right-0 z-20 mt-1 max-h-80 w-72 overflow-y-auto rounded-lg border border-line bg-panel p-2 shadow-lg">
          <p className="px-2 pb-2 text-xs text-muted">{t('sequence.variables.syntax')}</p>
          {GROUPS.map((group) => {
            const items = catalogue.filter((definition) => definition.group === group);
            if (!items.length) return null;
            return (
              <div key={group} role="group" aria-label={t(`sequence.variables.group.${group}` as MessageKey)}>
                <p className="px-2 pt-2 pb-1 text-xs font-semibold tracking-wide text-subtle uppercase">{t(`sequence.variables.group.${group}` as MessageKey)}</p>
                {items.map((definition) => (
                  <button
                    key={definition.name}
                    type="button"
                    role="menuitem"
                    className="flex w-full items-baseline justify-between gap-2 rounded px-2 py-1 text-left text-sm hover:bg-surface focus:bg-surface focus:outline-none"
                    onClick={() => {
                      onInsert(`{{${definition.name}}}`);
                      setOpen(false);
                    }}
                  >
                    <span className="font-mono text-xs text-brand-700">{`{{${definition.name}}}`}</span>
                    <span className="truncate text-xs text-muted">{definition.customKey ?? t(definition.descriptionKey as MessageKey)}</span>
                  </button>
                ))}
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}
