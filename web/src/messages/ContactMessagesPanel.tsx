/** The messages tab of a contact: every message sent or queued for it, and buttons to write a new one. */
import { Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { useContactMessages } from './api.ts';
import { MessageList } from './MessageList.tsx';
import { SendMessageButton } from './SendMessageButton.tsx';
import { WhatsAppButton } from './WhatsAppButton.tsx';

export function ContactMessagesPanel({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const messages = useContactMessages(contact.id);
  return (
    <Stack gap="md">
      <Group gap="xs" wrap="wrap">
        <SendMessageButton contact={contact} variant="filled" />
        <WhatsAppButton contact={contact} />
      </Group>
      <MessageList query={messages} emptyTitle={t('msg.history.emptyContact')} />
    </Stack>
  );
}
