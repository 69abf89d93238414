/**
 * The receivables and payables dashboard: what customers owe and what the
 * shop owes, how late it is (aging), the oldest overdue items and the
 * largest balances each way.
 */
import { Anchor, Box, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useBusinessFormat } from '../auth/session-context.tsx';
import { contactPath } from '../contacts/paths.ts';
import { documentPath } from '../documents/paths.ts';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { useDashboard } from '../ledger/api.ts';
import { FigureCard } from '../ledger/FigureCard.tsx';
import type { Dashboard, DashboardContact } from '../ledger/types.ts';
import { Amount } from '../shared/Amount.tsx';
import { decimalSign } from '../shared/money.ts';
import { AgingChart } from './AgingChart.tsx';

export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useDashboard();

  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.description')} />
      {dashboard.isPending ? (
        <Stack>
          <Skeleton height={96} radius="md" />
          <Skeleton height={260} radius="md" />
        </Stack>
      ) : dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => dashboard.refetch()} />
      ) : (
        <DashboardView data={dashboard.data} />
      )}
    </>
  );
}

function DashboardView({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const [side, setSide] = useState<Side>('receivable');
  const { totals } = data;
  const nothing = decimalSign(totals.receivable) === 0 && decimalSign(totals.payable) === 0 && decimalSign(totals.advance) === 0;

  if (nothing) {
    return <EmptyPanel icon={<IconChartBar size={28} />} title={t('dashboard.emptyTitle')} description={t('dashboard.emptyHint')} />;
  }

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" data-testid="dashboard-totals">
        <FigureCard
          label={t('dashboard.totals.owedToUs')}
          value={<Amount value={totals.owedToUs} />}
          hint={t('dashboard.totals.contactsOwing', { count: totals.contactsOwing })}
        />
        <FigureCard
          label={t('dashboard.totals.overdue')}
          value={<Amount value={totals.overdue} />}
          color={decimalSign(totals.overdue) > 0 ? 'red.8' : undefined}
          hint={t('dashboard.totals.overdueHint')}
        />
        <FigureCard label={t('dashboard.totals.owedByUs')} value={<Amount value={totals.owedByUs} />} />
        <FigureCard
          label={t('dashboard.totals.overduePayable')}
          value={<Amount value={totals.overduePayable} />}
          color={decimalSign(totals.overduePayable) > 0 ? 'red.8' : undefined}
          hint={t('dashboard.totals.overdueHint')}
        />
        <FigureCard label={t('dashboard.totals.advance')} value={<Amount value={totals.advance} />} hint={t('contact.advanceHint')} />
      </SimpleGrid>

      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm" gap="sm" wrap="wrap">
          <Title order={3} fz="md">
            {t('dashboard.aging.title')}
          </Title>
          <SideSwitch side={side} onChange={setSide} />
        </Group>
        <AgingChart aging={data.aging[side]} side={side} />
      </Paper>

      <OverdueList data={data} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TopList title={t('dashboard.top.owing')} contacts={data.topBalances} empty={t('dashboard.top.owingEmpty')} testId="top-owing" />
        <TopList title={t('dashboard.top.owed')} contacts={data.topPayables} empty={t('dashboard.top.owedEmpty')} testId="top-owed" />
      </SimpleGrid>
    </Stack>
  );
}

type Side = 'receivable' | 'payable';

/** Switches a panel between what is owed to the shop and what it owes. */
function SideSwitch({ side, onChange }: { side: Side; onChange: (side: Side) => void }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      value={side}
      onChange={(value) => onChange(value as Side)}
      data={[
        { value: 'receivable', label: t('dashboard.aging.receivable') },
        { value: 'payable', label: t('dashboard.aging.payable') },
      ]}
    />
  );
}

function OverdueList({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const [side, setSide] = useState<Side>('receivable');
  const items = side === 'receivable' ? data.overdue : data.overduePayables;
  return (
    <Paper withBorder radius="md" p="md" data-testid="dashboard-overdue">
      <Group justify="space-between" mb="sm" gap="sm" wrap="wrap">
        <Title order={3} fz="md">
          {t(side === 'receivable' ? 'dashboard.overdue.title' : 'dashboard.overdue.payableTitle')}
        </Title>
        <SideSwitch side={side} onChange={setSide} />
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(side === 'receivable' ? 'dashboard.overdue.empty' : 'dashboard.overdue.payableEmpty')}
        </Text>
      ) : (
        <>
          <Box visibleFrom="sm">
            <Table.ScrollContainer minWidth={640}>
              <Table highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.overdue.contact')}</Table.Th>
                    <Table.Th>{t('ledger.table.reference')}</Table.Th>
                    <Table.Th>{t('trade.dueDate')}</Table.Th>
                    <Table.Th ta="right">{t('dashboard.overdue.late')}</Table.Th>
                    <Table.Th ta="right">{t('trade.openAmount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => {
                    const path = item.documentId ? documentPath(item.kind, item.documentId) : null;
                    return (
                      <Table.Tr key={item.itemId}>
                        <Table.Td>
                          <Anchor component={Link} to={`/contacts/${item.contactId}/ledger`} size="sm">
                            {item.contactName}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          {path ? (
                            <Anchor component={Link} to={path} size="sm" ff="monospace">
                              {item.reference}
                            </Anchor>
                          ) : (
                            <Text size="sm" ff="monospace">
                              {item.reference}
                            </Text>
                          )}
                          <Text size="xs" c="dimmed">
                            {t(`ledger.types.${item.kind}`, { defaultValue: item.kind })}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" className="amount">
                            {format.date(item.dueDate)}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Text size="sm" c="red.8" className="amount">
                            {t('dashboard.overdue.days', { count: item.daysLate })}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Amount value={item.openAmount} size="sm" fw={600} />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Box>
          <Stack gap="xs" hiddenFrom="sm">
            {items.map((item) => (
              <Group key={item.itemId} justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={0} miw={0}>
                  <Anchor component={Link} to={`/contacts/${item.contactId}/ledger`} size="sm" truncate>
                    {item.contactName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {item.reference} · {t('dashboard.overdue.days', { count: item.daysLate })}
                  </Text>
                </Stack>
                <Amount value={item.openAmount} size="sm" fw={600} />
              </Group>
            ))}
          </Stack>
        </>
      )}
    </Paper>
  );
}

function TopList({ title, contacts, empty, testId }: { title: string; contacts: DashboardContact[]; empty: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Title order={3} fz="md" mb="sm">
        {title}
      </Title>
      {contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap={6}>
          {contacts.map((contact) => (
            <Group key={contact.contactId} justify="space-between" wrap="nowrap" gap="sm">
              <Anchor component={Link} to={contactPath({ id: contact.contactId, type: contact.type }, undefined, 'ledger')} size="sm" truncate>
                {contact.name}
              </Anchor>
              <Amount value={contact.balance} balance size="sm" fw={600} />
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
