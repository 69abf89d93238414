/**
 * The running totals of the sale or purchase form: before tax, discount,
 * tax, total, paid now and left to pay. A sale's quote adds what the
 * customer group took off (already in the line prices) and the points spent.
 */
import { Divider, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat } from '../auth/session-context.tsx';
import type { DecimalString } from '../api/types.ts';
import { decimalSign } from '../shared/money.ts';
import type { DocumentTotals } from './lineMath.ts';

/**
 * The form's totals, with the quote's group discount and points when the
 * server priced the sale. The subtotal is then before the points, which
 * come off after tax like a voucher.
 */
export interface FormTotals extends DocumentTotals {
  groupDiscount?: DecimalString;
  redemption?: DecimalString | null;
}

function Row({ label, value, strong, testId, color }: { label: string; value: string; strong?: boolean; testId?: string; color?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 400} c={color}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 500} className="amount" data-testid={testId} c={color}>
        {value}
      </Text>
    </Group>
  );
}

export function TotalsBox({
  totals,
  paid,
  unpaid,
  updating = false,
  quoteError = null,
}: {
  totals: FormTotals;
  paid: string;
  unpaid: string;
  /** True while the server prices the lines again. */
  updating?: boolean;
  /** Reason the server could not price the sale. The totals are then the form's own, without group prices. */
  quoteError?: string | null;
}) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const groupDiscount = totals.groupDiscount ?? '0';
  return (
    <Stack gap={6} data-testid="document-totals" aria-busy={updating}>
      <Row label={t('trade.totals.subtotal')} value={format.money(totals.subtotal)} />
      <Row label={t('trade.totals.discount')} value={format.money(totals.discountTotal)} />
      {decimalSign(groupDiscount) !== 0 && (
        <Row
          label={t(decimalSign(groupDiscount) > 0 ? 'trade.totals.groupDiscount' : 'trade.totals.groupIncrease')}
          value={format.money(groupDiscount.replace(/^-/, ''))}
          color="teal.8"
          testId="form-group-discount"
        />
      )}
      <Row label={t('trade.totals.tax')} value={format.money(totals.taxTotal)} />
      {totals.redemption && <Row label={t('trade.totals.points')} value={format.money(`-${totals.redemption}`)} testId="form-points" />}
      <Divider />
      <Group justify="space-between" wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <Text size="md" fw={700}>
            {t('trade.totals.total')}
          </Text>
          {updating && <Loader size={14} aria-label={t('trade.totals.updating')} />}
        </Group>
        <Text size="lg" fw={700} className="amount" data-testid="form-total" style={{ opacity: updating ? 0.6 : 1 }}>
          {format.money(totals.total)}
        </Text>
      </Group>
      <Row label={t('trade.totals.paidNow')} value={format.money(paid)} />
      <Row label={t('trade.totals.unpaid')} value={format.money(unpaid)} testId="form-unpaid" />
      {!totals.complete && (
        <Text size="xs" c="dimmed">
          {t('trade.totals.incomplete')}
        </Text>
      )}
      {quoteError && (
        <Text size="xs" c="orange.8" data-testid="quote-error">
          {t('trade.totals.quoteFailed', { reason: quoteError })}
        </Text>
      )}
    </Stack>
  );
}
