/** The note under a document line: what the customer group's price took off or added. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat } from '../auth/session-context.tsx';
import type { DocumentLine } from '../documents/api.ts';
import { decimalSign } from '../shared/money.ts';

export function LinePriceNote({ line }: { line: Pick<DocumentLine, 'groupDiscount' | 'listPrice'> }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const discount = line.groupDiscount ?? '0';
  const sign = decimalSign(discount);
  if (sign === 0 || !line.listPrice) return null;
  const amount = format.money(sign > 0 ? discount : discount.replace(/^-/, ''));
  return (
    <Text size="xs" c={sign > 0 ? 'teal.8' : 'orange.8'} data-testid="line-group-discount">
      {t(sign > 0 ? 'pricing.lines.groupDiscount' : 'pricing.lines.groupIncrease', {
        amount,
        listPrice: format.money(line.listPrice),
      })}
    </Text>
  );
}
