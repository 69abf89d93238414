/** Payments taken with the sale or purchase itself: amount and method, several allowed (part cash, part card). */
import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconCash, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { atLeastZero, compareDecimals, minorDigits, subtractDecimals, sumDecimals } from '../ledger/minor.ts';
import { usePaymentMethods } from '../payments/api.ts';
import { NumberField } from '../shared/NumberField.tsx';
import { decimalToField, moneyRule } from '../shared/number-input.ts';
import { type PaymentForm, paymentAmount, rowKey } from './formValues.ts';

export function TillPaymentsEditor({
  payments,
  total,
  onChange,
  error,
}: {
  payments: PaymentForm[];
  /** The document's total as a decimal string, for "paid in full". */
  total: string;
  onChange: (payments: PaymentForm[]) => void;
  error: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency } = useSession().business;
  const methods = usePaymentMethods();
  const options = (methods.data ?? [])
    .filter((method) => method.active)
    .map((method) => ({ value: method.code, label: method.label }));

  const numbers = { locale: format.locale, digits: minorDigits(currency) };
  const rule = moneyRule(numbers.digits, 'positive');
  const paid = sumDecimals(payments.map((payment) => paymentAmount(payment, numbers) ?? '0'), currency);
  const left = atLeastZero(subtractDecimals(total, paid, currency) ?? '0', currency);
  const update = (index: number, changes: Partial<PaymentForm>) =>
    onChange(payments.map((payment, at) => (at === index ? { ...payment, ...changes } : payment)));

  return (
    <Stack gap="sm">
      {payments.map((payment, index) => (
        <Group key={payment.key} gap="xs" align="flex-end" wrap="nowrap" data-testid={`till-payment-${index}`}>
          <NumberField
            label={t('payments.fields.amount')}
            rule={rule}
            currency={currency}
            value={payment.amount}
            onChange={(amount) => update(index, { amount })}
            error={error(`payments.${index}.amount`)}
            style={{ flex: '1 1 120px' }}
          />
          <Select
            label={t('payments.fields.method')}
            data={options}
            value={payment.method}
            allowDeselect={false}
            onChange={(value) => update(index, { method: value ?? 'cash' })}
            error={error(`payments.${index}.method`)}
            style={{ flex: '1 1 140px' }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            mb={2}
            aria-label={t('trade.payments.remove', { number: index + 1 })}
            onClick={() => onChange(payments.filter((_, at) => at !== index))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group gap="xs">
        <Button
          variant="light"
          leftSection={<IconCash size={16} />}
          disabled={compareDecimals(left, '0', currency) <= 0}
          onClick={() =>
            onChange([...payments, { key: rowKey(), amount: decimalToField(left, format.locale, rule), method: 'cash' }])
          }
        >
          {payments.length === 0 ? t('trade.payments.payInFull') : t('trade.payments.payRest')}
        </Button>
        <Button
          variant="subtle"
          leftSection={<IconPlus size={16} />}
          onClick={() => onChange([...payments, { key: rowKey(), amount: '', method: 'cash' }])}
        >
          {t('trade.payments.add')}
        </Button>
      </Group>
      {payments.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('trade.payments.none')}
        </Text>
      )}
    </Stack>
  );
}
