import { useState, type FormEvent } from 'react';
import { MEMBER_ROLES, type MemberRole } from '../../../../shared/enums.js';
import { Badge, type BadgeTone } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { Card, CardHeader } from '../../../components/ui/Card.js';
import { CopyButton } from '../../../components/ui/CopyButton.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { EmptyState } from '../../../components/ui/EmptyState.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { SelectField, TextField } from '../../../components/ui/Field.js';
import { SkeletonRows } from '../../../components/ui/Skeleton.js';
import { ActionsTh, Table, Td, Th, Tr } from '../../../components/ui/Table.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useI18n } from '../../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type Invitation = RouterOutputs['invitations']['list'][number];
type Status = 'pending' | 'accepted' | 'revoked' | 'expired';

function statusOf(invitation: Invitation): Status {
  if (invitation.revokedAt) return 'revoked';
  if (invitation.acceptedAt) return 'accepted';
  if (new Date(invitation.expiresAt) <= new Date()) return 'expired';
  return 'pending';
}
const STATUS_TONE: Record<Status, BadgeTone> = { pending: 'brand', accepted: 'success', revoked: 'neutral', expired: 'warning' };

/** Admins invite people with a one-time link (shown once, to copy), see the links and revoke pending ones. */
export function InvitationsCard() {
  const { t, formatDate } = useI18n();
  const errorText = useErrorText({ email: t('invitations.email'), role: t('invitations.role') });
  const toast = useToast();
  const utils = trpc.useUtils();
  const invitations = trpc.invitations.list.useQuery();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('member');
  const [created, setCreated] = useState<{ url: string; expiresAt: Date } | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  const create = trpc.invitations.create.useMutation({
    onSuccess: async (result) => {
      setCreated({ url: result.url, expiresAt: result.expiresAt });
      setEmail('');
      await utils.invitations.list.invalidate();
      toast.success(t('invitations.created'));
    },
    onError: (error) => {
      if (!Object.keys(errorText.fields(error)).length) toast.error(errorText.message(error, t('invitations.createFailed')));
    },
  });
  const revoke = trpc.invitations.revoke.useMutation({
    onSuccess: async () => {
      await utils.invitations.list.invalidate();
      toast.success(t('invitations.revoked'));
      setRevoking(null);
    },
    onError: (error) => {
      toast.error(errorText.message(error, t('invitations.revokeFailed')));
      setRevoking(null);
    },
  });
  const errors = errorText.fields(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate({ email: email.trim() || undefined, role });
  };

  return (
    <Card>
      <CardHeader title={t('invitations.title')} description={t('invitations.description')} />
      <form onSubmit={submit} noValidate className="grid items-start gap-4 border-b border-line px-5 py-5 sm:grid-cols-[1fr_12rem_auto]">
        <TextField
          label={t('invitations.email')}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.email}
          placeholder={t('invitations.email.placeholder')}
          hint={t('invitations.email.hint')}
        />
        <SelectField label={t('invitations.role')} value={role} onChange={(event) => setRole(event.target.value as MemberRole)}>
          {MEMBER_ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`members.role.${value}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="sm:mt-6" loading={create.isPending}>
          {t('invitations.create')}
        </Button>
      </form>
      {created && (
        <div role="status" className="border-b border-line bg-success-50/60 px-5 py-4">
          <p className="text-sm font-medium text-ink">{t('invitations.linkReady')}</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <input
              readOnly
              value={created.url}
              aria-label={t('invitations.link')}
              onFocus={(event) => event.target.select()}
              className="h-9 min-w-0 flex-1 rounded-lg border border-line bg-panel px-3 font-mono text-xs text-ink"
            />
            <CopyButton text={created.url} label={t('invitations.copyLink')} />
          </div>
          <p className="mt-2 text-xs text-muted">{t('invitations.linkOnce', { date: formatDate(created.expiresAt) })}</p>
        </div>
      )}
      {invitations.isPending ? (
        <SkeletonRows rows={2} label={t('common.loading')} />
      ) : invitations.error ? (
        <ErrorState message={errorText.message(invitations.error, t('invitations.loadFailed'))} onRetry={() => void invitations.refetch()} />
      ) : invitations.data.length === 0 ? (
        <EmptyState title={t('invitations.empty.title')} body={t('invitations.empty.body')} />
      ) : (
        <Table aria-label={t('invitations.title')}>
          <thead className="bg-surface/60">
            <tr>
              <Th>{t('invitations.column.for')}</Th>
              <Th>{t('invitations.column.role')}</Th>
              <Th>{t('invitations.column.status')}</Th>
              <Th>{t('invitations.column.expires')}</Th>
              <ActionsTh />
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {invitations.data.map((invitation) => {
              const status = statusOf(invitation);
              return (
                <Tr key={invitation.id}>
                  <Td>
                    <p className="font-medium">{invitation.email ?? t('invitations.anyone')}</p>
                    {invitation.invitedByName && <p className="text-xs text-muted">{t('invitations.by', { name: invitation.invitedByName })}</p>}
                  </Td>
                  <Td>{t(`members.role.${invitation.role}`)}</Td>
                  <Td>
                    <Badge tone={STATUS_TONE[status]}>{t(`invitations.status.${status}`)}</Badge>
                  </Td>
                  <Td className="text-muted">{formatDate(invitation.expiresAt)}</Td>
                  <Td className="text-right">
                    {status === 'pending' && (
                      <Button variant="danger-ghost" size="sm" onClick={() => setRevoking(invitation)}>
                        {t('invitations.revoke')}
                        <span className="sr-only"> {invitation.email ?? t('invitations.anyone')}</span>
                      </Button>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        loading={revoke.isPending}
        destructive
        title={t('invitations.revokeTitle')}
        body={t('invitations.revokeBody')}
        confirmLabel={t('invitations.revoke')}
      />
    </Card>
  );
}
