import { useState } from 'react';
import type { AgentPersonality } from '../../../shared/agent-rules.js';
import { useIsAdmin } from '../../app/session.js';
import { Badge } from '../../components/ui/Badge.js';
import { Button } from '../../components/ui/Button.js';
import { Card } from '../../components/ui/Card.js';
import { cx } from '../../components/ui/cx.js';
import { FormDialog } from '../../components/ui/Dialog.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { TextField } from '../../components/ui/Field.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useToast } from '../../components/ui/Toast.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { AgentEditor } from './agents/AgentEditor.js';
import { PersonalityPicker } from './agents/PersonalityPicker.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { AgentPlayground } from './agents/AgentPlayground.js';

function NewAgentDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const t = useT();
  const errorText = useErrorText({ name: t('agents.name') });
  const toast = useToast();
  const utils = trpc.useUtils();
  const [name, setName] = useState('');
  const [personality, setPersonality] = useState<AgentPersonality>('consultative');
  const create = trpc.agents.create.useMutation({
    onSuccess: async (agent) => {
      await utils.agents.list.invalidate();
      toast.success(t('agents.created', { name: agent.name }));
      setName('');
      onCreated(agent.id);
    },
    onError: (error) => {
      if (!Object.keys(errorText.fields(error)).length) toast.error(errorText.message(error, t('agents.createFailed')));
    },
  });
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      size="lg"
      title={t('agents.new')}
      description={t('agents.new.description')}
      submitLabel={t('agents.new.submit')}
      submitting={create.isPending}
      onSubmit={() => create.mutate({ name, personality })}
    >
      <TextField label={t('agents.name')} value={name} onChange={(e) => setName(e.target.value)} error={errorText.fields(create.error).name} maxLength={80} required autoFocus placeholder={t('agents.name.placeholder')} />
      <PersonalityPicker value={personality} onChange={setPersonality} />
    </FormDialog>
  );
}

export function AgentsTab() {
  const t = useT();
  const errorText = useErrorText();
  const isAdmin = useIsAdmin();
  const agents = trpc.agents.list.useQuery();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  if (agents.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="space-y-4">
        <Skeleton className="h-14 w-full" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (agents.error) {
    return (
      <Card>
        <ErrorState message={errorText.message(agents.error, t('agents.loadFailed'))} onRetry={() => void agents.refetch()} />
      </Card>
    );
  }
  const selected = agents.data.find((agent) => agent.id === selectedId) ?? agents.data.find((agent) => agent.isDefault) ?? agents.data[0];

  return (
    <div className="space-y-6">
      <Card className="flex flex-wrap items-center gap-3 px-4 py-3">
        <div className="mr-2">
          <h2 className="text-sm font-semibold text-ink">{t('agents.title')}</h2>
          <p className="text-xs text-muted">{isAdmin ? t('agents.description') : t('settings.adminOnly')}</p>
        </div>
        <nav aria-label={t('agents.listLabel')} className="flex flex-1 flex-wrap gap-2">
          {agents.data.map((agent) => {
            const current = agent.id === selected?.id;
            return (
              <button
                key={agent.id}
                type="button"
                onClick={() => setSelectedId(agent.id)}
                aria-current={current ? 'true' : undefined}
                className={cx(
                  'flex items-center gap-2 rounded-lg border px-3 py-1.5 text-sm transition-colors',
                  current ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-line bg-panel text-ink hover:bg-surface',
                )}
              >
                <span className="font-medium">{agent.name}</span>
                <span className="text-xs text-muted">{t(`agents.personality.${agent.personality}` as MessageKey)}</span>
                {agent.isDefault && <Badge tone="brand">{t('agents.default')}</Badge>}
              </button>
            );
          })}
        </nav>
        {isAdmin && (
          <Button size="sm" onClick={() => setCreating(true)}>
            {t('agents.new')}
          </Button>
        )}
      </Card>
      {selected && <AgentEditor key={selected.id} agent={selected} readOnly={!isAdmin} onDeleted={() => setSelectedId(null)} />}
      {selected && <AgentPlayground key={`playground-${selected.id}`} agentId={selected.id} agentName={selected.name} />}
      <NewAgentDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setSelectedId(id);
        }}
      />
    </div>
  );
}
