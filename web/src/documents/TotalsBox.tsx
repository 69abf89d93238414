/** The running totals of the sale or purchase form: before tax, discount, tax, total, paid now and left to pay. */
import { Divider, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat } from '../auth/session-context.tsx';
import type { DocumentTotals } from './lineMath.ts';

function Row({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 500} className="amount" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

export function TotalsBox({ totals, paid, unpaid }: { totals: DocumentTotals; paid: string; unpaid: string }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  return (
    <Stack gap={6} data-testid="document-totals">
      <Row label={t('trade.totals.subtotal')} value={format.money(totals.subtotal)} />
      <Row label={t('trade.totals.discount')} value={format.money(totals.discountTotal)} />
      <Row label={t('trade.totals.tax')} value={format.money(totals.taxTotal)} />
      <Divider />
      <Row label={t('trade.totals.total')} value={format.money(totals.total)} strong testId="form-total" />
      <Row label={t('trade.totals.paidNow')} value={format.money(paid)} />
      <Row label={t('trade.totals.unpaid')} value={format.money(unpaid)} testId="form-unpaid" />
      {!totals.complete && (
        <Text size="xs" c="dimmed">
          {t('trade.totals.incomplete')}
        </Text>
      )}
    </Stack>
  );
}
