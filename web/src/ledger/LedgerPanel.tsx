/**
 * The contact page's ledger tab: the account figures, the balance over time,
 * then the ledger of a date range and location with its running balance,
 * the statement PDF and the CSV and XLSX exports. The filters live in the
 * address, so a reload or a shared link shows the same lines.
 */
import { Box, Button, Group, Paper, Select, Skeleton, Stack } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypeCsv, IconFileTypePdf, IconLock, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { Contact } from '../api/types.ts';
import { can, useSession } from '../auth/session-context.tsx';
import { documentsPath, newDocumentPath } from '../documents/paths.ts';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { SendMessageButton } from '../messages/SendMessageButton.tsx';
import { notifyFailed } from '../shared/notify.ts';
import { AccountActions, reversibleLines, ReverseButton } from './AccountActions.tsx';
import { AccountSummary } from './AccountSummary.tsx';
import { ledgerPaths, ledgerQuery, useLedger } from './api.ts';
import { BalanceChart } from './BalanceChart.tsx';
import { DateField } from '../shared/DateField.tsx';
import { isIsoDate } from './dates.ts';
import { downloadFile } from './download.ts';
import { LedgerCards, LedgerTable } from './LedgerTable.tsx';
import { ReverseDialog } from './ReverseDialog.tsx';
import type { LedgerFilters, LedgerLine } from './types.ts';

function useLedgerFilters(): [LedgerFilters, (changes: Partial<LedgerFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const read = (name: string) => params.get(name) ?? '';
  const filters = {
    from: isIsoDate(read('from')) ? read('from') : '',
    to: isIsoDate(read('to')) ? read('to') : '',
    locationId: read('location'),
  };
  const change = (changes: Partial<LedgerFilters>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const names: Record<keyof LedgerFilters, string> = { from: 'from', to: 'to', locationId: 'location' };
        for (const [key, value] of Object.entries(changes) as [keyof LedgerFilters, string][]) {
          if (value) next.set(names[key], value);
          else next.delete(names[key]);
        }
        return next;
      },
      { replace: true },
    );
  return [filters, change];
}

