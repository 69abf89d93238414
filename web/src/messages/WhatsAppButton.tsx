/** Opens a WhatsApp chat with the contact's mobile (click-to-chat); nothing is sent by Comptoir. */
import { Button, Tooltip } from '@mantine/core';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { can, useSession } from '../auth/session-context.tsx';
import { errorMessage } from '../shared/errors.ts';
import { whatsappLink } from './api.ts';

export function WhatsAppButton({ contact }: { contact: Pick<Contact, 'id' | 'mobile' | 'anonymisedAt'> }) {
  const { t } = useTranslation();
  const allowed = can(useSession(), 'message.send') && Boolean(contact.mobile) && !contact.anonymisedAt;
  const link = useQuery({
    queryKey: ['messages', 'whatsapp-link', contact.id, ''],
    queryFn: () => whatsappLink(contact.id, {}),
    enabled: allowed,
    retry: false,
  });
  if (!allowed) return null;
  const button = (
    <Button
      component="a"
      href={link.data?.url}
      target="_blank"
      rel="noopener noreferrer"
      variant="default"
      leftSection={<IconBrandWhatsapp size={16} />}
      disabled={!link.data}
    >
      {t('msg.whatsapp')}
    </Button>
  );
  return link.isError ? <Tooltip label={errorMessage(link.error, t)}>{button}</Tooltip> : button;
}
