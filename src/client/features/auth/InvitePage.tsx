import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { PASSWORD_MIN_LENGTH } from '../../../shared/auth-rules.js';
import { Button, ButtonLink } from '../../components/ui/Button.js';
import { TextField } from '../../components/ui/Field.js';
import { Skeleton } from '../../components/ui/Skeleton.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { AuthLayout } from './AuthLayout.js';
import { Alert } from '../../components/ui/Alert.js';
import { useErrorText } from '../../lib/useErrorText.js';

export function InvitePage() {
  const { token = '' } = useParams();
  const t = useT();
  const errorText = useErrorText({ 'account.email': t('auth.field.email'), 'account.name': t('auth.field.name'), 'account.password': t('auth.field.password') });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invitation = trpc.invitations.inspect.useQuery({ token }, { retry: false });
  const me = trpc.auth.me.useQuery(undefined, { retry: false });
  const [account, setAccount] = useState({ name: '', email: '', password: '' });
  const accept = trpc.invitations.accept.useMutation({
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      await navigate('/dashboard', { replace: true });
    },
  });
  const errors = errorText.fields(accept.error);

  if (invitation.isPending || me.isPending) {
    return (
      <AuthLayout title={t('common.loading')}>
        <div role="status" aria-label={t('common.loading')} className="space-y-3">
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="h-10 w-full" />
        </div>
      </AuthLayout>
    );
  }
  if (invitation.error || !invitation.data) {
    return (
      <AuthLayout title={t('auth.invite.notFound')}>
        <ButtonLink to="/sign-in" variant="secondary">
          {t('auth.signUp.signIn')}
        </ButtonLink>
      </AuthLayout>
    );
  }
  const info = invitation.data;
  const title = t('auth.invite.title', { workspace: info.workspaceName });
  if (info.status !== 'valid') {
    return (
      <AuthLayout title={title}>
        <Alert>{t(`auth.invite.status.${info.status}` as MessageKey)}</Alert>
      </AuthLayout>
    );
  }
  const signedIn = me.data;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(
      signedIn
        ? { token }
        : { token, account: { name: account.name, password: account.password, ...(info.email ? {} : { email: account.email }) } },
    );
  };
  return (
    <AuthLayout title={title} subtitle={t('auth.invite.subtitle', { role: t(`auth.role.${info.role}`) })}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {accept.error && !Object.keys(errors).length && (
          <Alert>{errorText.message(accept.error, t('error.network'))}</Alert>
        )}
        {signedIn ? (
          <p className="text-sm text-muted">{t('auth.invite.signedInAs', { email: signedIn.user.email })}</p>
        ) : (
          <>
            <p className="text-sm text-muted">{t('auth.invite.createAccount')}</p>
            {info.email ? (
              <TextField label={t('auth.field.email')} value={info.email} readOnly disabled />
            ) : (
              <TextField
                label={t('auth.field.email')}
                type="email"
                autoComplete="email"
                required
                value={account.email}
                onChange={(e) => setAccount((a) => ({ ...a, email: e.target.value }))}
                error={errors['account.email']}
              />
            )}
            <TextField
              label={t('auth.field.name')}
              autoComplete="name"
              required
              value={account.name}
              onChange={(e) => setAccount((a) => ({ ...a, name: e.target.value }))}
              error={errors['account.name']}
            />
            <TextField
              label={t('auth.field.password')}
              type="password"
              autoComplete="new-password"
              required
              value={account.password}
              onChange={(e) => setAccount((a) => ({ ...a, password: e.target.value }))}
              hint={t('auth.password.rule', { min: PASSWORD_MIN_LENGTH })}
              error={errors['account.password']}
            />
            <p className="text-xs text-muted">{t('auth.invite.haveAccount')}</p>
          </>
        )}
        <Button type="submit" className="w-full" loading={accept.isPending}>
          {accept.isPending ? t('auth.invite.accepting') : t('auth.invite.accept')}
        </Button>
      </form>
    </AuthLayout>
  );
}
