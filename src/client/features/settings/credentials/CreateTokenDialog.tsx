import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/Button.js';
import { CopyButton } from '../../../components/ui/CopyButton.js';
import { Dialog } from '../../../components/ui/Dialog.js';
import { TextField } from '../../../components/ui/Field.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useT } from '../../../i18n/index.js';
import { errorMessage, fieldErrors, trpc } from '../../../lib/trpc.js';

/**
 * Name → create → the token, shown this once with a copy button and a warning. Closing the dialog
 * forgets it (it is not kept in any cache).
 */
export function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const utils = trpc.useUtils();
  const [name, setName] = useState('');
  const create = trpc.apiTokens.create.useMutation({
    onSuccess: () => void utils.apiTokens.list.invalidate(),
    onError: (error) => {
      if (!fieldErrors(error).name) toast.error(errorMessage(error, t('tokens.create.failed')));
    },
  });
  const close = () => {
    setName('');
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name });
  };
  const token = create.data?.token;

  if (token) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title={t('tokens.created.title')}
        footer={<Button onClick={close}>{t('tokens.created.done')}</Button>}
      >
        <div className="space-y-4">
          <p role="alert" className="rounded-lg bg-warning-50 px-3 py-2 text-sm text-warning-600">
            {t('tokens.created.warning')}
          </p>
          <div className="flex items-end gap-2">
            <TextField
              label={t('tokens.created.label')}
              containerClassName="flex-1"
              className="font-mono text-xs"
              readOnly
              value={token}
              onFocus={(event) => event.target.select()}
            />
            <CopyButton text={token} label={t('tokens.created.copy')} />
          </div>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('tokens.create.title')}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" form="create-token-form" loading={create.isPending}>
            {t('tokens.create.submit')}
          </Button>
        </>
      }
    >
      <form id="create-token-form" onSubmit={submit} noValidate>
        <TextField
          label={t('tokens.create.name')}
          hint={t('tokens.create.nameHint')}
          error={fieldErrors(create.error).name}
          maxLength={100}
          autoFocus
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </form>
    </Dialog>
  );
}
