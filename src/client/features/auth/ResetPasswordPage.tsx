import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../shared/auth-rules.js';
import { Alert } from '../../components/ui/Alert.js';
import { Button } from '../../components/ui/Button.js';
import { TextField } from '../../components/ui/Field.js';
import { useToast } from '../../components/ui/Toast.js';
import { useT } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { useErrorText } from '../../lib/useErrorText.js';
import { AuthLayout } from './AuthLayout.js';

/** Opened from the emailed (or logged) link: choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  const t = useT();
  const toast = useToast();
  const navigate = useNavigate();
  // The token rides in the fragment (`/reset-password#<token>`), which never reaches a server log.
  const token = decodeURIComponent(useLocation().hash.slice(1));
  const errorText = useErrorText({ password: t('auth.reset.newPassword') });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const reset = trpc.passwordReset.confirm.useMutation({
    onSuccess: async () => {
      toast.success(t('auth.reset.done'));
      await navigate('/sign-in', { replace: true });
    },
  });
  const errors = errorText.fields(reset.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const differs = password !== confirm;
    setMismatch(differs);
    if (!differs) reset.mutate({ token, password });
  };
  return (
    <AuthLayout
      title={t('auth.reset.title')}
      footer={
        <Link className="font-medium text-brand-700 hover:underline" to="/forgot-password">
          {t('auth.reset.askAgain')}
        </Link>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {reset.error && !Object.keys(errors).length && <Alert>{errorText.message(reset.error, t('error.network'))}</Alert>}
        <TextField
          label={t('auth.reset.newPassword')}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={t('auth.password.rule', { min: PASSWORD_MIN_LENGTH })}
          error={errors.password}
        />
        <TextField
          label={t('auth.reset.confirmPassword')}
          type="password"
          name="confirm-password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={mismatch ? t('auth.reset.mismatch') : undefined}
        />
        <Button type="submit" className="w-full" loading={reset.isPending}>
          {t('auth.reset.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
