/**
 * The money operations of a contact's ledger tab: refund, apply the advance
 * and record a discount, each behind its permission, and the reversal of a
 * payment or discount line.
 */
import { ActionIcon, Button, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconCash, IconDiscount, IconLink } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { can, useSession } from '../auth/session-context.tsx';
import { ApplyAdvanceDialog } from '../payments/ApplyAdvanceDialog.tsx';
import { RefundDialog } from '../payments/RefundDialog.tsx';
import { DiscountDialog } from './DiscountDialog.tsx';
import type { LedgerLine } from './types.ts';

type Operation = 'refund' | 'apply' | 'discount';

export function AccountActions({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const session = useSession();
  const [open, setOpen] = useState<Operation | null>(null);
  const [opening, setOpening] = useState(0);
  const show = (operation: Operation) => {
    setOpening((count) => count + 1);
    setOpen(operation);
  };
  const close = () => setOpen(null);

  return (
    <>
      {can(session, 'payment.create') && (
        <>
          <Button variant="default" leftSection={<IconCash size={16} />} onClick={() => show('refund')}>
            {t('operations.refund.button')}
          </Button>
          <Button variant="default" leftSection={<IconLink size={16} />} onClick={() => show('apply')}>
            {t('operations.apply.button')}
          </Button>
          <RefundDialog contact={contact} opening={opening} opened={open === 'refund'} onClose={close} />
          <ApplyAdvanceDialog contact={contact} opening={opening} opened={open === 'apply'} onClose={close} />
        </>
      )}
      {can(session, 'ledger.discount') && (
        <>
          <Button variant="default" leftSection={<IconDiscount size={16} />} onClick={() => show('discount')}>
            {t('operations.discount.button')}
          </Button>
          <DiscountDialog contact={contact} opening={opening} opened={open === 'discount'} onClose={close} />
        </>
      )}
    </>
  );
}

const paymentTypes = new Set(['payment_received', 'payment_made', 'refund_paid', 'refund_received']);

/**
 * Lines the user may reverse: payments, refunds and discounts that no loaded
 * line reverses yet. A reversal on a page not loaded is caught by the server.
 */
export function reversibleLines(lines: LedgerLine[], permissions: { payments: boolean; discounts: boolean }): Set<string> {
  const reversed = new Set(lines.map((line) => line.reversesEntryId).filter((id): id is string => id !== null));
  const result = new Set<string>();
  for (const line of lines) {
    if (reversed.has(line.id)) continue;
    const payment = line.sourceType === 'payment' && paymentTypes.has(line.type) && permissions.payments;
    const discount = line.sourceType === 'discount' && line.type === 'discount' && permissions.discounts;
    if (payment || discount) result.add(line.id);
  }
  return result;
}

export function ReverseButton({ line, onReverse }: { line: LedgerLine; onReverse: (line: LedgerLine) => void }) {
  const { t } = useTranslation();
  const label = t('operations.reverse.button', { reference: line.reference });
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={() => onReverse(line)} data-testid="reverse-line">
        <IconArrowBackUp size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
