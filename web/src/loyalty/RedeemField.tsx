/**
 * Spending loyalty points on a sale: the customer's usable points, the
 * business's limits, and what the typed points take off the total. The
 * server checks every limit again and its messages show under the field.
 */
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DecimalString } from '../api/types.ts';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { subtractDecimals, toMinor } from '../ledger/minor.ts';
import { decimalSign } from '../shared/money.ts';
import { type LoyaltySettings, useContactLoyalty, useLoyaltySettings } from './api.ts';
import { redemptionValue } from './points.ts';

export function RedeemField({
  contactId,
  total,
  value,
  onChange,
  error,
  quoteError,
}: {
  contactId: string;
  /** The sale's total before points, as the form computes it. */
  total: DecimalString;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** Reason the server's quote leaves the typed points out, shown unless the field already explains it. */
  quoteError?: string;
}) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency } = useSession().business;
  const settings = useLoyaltySettings();
  const loyalty = useContactLoyalty(contactId);
  if (!settings.data?.enabled || !loyalty.data) return null;

  const config = settings.data;
  const balance = loyalty.data.points;
  const typed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
  const discount = typed ? redemptionValue(typed, config.pointValue, currency) : null;
  const after = discount ? subtractDecimals(total, discount, currency) : null;
  const max = maxRedeemable(config, balance, total, currency);

  return (
    <Paper withBorder radius="md" p="md" data-testid="redeem-field">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} fz="md">
            {t('loyalty.redeem.title', { name: config.name })}
          </Title>
          <Text size="sm" data-testid="redeem-balance">
            {t('loyalty.redeem.balance', {
              count: balance,
              value: format.money(redemptionValue(balance, config.pointValue, currency) ?? '0'),
            })}
          </Text>
        </Group>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t('loyalty.redeem.points')}
            inputMode="numeric"
            classNames={{ input: 'amount' }}
            w={180}
            value={value}
            onChange={(event) => onChange(event.currentTarget.value)}
            error={error ?? (typed !== null && typed > max ? undefined : quoteError)}
            disabled={balance === 0}
          />
          {max > 0 && (
            <Button variant="light" mt={25} onClick={() => onChange(String(max))}>
              {t('loyalty.redeem.useMax', { count: max })}
            </Button>
          )}
        </Group>
        {typed !== null && typed > max && (
          <Text size="sm" c="orange.8" data-testid="redeem-over">
            {max > 0 ? t('loyalty.redeem.overMax', { count: max }) : t('loyalty.redeem.notAllowed')}
          </Text>
        )}
        {discount && (typed ?? 0) <= max && (
          <Text size="sm" fw={500} data-testid="redeem-discount">
            {t('loyalty.redeem.discount', {
              amount: format.money(discount),
              total: after !== null ? format.money(after) : '—',
            })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {limitsText(config, format.money, t)}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Returns the most points this sale may take: the balance, the cap per sale and the total's worth. */
function maxRedeemable(settings: LoyaltySettings, balance: number, total: DecimalString, currency: string): number {
  if (settings.minPointsToRedeem !== null && balance < settings.minPointsToRedeem) return 0;
  const totalMinor = toMinor(total, currency);
  const valueMinor = toMinor(settings.pointValue, currency);
  const minOrder = toMinor(settings.minOrderToRedeem, currency);
  if (totalMinor === null || valueMinor === null || valueMinor <= 0n || minOrder === null || totalMinor < minOrder) return 0;
  let max = Math.min(balance, Number(totalMinor / valueMinor));
  if (settings.maxPointsPerOrderRedeem !== null) max = Math.min(max, settings.maxPointsPerOrderRedeem);
  return Math.max(max, 0);
}

function limitsText(settings: LoyaltySettings, money: (value: string) => string, t: TFunction): string {
  const parts = [t('loyalty.redeem.pointValue', { value: money(settings.pointValue) })];
  if (decimalSign(settings.minOrderToRedeem) !== 0) parts.push(t('loyalty.redeem.minOrder', { amount: money(settings.minOrderToRedeem) }));
  if (settings.minPointsToRedeem !== null) parts.push(t('loyalty.redeem.minPoints', { count: settings.minPointsToRedeem }));
  if (settings.maxPointsPerOrderRedeem !== null) parts.push(t('loyalty.redeem.maxPoints', { count: settings.maxPointsPerOrderRedeem }));
  return parts.join(' · ');
}
