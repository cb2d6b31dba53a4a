import { useState } from 'react';
import { Button } from '../../../components/ui/Button.js';
import { Card, CardHeader } from '../../../components/ui/Card.js';
import { ConfirmDialog } from '../../../components/ui/Dialog.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useI18n } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { useErrorText } from '../../../lib/useErrorText.js';

/** Shown to admins only while the workspace holds demo data (`npm run seed:demo`): removes it in one action. */
export function DemoDataCard() {
  const { t, formatNumber } = useI18n();
  const errorText = useErrorText({});
  const toast = useToast();
  const utils = trpc.useUtils();
  const summary = trpc.demo.summary.useQuery({});
  const [confirming, setConfirming] = useState(false);
  const remove = trpc.demo.remove.useMutation({
    onSuccess: async () => {
      setConfirming(false);
      toast.success(t('demo.removed'));
      await utils.invalidate();
    },
    onError: (error) => {
      setConfirming(false);
      toast.error(errorText.message(error, t('demo.removeFailed')));
    },
  });
  const data = summary.data;
  if (!data || data.prospects + data.campaigns + data.messages === 0) return null;
  return (
    <Card>
      <CardHeader
        title={t('demo.title')}
        description={t('demo.description', { prospects: formatNumber(data.prospects), campaigns: formatNumber(data.campaigns), messages: formatNumber(data.messages) })}
      />
      <div className="p-4 pt-0">
        <Button variant="danger" onClick={() => setConfirming(true)} disabled={remove.isPending}>
          {t('demo.remove')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate({})}
        title={t('demo.confirmTitle')}
        body={t('demo.confirmBody')}
        confirmLabel={t('demo.remove')}
        destructive
        loading={remove.isPending}
      />
    </Card>
  );
}
