import { useState } from 'react';
import { Button } from '../../../components/ui/Button.js';
import { CopyButton } from '../../../components/ui/CopyButton.js';
import { Dialog, FormDialog } from '../../../components/ui/Dialog.js';
import { TextField } from '../../../components/ui/Field.js';
import { useToast } from '../../../components/ui/Toast.js';
import { useT } from '../../../i18n/index.js';
import { trpc } from '../../../lib/trpc.js';
import { Alert } from '../../../components/ui/Alert.js';
import { useErrorText } from '../../../lib/useErrorText.js';

/**
 * Name → create → the token, shown this once with a copy button and a warning. Closing the dialog
 * forgets it (it is not kept in any cache).
 */
export function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const errorText = useErrorText({ name: t('tokens.create.name') });
  const toast = useToast();
  const utils = trpc.useUtils();
  const [name, setName] = useState('');
  const create = trpc.apiTokens.create.useMutation({
    onSuccess: () => void utils.apiTokens.list.invalidate(),
    onError: (error) => {
      if (!errorText.fields(error).name) toast.error(errorText.message(error, t('tokens.create.failed')));
    },
  });
  const close = () => {
    setName('');
    create.reset();
    onClose();
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
          <Alert tone="warning">{t('tokens.created.warning')}</Alert>
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
    <FormDialog open={open} onClose={close} title={t('tokens.create.title')} submitLabel={t('tokens.create.submit')} submitting={create.isPending} onSubmit={() => create.mutate({ name })}>
      <TextField
        label={t('tokens.create.name')}
        hint={t('tokens.create.nameHint')}
        error={errorText.fields(create.error).name}
        maxLength={100}
        autoFocus
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
    </FormDialog>
  );
}
