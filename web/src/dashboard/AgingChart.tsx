/**
 * Open amounts by how late they are: not yet due, then 1–30, 31–60, 61–90
 * and over 90 days past their due date. The bars are followed by the same
 * figures as a table, exact and readable without the chart.
 */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { axisMoney, ChartTooltip, chartNumber } from '../ledger/chartValues.tsx';
import { type Aging, agingBuckets } from '../ledger/types.ts';
import { Amount } from '../shared/Amount.tsx';

const bucketColors: Record<(typeof agingBuckets)[number], string> = {
  notDue: 'teal.6',
  days1To30: 'yellow.6',
  days31To60: 'orange.6',
  days61To90: 'red.6',
  over90: 'red.9',
};

export function AgingChart({ aging, side }: { aging: Aging; side: 'receivable' | 'payable' }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency } = useSession().business;
  // One series a bucket, each row holding only its own bucket, so every bar takes its bucket's colour.
  const rows = agingBuckets.map((bucket) => ({
    label: t(`dashboard.aging.${bucket}`),
    [bucket]: chartNumber(aging[bucket]),
    text: format.money(aging[bucket]),
  }));

  return (
    <Stack gap="sm" data-testid={`aging-${side}`}>
      <BarChart
        h={220}
        data={rows}
        dataKey="label"
        type="stacked"
        series={agingBuckets.map((bucket) => ({ name: bucket, label: t(`dashboard.aging.${bucket}`), color: bucketColors[bucket] }))}
        barProps={{ radius: 4 }}
        tickLine="none"
        yAxisProps={{ width: 72 }}
        valueFormatter={(value) => axisMoney(value, currency, format.locale)}
        tooltipProps={{ content: ({ payload }) => <ChartTooltip payload={payload} /> }}
        maxBarWidth={56}
      />
      <SimpleGrid cols={{ base: 2, xs: 3, md: 6 }} spacing="xs">
        {agingBuckets.map((bucket) => (
          <Stack key={bucket} gap={0}>
            <Text size="xs" c="dimmed">
              {t(`dashboard.aging.${bucket}`)}
            </Text>
            <Amount value={aging[bucket]} size="sm" fw={600} data-testid={`aging-${side}-${bucket}`} />
          </Stack>
        ))}
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('dashboard.aging.total')}
          </Text>
          <Group gap={4}>
            <Amount value={aging.total} size="sm" fw={700} />
          </Group>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
