import { useState } from 'react';
import { useIsAdmin } from '../../app/session.js';
import { Button } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { ConfirmDialog } from '../../components/ui/Dialog.js';
import { EmptyState } from '../../components/ui/EmptyState.js';
import { ErrorState } from '../../components/ui/ErrorState.js';
import { SkeletonRows } from '../../components/ui/Skeleton.js';
import { ActionsTh, Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n } from '../../i18n/index.js';
import { isForbidden, trpc, type RouterOutputs } from '../../lib/trpc.js';
import { AdminOnlyNotice } from './AdminOnlyNotice.js';
import { CreateTokenDialog } from './credentials/CreateTokenDialog.js';
import { useErrorText } from '../../lib/useErrorText.js';

type Token = RouterOutputs['apiTokens']['list'][number];

/** Settings → API tokens: create (shown once), list with last use, revoke. Admins only. */
export function ApiTokensTab() {
  const { t, formatDate, formatRelative } = useI18n();
  const errorText = useErrorText();
  const isAdmin = useIsAdmin();
  const toast = useToast();
  const utils = trpc.useUtils();
  const list = trpc.apiTokens.list.useQuery(undefined, { enabled: isAdmin });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const revoke = trpc.apiTokens.revoke.useMutation({
    onSuccess: () => {
      toast.success(t('tokens.revoked', { name: revoking?.name ?? '' }));
      setRevoking(null);
      void utils.apiTokens.list.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('tokens.revokeFailed'))),
  });

  if (!isAdmin || isForbidden(list.error)) {
    return <AdminOnlyNotice title={t('tokens.adminOnly')} body={t('tokens.adminOnly.body')} />;
  }
  const createButton = <Button onClick={() => setCreating(true)}>{t('tokens.create')}</Button>;
  return (
    <Card>
      <CardHeader
        title={t('tokens.title')}
        description={
          <>
            {t('tokens.description')}{' '}
            <a href="/api/docs" target="_blank" rel="noreferrer" className="font-medium text-brand-700 hover:underline">
              {t('tokens.docs')}
            </a>
          </>
        }
        actions={list.data && list.data.length > 0 ? createButton : undefined}
      />
      {list.isPending ? (
        <SkeletonRows rows={3} label={t('common.loading')} />
      ) : list.error ? (
        <ErrorState message={t('tokens.loadError')} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title={t('tokens.empty.title')} body={t('tokens.empty.body')} action={createButton} />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t('tokens.column.name')}</Th>
              <Th>{t('tokens.column.createdBy')}</Th>
              <Th>{t('tokens.column.created')}</Th>
              <Th>{t('tokens.column.lastUsed')}</Th>
              <ActionsTh />
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {list.data.map((token) => (
              <Tr key={token.id}>
                <Td className="font-medium">{token.name}</Td>
                <Td>
                  <span title={token.createdBy.email}>{token.createdBy.name}</span>
                </Td>
                <Td>
                  <time dateTime={token.createdAt.toISOString()} title={formatDate(token.createdAt)}>
                    {formatRelative(token.createdAt)}
                  </time>
                </Td>
                <Td>
                  {token.lastUsedAt ? (
                    <time dateTime={token.lastUsedAt.toISOString()} title={formatDate(token.lastUsedAt)}>
                      {formatRelative(token.lastUsedAt)}
                    </time>
                  ) : (
                    <span className="text-muted">{t('tokens.never')}</span>
                  )}
                </Td>
                <Td className="text-right">
                  <Button variant="danger-ghost" size="sm" aria-label={t('tokens.revoke.label', { name: token.name })} onClick={() => setRevoking(token)}>
                    {t('tokens.revoke')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate({ id: revoking.id })}
        title={t('tokens.revoke.title', { name: revoking?.name ?? '' })}
        body={t('tokens.revoke.body')}
        confirmLabel={t('tokens.revoke')}
        destructive
        loading={revoke.isPending}
      />
    </Card>
  );
}
