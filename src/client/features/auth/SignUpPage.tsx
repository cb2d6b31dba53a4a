import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { PASSWORD_MIN_LENGTH } from '../../../shared/auth-rules.js';
import { Button } from '../../components/ui/Button.js';
import { TextField } from '../../components/ui/Field.js';
import { useI18n } from '../../i18n/index.js';
import { trpc } from '../../lib/trpc.js';
import { AuthLayout } from './AuthLayout.js';
import { Alert } from '../../components/ui/Alert.js';
import { useErrorText } from '../../lib/useErrorText.js';

export function SignUpPage() {
  const { t, language } = useI18n();
  const errorText = useErrorText({
    name: t('auth.field.name'),
    email: t('auth.field.email'),
    password: t('auth.field.password'),
    workspaceName: t('auth.field.workspaceName'),
  });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', email: '', password: '', workspaceName: '' });
  const signUp = trpc.auth.signUp.useMutation({
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      await navigate('/onboarding', { replace: true });
    },
  });
  const errors = errorText.fields(signUp.error);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate({ ...form, language });
  };
  return (
    <AuthLayout
      title={t('auth.signUp.title')}
      subtitle={t('auth.signUp.subtitle')}
      footer={
        <>
          {t('auth.signUp.haveAccount')}{' '}
          <Link className="font-medium text-brand-700 hover:underline" to="/sign-in">
            {t('auth.signUp.signIn')}
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {signUp.error && !Object.keys(errors).length && (
          <Alert>{errorText.message(signUp.error, t('error.network'))}</Alert>
        )}
        <TextField label={t('auth.field.name')} name="name" autoComplete="name" required value={form.name} onChange={set('name')} error={errors.name} />
        <TextField label={t('auth.field.email')} type="email" name="email" autoComplete="email" required value={form.email} onChange={set('email')} error={errors.email} />
        <TextField
          label={t('auth.field.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={form.password}
          onChange={set('password')}
          hint={t('auth.password.rule', { min: PASSWORD_MIN_LENGTH })}
          error={errors.password}
        />
        <TextField
          label={t('auth.field.workspaceName')}
          name="workspaceName"
          autoComplete="organization"
          required
          value={form.workspaceName}
          onChange={set('workspaceName')}
          hint={t('auth.field.workspaceHint')}
          error={errors.workspaceName}
        />
        <Button type="submit" className="w-full" loading={signUp.isPending}>
          {signUp.isPending ? t('auth.signUp.submitting') : t('auth.signUp.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
