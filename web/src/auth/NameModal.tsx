import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../shared/errors.ts';
import { useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { useChangeOwnName } from './api.ts';
import { useSession } from './session-context.tsx';

/** Changes the signed-in user's own name, which every user may do, with or without `users.manage`. */
export function NameModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const form = useFormState({ name: session.user.name });
  const change = useChangeOwnName();

  const close = () => {
    change.reset();
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    change.mutate(form.values.name, {
      onSuccess: () => {
        notifySaved(t('account.nameChanged'));
        close();
      },
      onError: (error) => form.takeErrors(error, ['name']),
    });
  };

  const otherError = change.isError && Object.keys(form.errors).length === 0;

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('account.changeName')}
      centered
      // Each opening starts from the name as it is now.
      transitionProps={{ onEnter: () => form.reset({ name: session.user.name }) }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {otherError && <Alert color="red">{errorMessage(change.error, t)}</Alert>}
          <TextInput
            data-autofocus
            label={t('account.name')}
            description={t('account.nameHint')}
            autoComplete="name"
            required
            maxLength={200}
            value={form.values.name}
            onChange={(e) => form.set('name', e.currentTarget.value)}
            error={form.error('name')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
