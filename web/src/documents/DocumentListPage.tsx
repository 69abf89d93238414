/**
 * Sales or purchases, newest first, filtered by status: each with its status,
 * due date and overdue badge, total and open amount. Wide screens get a
 * table and phones get cards, and "show more" follows the API's cursor.
 */
import { Anchor, Box, Button, Card, Group, Paper, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconFileInvoice, IconPlus, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { useContact } from '../contacts/api.ts';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { Amount } from '../shared/Amount.tsx';
import { decimalSign } from '../shared/money.ts';
import { type DocumentStatusFilter, type DocumentSummary, useDocumentList } from './api.ts';
import { DocumentStatusBadge, OverdueBadge } from './badges.tsx';
import { type DocumentSection, documentsPath, newDocumentPath } from './paths.ts';

const statusFilters: DocumentStatusFilter[] = ['all', 'final', 'parked', 'void'];

export function DocumentListPage({ section }: { section: DocumentSection }) {
  const { t } = useTranslation();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const status = (statusFilters as string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as DocumentStatusFilter)
    : 'all';
  const contactId = params.get('contactId') ?? '';
  const list = useDocumentList(section, status, contactId);
  const contact = useContact(contactId || undefined);
  const documents = list.data?.pages.flatMap((page) => page.items) ?? [];

  const setStatus = (value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value === 'all') next.delete('status');
      else next.set('status', value);
      return next;
    });

  const newButton = can(session, `${section}.create`) && (
    <Group gap="sm" wrap="wrap">
      {section === 'sale' && (
        <Button component={Link} to="/import?kind=sales" variant="default" leftSection={<IconUpload size={16} />}>
          {t('transfer.import.sales.action')}
        </Button>
      )}
      <Button component={Link} to={newDocumentPath(section)} leftSection={<IconPlus size={16} />}>
        {t(`trade.${section}.new`)}
      </Button>
    </Group>
  );

  return (
    <>
      <PageHeader
        title={t(`trade.${section}.title`)}
        description={
          contactId && contact.data
            ? t('trade.forContact', { name: contact.data.name })
            : t(`trade.${section}.description`)
        }
        actions={newButton}
      />
      <Stack gap="md">
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label={t('trade.statusFilter')}
            value={status}
            onChange={setStatus}
            data={statusFilters.map((value) => ({
              value,
              label: value === 'all' ? t('trade.filterAll') : t(`trade.status.${value}`),
            }))}
          />
          {contactId && (
            <Button variant="subtle" size="compact-sm" onClick={() => setParams(new URLSearchParams(status === 'all' ? {} : { status }))}>
              {t('trade.clearContact')}
            </Button>
          )}
        </Group>

        {list.isPending ? (
          <Stack gap="xs" aria-busy="true">
            {Array.from({ length: 6 }, (_, index) => (
              <Skeleton key={index} height={40} radius="sm" />
            ))}
          </Stack>
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : documents.length === 0 ? (
          <EmptyPanel
            icon={<IconFileInvoice size={28} />}
            title={t(status === 'all' && !contactId ? `trade.${section}.empty` : 'trade.noMatch')}
            description={status === 'all' && !contactId ? t(`trade.${section}.emptyHint`) : undefined}
            action={status === 'all' && !contactId ? newButton : undefined}
          />
        ) : (
          <>
            <Paper withBorder radius="md" visibleFrom="sm" style={{ overflow: 'hidden' }}>
              <DocumentTable documents={documents} section={section} />
            </Paper>
            <Box hiddenFrom="sm">
              <DocumentCards documents={documents} section={section} />
            </Box>
            {list.hasNextPage && (
              <Group justify="center">
                <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
    </>
  );
}

function DocumentTable({ documents, section }: { documents: DocumentSummary[]; section: DocumentSection }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={940}>
      <Table highlightOnHover data-testid="document-table">
        <Table.Thead bg="var(--mantine-color-gray-0)">
          <Table.Tr>
            <Table.Th w={140}>{t('trade.columns.reference')}</Table.Th>
            <Table.Th w={110}>{t('trade.columns.date')}</Table.Th>
            <Table.Th>{t(`trade.${section}.contact`)}</Table.Th>
            <Table.Th w={130}>{t('trade.columns.status')}</Table.Th>
            <Table.Th w={220}>{t('trade.dueDate')}</Table.Th>
            <Table.Th ta="right">{t('trade.totals.total')}</Table.Th>
            <Table.Th ta="right">{t('trade.openAmount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((document) => {
            const to = `${documentsPath(section)}/${document.id}`;
            return (
              <Table.Tr
                key={document.id}
                className="clickable-row"
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a')) return;
                  navigate(to);
                }}
              >
                <Table.Td>
                  <Anchor component={Link} to={to} size="sm" ff="monospace">
                    {document.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="amount">
                    {format.date(document.date)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={260}>
                    {document.contactName ?? t('trade.walkIn')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DocumentStatusBadge status={document.status} />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" className="amount" c={document.overdue ? 'red.8' : undefined}>
                      {format.date(document.dueDate)}
                    </Text>
                    {document.overdue && <OverdueBadge />}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">
                  <Amount value={document.total} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  {document.status === 'final' ? (
                    <Amount value={document.openAmount} size="sm" fw={decimalSign(document.openAmount) > 0 ? 600 : 400} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function DocumentCards({ documents, section }: { documents: DocumentSummary[]; section: DocumentSection }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  return (
    <Stack gap="xs">
      {documents.map((document) => (
        <Card
          key={document.id}
          withBorder
          radius="md"
          padding="sm"
          component={Link}
          to={`${documentsPath(section)}/${document.id}`}
        >
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} miw={0}>
              <Group gap={6}>
                <Text size="sm" fw={600} ff="monospace">
                  {document.reference}
                </Text>
                <DocumentStatusBadge status={document.status} />
              </Group>
              <Text size="xs" c="dimmed" truncate>
                {[format.date(document.date), document.contactName ?? t('trade.walkIn')].join(' · ')}
              </Text>
              <Group gap={6}>
                <Text size="xs" c={document.overdue ? 'red.8' : 'dimmed'}>
                  {t('trade.dueOn', { date: format.date(document.dueDate) })}
                </Text>
                {document.overdue && <OverdueBadge />}
              </Group>
            </Stack>
            <Stack gap={2} align="flex-end">
              <Amount value={document.total} size="sm" fw={600} />
              {document.status === 'final' && decimalSign(document.openAmount) > 0 && (
                <Text size="xs" c="dimmed">
                  {t('trade.openShort')} <Amount value={document.openAmount} size="xs" />
                </Text>
              )}
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
