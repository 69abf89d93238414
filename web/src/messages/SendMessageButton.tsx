/** The "Send a message" button of the contact, document and ledger screens, shown to users who may send. */
import { Button } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useSession } from '../auth/session-context.tsx';
import { SendDialog, type SendTarget } from './SendDialog.tsx';

export function SendMessageButton({ label, variant = 'default', ...target }: SendTarget & { label?: string; variant?: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  if (!can(useSession(), 'message.send') || target.contact.anonymisedAt) return null;
  return (
    <>
      <Button variant={variant} leftSection={<IconMessage size={16} />} onClick={() => setOpened(true)}>
        {label ?? t('msg.send.button')}
      </Button>
      <SendDialog target={target} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
