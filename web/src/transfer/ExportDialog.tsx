/**
 * The export button of a contact list and its dialog: format, CSV dialect
 * (defaults follow the UI language), vCard version and columns. The file
 * contains every contact matching the list's current filters and search, in
 * the list's sort order, so the dialog is given the query parameters the
 * list sends.
 */
import { Button, Group, Modal, MultiSelect, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../ledger/download.ts';
import { notifyFailed } from '../shared/notify.ts';
import { useMappableFields } from './api.ts';

type Format = 'csv' | 'xlsx' | 'pdf' | 'vcf';
type Separator = ';' | ',' | 'tab' | '|';
type DateFormat = 'dd/mm/yyyy' | 'yyyy-mm-dd' | 'mm/dd/yyyy';

const formats: Format[] = ['csv', 'xlsx', 'pdf', 'vcf'];
const separators: { value: Separator; key: string }[] = [
  { value: ';', key: 'semicolon' },
  { value: ',', key: 'comma' },
  { value: 'tab', key: 'tab' },
  { value: '|', key: 'pipe' },
];
const dateFormats: DateFormat[] = ['dd/mm/yyyy', 'yyyy-mm-dd', 'mm/dd/yyyy'];

/** The export columns in the server's order; custom fields are offered only once the business has named them. */
const exportColumns = [
  'code', 'type', 'kind', 'name', 'prefix', 'firstName', 'middleName', 'lastName', 'businessName', 'mobile',
  'alternateNumber', 'landline', 'email', 'taxNumber', 'addressLine1', 'addressLine2', 'zipCode', 'city', 'state',
  'country', 'shippingAddress', 'dateOfBirth', 'customerGroup', 'creditLimit', 'payTerm', 'payTermUnit',
  'openingBalance', 'openingBalanceDate', 'loyaltyCardNumber', 'status', 'bankIban', 'bankBic', 'bankHolder',
  'custom1', 'custom2', 'custom3', 'custom4', 'custom5', 'custom6', 'custom7', 'custom8', 'custom9', 'custom10',
  'balance', 'receivable', 'payable', 'createdAt',
];
const computedColumns = new Set(['name', 'balance', 'receivable', 'payable', 'createdAt']);

/** The list's query parameters, as it sends them to GET /contacts. */
export type ListQuery = Record<string, string | undefined>;

interface Dialect {
  separator: Separator;
  decimal: ',' | '.';
  dateFormat: DateFormat;
}

function dialectOf(language: string): Dialect {
  return language === 'en'
    ? { separator: ',', decimal: '.', dateFormat: 'yyyy-mm-dd' }
    : { separator: ';', decimal: ',', dateFormat: 'dd/mm/yyyy' };
}

export function ExportButton({ query }: { query: ListQuery }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconFileExport size={16} />} onClick={() => setOpen(true)}>
        {t('transfer.export.button')}
      </Button>
      {open && <ExportDialog query={query} onClose={() => setOpen(false)} />}
    </>
  );
}

export function ExportDialog({ query, onClose }: { query: ListQuery; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const fields = useMappableFields(lang);
  const [format, setFormat] = useState<Format>('csv');
  const [dialect, setDialect] = useState<Dialect>(() => dialectOf(lang));
  const [vcardVersion, setVcardVersion] = useState<'4.0' | '3.0'>('4.0');
  const [columns, setColumns] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const labels = new Map((fields.data?.items ?? []).map((item) => [item.field, item.label]));
  const columnOptions = exportColumns.flatMap((key) => {
    if (computedColumns.has(key)) return [{ value: key, label: t(`transfer.export.readOnly.${key}`) }];
    const label = labels.get(key);
    return label ? [{ value: key, label }] : [];
  });

  const download = async () => {
    setBusy(true);
    try {
      await downloadFile('/contacts/export', {
        ...query,
        format,
        lang,
        ...(format === 'csv' ? { separator: dialect.separator, decimal: dialect.decimal, dateFormat: dialect.dateFormat } : {}),
        ...(format === 'vcf' ? { vcardVersion } : {}),
        ...(format !== 'vcf' && columns.length > 0 ? { columns: columns.join(',') } : {}),
      }, `contacts.${format}`);
      onClose();
    } catch (error) {
      notifyFailed(error, t);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('transfer.export.title')} size="lg" centered>
      <Stack gap="md">
        <Text size="sm" c="dimmed">{t('transfer.export.scope')}</Text>
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('transfer.export.format')}</Text>
          <SegmentedControl
            aria-label={t('transfer.export.format')}
            fullWidth
            value={format}
            onChange={(value) => setFormat(formats.find((item) => item === value) ?? 'csv')}
            data={formats.map((value) => ({ value, label: t(`transfer.export.formats.${value}`) }))}
          />
        </Stack>

        {format === 'csv' && (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Select
              label={t('transfer.export.separator')}
              data={separators.map((item) => ({ value: item.value, label: t(`transfer.export.separators.${item.key}`) }))}
              value={dialect.separator}
              allowDeselect={false}
              onChange={(value) => setDialect({ ...dialect, separator: separators.find((item) => item.value === value)?.value ?? ';' })}
            />
            <Select
              label={t('transfer.export.decimal')}
              data={[
                { value: ',', label: t('transfer.export.decimals.comma') },
                { value: '.', label: t('transfer.export.decimals.point') },
              ]}
              value={dialect.decimal}
              allowDeselect={false}
              onChange={(value) => setDialect({ ...dialect, decimal: value === '.' ? '.' : ',' })}
            />
            <Select
              label={t('transfer.export.dateFormat')}
              data={dateFormats}
              value={dialect.dateFormat}
              allowDeselect={false}
              onChange={(value) => setDialect({ ...dialect, dateFormat: dateFormats.find((item) => item === value) ?? 'dd/mm/yyyy' })}
            />
          </SimpleGrid>
        )}

        {format === 'vcf' ? (
          <Select
            label={t('transfer.export.vcardVersion')}
            data={[
              { value: '4.0', label: t('transfer.export.vcard40') },
              { value: '3.0', label: t('transfer.export.vcard30') },
            ]}
            value={vcardVersion}
            allowDeselect={false}
            onChange={(value) => setVcardVersion(value === '3.0' ? '3.0' : '4.0')}
          />
        ) : (
          <MultiSelect
            label={t('transfer.export.columns')}
            description={t('transfer.export.columnsHint')}
            placeholder={columns.length === 0 ? t('transfer.export.columnsPlaceholder') : undefined}
            data={columnOptions}
            value={columns}
            onChange={setColumns}
            searchable
            clearable
            comboboxProps={{ withinPortal: true }}
          />
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button leftSection={<IconDownload size={16} />} loading={busy} onClick={() => void download()}>
            {t('transfer.export.download')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
