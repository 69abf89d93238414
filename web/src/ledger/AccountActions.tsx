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
import { decimalSign } from '../shared/money.ts';
import { useAccount } from './api.ts';
import { DiscountDialog } from './DiscountDialog.tsx';
import type { LedgerLine } from './types.ts';

type Operation = 'refund' | 'apply' | 'discount';

type AdvanceFigures = Pick<Contact, 'type' | 'receivable' | 'payable' | 'advance'>;

/**
 * Returns whether Apply advance has work to do: on the sale side an advance
 * beside a receivable, on the purchase side a prepayment (part of the
 * receivable) beside a payable. The server settles these at every posting,
 * so only an account written before that rule still shows both.
 */
export function hasAdvanceToApply(figures: AdvanceFigures): boolean {
  const positive = (value: string | null) => value !== null && decimalSign(value) > 0;
  const sale = figures.type !== 'supplier' && positive(figures.receivable) && positive(figures.advance);
  const purchase = figures.type !== 'customer' && positive(figures.payable) && positive(figures.receivable);
  return sale || purchase;
}

export function AccountActions({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const session = useSession();
  const account = useAccount(contact.id);
  const [open, setOpen] = useState<Operation | null>(null);
  const [opening, setOpening] = useState(0);
  // The contact's cached figures are used until the account is read, or when it cannot be read.
  const figures = account.data ?? contact;
  const applicable = hasAdvanceToApply({
    type: contact.type,
    receivable: figures.receivable,
    payable: figures.payable,
    advance: figures.advance,
  });
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
          {applicable && (
            <Button variant="default" leftSection={<IconLink size={16} />} onClick={() => show('apply')}>
              {t('operations.apply.button')}
            </Button>
          )}
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
