/**
 * The business's latest imports that ran, newest first, with undo on those
 * that can still be undone, and a restart on those a stopped server
 * interrupted.
 */
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat } from '../auth/session-context.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { type ImportStatus, type ImportSummary, useImportHistory } from './api.ts';
import { kindKey } from './kindKeys.ts';
import { UndoButton } from './UndoButton.tsx';

const statusColors: Record<ImportStatus, string> = {
  previewed: 'gray',
  running: 'blue',
  committed: 'teal',
  failed: 'red',
  cancelled: 'gray',
  interrupted: 'orange',
  undone: 'gray',
  partly_undone: 'gray',
  error: 'red',
};

const withCounts = new Set<ImportStatus>(['committed', 'undone', 'partly_undone']);

export function ImportHistory({ onRestart }: { onRestart: (item: ImportSummary) => void }) {
  const { t } = useTranslation();
  const history = useImportHistory();
  const format = useBusinessFormat();
  // Previews and cancelled runs wrote nothing, so the list leaves them out.
  const items = (history.data?.items ?? []).filter(
    (item) => item.status !== 'previewed' && item.status !== 'cancelled' && !(item.status === 'interrupted' && item.preview),
  );

  return (
    <Stack gap="sm" mt="md">
      <Title order={3} size="h4">{t('transfer.import.history.title')}</Title>
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => history.refetch()} />
      ) : history.isPending ? null : items.length === 0 ? (
        <Text size="sm" c="dimmed">{t('transfer.import.history.empty')}</Text>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'auto' }}>
          <Table verticalSpacing="xs" miw={600} data-testid="import-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('transfer.import.history.date')}</Table.Th>
                <Table.Th>{t('transfer.import.history.file')}</Table.Th>
                <Table.Th>{t('transfer.import.kind.label')}</Table.Th>
                <Table.Th>{t('transfer.import.history.status')}</Table.Th>
                <Table.Th>{t('transfer.import.history.result')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item: ImportSummary) => (
                <Table.Tr key={item.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(item.committedAt ?? item.createdAt)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.fileName}</Table.Td>
                  <Table.Td>{t(`transfer.import.kind.${item.kind}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={statusColors[item.status]}>{t(`transfer.import.history.statuses.${item.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {withCounts.has(item.status)
                      ? t(kindKey(item.kind, 'transfer.import.history.counts'), { created: item.totals.created, updated: item.totals.updated, count: item.totals.created })
                      : item.status === 'interrupted'
                        ? t('transfer.import.history.nothingSaved')
                        : '—'}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group justify="flex-end" gap="xs" wrap="nowrap">
                      {item.status === 'committed' && <UndoButton importId={item.id} kind={item.kind} size="xs" />}
                      {item.status === 'interrupted' && (
                        <Button size="xs" variant="default" leftSection={<IconPlayerPlay size={14} />} onClick={() => onRestart(item)}>
                          {t('transfer.import.history.restart')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
