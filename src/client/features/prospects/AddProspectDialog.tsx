import { useId } from 'react';
import { Button } from '../../components/ui/Button.js';
import { Dialog } from '../../components/ui/Dialog.js';
import { useToast } from '../../components/ui/Toast.js';
import { useT } from '../../i18n/index.js';
import { errorMessage, topLevelFieldErrors, trpc } from '../../lib/trpc.js';
import { initialValues, ProspectForm, toInput } from './ProspectForm.js';
import { displayName } from './prospect-ui.js';

/** Field messages keyed by field (`tags.0` → `tags`); anything not tied to a field under ''. */
export function formErrors(error: unknown, fallback: string): Record<string, string> {
  if (!error) return {};
  const byField = topLevelFieldErrors(error);
  return Object.keys(byField).length ? byField : { '': errorMessage(error, fallback) };
}

export function AddProspectDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const t = useT();
  const toast = useToast();
  const formId = useId();
  const utils = trpc.useUtils();
  const create = trpc.prospects.create.useMutation({
    onSuccess: async (prospect) => {
      toast.success(t('prospects.add.done', { name: displayName(prospect) }));
      await utils.prospects.invalidate();
      onCreated(prospect.id);
    },
  });
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      size="lg"
      title={t('prospects.add.title')}
      description={t('prospects.add.description')}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form={formId} loading={create.isPending}>
            {t('prospects.add.submit')}
          </Button>
        </>
      }
    >
      {open && (
        <ProspectForm
          id={formId}
          initial={initialValues()}
          withStage
          errors={formErrors(create.error, t('prospects.add.failed'))}
          onSubmit={(values) => create.mutate({ ...toInput(values), stage: values.stage })}
        />
      )}
    </Dialog>
  );
}
