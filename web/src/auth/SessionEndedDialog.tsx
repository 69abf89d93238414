/**
 * The sign-in dialog over a screen whose session ended. The screen stays
 * mounted under it, so a form keeps its values and the user saves it again
 * once signed in.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../api/client.ts';
import { useFormState } from '../shared/form.ts';
import { sessionKey, useSignInAgain } from './api.ts';
import { clearSessionEnded, useSessionEnded } from './session-ended.ts';
import { SignInFields, type SignInValues } from './SignInFields.tsx';

export function SessionEndedDialog({ email }: { email: string }) {
  const ended = useSessionEnded();
  const { t } = useTranslation();
  return (
    <Modal
      opened={ended}
      onClose={() => {}}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      centered
      title={t('sessionEnded.title')}
    >
      {ended && <SignInAgainForm email={email} />}
    </Modal>
  );
}

function SignInAgainForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const signIn = useSignInAgain();
  const form = useFormState<SignInValues>({ email, password: '' });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    signIn.mutate(form.values, {
      onSuccess: ({ sameUser }) => {
        if (!sameUser) navigate('/', { replace: true });
      },
      onError: (error) => form.takeErrors(error, ['email', 'password']),
    });
  };

  // Another account starts from the sign-in page; the data loaded on this page is dropped.
  const switchAccount = () => {
    clearSessionEnded();
    setCsrfToken(null);
    // The session is set to null in place, because a query removed first would leave the screens on its last data.
    client.setQueryData(sessionKey, null);
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' && query.queryKey[0] !== 'setup' });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">{t('sessionEnded.explanation')}</Text>
        <SignInFields form={form} error={signIn.isError ? signIn.error : null} focus="password" />
        <Group justify="space-between" wrap="wrap-reverse">
          <Button variant="subtle" onClick={switchAccount}>
            {t('sessionEnded.otherAccount')}
          </Button>
          <Button type="submit" loading={signIn.isPending}>
            {t('sessionEnded.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
