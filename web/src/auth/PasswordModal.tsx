import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../shared/PasswordField.tsx';
import { useFormState } from '../shared/form.ts';
import { errorMessage } from '../shared/errors.ts';
import { notifySaved } from '../shared/notify.ts';
import { useChangePassword } from './api.ts';

const empty = { currentPassword: '', newPassword: '', confirmation: '' };

export function PasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useFormState(empty);
  const change = useChangePassword();
  const mismatch = form.values.confirmation !== '' && form.values.confirmation !== form.values.newPassword;

  const close = () => {
    form.reset(empty);
    change.reset();
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    const { currentPassword, newPassword } = form.values;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notifySaved(t('account.passwordChanged'));
          close();
        },
        onError: (error) => form.takeErrors(error, ['currentPassword', 'newPassword']),
      },
    );
  };

  const otherError = change.isError && Object.keys(form.errors).length === 0;

  return (
    <Modal opened={opened} onClose={close} title={t('account.changePassword')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {otherError && <Alert color="red">{errorMessage(change.error, t)}</Alert>}
          <PasswordField
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            value={form.values.currentPassword}
            onChange={(e) => form.set('currentPassword', e.currentTarget.value)}
            error={form.error('currentPassword')}
          />
          <PasswordField
            label={t('account.newPassword')}
            description={t('account.passwordRule')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            autoComplete="new-password"
            required
            value={form.values.newPassword}
            onChange={(e) => form.set('newPassword', e.currentTarget.value)}
            error={form.error('newPassword')}
          />
          <PasswordField
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            required
            value={form.values.confirmation}
            onChange={(e) => form.set('confirmation', e.currentTarget.value)}
            error={mismatch ? t('account.passwordMismatch') : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending} disabled={mismatch}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
