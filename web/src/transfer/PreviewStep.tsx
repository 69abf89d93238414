/**
 * Fourth step: what the import would do (totals) and every problem found,
 * by line as a spreadsheet numbers it, with filters on the kind of problem
 * and the column. The import button states how many contacts or sales it
 * writes.
 */
import { Alert, Badge, Box, Button, Checkbox, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../shared/errors.ts';
import type { ImportIssue, ImportKind, ImportRecord, ImportSettings, ImportTotals } from './api.ts';
import type { RunState } from './ImportPage.tsx';
import { kindKey } from './kindKeys.ts';
import { RunProgress } from './RunProgress.tsx';

/** Rows drawn at once; the totals and filters still cover every listed problem. */
const SHOWN_ISSUES = 500;

type Shown = 'all' | 'errors';

interface ListedIssue extends ImportIssue {
  severity: 'error' | 'warning';
}

export function PreviewStep({
  record,
  settings,
  run,
  error,
  onBack,
  onImport,
  onCancel,
}: {
  record: ImportRecord;
  settings: ImportSettings;
  run: RunState | null;
  error: unknown;
  onBack: () => void;
  onImport: (onInvalid: ImportSettings['onInvalid']) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [skipInvalid, setSkipInvalid] = useState(settings.onInvalid === 'skip');
  const { totals, kind } = record;
  const blocked = totals.invalid > 0 && !skipInvalid;
  const writes = totals.created + totals.updated;

  if (run) {
    return <RunProgress run={run} label={t('transfer.import.run.importing')} onCancel={onCancel} />;
  }

  return (
    <Stack gap="md">
      <Title order={3} size="h4">{t('transfer.import.preview.title')}</Title>
      <TotalsGrid totals={totals} kind={kind} />

      {totals.invalid > 0 && (
        <Alert color={blocked ? 'red' : 'yellow'} variant="light" icon={<IconAlertTriangle size={18} />}>
          <Stack gap="xs">
            {blocked && <Text size="sm">{t(kindKey(kind, 'transfer.import.preview.blocked'), { count: totals.invalid })}</Text>}
            <Checkbox
              label={t(kindKey(kind, 'transfer.import.preview.skipInstead'))}
              checked={skipInvalid}
              onChange={(event) => setSkipInvalid(event.currentTarget.checked)}
            />
          </Stack>
        </Alert>
      )}
      {totals.invalid === 0 && writes === 0 && (
        <Alert color="gray" variant="light">{t(kindKey(kind, 'transfer.import.preview.nothingToImport'))}</Alert>
      )}

      <IssueList record={record} />

      {error !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
          {errorMessage(error, t)}
        </Alert>
      )}

      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>{t('transfer.import.back')}</Button>
        <Button disabled={blocked || writes === 0} onClick={() => onImport(skipInvalid ? 'skip' : 'abort')}>
          {t(kindKey(kind, 'transfer.import.preview.import'), { count: writes })}
        </Button>
      </Group>
    </Stack>
  );
}

const shownTotals: Record<ImportKind, (keyof ImportTotals)[]> = {
  contacts: ['rows', 'valid', 'invalid', 'created', 'updated', 'skipped'],
  sales: ['rows', 'valid', 'invalid', 'created'],
};

/**
 * Figures of an import: `result` labels them as done ("Created") rather
 * than planned ("To create"). A sales import counts sales as created.
 */
export function TotalsGrid({
  totals,
  kind,
  keys,
  result = false,
}: {
  totals: ImportTotals;
  kind: ImportKind;
  keys?: (keyof ImportTotals)[];
  result?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const shown = keys ?? shownTotals[kind];
  const label = (key: keyof ImportTotals) =>
    t(kindKey(kind, result ? `transfer.import.result.${key}` : `transfer.import.preview.totals.${key}`));
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, md: shown.length }} spacing="sm">
      {shown.map((key) => (
        <Paper key={key} withBorder radius="md" p="sm" data-testid={`total-${key}`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label(key)}</Text>
          <Text fw={700} fz="xl" c={key === 'invalid' && totals.invalid > 0 ? 'red' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {number.format(totals[key])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function IssueList({ record }: { record: ImportRecord }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown>('all');
  const [column, setColumn] = useState<string | null>(null);
  const issues = useMemo<ListedIssue[]>(
    () =>
      [
        ...record.errors.map((issue) => ({ ...issue, severity: 'error' as const })),
        ...record.warnings.map((issue) => ({ ...issue, severity: 'warning' as const })),
      ].sort((a, b) => a.line - b.line),
    [record],
  );
  const columns = [...new Set(issues.flatMap((issue) => (issue.column ? [issue.column] : [])))];
  const filtered = issues.filter(
    (issue) => (shown === 'all' || issue.severity === 'error') && (column === null || issue.column === column),
  );

  if (issues.length === 0) {
    return (
      <Group gap="xs" c="teal">
        <IconCircleCheck size={18} />
        <Text size="sm">{t('transfer.import.preview.noIssues')}</Text>
      </Group>
    );
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <Title order={4} size="h5">{t('transfer.import.preview.issues')}</Title>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <SegmentedControl
            aria-label={t('transfer.import.preview.filter')}
            value={shown}
            onChange={(value) => setShown(value === 'errors' ? 'errors' : 'all')}
            data={[
              { value: 'all', label: t('transfer.import.preview.filterAll') },
              { value: 'errors', label: t('transfer.import.preview.filterErrors') },
            ]}
          />
          {columns.length > 1 && (
            <Select
              aria-label={t('transfer.import.preview.columnFilter')}
              placeholder={t('transfer.import.preview.allColumns')}
              data={columns}
              value={column}
              onChange={setColumn}
              clearable
              w={200}
            />
          )}
        </Group>
      </Group>

      <Paper withBorder radius="md" style={{ overflow: 'auto' }} visibleFrom="sm">
        <Table striped verticalSpacing="xs" data-testid="import-issues" miw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('transfer.import.preview.line')}</Table.Th>
              <Table.Th>{t('transfer.import.preview.column')}</Table.Th>
              <Table.Th>{t('transfer.import.preview.value')}</Table.Th>
              <Table.Th>{t('transfer.import.preview.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {filtered.slice(0, SHOWN_ISSUES).map((issue, index) => (
              <Table.Tr key={`${issue.severity}-${issue.line}-${issue.column ?? ''}-${index}`}>
                <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{issue.line || '—'}</Table.Td>
                <Table.Td>{issue.column ?? '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <IssueValue value={issue.value} />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Badge size="xs" variant="light" color={issue.severity === 'error' ? 'red' : 'yellow'} style={{ flexShrink: 0, marginTop: 3 }}>
                      {t(`transfer.import.preview.${issue.severity}`)}
                    </Badge>
                    <Text size="sm">{issue.message}</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Stack gap="xs" hiddenFrom="sm" data-testid="import-issue-cards">
        {filtered.slice(0, SHOWN_ISSUES).map((issue, index) => (
          <Paper key={`${issue.severity}-${issue.line}-${issue.column ?? ''}-${index}`} withBorder radius="md" p="sm">
            <Group gap={6} mb={4} wrap="wrap">
              <Badge size="xs" variant="light" color={issue.severity === 'error' ? 'red' : 'yellow'}>
                {t(`transfer.import.preview.${issue.severity}`)}
              </Badge>
              <Text size="sm" fw={600}>
                {t('transfer.import.preview.line')} {issue.line || '—'}
                {issue.column ? ` · ${issue.column}` : ''}
              </Text>
            </Group>
            {issue.value !== null && issue.value !== '' && (
              <Box mb={4}>
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>{issue.value}</Text>
              </Box>
            )}
            <Text size="sm" c="dimmed">{issue.message}</Text>
          </Paper>
        ))}
      </Stack>
      {(record.issuesTruncated || filtered.length > SHOWN_ISSUES) && (
        <Text size="xs" c="dimmed">{t('transfer.import.preview.truncated')}</Text>
      )}
    </Stack>
  );
}

function IssueValue({ value }: { value: string | null }) {
  const { t } = useTranslation();
  if (value === null) return '—';
  if (value === '') return <Text span c="dimmed" size="sm">{t('transfer.import.preview.empty')}</Text>;
  return value;
}
