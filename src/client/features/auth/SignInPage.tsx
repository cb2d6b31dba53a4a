import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '../../components/ui/Button.js';
import { TextField } from '../../components/ui/Field.js';
import { useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { AuthLayout } from './AuthLayout.js';
import { Alert } from '../../components/ui/Alert.js';
import { useErrorText } from '../../lib/useErrorText.js';

/** Only same-app paths: an open redirect through `next` would be a phishing aid. */
export function safeNext(next: string | null, fallback = '/dashboard'): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
}

export function SignInPage() {
  const t = useT();
  const errorText = useErrorText({ email: t('auth.field.email'), password: t('auth.field.password') });
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = trpc.auth.signIn.useMutation({
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      await navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const errors = errorText.fields(signIn.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };
  return (
    <AuthLayout
      title={t('auth.signIn.title')}
      footer={
        <>
          {t('auth.signIn.noAccount')}{' '}
          <Link className="font-medium text-brand-700 hover:underline" to="/sign-up">
            {t('auth.signIn.createOne')}
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {signIn.error && !Object.keys(errors).length && (
          <Alert>{errorText.message(signIn.error, t('error.network'))}</Alert>
        )}
        <TextField label={t('auth.field.email')} type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <TextField
          label={t('auth.field.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        />
        <p className="-mt-2 text-right text-sm">
          <Link className="font-medium text-brand-700 hover:underline" to="/forgot-password">
            {t('auth.signIn.forgot')}
          </Link>
        </p>
        <Button type="submit" className="w-full" loading={signIn.isPending}>
          {signIn.isPending ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
