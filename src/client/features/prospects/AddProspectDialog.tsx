import { useId } from 'react';
import { Button } from '../../components/ui/Button.js';
import { Dialog } from '../../components/ui/Dialog.js';
import { useToast } from '../../components/ui/Toast.js';
import { useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { initialValues, ProspectForm, toInput } from './ProspectForm.js';
import { displayName, prospectFieldLabels } from './prospect-ui.js';
import { useErrorText, type ErrorText } from '../../lib/useErrorText.js';

/** Field messages keyed by field (`tags.0` → `tags`); anything not tied to a field under ''. */
export function formErrors(errorText: ErrorText, error: unknown, fallback: string): Record<string, string> {
  if (!error) return {};
  const byField = errorText.topLevelFields(error);
  return Object.keys(byField).length ? byField : { '': errorText.message(error, fallback) };
}

export function AddProspectDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const t = useT();
  const errorText = useErrorText(prospectFieldLabels(t));
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
          errors={formErrors(errorText, create.error, t('prospects.add.failed'))}
          onSubmit={(values) => create.mutate({ ...toInput(values), stage: values.stage })}
        />
      )}
    </Dialog>
  );
}
