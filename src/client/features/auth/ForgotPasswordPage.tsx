import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/ui/Alert.js';
import { Button } from '../../components/ui/Button.js';
import { TextField } from '../../components/ui/Field.js';
import { useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { AuthLayout } from './AuthLayout.js';

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const t = useT();
  const errorText = useErrorText({ email: t('auth.field.email') });
  const [email, setEmail] = useState('');
  const request = trpc.passwordReset.request.useMutation();
  const errors = errorText.fields(request.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email });
  };
  const backToSignIn = (
    <Link className="font-medium text-brand-700 hover:underline" to="/sign-in">
      {t('auth.forgot.back')}
    </Link>
  );
  if (request.data) {
    return (
      <AuthLayout title={t('auth.forgot.sentTitle')} footer={backToSignIn}>
        <Alert tone="success">{t('auth.forgot.sent', { email })}</Alert>
        {request.data.delivery === 'log' && (
          <Alert tone="info" className="mt-4">
            {t('auth.forgot.logged')}
          </Alert>
        )}
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('auth.forgot.title')} subtitle={t('auth.forgot.subtitle')} footer={backToSignIn}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {request.error && !Object.keys(errors).length && <Alert>{errorText.message(request.error, t('error.network'))}</Alert>}
        <TextField label={t('auth.field.email')} type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <Button type="submit" className="w-full" loading={request.isPending}>
          {t('auth.forgot.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
