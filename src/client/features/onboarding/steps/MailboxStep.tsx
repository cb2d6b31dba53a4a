import { useState } from 'react';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { cx } from '../../../components/ui/cx.js';
import { failedCheck } from '../../settings/mailboxes/mailbox-check.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../../components/ui/Skeleton.js';
import { useT } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { DomainChecks } from '../../settings/mailboxes/DomainChecks.js';
import { MailboxForm } from '../../settings/mailboxes/MailboxForm.js';
import { MailboxTestActions } from '../../settings/mailboxes/MailboxTestActions.js';
import type { Mailbox } from '../../settings/mailboxes/mailbox-format.js';
import { WizardFooter, type StepProps } from '../WizardFrame.js';
import { ChoiceCard, ICONS } from './ChoiceCard.js';
import { useErrorText } from '../../../lib/useErrorText.js';

function ConnectedMailbox({ mailbox, onAddAnother }: { mailbox: Mailbox; onAddAnother: () => void }) {
  const t = useT();
  const domain = mailbox.fromEmail.split('@')[1] ?? '';
  const failed = failedCheck(mailbox);
  return (
    <div className="space-y-4">
      <div
        role={failed ? 'alert' : 'status'}
        className={cx('flex flex-wrap items-center justify-between gap-3 rounded-lg border px-4 py-3', failed ? 'border-danger-600/30 bg-danger-50' : 'border-success-600/30 bg-success-50/60')}
      >
        <div className="min-w-0">
          <p className="text-sm font-semibold text-ink">
            {failed ? t(failed.server === 'smtp' ? 'onboarding.mailbox.smtpFailed' : 'onboarding.mailbox.imapFailed', { email: mailbox.fromEmail }) : t('onboarding.mailbox.connected', { email: mailbox.fromEmail })}
          </p>
          <p className={cx('text-xs', failed ? 'text-danger-700' : 'text-muted')}>{failed ? failed.error : t('onboarding.mailbox.testHint')}</p>
          {failed && <p className="mt-1 text-xs text-muted">{t('mailboxes.status.errorWhy')}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          <MailboxTestActions mailbox={mailbox} />
          <Button variant="ghost" size="sm" onClick={onAddAnother}>
            {t('onboarding.mailbox.addAnother')}
          </Button>
        </div>
      </div>
      <div>
        <h3 className="text-sm font-semibold text-ink">{t('onboarding.mailbox.domainChecks', { domain })}</h3>
        <p className="mb-3 text-xs text-muted">{t('onboarding.mailbox.domainChecks.hint')}</p>
        <DomainChecks domain={domain} />
      </div>
    </div>
  );
}

/** Step 3: connect a real mailbox (tested live, domain checked) or keep the sandbox for now. */
export function MailboxStep(step: StepProps) {
  const t = useT();
  const errorText = useErrorText();
  const mailboxes = trpc.mailboxes.list.useQuery();
  const [choice, setChoice] = useState<'connect' | 'sandbox' | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [addingAnother, setAddingAnother] = useState(false);

  if (mailboxes.isPending) return <SkeletonRows rows={3} label={t('common.loading')} />;
  if (mailboxes.error) return <ErrorState message={errorText.message(mailboxes.error, t('onboarding.loadFailed'))} onRetry={() => void mailboxes.refetch()} />;

  const real = mailboxes.data.filter((mailbox) => mailbox.kind !== 'sandbox');
  const sandbox = mailboxes.data.find((mailbox) => mailbox.kind === 'sandbox');
  const current = real.find((mailbox) => mailbox.id === savedId) ?? real[real.length - 1] ?? null;
  const selected = choice ?? (real.length ? 'connect' : null);
  const ready = selected === 'sandbox' || (selected === 'connect' && current !== null);

  return (
    <>
      <div className="space-y-5 px-5 py-6">
        <div className="grid gap-3 md:grid-cols-2">
          <ChoiceCard
            selected={selected === 'connect'}
            onSelect={() => setChoice('connect')}
            icon={ICONS.mailbox}
            title={t('onboarding.mailbox.connect')}
            body={t('onboarding.mailbox.connect.body')}
            badge={real.length ? <Badge tone="success">{t('onboarding.mailbox.count', { count: real.length })}</Badge> : undefined}
          />
          <ChoiceCard
            selected={selected === 'sandbox'}
            onSelect={() => setChoice('sandbox')}
            icon={ICONS.sandbox}
            title={t('onboarding.mailbox.sandbox')}
            body={t('onboarding.mailbox.sandbox.body')}
          />
        </div>
        {selected === 'connect' &&
          (current && !addingAnother ? (
            <ConnectedMailbox mailbox={current} onAddAnother={() => setAddingAnother(true)} />
          ) : (
            <div className="border-t border-line pt-5">
              <MailboxForm
                compact
                onSaved={(mailbox) => {
                  setSavedId(mailbox.id);
                  setAddingAnother(false);
                }}
                onCancel={addingAnother ? () => setAddingAnother(false) : undefined}
              />
            </div>
          ))}
        {selected === 'sandbox' && (
          <div role="status" className="rounded-lg border border-line bg-surface px-4 py-3 text-sm">
            <p className="font-medium text-ink">{t('onboarding.mailbox.sandboxChosen')}</p>
            <p className="mt-1 text-muted">{t('onboarding.mailbox.sandboxChosen.body', { email: sandbox?.fromEmail ?? '' })}</p>
          </div>
        )}
      </div>
      <WizardFooter
        step={step}
        primary={
          <Button onClick={step.onDone} disabled={!ready} loading={step.moving} title={ready ? undefined : t('onboarding.mailbox.chooseFirst')}>
            {selected === 'sandbox' ? t('onboarding.mailbox.useSandbox') : t('common.next')}
          </Button>
        }
      />
    </>
  );
}
