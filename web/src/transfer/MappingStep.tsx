/**
 * Second step: each column of the file, a few of its values, and the
 * Comptoir field it fills. Columns the server matched come preselected;
 * the others are listed so the user picks a field or leaves them out.
 */
import { Alert, Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportColumn, ImportRecord, MappableField } from './api.ts';
import { kindKey } from './kindKeys.ts';

const LEAVE_OUT = '__leave_out__';

export function MappingStep({
  record,
  fields,
  chosen,
  onChange,
  onBack,
  onNext,
}: {
  record: ImportRecord;
  fields: MappableField[];
  chosen: Record<string, string | null>;
  onChange: (key: string, field: string | null) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const fieldOf = (column: ImportColumn) => (column.key in chosen ? (chosen[column.key] ?? null) : column.field);
  const nameOf = (column: ImportColumn) => column.header || t('transfer.import.mapping.noHeader', { n: column.index + 1 });
  const unknown = record.columns.filter((column) => column.reason === 'unknown' && !(column.key in chosen));
  const unlabelled = record.columns.filter((column) => column.reason === 'unlabelled' && !(column.key in chosen));
  const mappedCount = record.columns.filter((column) => fieldOf(column) !== null).length;
  const options = [
    { value: LEAVE_OUT, label: t('transfer.import.mapping.leaveOut') },
    ...fields.map((field) => ({ value: field.field, label: field.label })),
  ];

  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h4">{t('transfer.import.mapping.title')}</Title>
        <Text size="sm" c="dimmed">{t('transfer.import.mapping.intro')}</Text>
        <Text size="sm" c="dimmed">{fileInfo(record, t)}</Text>
      </div>

      {unknown.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('transfer.import.mapping.unknown', { count: unknown.length, names: unknown.map(nameOf).join(', ') })}
        </Alert>
      )}
      {unlabelled.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} data-testid="mapping-unlabelled">
          {t('transfer.import.mapping.unlabelled', { count: unlabelled.length, names: unlabelled.map(nameOf).join(', ') })}
        </Alert>
      )}
      {mappedCount === 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
          {t(kindKey(record.kind, 'transfer.import.mapping.nothingMapped'))}
        </Alert>
      )}

      <Stack gap="xs">
        {record.columns.map((column) => {
          const field = fieldOf(column);
          const changed = column.key in chosen;
          return (
            <Paper key={column.key} withBorder radius="md" p="sm" data-testid={`mapping-${column.key}`}>
              <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
                <Stack gap={4} style={{ flex: '1 1 260px' }} miw={0}>
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>{nameOf(column)}</Text>
                    <MappingBadge column={column} changed={changed} mapped={field !== null} />
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                    {column.sample.filter((value) => value !== '').slice(0, 3).join(' · ') || '—'}
                  </Text>
                </Stack>
                <Select
                  style={{ flex: '1 1 240px' }}
                  maw={360}
                  aria-label={t('transfer.import.mapping.field') + ' — ' + nameOf(column)}
                  data={options}
                  value={field ?? LEAVE_OUT}
                  searchable
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  onChange={(value) => onChange(column.key, value === LEAVE_OUT || value === null ? null : value)}
                />
              </Group>
            </Paper>
          );
        })}
      </Stack>

      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>{t('transfer.import.restart')}</Button>
        <Button onClick={onNext} disabled={mappedCount === 0}>{t('transfer.import.next')}</Button>
      </Group>
    </Stack>
  );
}

function MappingBadge({ column, changed, mapped }: { column: ImportColumn; changed: boolean; mapped: boolean }) {
  const { t } = useTranslation();
  if (changed) {
    return <Badge variant="light" color="blue" size="sm">{t('transfer.import.mapping.sources.user')}</Badge>;
  }
  if (mapped && column.source) {
    return <Badge variant="light" color="teal" size="sm">{t(`transfer.import.mapping.sources.${column.source}`)}</Badge>;
  }
  if (column.reason) {
    const color = column.reason === 'unknown' || column.reason === 'unlabelled' ? 'yellow' : 'gray';
    return <Badge variant="light" color={color} size="sm">{t(`transfer.import.mapping.reasons.${column.reason}`)}</Badge>;
  }
  return null;
}

function fileInfo(record: ImportRecord, t: (key: string, options?: Record<string, unknown>) => string): string {
  const format = (record.format ?? '').toUpperCase();
  if (record.delimiter) {
    const delimiter = record.delimiter === '\t' ? 'tab' : record.delimiter;
    return t('transfer.import.mapping.fileInfoCsv', { format, delimiter, encoding: record.encoding ?? '?', rows: record.totals.rows });
  }
  return t('transfer.import.mapping.fileInfo', { format, rows: record.totals.rows });
}
