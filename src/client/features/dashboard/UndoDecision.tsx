import { useEffect, useState } from 'react';
import { Button } from '../../components/ui/Button.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import type { ActivityLike } from './activity-text.js';

/** An automatic answer waiting out the agent's undo window, as the `ai.decision` event described it. */
export function undoableDecision(item: ActivityLike): boolean {
  const sendAt = typeof item.data.sendAt === 'string' ? Date.parse(item.data.sendAt) : NaN;
  return item.type === 'ai.decision' && item.data.action === 'auto_reply' && item.data.status === 'awaiting_send' && typeof item.data.decisionId === 'string' && sendAt > Date.now();
}

/** "Undo (2:41)": cancels the automatic answer before it leaves; gone once the window has passed. */
export function UndoDecision({ decisionId, sendAt }: { decisionId: string; sendAt: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const deadline = Date.parse(sendAt);
  const [now, setNow] = useState(() => Date.now());
  const [done, setDone] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const cancel = trpc.replies.cancelDecision.useMutation({
    onSuccess: async () => {
      setDone(true);
      toast.success(t('activity.undo.done'));
      await utils.dashboard.activity.invalidate();
    },
    onError: (error) => {
      setDone(true);
      toast.error(errorText.message(error, t('activity.undo.failed')));
    },
  });
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  if (done || left === 0) return null;
  const clock = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
  return (
    <Button variant="secondary" size="sm" className="shrink-0 self-center" loading={cancel.isPending} onClick={() => cancel.mutate({ id: decisionId })} aria-label={t('activity.undo.label', { time: clock })}>
      {t('activity.undo.button', { time: clock })}
    </Button>
  );
}
