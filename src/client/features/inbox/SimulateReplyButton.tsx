import { useState } from 'react';
import { Button } from '../../components/ui/Button.js';
import { FormDialog } from '../../components/ui/Dialog.js';
import { SelectField, TextAreaField } from '../../components/ui/Field.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { intentKey } from './reply-ui.js';

/** The sample replies the sandbox can write (the server's SIMULATED_INTENTS). */
const SAMPLE_INTENTS = ['interested', 'meeting_request', 'question', 'not_now', 'not_interested', 'unsubscribe', 'out_of_office', 'referral'] as const;

/** Sandbox only: the prospect "answers" this message, and the agent decides at once, as with real mail. */
export function SimulateReplyButton({ messageId }: { messageId: string }) {
  const { t, language } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const [intent, setIntent] = useState<(typeof SAMPLE_INTENTS)[number]>('question');
  const [text, setText] = useState('');
  const simulate = trpc.replies.simulateReply.useMutation({
    onSuccess: async (result) => {
      setOpen(false);
      setText('');
      toast.success(result.status === 'stored' ? t('simulate.done') : t('simulate.ignored'));
      await Promise.all([utils.inbox.invalidate(), utils.review.invalidate(), utils.prospects.invalidate(), utils.dashboard.invalidate()]);
    },
    onError: (error) => toast.error(errorText.message(error, t('simulate.failed'))),
  });
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        {t('simulate.button')}
      </Button>
      <FormDialog
        open={open}
        onClose={() => setOpen(false)}
        title={t('simulate.title')}
        description={t('simulate.body')}
        submitLabel={t('simulate.submit')}
        submitting={simulate.isPending}
        onSubmit={() => simulate.mutate({ id: messageId, ...(text.trim() ? { text: text.trim() } : { intent }), language })}
      >
        <SelectField label={t('simulate.intent')} value={intent} disabled={Boolean(text.trim())} onChange={(event) => setIntent(event.target.value as (typeof SAMPLE_INTENTS)[number])}>
          {SAMPLE_INTENTS.map((value) => (
            <option key={value} value={value}>
              {t(intentKey(value))}
            </option>
          ))}
        </SelectField>
        <TextAreaField label={t('simulate.text')} hint={t('simulate.textHint')} value={text} rows={4} maxLength={10_000} onChange={(event) => setText(event.target.value)} />
      </FormDialog>
    </>
  );
}
