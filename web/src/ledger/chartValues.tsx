/**
 * Chart helpers. A chart needs numbers to place its bars and points, so an
 * API amount becomes a number here for drawing only. Every figure a person
 * reads (tooltips, tables) is formatted from the decimal string itself.
 */
import { Paper, Text } from '@mantine/core';
import type { DecimalString, Locale } from '../api/types.ts';
import { intlLocale } from '../i18n/locale.ts';

/** Converts an amount into a chart coordinate, which is never used for arithmetic. */
export function chartNumber(value: DecimalString): number {
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
}

/** Axis ticks in whole currency units, compact past a thousand: `1,5 k €`. */
export function axisMoney(value: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency,
    notation: Math.abs(value) >= 10_000 ? 'compact' : 'standard',
    maximumFractionDigits: 0,
  }).format(value);
}

interface TooltipEntry {
  name?: string | number;
  payload?: { text?: string; label?: string; day?: string };
}

/** Shows the row's own formatted text in a tooltip, not the chart number. */
export function ChartTooltip({ payload }: { payload?: readonly TooltipEntry[] }) {
  const row = payload?.[0]?.payload;
  if (!row) return null;
  return (
    <Paper withBorder shadow="sm" p="xs" radius="sm">
      <Text size="xs" c="dimmed">
        {row.day ?? row.label}
      </Text>
      <Text size="sm" fw={600} className="amount">
        {row.text}
      </Text>
    </Paper>
  );
}
