import { useState } from 'react';
import { MEMBER_ROLES, type MemberRole } from '../../../../shared/enums.js';
import { useIsAdmin, useSession } from '../../../app/session.js';
import { Badge } from '../../../components/ui/Badge.js';
import { Button } from '../../../components/ui/Button.js';
import { Card, CardHeader } from '../../../components/ui/Card.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { InlineSelect } from '../../../components/ui/Field.js';
import { ErrorState } from '../../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../../components/ui/Skeleton.js';
import { ActionsTh, Table, Td, Th, Tr } from '../../../components/ui/Table.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useI18n } from '../../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';

type Member = RouterOutputs['workspace']['members']['list'][number];

export function MembersCard() {
  const { t, formatDate } = useI18n();
  const errorText = useErrorText();
  const toast = useToast();
  const session = useSession();
  const isAdmin = useIsAdmin();
  const utils = trpc.useUtils();
  const members = trpc.workspace.members.list.useQuery();
  const [removing, setRemoving] = useState<Member | null>(null);
  const [steppingDown, setSteppingDown] = useState(false);

  const setRole = trpc.workspace.members.setRole.useMutation({
    onSuccess: async (member) => {
      await utils.workspace.members.list.invalidate();
      if (member.userId === session.user.id) await utils.auth.me.invalidate();
      toast.success(t('members.roleChanged', { name: member.name, role: t(`members.role.${member.role}`) }));
      setSteppingDown(false);
    },
    onError: (error) => {
      toast.error(errorText.message(error, t('members.roleFailed')));
      setSteppingDown(false);
    },
  });
  const remove = trpc.workspace.members.remove.useMutation({
    onSuccess: async (result) => {
      await utils.workspace.members.list.invalidate();
      toast.success(
        result.revokedApiTokens
          ? t('members.removedWithTokens', { name: removing?.name ?? '', count: result.revokedApiTokens })
          : t('members.removed', { name: removing?.name ?? '' }),
      );
      setRemoving(null);
    },
    onError: (error) => {
      toast.error(errorText.message(error, t('members.removeFailed')));
      setRemoving(null);
    },
  });

  const adminCount = members.data?.filter((member) => member.role === 'admin').length ?? 0;
  const changeRole = (member: Member, role: MemberRole) => {
    if (member.userId === session.user.id && role === 'member') setSteppingDown(true);
    else setRole.mutate({ userId: member.userId, role });
  };

  return (
    <Card>
      <CardHeader title={t('members.title')} description={t('members.description')} />
      {members.isPending ? (
        <SkeletonRows rows={3} label={t('common.loading')} />
      ) : members.error ? (
        <ErrorState message={errorText.message(members.error, t('members.loadFailed'))} onRetry={() => void members.refetch()} />
      ) : (
        <Table aria-label={t('members.title')}>
          <thead className="bg-surface/60">
            <tr>
              <Th>{t('members.column.member')}</Th>
              <Th>{t('members.column.role')}</Th>
              <Th>{t('members.column.joined')}</Th>
              {isAdmin && (
                <ActionsTh />
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {members.data.map((member) => {
              const isYou = member.userId === session.user.id;
              const lastAdmin = member.role === 'admin' && adminCount <= 1;
              return (
                <Tr key={member.userId}>
                  <Td>
                    <div className="flex items-center gap-3">
                      <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700">
                        {member.name.slice(0, 1).toUpperCase()}
                      </span>
                      <div className="min-w-0">
                        <p className="flex items-center gap-2 font-medium text-ink">
                          <span className="truncate">{member.name}</span>
                          {isYou && <Badge tone="brand">{t('members.you')}</Badge>}
                        </p>
                        <p className="truncate text-xs text-muted">{member.email}</p>
                      </div>
                    </div>
                  </Td>
                  <Td>
                    {isAdmin ? (
                      <InlineSelect
                        label={t('members.roleOf', { name: member.name })}
                        hideLabel
                        value={member.role}
                        disabled={setRole.isPending || lastAdmin}
                        title={lastAdmin ? t('members.lastAdmin') : undefined}
                        onChange={(event) => changeRole(member, event.target.value as MemberRole)}
                      >
                        {MEMBER_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`members.role.${role}`)}
                          </option>
                        ))}
                      </InlineSelect>
                    ) : (
                      <Badge tone={member.role === 'admin' ? 'brand' : 'neutral'}>{t(`members.role.${member.role}`)}</Badge>
                    )}
                  </Td>
                  <Td className="text-muted">{formatDate(member.joinedAt, { dateStyle: 'medium' })}</Td>
                  {isAdmin && (
                    <Td className="text-right">
                      {!isYou && (
                        <Button variant="danger-ghost" size="sm" disabled={lastAdmin} onClick={() => setRemoving(member)}>
                          {t('members.remove')}
                          <span className="sr-only"> {member.name}</span>
                        </Button>
                      )}
                    </Td>
                  )}
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ userId: removing.userId })}
        loading={remove.isPending}
        destructive
        title={t('members.removeTitle', { name: removing?.name ?? '' })}
        body={
          <>
            <p>{t('members.removeBody')}</p>
            {removing && removing.activeApiTokens > 0 && <p className="mt-2 font-medium text-ink">{t('members.removeTokens', { count: removing.activeApiTokens })}</p>}
          </>
        }
        confirmLabel={t('members.removeConfirm')}
      />
      <ConfirmDialog
        open={steppingDown}
        onClose={() => setSteppingDown(false)}
        onConfirm={() => setRole.mutate({ userId: session.user.id, role: 'member' })}
        loading={setRole.isPending}
        destructive
        title={t('members.stepDownTitle')}
        body={t('members.stepDownBody')}
        confirmLabel={t('members.stepDownConfirm')}
      />
    </Card>
  );
}
