import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { errorMessage } from '../shared/errors.ts';
import { notifySaved } from '../shared/notify.ts';
import { useAnonymiseContact } from './api.ts';

/**
 * GDPR erasure: names, phones, addresses and notes are erased while the code
 * and amounts stay. It cannot be undone, so the user types the code to confirm.
 */
export function AnonymiseModal({ contact, opened, onClose }: { contact: Contact; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const anonymise = useAnonymiseContact(contact.id);
  const [typed, setTyped] = useState('');

  const close = () => {
    setTyped('');
    anonymise.reset();
    onClose();
  };

  const confirm = () =>
    anonymise.mutate(undefined, {
      onSuccess: () => {
        notifySaved(t('contactPage.anonymised', { code: contact.code }));
        close();
      },
    });

  return (
    <Modal opened={opened} onClose={close} centered title={t('contactPage.anonymiseTitle', { name: contact.name })}>
      <Stack>
        <Text size="sm">{t('contactPage.anonymiseText')}</Text>
        {anonymise.isError && <Alert color="red">{errorMessage(anonymise.error, t)}</Alert>}
        <TextInput
          label={t('contactPage.anonymiseConfirmLabel', { code: contact.code })}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          autoComplete="off"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" disabled={typed.trim() !== contact.code} loading={anonymise.isPending} onClick={confirm}>
            {t('contactPage.anonymise')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
