import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's PasswordInput with its show/hide button labelled in the UI
 * language, and `aria-invalid` on the input when it has an error (Mantine
 * 9.6 marks only the wrapper).
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': t('account.showPassword') }}
      aria-invalid={props.error ? true : undefined}
      {...props}
    />
  );
}
