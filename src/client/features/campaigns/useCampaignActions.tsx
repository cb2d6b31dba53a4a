import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../components/ui/Dialog.js';
import { useToast } from '../../components/ui/Toast.js';
import { useT } from '../../i18n/index.js';
import { trpc, type RouterOutputs } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { ACTION_TARGET, toastKeyFor, type StatusAction } from './campaign-status-ui.js';

export type CampaignSummary = Pick<RouterOutputs['campaigns']['get'], 'id' | 'name' | 'status'>;

/**
 * Status changes, restoring an archived campaign and deletion, with the toasts that say what happened (including "archived
 * instead of deleted") and the confirm dialog deletion needs. Render `dialog` once.
 */
export function useCampaignActions(options: { onDeleted?: (result: { deleted: boolean; archived: boolean }) => void } = {}) {
  const t = useT();
  // A refused change (409) says why in the server's reason: "pause it first", "add a mailbox"…
  const errorText = useErrorText();
  const toast = useToast();
  const utils = trpc.useUtils();
  const [toDelete, setToDelete] = useState<CampaignSummary | null>(null);
  const [pendingId, setPendingId] = useState<string | null>(null);

  const update = trpc.campaigns.update.useMutation({ onSettled: () => utils.campaigns.invalidate() });
  const remove = trpc.campaigns.delete.useMutation({ onSettled: () => utils.campaigns.invalidate() });
  const restoreMutation = trpc.campaigns.restore.useMutation({ onSettled: () => utils.campaigns.invalidate() });

  async function restore(campaign: CampaignSummary): Promise<void> {
    setPendingId(campaign.id);
    try {
      await restoreMutation.mutateAsync({ id: campaign.id });
      toast.success(t('campaigns.toast.restored', { name: campaign.name }));
    } catch (error) {
      toast.error(errorText.message(error, t('campaigns.toast.error')));
    } finally {
      setPendingId(null);
    }
  }

  async function run(campaign: CampaignSummary, action: StatusAction): Promise<void> {
    const to = ACTION_TARGET[action];
    setPendingId(campaign.id);
    try {
      await update.mutateAsync({ id: campaign.id, status: to });
      toast.success(t(toastKeyFor(action), { name: campaign.name }));
    } catch (error) {
      toast.error(errorText.message(error, t('campaigns.toast.error')));
    } finally {
      setPendingId(null);
    }
  }

  async function confirmDelete(): Promise<void> {
    const campaign = toDelete;
    if (!campaign) return;
    try {
      // An active campaign: the dialog offered "Pause and delete", so pause it on the way.
      const result = await remove.mutateAsync({ id: campaign.id, pauseFirst: campaign.status === 'active' ? 'true' : 'false' });
      setToDelete(null);
      if (result.archived) toast.info(t('campaigns.toast.archivedInstead', { name: campaign.name }));
      else toast.success(t('campaigns.toast.deleted', { name: campaign.name }));
      options.onDeleted?.(result);
    } catch (error) {
      setToDelete(null);
      toast.error(errorText.message(error, t('campaigns.toast.error')));
    }
  }

  const dialog: ReactNode = (
    <ConfirmDialog
      open={toDelete !== null}
      onClose={() => setToDelete(null)}
      onConfirm={() => void confirmDelete()}
      title={t('campaigns.delete.title', { name: toDelete?.name ?? '' })}
      body={toDelete?.status === 'active' ? t('campaigns.delete.activeBody') : t('campaigns.delete.body')}
      confirmLabel={toDelete?.status === 'active' ? t('campaigns.delete.pauseAndDelete') : t('campaigns.delete.confirm')}
      destructive
      loading={remove.isPending}
    />
  );

  return { run, restore, askDelete: setToDelete, dialog, pendingId };
}
