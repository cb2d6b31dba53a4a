import { Link } from 'react-router';
import { useIsAdmin } from '../../app/session.js';
import { Button } from '../../components/ui/Button.js';
import { TrashIcon } from '../../components/ui/icons.js';
import { ActionsTh, Table, Td, Th, Tr } from '../../components/ui/Table.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import type { RouterOutputs } from '../../lib/trpc.js';
import { CampaignStatusBadge, opensLaunchDialog, primaryAction } from './campaign-status-ui.js';
import type { useCampaignActions } from './useCampaignActions.js';

type CampaignRow = RouterOutputs['campaigns']['list']['items'][number];

export type { CampaignRow };

/** One row per campaign: status, numbers, its next action (Launch / Resume open the launch dialog) and (admins) delete. */
export function CampaignsTable({ items, actions, onLaunch }: { items: CampaignRow[]; actions: ReturnType<typeof useCampaignActions>; onLaunch: (campaign: CampaignRow) => void }) {
  const { t, formatNumber, formatDate } = useI18n();
  const isAdmin = useIsAdmin();
  const percent = (part: number, whole: number) => (whole > 0 ? formatNumber(part / whole, { style: 'percent', maximumFractionDigits: 1 }) : '—');
  return (
    <Table aria-label={t('nav.campaigns')}>
      <thead className="bg-surface/60">
        <tr>
          <Th>{t('campaigns.col.name')}</Th>
          <Th>{t('campaigns.col.status')}</Th>
          <Th className="hidden xl:table-cell">{t('campaigns.col.agent')}</Th>
          <Th className="hidden text-right sm:table-cell">{t('campaigns.col.prospects')}</Th>
          <Th className="hidden text-right md:table-cell">{t('campaigns.col.sent')}</Th>
          <Th className="hidden text-right sm:table-cell">{t('campaigns.col.replies')}</Th>
          <Th className="hidden text-right md:table-cell">{t('campaigns.col.meetings')}</Th>
          <Th className="hidden 2xl:table-cell">{t('campaigns.col.created')}</Th>
          {/* On a phone the row's actions live on the campaign's page, a tap away. */}
          <ActionsTh className="hidden sm:table-cell" />
        </tr>
      </thead>
      <tbody className="divide-y divide-line">
        {items.map((campaign) => {
          const action = primaryAction(campaign.status);
          const actionLabel = action ? t(`campaigns.action.${action}` as MessageKey) : '';
          return (
            <Tr key={campaign.id} className={campaign.status === 'archived' ? 'text-muted' : undefined}>
              <Td className="max-w-xs">
                <Link to={`/campaigns/${campaign.id}`} className="font-medium text-ink hover:text-brand-700 hover:underline">
                  {campaign.name}
                </Link>
                {campaign.description && <p className="truncate text-xs text-muted">{campaign.description}</p>}
              </Td>
              <Td>
                <CampaignStatusBadge status={campaign.status} />
              </Td>
              <Td className="hidden whitespace-nowrap text-muted xl:table-cell">{campaign.agentName ?? t('campaigns.noAgent')}</Td>
              <Td className="hidden text-right tabular-nums sm:table-cell">{formatNumber(campaign.counts.prospects)}</Td>
              <Td className="hidden text-right tabular-nums md:table-cell">{formatNumber(campaign.counts.sent)}</Td>
              <Td className="hidden text-right tabular-nums sm:table-cell">
                {formatNumber(campaign.counts.replies)}
                <span className="block text-xs text-muted">{percent(campaign.counts.replies, campaign.counts.sent)}</span>
              </Td>
              <Td className="hidden text-right tabular-nums md:table-cell">{formatNumber(campaign.counts.meetings)}</Td>
              <Td className="hidden whitespace-nowrap text-muted 2xl:table-cell">{formatDate(campaign.createdAt, { dateStyle: 'medium' })}</Td>
              <Td className="hidden sm:table-cell">
                <div className="flex justify-end gap-1">
                  {action && (
                    <Button
                      size="sm"
                      variant={action === 'launch' ? 'primary' : 'secondary'}
                      loading={actions.pendingId === campaign.id}
                      aria-label={t('campaigns.action.named', { action: actionLabel, name: campaign.name })}
                      onClick={() => (opensLaunchDialog(action) ? onLaunch(campaign) : void actions.run(campaign, action))}
                    >
                      {actionLabel}
                    </Button>
                  )}
                  {campaign.status === 'archived' && isAdmin && (
                    <Button
                      size="sm"
                      variant="secondary"
                      loading={actions.pendingId === campaign.id}
                      aria-label={t('campaigns.action.named', { action: t('campaigns.action.restore'), name: campaign.name })}
                      onClick={() => void actions.restore(campaign)}
                    >
                      {t('campaigns.action.restore')}
                    </Button>
                  )}
                  {isAdmin && (
                    <Button
                      size="sm"
                      variant="danger-ghost"
                      aria-label={t('campaigns.action.named', { action: t('campaigns.action.delete'), name: campaign.name })}
                      title={t('campaigns.action.delete')}
                      onClick={() => actions.askDelete(campaign)}
                    >
                      <TrashIcon />
                    </Button>
                  )}
                </div>
              </Td>
            </Tr>
          );
        })}
      </tbody>
    </Table>
  );
}

