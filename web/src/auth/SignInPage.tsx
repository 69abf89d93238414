import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { AuthShell } from '../layout/AuthShell.tsx';
import { FullPageLoader } from '../layout/FullPage.tsx';
import { useFormState } from '../shared/form.ts';
import { useSessionQuery, useSetupQuery, useSignIn } from './api.ts';
import { SignInFields, type SignInValues } from './SignInFields.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const setup = useSetupQuery();
  const session = useSessionQuery();
  const signIn = useSignIn();
  const form = useFormState<SignInValues>({ email: '', password: '' });
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
          <SignInFields form={form} error={signIn.isError ? signIn.error : null} focus="email" />
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </AuthShell>
  );
}
