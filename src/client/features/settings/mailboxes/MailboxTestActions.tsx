import { useState } from 'react';
import { Button } from '../../../components/ui/Button.js';
import { FormDialog } from '../../../components/ui/Dialog.js';
import { TextField } from '../../../components/ui/Field.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useSession } from '../../../app/session.js';
import { useT } from '../../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../../lib/trpc.js';
import type { Mailbox } from './mailbox-format.js';
import { Alert } from '../../../components/ui/Alert.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type TestResult = RouterOutputs['mailboxes']['test'];

/** "Send test email" (asks the recipient) and "Check IMAP": both really connect to the servers. */
export function MailboxTestActions({ mailbox, onResult }: { mailbox: Mailbox; onResult?: (mailbox: Mailbox) => void }) {
  const t = useT();
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const [testOpen, setTestOpen] = useState(false);
  const checkImap = trpc.mailboxes.checkImap.useMutation({
    onSuccess: async (result) => {
      await utils.mailboxes.list.invalidate();
      onResult?.(result.mailbox);
      if (result.ok) toast.success(t('mailboxes.imap.ok', { count: result.messages ?? 0, uidValidity: result.uidValidity ?? '—' }));
      else toast.error(t('mailboxes.imap.failed', { error: result.error ?? '' }));
    },
    onError: (error) => toast.error(errorText.message(error, t('mailboxes.imap.failed', { error: '' }))),
  });
  const isSandbox = mailbox.kind === 'sandbox';
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setTestOpen(true)}>
        {t('mailboxes.action.test')}
      </Button>
      {!isSandbox && (
        <Button
          variant="secondary"
          size="sm"
          loading={checkImap.isPending}
          disabled={!mailbox.imap}
          title={mailbox.imap ? undefined : t('mailboxes.imap.notSet')}
          onClick={() => checkImap.mutate({ id: mailbox.id })}
        >
          {t('mailboxes.action.checkImap')}
        </Button>
      )}
      <SendTestDialog open={testOpen} mailbox={mailbox} onClose={() => setTestOpen(false)} onResult={onResult} />
    </>
  );
}

function SendTestDialog({ open, mailbox, onClose, onResult }: { open: boolean; mailbox: Mailbox; onClose: () => void; onResult?: (mailbox: Mailbox) => void }) {
  const t = useT();
  const errorText = useErrorText({ to: t('mailboxes.test.to') });
  const session = useSession();
  const utils = trpc.useUtils();
  const [to, setTo] = useState(session.user.email);
  const [result, setResult] = useState<TestResult | null>(null);
  const test = trpc.mailboxes.test.useMutation({
    onSuccess: async (outcome) => {
      setResult(outcome);
      await utils.mailboxes.list.invalidate();
      onResult?.(outcome.mailbox);
    },
  });
  const close = () => {
    setResult(null);
    test.reset();
    onClose();
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title={t('mailboxes.test.title')}
      description={t('mailboxes.test.description', { email: mailbox.fromEmail })}
      cancelLabel={t('common.close')}
      submitLabel={t('mailboxes.test.send')}
      submitting={test.isPending}
      onSubmit={() => {
        setResult(null);
        test.mutate({ id: mailbox.id, to: to.trim() });
      }}
    >
      <TextField type="email" label={t('mailboxes.test.to')} value={to} onChange={(event) => setTo(event.target.value)} error={errorText.fields(test.error).to} autoComplete="email" />
      <div aria-live="polite">
        {test.isPending && <p className="text-sm text-muted">{t('mailboxes.test.sending')}</p>}
        {result?.ok && <Alert tone="success">{result.note ? t('mailboxes.test.sandboxNote') : t('mailboxes.test.sent', { to: result.to })}</Alert>}
        {result && !result.ok && <Alert>{t('mailboxes.test.failed', { error: result.error ?? '' })}</Alert>}
        {test.error && !errorText.fields(test.error).to && <Alert>{errorText.message(test.error, t('mailboxes.error.save'))}</Alert>}
      </div>
    </FormDialog>
  );
}
