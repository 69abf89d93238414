/**
 * A contact's balance at the end of each day its ledger changed, drawn as
 * steps because the balance stays the same until the next movement.
 */
import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import { Paper, Skeleton, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { useBalanceHistory } from './api.ts';
import { axisMoney, ChartTooltip, chartNumber } from './chartValues.tsx';
import { todayIn } from './dates.ts';

export function BalanceChart({ contactId, from, to }: { contactId: string; from?: string; to?: string }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const { currency, timezone } = useSession().business;
  const history = useBalanceHistory(contactId, { from: from || undefined, to: to || undefined });

  let body;
  if (history.isPending) {
    body = <Skeleton height={180} />;
  } else if (history.isError) {
    body = (
      <Text size="sm" c="dimmed">
        {t('ledger.chart.unavailable')}
      </Text>
    );
  } else if (history.data.points.length === 0) {
    body = (
      <Text size="sm" c="dimmed">
        {t('ledger.chart.empty')}
      </Text>
    );
  } else {
    // The balance stays the same from the last movement to the end of the range, so the last step gets its width.
    const points = [...(from ? [{ date: from, balance: history.data.openingBalance }] : []), ...history.data.points];
    const end = to || todayIn(timezone);
    const last = points.at(-1);
    if (last && last.date < end) points.push({ date: end, balance: last.balance });
    const rows = points.map((point) => ({
      day: format.date(point.date),
      balance: chartNumber(point.balance),
      text: format.money(point.balance, { signed: true }),
    }));
    body = (
      <AreaChart
        h={200}
        data={rows}
        dataKey="day"
        series={[{ name: 'balance', label: t('contact.balance'), color: 'cyan.7' }]}
        curveType="stepAfter"
        withDots={false}
        tickLine="none"
        yAxisProps={{ width: 72 }}
        valueFormatter={(value) => axisMoney(value, currency, format.locale)}
        referenceLines={[{ y: 0, color: 'gray.5' }]}
        tooltipProps={{ content: ({ payload }) => <ChartTooltip payload={payload} /> }}
      />
    );
  }

  return (
    <Paper withBorder radius="md" p="md" data-testid="balance-chart">
      <Title order={3} fz="md" mb="sm">
        {t('ledger.chart.title')}
      </Title>
      {body}
    </Paper>
  );
}
