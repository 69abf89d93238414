/**
 * Final sales and their returns by customer group over a date range, with
 * what each group's prices took off, and the same figures as CSV or XLSX.
 */
import { Alert, Box, Button, Card, Group, Menu, Paper, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session-context.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { DateField } from '../shared/DateField.tsx';
import { isIsoDate, todayIn } from '../ledger/dates.ts';
import { downloadFile } from '../ledger/download.ts';
import { SettingsGuard } from '../settings/SettingsGuard.tsx';
import { Amount } from '../shared/Amount.tsx';
import { notifyFailed } from '../shared/notify.ts';
import { type SalesByGroupReport, useSalesByGroup } from './api.ts';

const REPORT_PATH = '/reports/sales-by-customer-group';

export function SalesByGroupPage() {
  const { t } = useTranslation();
  const { timezone } = useSession().business;
  const today = todayIn(timezone);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const valid = isIsoDate(from) && isIsoDate(to) && from <= to;
  const report = useSalesByGroup(valid ? { from, to } : null);

  const exportAs = (format: 'csv' | 'xlsx') =>
    downloadFile(REPORT_PATH, { from, to, format }, `sales-by-customer-group.${format}`).catch((error: unknown) =>
      notifyFailed(error, t),
    );

  const exportMenu = (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" disabled={!valid} leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />}>
          {t('pricing.report.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => exportAs('csv')}>{t('pricing.files.csv')}</Menu.Item>
        <Menu.Item onClick={() => exportAs('xlsx')}>{t('pricing.files.xlsx')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );

  return (
    <SettingsGuard permission="ledger.view">
      <PageHeader title={t('pricing.report.title')} description={t('pricing.report.description')} actions={exportMenu} />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <DateField label={t('pricing.report.from')} value={from} onChange={setFrom} />
          <DateField
            label={t('pricing.report.to')}
            value={to}
            onChange={setTo}
            error={isIsoDate(from) && isIsoDate(to) && to < from ? t('pricing.report.toBeforeFrom') : undefined}
          />
        </SimpleGrid>
        {!valid ? (
          <Alert color="gray" variant="light">
            {t('pricing.report.pickRange')}
          </Alert>
        ) : report.isPending ? (
          <Skeleton height={180} radius="md" />
        ) : report.isError ? (
          <QueryError error={report.error} onRetry={() => report.refetch()} />
        ) : (
          <ReportTable report={report.data} />
        )}
      </Stack>
    </SettingsGuard>
  );
}

function ReportTable({ report }: { report: SalesByGroupReport }) {
  const { t } = useTranslation();
  const groupName = (name: string | null) => name ?? t('pricing.report.noGroup');
  if (report.rows.length === 0) {
    return (
      <Alert color="gray" variant="light">
        {t('pricing.report.empty')}
      </Alert>
    );
  }
  return (
    <>
      <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={760}>
          <Table data-testid="sales-by-group">
            <Table.Thead bg="var(--mantine-color-gray-0)">
              <Table.Tr>
                <Table.Th>{t('pricing.report.group')}</Table.Th>
                <Table.Th ta="right">{t('pricing.report.sales')}</Table.Th>
                <Table.Th ta="right">{t('pricing.report.salesTotal')}</Table.Th>
                <Table.Th ta="right">{t('pricing.report.groupDiscount')}</Table.Th>
                <Table.Th ta="right">{t('pricing.report.returns')}</Table.Th>
                <Table.Th ta="right">{t('pricing.report.returnsTotal')}</Table.Th>
                <Table.Th ta="right">{t('pricing.report.netTotal')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rows.map((row) => (
                <Table.Tr key={row.customerGroupId ?? 'none'}>
                  <Table.Td fw={500} c={row.name ? undefined : 'dimmed'}>
                    {groupName(row.name)}
                  </Table.Td>
                  <Table.Td ta="right" className="amount">
                    {row.sales}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Amount value={row.salesTotal} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Amount value={row.groupDiscount} />
                  </Table.Td>
                  <Table.Td ta="right" className="amount">
                    {row.returns}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Amount value={row.returnsTotal} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Amount value={row.netTotal} fw={600} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr fw={700}>
                <Table.Td>{t('pricing.report.total')}</Table.Td>
                <Table.Td ta="right" className="amount">
                  {report.totals.sales}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount value={report.totals.salesTotal} />
                </Table.Td>
                <Table.Td ta="right">
                  <Amount value={report.totals.groupDiscount} />
                </Table.Td>
                <Table.Td ta="right" className="amount">
                  {report.totals.returns}
                </Table.Td>
                <Table.Td ta="right">
                  <Amount value={report.totals.returnsTotal} />
                </Table.Td>
                <Table.Td ta="right">
                  <Amount value={report.totals.netTotal} />
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Box hiddenFrom="sm">
        <Stack gap="xs">
          {[...report.rows.map((row) => ({ key: row.customerGroupId ?? 'none', name: groupName(row.name), row })), { key: 'total', name: t('pricing.report.total'), row: report.totals }].map(
            ({ key, name, row }) => (
              <Card key={key} withBorder radius="md" padding="sm">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={2} miw={0}>
                    <Text fw={600} size="sm">
                      {name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('pricing.report.salesCount', { count: row.sales })} · {t('pricing.report.returnsCount', { count: row.returns })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('pricing.report.groupDiscount')} <Amount value={row.groupDiscount} />
                    </Text>
                  </Stack>
                  <Amount value={row.netTotal} size="sm" fw={700} />
                </Group>
              </Card>
            ),
          )}
        </Stack>
      </Box>
    </>
  );
}
