import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../shared/auth-rules.js';
import { useSession } from '../../app/session.js';
import { Button } from '../../components/ui/Button.js';
import { Card, CardHeader } from '../../components/ui/Card.js';
import { TextField } from '../../components/ui/Field.js';
import { useToast } from '../../components/ui/Toast.js';
import { useI18n, useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';

/** Your own account (not the workspace): your name, and your password while signed in. */
export function AccountTab() {
  return (
    <div className="space-y-6">
      <ProfileCard />
      <PasswordCard />
    </div>
  );
}

function ProfileCard() {
  const t = useT();
  const toast = useToast();
  const session = useSession();
  const utils = trpc.useUtils();
  const errorText = useErrorText({ name: t('account.name') });
  const [name, setName] = useState(session.user.name);
  const update = trpc.auth.updateProfile.useMutation({
    onSuccess: async (saved) => {
      setName(saved.name);
      toast.success(t('account.profile.saved'));
      await utils.auth.me.invalidate();
    },
    onError: (error) => toast.error(errorText.message(error, t('account.profile.failed'))),
  });
  const errors = errorText.fields(update.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name });
  };
  return (
    <Card>
      <CardHeader title={t('account.profile.title')} description={t('account.profile.description', { email: session.user.email })} />
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3 px-5 py-4" noValidate>
        <TextField containerClassName="min-w-64 flex-1" label={t('account.name')} name="name" autoComplete="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <Button type="submit" loading={update.isPending} disabled={name.trim() === session.user.name}>
          {t('account.profile.save')}
        </Button>
      </form>
    </Card>
  );
}

function PasswordCard() {
  const { t, tp } = useI18n();
  const toast = useToast();
  const errorText = useErrorText({ currentPassword: t('account.password.current'), newPassword: t('account.password.new') });
  const empty = { currentPassword: '', newPassword: '', repeat: '' };
  const [form, setForm] = useState(empty);
  const [mismatch, setMismatch] = useState(false);
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: ({ otherSessionsRevoked }) => {
      setForm(empty);
      toast.success(otherSessionsRevoked ? tp('account.password.changedOthers', otherSessionsRevoked) : t('account.password.changed'));
    },
    onError: (error) => toast.error(errorText.message(error, t('account.password.failed'))),
  });
  const errors = errorText.fields(change.error);
  const set = (field: keyof typeof empty) => (event: { target: { value: string } }) => setForm((current) => ({ ...current, [field]: event.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const differs = form.newPassword !== form.repeat;
    setMismatch(differs);
    if (!differs) change.mutate({ currentPassword: form.currentPassword, newPassword: form.newPassword });
  };
  return (
    <Card>
      <CardHeader title={t('account.password.title')} description={t('account.password.description')} />
      <form onSubmit={onSubmit} className="grid max-w-xl gap-4 px-5 py-4" noValidate>
        <TextField label={t('account.password.current')} type="password" name="current-password" autoComplete="current-password" required value={form.currentPassword} onChange={set('currentPassword')} error={errors.currentPassword} />
        <TextField
          label={t('account.password.new')}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          value={form.newPassword}
          onChange={set('newPassword')}
          hint={t('auth.password.rule', { min: PASSWORD_MIN_LENGTH })}
          error={errors.newPassword}
        />
        <TextField label={t('account.password.repeat')} type="password" name="repeat-password" autoComplete="new-password" required value={form.repeat} onChange={set('repeat')} error={mismatch ? t('auth.reset.mismatch') : undefined} />
        <div>
          <Button type="submit" loading={change.isPending}>
            {t('account.password.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
