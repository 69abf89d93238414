import { Text, type TextProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DecimalString } from '../api/types.ts';
import { useBusinessFormat } from '../auth/session-context.tsx';
import { balanceHintKey, decimalSign } from './money.ts';

/**
 * Shows an amount in tabular numerals. A balance shows its sign and colour:
 * positive when the contact owes the shop, negative when the shop owes the contact.
 * A null value is a figure the user may not see, and shows as a dash.
 */
export function Amount({
  value,
  balance = false,
  ...props
}: { value: DecimalString | null; balance?: boolean } & TextProps) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  if (value === null) {
    return (
      <Text component="span" inherit c="dimmed" {...props}>
        –
      </Text>
    );
  }
  const sign = decimalSign(value);
  const className = ['amount', balance && sign > 0 && 'amount-positive', balance && sign < 0 && 'amount-negative']
    .filter(Boolean)
    .join(' ');
  const title = balance ? t(balanceHintKey(sign)) : undefined;
  return (
    <Text component="span" inherit className={className} title={title} c={balance && sign === 0 ? 'dimmed' : undefined} {...props}>
      {format.money(value, { signed: balance })}
    </Text>
  );
}
