import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button.js';
import { Dialog } from '../../../components/ui/Dialog.js';
import { TextField } from '../../../components/ui/Field.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useSession } from '../../../app/session.js';
import { useT } from '../../../i18n/index.js';
import { errorMessage, fieldErrors, trpc, type RouterOutputs } from '../../../lib/trpc.js';
import type { Mailbox } from './mailbox-format.js';

type TestResult = RouterOutputs['mailboxes']['test'];

/** "Send test email" (asks the recipient) and "Check IMAP": both really connect to the servers. */
export function MailboxTestActions({ mailbox, onResult }: { mailbox: Mailbox; onResult?: (mailbox: Mailbox) => void }) {
  const t = useT();
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
    onError: (error) => toast.error(errorMessage(error, t('mailboxes.imap.failed', { error: '' }))),
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
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    test.mutate({ id: mailbox.id, to: to.trim() });
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('mailboxes.test.title')}
      description={t('mailboxes.test.description', { email: mailbox.fromEmail })}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.close')}
          </Button>
          <Button type="submit" form={`test-${mailbox.id}`} loading={test.isPending}>
            {t('mailboxes.test.send')}
          </Button>
        </>
      }
    >
      <form id={`test-${mailbox.id}`} onSubmit={submit} noValidate className="space-y-4">
        <TextField type="email" label={t('mailboxes.test.to')} value={to} onChange={(event) => setTo(event.target.value)} error={fieldErrors(test.error).to} autoComplete="email" />
      </form>
      <div aria-live="polite" className="mt-4">
        {test.isPending && <p className="text-sm text-muted">{t('mailboxes.test.sending')}</p>}
        {result?.ok && (
          <p role="status" className="rounded-lg border border-success-600/30 bg-success-50 px-4 py-3 text-sm text-success-600">
            {result.note ? t('mailboxes.test.sandboxNote') : t('mailboxes.test.sent', { to: result.to })}
          </p>
        )}
        {result && !result.ok && (
          <p role="alert" className="rounded-lg border border-danger-600/30 bg-danger-50 px-4 py-3 text-sm text-danger-600">
            {t('mailboxes.test.failed', { error: result.error ?? '' })}
          </p>
        )}
        {test.error && !fieldErrors(test.error).to && (
          <p role="alert" className="text-sm text-danger-600">
            {errorMessage(test.error, t('mailboxes.error.save'))}
          </p>
        )}
      </div>
    </Dialog>
  );
}
