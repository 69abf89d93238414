/**
 * First step: a drop area and a file button, the accepted formats and the
 * size limit, and the template download of the kind of import. A file over
 * the limit is stopped here, before it is sent; the server checks the limit
 * again.
 */
import { Alert, Anchor, Button, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { downloadFile } from '../ledger/download.ts';
import { errorMessage } from '../shared/errors.ts';
import { notifyFailed } from '../shared/notify.ts';
import { type ImportKind, MAX_FILE_BYTES } from './api.ts';
import { kindKey } from './kindKeys.ts';
import type { RunState } from './ImportPage.tsx';
import { RunProgress } from './RunProgress.tsx';

const accepted: Record<ImportKind, string> = {
  contacts: '.csv,.tsv,.txt,.xlsx,.xls,.ods,.vcf,.vcard,text/csv,text/vcard',
  sales: '.csv,.tsv,.txt,.xlsx,.xls,.ods,text/csv',
};

export function UploadStep({
  kind,
  file,
  run,
  error,
  onFile,
  onCancel,
}: {
  kind: ImportKind;
  file: File | null;
  run: RunState | null;
  error: unknown;
  onFile: (file: File) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [tooLarge, setTooLarge] = useState<string | null>(null);

  const pick = (picked: File | undefined) => {
    if (!picked) return;
    if (picked.size > MAX_FILE_BYTES) {
      setTooLarge(t('transfer.import.upload.tooLarge', {
        name: picked.name, size: format.bytes(picked.size), limit: format.bytes(MAX_FILE_BYTES),
      }));
      return;
    }
    setTooLarge(null);
    onFile(picked);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!run) pick(event.dataTransfer.files[0]);
  };

  const downloadTemplate = () =>
    downloadFile('/imports/template.xlsx', { lang: i18n.language, kind }, `${kind}.xlsx`).catch((caught: unknown) => notifyFailed(caught, t));

  if (run) {
    // A commit starts from this step when an interrupted import is run again.
    const label = run.kind === 'commit' ? t('transfer.import.run.importing') : t('transfer.import.upload.reading', { name: file?.name ?? '' });
    return <RunProgress run={run} label={label} onCancel={onCancel} />;
  }

  return (
    <Stack gap="md">
      <Paper
        withBorder
        radius="md"
        p="xl"
        data-testid="import-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: dragging ? 'var(--mantine-primary-color-filled)' : undefined,
          background: dragging ? 'var(--mantine-primary-color-light)' : undefined,
        }}
      >
        <Stack align="center" gap="sm" ta="center">
          <ThemeIcon size={56} radius="xl" variant="light">
            <IconUpload size={28} />
          </ThemeIcon>
          <Text fw={600} size="lg">{t('transfer.import.upload.drop')}</Text>
          <Text size="sm" c="dimmed" maw={520}>
            {t(kindKey(kind, 'transfer.import.upload.formats'), { size: format.bytes(MAX_FILE_BYTES) })}
          </Text>
          <Button leftSection={<IconFileSpreadsheet size={16} />} onClick={() => input.current?.click()}>
            {t('transfer.import.upload.choose')}
          </Button>
          <input
            ref={input}
            type="file"
            accept={accepted[kind]}
            hidden
            aria-label={t('transfer.import.upload.choose')}
            onChange={(event) => {
              pick(event.currentTarget.files?.[0]);
              event.currentTarget.value = '';
            }}
          />
        </Stack>
      </Paper>

      {tooLarge && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
          {tooLarge}
        </Alert>
      )}
      {error !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={file?.name}>
          {errorMessage(error, t)}
        </Alert>
      )}

      <Group gap="xs" wrap="nowrap" align="flex-start">
        <IconDownload size={18} style={{ flexShrink: 0, marginTop: 2 }} />
        <Text size="sm">
          <Anchor component="button" type="button" onClick={downloadTemplate} size="sm">
            {t('transfer.import.upload.template')}
          </Anchor>
          {' — '}
          <Text span c="dimmed" size="sm">{t(kindKey(kind, 'transfer.import.upload.templateHint'))}</Text>
        </Text>
      </Group>
    </Stack>
  );
}
