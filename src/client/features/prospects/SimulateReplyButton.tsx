import { useState } from 'react';
import { Button } from '../../components/ui/Button.js';
import { InlineSelect } from '../../components/ui/Field.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

const INTENTS = ['interested', 'meeting_request', 'question', 'not_now', 'not_interested', 'unsubscribe', 'out_of_office', 'referral'] as const;
type Intent = (typeof INTENTS)[number];

/**
 * Sandbox only: play the prospect answering this message, so the whole loop (the agent's decision,
 * its answer or the review queue) can be tried with no mail account.
 */
export function SimulateReplyButton({ messageId }: { messageId: string }) {
  const { t, language } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const [intent, setIntent] = useState<Intent>('interested');
  const simulate = trpc.replies.simulateReply.useMutation({
    onSuccess: async (result) => {
      toast.success(result.status === 'stored' ? t('replies.simulate.done') : t('replies.simulate.ignored'));
      setOpen(false);
      await Promise.all([utils.prospects.invalidate(), utils.review.invalidate()]);
    },
    onError: (error) => toast.error(errorText.message(error, t('replies.simulate.failed'))),
  });
  if (!open) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)} data-testid="simulate-reply">
        {t('replies.simulate.button')}
      </Button>
    );
  }
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2" role="group" aria-label={t('replies.simulate.button')}>
      <InlineSelect label={t('replies.simulate.intent')} value={intent} onChange={(event) => setIntent(event.target.value as Intent)}>
        {INTENTS.map((value) => (
          <option key={value} value={value}>
            {t(`intent.${value}` as MessageKey)}
          </option>
        ))}
      </InlineSelect>
      <Button size="sm" loading={simulate.isPending} onClick={() => simulate.mutate({ id: messageId, intent, language: language === 'fr' ? 'fr' : 'en' })}>
        {t('replies.simulate.send')}
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}
