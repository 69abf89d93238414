import { Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../shared/Amount.tsx';
import type { ContactTotals } from './list-api.ts';

/** Count and sums of every contact the filters keep, from the totals route, not of the rows loaded so far. */
export function TotalsBar({ totals, loading }: { totals: ContactTotals | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const figure = (label: string, value: string) => (
    <Stack gap={0} miw={110}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Amount value={value} fw={600} size="sm" />
    </Stack>
  );
  return (
    <Paper
      withBorder
      radius="md"
      px="md"
      py={8}
      bg="var(--mantine-color-gray-0)"
      role="status"
      aria-label={t('contactList.totals.label')}
      aria-busy={loading}
      data-testid="list-totals"
    >
      {totals ? (
        <Group gap="xl" wrap="wrap" style={{ opacity: loading ? 0.6 : 1, rowGap: 6 }}>
          <Text fw={700} size="md" miw={110} data-testid="list-count">
            {t('contactList.totals.count', { count: totals.count })}
          </Text>
          {figure(t('contactList.totals.receivable'), totals.receivable)}
          {figure(t('contactList.totals.payable'), totals.payable)}
          {figure(t('contactList.totals.advance'), totals.advance)}
        </Group>
      ) : (
        <Skeleton height={34} />
      )}
    </Paper>
  );
}
