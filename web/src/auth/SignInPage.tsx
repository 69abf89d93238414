import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../shared/PasswordField.tsx';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { AuthShell } from '../layout/AuthShell.tsx';
import { FullPageLoader } from '../layout/FullPage.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useFormState } from '../shared/form.ts';
import { useSessionQuery, useSetupQuery, useSignIn } from './api.ts';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const setup = useSetupQuery();
  const session = useSessionQuery();
  const signIn = useSignIn();
  const form = useFormState({ email: '', password: '' });
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (setup.isPending || session.isPending) return <FullPageLoader />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (session.data) return <Navigate to={from} replace />;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    signIn.mutate(form.values, {
      onSuccess: () => navigate(from, { replace: true }),
      onError: (error) => form.takeErrors(error, ['email', 'password']),
    });
  };

  return (
    <AuthShell title={t('signIn.title')} subtitle={t('signIn.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {signIn.isError && Object.keys(form.errors).length === 0 && (
            <Alert color="red" icon={<IconAlertCircle size={18} />}>
              {errorMessage(signIn.error, t)}
            </Alert>
          )}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={form.values.email}
            onChange={(e) => form.set('email', e.currentTarget.value)}
            error={form.error('email')}
          />
          <PasswordField
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            value={form.values.password}
            onChange={(e) => form.set('password', e.currentTarget.value)}
            error={form.error('password')}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}
