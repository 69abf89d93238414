/**
 * Ledger lines between an opening and a closing balance line: a table on
 * wide screens, one card per line on phones. Each line's balance is the
 * server's running balance.
 */
import { Anchor, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DecimalString } from '../api/types.ts';
import { useBusinessFormat } from '../auth/session-context.tsx';
import { documentPath } from '../documents/paths.ts';
import { Amount } from '../shared/Amount.tsx';
import { decimalSign } from '../shared/money.ts';
import type { LedgerLine } from './types.ts';

export interface LedgerTableProps {
  lines: LedgerLine[];
  openingBalance: DecimalString;
  closingBalance: DecimalString;
  from: string;
  to: string;
  /** True while later pages are not loaded: the closing line then follows lines not shown yet. */
  hasMore: boolean;
  /** Actions shown at the end of a line, such as its reversal; nothing when absent. */
  actions?: (line: LedgerLine) => ReactNode;
}

function AmountCell({ value }: { value: DecimalString }) {
  return decimalSign(value) === 0 ? null : <Amount value={value} size="sm" />;
}

function Reference({ line }: { line: LedgerLine }) {
  const path = line.sourceType === 'document' ? documentPath(line.type, line.sourceId) : null;
  const text = (
    <Text span size="sm" ff="monospace">
      {line.reference}
    </Text>
  );
  return path ? (
    <Anchor component={Link} to={path} size="sm">
      {text}
    </Anchor>
  ) : (
    text
  );
}

function useBoundaryLabels(from: string, to: string) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  return {
    opening: from ? t('ledger.table.openingOn', { date: format.date(from) }) : t('ledger.table.openingAll'),
    closing: to ? t('ledger.table.closingOn', { date: format.date(to) }) : t('ledger.table.closingNow'),
  };
}

export function LedgerTable(props: LedgerTableProps) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const labels = useBoundaryLabels(props.from, props.to);

  const boundary = (label: string, balance: DecimalString, testId: string): ReactNode => (
    <Table.Tr bg="var(--mantine-color-gray-0)" data-testid={testId}>
      <Table.Td colSpan={6}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Amount value={balance} balance size="sm" fw={700} />
      </Table.Td>
      <Table.Td colSpan={props.actions ? 2 : 1} />
    </Table.Tr>
  );

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped={false} highlightOnHover data-testid="ledger-table">
        <Table.Thead bg="var(--mantine-color-gray-0)">
          <Table.Tr>
            <Table.Th w={110}>{t('ledger.table.date')}</Table.Th>
            <Table.Th w={130}>{t('ledger.table.reference')}</Table.Th>
            <Table.Th>{t('ledger.table.type')}</Table.Th>
            <Table.Th>{t('ledger.table.location')}</Table.Th>
            <Table.Th ta="right">{t('ledger.table.debit')}</Table.Th>
            <Table.Th ta="right">{t('ledger.table.credit')}</Table.Th>
            <Table.Th ta="right">{t('ledger.table.balance')}</Table.Th>
            <Table.Th>{t('ledger.table.memo')}</Table.Th>
            {props.actions && <Table.Th w={48} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {boundary(labels.opening, props.openingBalance, 'ledger-opening')}
          {props.lines.map((line) => (
            <Table.Tr key={line.id} data-testid="ledger-line">
              <Table.Td>
                <Text size="sm" className="amount">
                  {format.date(line.date)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Reference line={line} />
              </Table.Td>
              <Table.Td>
                <EntryType type={line.type} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{line.location.name}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <AmountCell value={line.debit} />
              </Table.Td>
              <Table.Td ta="right">
                <AmountCell value={line.credit} />
              </Table.Td>
              <Table.Td ta="right" data-testid="ledger-balance">
                <Amount value={line.balance} balance size="sm" fw={500} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={2} maw={260}>
                  {line.memo}
                </Text>
              </Table.Td>
              {props.actions && <Table.Td>{props.actions(line)}</Table.Td>}
            </Table.Tr>
          ))}
          {!props.hasMore && boundary(labels.closing, props.closingBalance, 'ledger-closing')}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function EntryType({ type }: { type: string }) {
  const { t } = useTranslation();
  const color = type === 'reversal' ? 'gray' : type.startsWith('payment') || type.startsWith('refund') ? 'teal' : undefined;
  const label = t(`ledger.types.${type}`, { defaultValue: type });
  return color ? (
    <Badge variant="light" color={color} radius="sm" tt="none" fw={500}>
      {label}
    </Badge>
  ) : (
    <Text size="sm">{label}</Text>
  );
}

/** Shows the ledger on phones: the boundary balances, and one card per line with its amount and running balance. */
export function LedgerCards(props: LedgerTableProps) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const labels = useBoundaryLabels(props.from, props.to);

  const boundary = (label: string, balance: DecimalString, testId: string) => (
    <Card withBorder radius="md" padding="sm" bg="var(--mantine-color-gray-0)" data-testid={testId}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Amount value={balance} balance size="sm" fw={700} />
      </Group>
    </Card>
  );

  return (
    <Stack gap="xs">
      {boundary(labels.opening, props.openingBalance, 'ledger-opening')}
      {props.lines.map((line) => {
        const credit = decimalSign(line.credit) !== 0;
        return (
          <Card key={line.id} withBorder radius="md" padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} miw={0}>
                <Group gap={6} wrap="wrap">
                  <EntryType type={line.type} />
                  <Reference line={line} />
                </Group>
                <Text size="xs" c="dimmed">
                  {[format.date(line.date), line.location.name].filter(Boolean).join(' · ')}
                </Text>
                {line.memo && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {line.memo}
                  </Text>
                )}
              </Stack>
              <Stack gap={2} align="flex-end">
                <Text size="sm" fw={600} className="amount">
                  {credit ? '−' : '+'}
                  {format.money(credit ? line.credit : line.debit)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('ledger.table.balance')} <Amount value={line.balance} balance size="xs" />
                </Text>
                {props.actions?.(line)}
              </Stack>
            </Group>
          </Card>
        );
      })}
      {!props.hasMore && boundary(labels.closing, props.closingBalance, 'ledger-closing')}
    </Stack>
  );
}