export function LedgerPanel({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const session = useSession();

  if (!can(session, 'ledger.view')) {
    return <EmptyPanel icon={<IconLock size={28} />} title={t('errors.noAccess')} description={t('ledger.noAccess')} />;
  }
  return <LedgerView contact={contact} />;
}

function LedgerView({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const session = useSession();
  const [filters, setFilters] = useLedgerFilters();
  const ledger = useLedger(contact.id, filters);
  const first = ledger.data?.pages[0];
  const lines = ledger.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(filters.from || filters.to || filters.locationId);
  const [reversing, setReversing] = useState<LedgerLine | null>(null);
  const reversible = reversibleLines(lines, { payments: can(session, 'payment.reverse'), discounts: can(session, 'ledger.discount') });
  const actions = (line: LedgerLine) => (reversible.has(line.id) ? <ReverseButton line={line} onReverse={setReversing} /> : null);

  return (
    <Stack gap="md">
      <AccountSummary contact={contact} />
      <Group gap="xs" wrap="wrap">
        {contact.type !== 'supplier' && can(session, 'sale.create') && (
          <Button variant="default" component={Link} to={newDocumentPath('sale', contact.id)}>
            {t('trade.sale.new')}
          </Button>
        )}
        {contact.type !== 'customer' && can(session, 'purchase.create') && (
          <Button variant="default" component={Link} to={newDocumentPath('purchase', contact.id)}>
            {t('trade.purchase.new')}
          </Button>
        )}
        {contact.type !== 'supplier' && (
          <Button variant="subtle" component={Link} to={`${documentsPath('sale')}?contactId=${contact.id}`}>
            {t('ledger.contactSales')}
          </Button>
        )}
        {contact.type !== 'customer' && (
          <Button variant="subtle" component={Link} to={`${documentsPath('purchase')}?contactId=${contact.id}`}>
            {t('ledger.contactPurchases')}
          </Button>
        )}
        {contact.type !== 'supplier' && <SendMessageButton contact={contact} event="account_statement" label={t('msg.send.statement')} />}
        <AccountActions contact={contact} />
      </Group>
      <ReverseDialog contactId={contact.id} line={reversing} onClose={() => setReversing(null)} />

      <BalanceChart contactId={contact.id} from={filters.from} to={filters.to} />

      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <DateField
              label={t('ledger.filters.from')}
              value={filters.from}
              onChange={(value) => isIsoDate(value) || value === '' ? setFilters({ from: value }) : undefined}
              w={150}
            />
            <DateField
              label={t('ledger.filters.to')}
              value={filters.to}
              onChange={(value) => isIsoDate(value) || value === '' ? setFilters({ to: value }) : undefined}
              w={150}
            />
            {session.locations.length > 1 && (
              <Select
                label={t('ledger.filters.location')}
                placeholder={t('ledger.filters.allLocations')}
                data={session.locations.map((location) => ({ value: location.id, label: location.name }))}
                value={filters.locationId || null}
                onChange={(value) => setFilters({ locationId: value ?? '' })}
                clearable
                w={200}
              />
            )}
            {filtered && (
              <Button
                variant="subtle"
                leftSection={<IconX size={16} />}
                onClick={() => setFilters({ from: '', to: '', locationId: '' })}
              >
                {t('ledger.filters.clear')}
              </Button>
            )}
          </Group>
          <ExportButtons contact={contact} filters={filters} />
        </Group>
      </Paper>

      {ledger.isPending ? (
        <Stack gap="xs" aria-busy="true">
          {Array.from({ length: 5 }, (_, index) => (
            <Skeleton key={index} height={36} radius="sm" />
          ))}
        </Stack>
      ) : ledger.isError ? (
        <QueryError error={ledger.error} onRetry={() => ledger.refetch()} />
      ) : first ? (
        <>
          <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
            <LedgerTable
              lines={lines}
              openingBalance={first.openingBalance}
              closingBalance={first.closingBalance}
              from={filters.from}
              to={filters.to}
              hasMore={ledger.hasNextPage}
              actions={actions}
            />
          </Paper>
          <Box hiddenFrom="sm">
            <LedgerCards
              lines={lines}
              openingBalance={first.openingBalance}
              closingBalance={first.closingBalance}
              from={filters.from}
              to={filters.to}
              hasMore={ledger.hasNextPage}
              actions={actions}
            />
          </Box>
          {lines.length === 0 && (
            <Box ta="center" c="dimmed" fz="sm">
              {t(filtered ? 'ledger.emptyFiltered' : 'ledger.empty')}
            </Box>
          )}
          {ledger.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={ledger.isFetchingNextPage} onClick={() => ledger.fetchNextPage()}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </>
      ) : null}
    </Stack>
  );
}

type ExportKind = 'pdf' | 'csv' | 'xlsx';

function ExportButtons({ contact, filters }: { contact: Contact; filters: LedgerFilters }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const stem = `${contact.code || 'contact'}`;

  const run = async (kind: ExportKind) => {
    setBusy(kind);
    try {
      if (kind === 'pdf') {
        await downloadFile(ledgerPaths.statement(contact.id), ledgerQuery(filters), `${stem}-statement.pdf`);
      } else {
        await downloadFile(ledgerPaths.export(contact.id, kind), ledgerQuery(filters), `${stem}-ledger.${kind}`);
      }
    } catch (error) {
      notifyFailed(error, t);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Group gap="xs" wrap="wrap">
      <Button
        variant="light"
        leftSection={<IconFileTypePdf size={16} />}
        loading={busy === 'pdf'}
        onClick={() => run('pdf')}
      >
        {t('ledger.export.statement')}
      </Button>
      <Button
        variant="default"
        leftSection={<IconFileTypeCsv size={16} />}
        loading={busy === 'csv'}
        onClick={() => run('csv')}
      >
        {t('ledger.export.csv')}
      </Button>
      <Button
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} />}
        loading={busy === 'xlsx'}
        onClick={() => run('xlsx')}
      >
        {t('ledger.export.xlsx')}
      </Button>
    </Group>
  );
}
