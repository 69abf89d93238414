/**
 * The e-mail and password fields of a sign-in, with the error of the last
 * attempt above them when no field shows it. The sign-in page and the dialog
 * over a screen whose session ended both use them.
 */
import { Alert, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../shared/errors.ts';
import type { FormState } from '../shared/form.ts';
import { PasswordField } from '../shared/PasswordField.tsx';

export interface SignInValues {
  email: string;
  password: string;
}

export function SignInFields({
  form,
  error,
  focus,
}: {
  form: FormState<SignInValues>;
  /** The failed attempt's error, or null. */
  error: unknown;
  /** The field that takes the focus when the fields appear. */
  focus: 'email' | 'password';
}) {
  const { t } = useTranslation();
  return (
    <>
      {error !== null && Object.keys(form.errors).length === 0 && (
        <Alert color="red" icon={<IconAlertCircle size={18} />}>
          {errorMessage(error, t)}
        </Alert>
      )}
      <TextInput
        label={t('signIn.email')}
        type="email"
        autoComplete="username"
        required
        autoFocus={focus === 'email'}
        value={form.values.email}
        onChange={(e) => form.set('email', e.currentTarget.value)}
        error={form.error('email')}
      />
      <PasswordField
        label={t('signIn.password')}
        autoComplete="current-password"
        required
        data-autofocus={focus === 'password' || undefined}
        value={form.values.password}
        onChange={(e) => form.set('password', e.currentTarget.value)}
        error={form.error('password')}
      />
    </>
  );
}
