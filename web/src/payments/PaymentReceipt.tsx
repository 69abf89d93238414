/** The outcome of a recorded payment: the items it settled, and what is left as an advance. */
import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat } from '../auth/session-context.tsx';
import { Amount } from '../shared/Amount.tsx';
import { decimalSign } from '../shared/money.ts';
import type { Payment } from './api.ts';

export function PaymentReceipt({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  // A refund takes money back out of the credit it settles, so it leaves no advance of its own.
  const refund = payment.kind === 'refund';
  const title = refund
    ? payment.direction === 'paid' ? 'operations.refund.receiptPaid' : 'operations.refund.receiptReceived'
    : payment.direction === 'paid' ? 'payments.receipt.paid' : 'payments.receipt.received';

  return (
    <Stack gap="md" data-testid="payment-receipt">
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
        <Text size="sm" fw={600}>
          {t(title, {
            reference: payment.reference,
            amount: format.money(payment.amount),
          })}
        </Text>
      </Alert>

      {payment.allocations.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t(refund ? 'operations.refund.takenFrom' : 'payments.receipt.settled')}
          </Text>
          <Table withTableBorder data-testid="payment-allocations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ledger.table.reference')}</Table.Th>
                <Table.Th>{t('ledger.table.type')}</Table.Th>
                <Table.Th ta="right">{t('payments.receipt.allocated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {payment.allocations.map((allocation) => (
                <Table.Tr key={allocation.itemId}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {allocation.reference}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`ledger.types.${allocation.kind}`, { defaultValue: allocation.kind })}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Amount value={allocation.amount} size="sm" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('payments.receipt.nothingSettled')}
        </Text>
      )}

      <Stack gap={2} data-testid="payment-advance">
        {!refund && (
          <Text size="sm">
            {decimalSign(payment.advance) > 0
              ? t('payments.receipt.advanceLeft', { amount: format.money(payment.advance) })
              : t('payments.receipt.noAdvanceLeft')}
          </Text>
        )}
        {payment.contactAdvance !== null && decimalSign(payment.contactAdvance) > 0 && (
          <Text size="sm" c="dimmed">
            {t('payments.receipt.contactAdvance', { amount: format.money(payment.contactAdvance) })}
          </Text>
        )}
      </Stack>

      <Group justify="flex-end">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );
}
