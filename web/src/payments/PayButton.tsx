/**
 * The Pay button and its dialog, for list rows, cards and the contact page.
 * Clicks inside stop here, so a table row or card around it does not also
 * open the contact (React passes the dialog's events up through its portal).
 */
import { ActionIcon, Box, Button, type ButtonProps, Tooltip } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useSession } from '../auth/session-context.tsx';
import { type PayContact, usualDirection } from './due.ts';
import { PayDialog, type PayTarget } from './PayDialog.tsx';

const labelKeys = { received: 'payments.receive', paid: 'payments.pay', both: 'payments.record' } as const;

export function PayButton({
  contact,
  target,
  compact = false,
  ...buttonProps
}: { contact: PayContact; target?: PayTarget; compact?: boolean } & ButtonProps) {
  const { t } = useTranslation();
  const session = useSession();
  const [opening, setOpening] = useState(0);
  const [opened, setOpened] = useState(false);
  if (!can(session, 'payment.create')) return null;

  const direction = target?.direction ?? usualDirection(contact.type);
  const label = t(labelKeys[direction ?? 'both']);
  const namedLabel = `${label} · ${contact.name}`;
  const open = () => {
    setOpening((count) => count + 1);
    setOpened(true);
  };

  return (
    <Box
      component="span"
      display="contents"
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => event.stopPropagation()}
    >
      {compact ? (
        <Tooltip label={namedLabel} withinPortal>
          <ActionIcon
            variant="light"
            size="lg"
            aria-label={namedLabel}
            onClick={(event) => {
              event.preventDefault();
              open();
            }}
          >
            <IconCash size={18} />
          </ActionIcon>
        </Tooltip>
      ) : (
        <Button leftSection={<IconCash size={16} />} onClick={open} {...buttonProps}>
          {label}
        </Button>
      )}
      <PayDialog contact={contact} target={target} opening={opening} opened={opened} onClose={() => setOpened(false)} />
    </Box>
  );
}
