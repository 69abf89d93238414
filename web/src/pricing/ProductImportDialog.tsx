/**
 * Imports products from a CSV or spreadsheet file: a check first (nothing is
 * saved), then the import itself. Rows are matched by SKU, and each rejected
 * row is listed with its line number and the server's messages.
 */
import { Alert, Button, FileInput, Group, List, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../shared/errors.ts';
import { notifySaved } from '../shared/notify.ts';
import { type ImportResult, useImportProducts } from './api.ts';

export function ProductImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const run = useImportProducts();

  const close = () => {
    setFile(null);
    setResult(null);
    run.reset();
    onClose();
  };
  const send = (dryRun: boolean) => {
    if (!file) return;
    run.mutate(
      { file, dryRun },
      {
        onSuccess: (answer) => {
          setResult(answer);
          if (!answer.dryRun) notifySaved(t('pricing.import.done', { created: t('pricing.import.createdCount', { count: answer.created }), updated: answer.updated }));
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('pricing.import.title')} size="lg" centered>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('pricing.import.hint')}
        </Text>
        <FileInput
          label={t('pricing.import.file')}
          placeholder={t('pricing.import.filePlaceholder')}
          accept=".csv,.txt,.xlsx,.xls,.ods"
          leftSection={<IconFileSpreadsheet size={16} />}
          value={file}
          onChange={(picked) => {
            setFile(picked);
            setResult(null);
            run.reset();
          }}
          clearable
        />
        {run.isError && <Alert color="red">{errorMessage(run.error, t)}</Alert>}
        {result && <ImportSummary result={result} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {result && !result.dryRun ? t('common.close') : t('common.cancel')}
          </Button>
          <Button variant="default" disabled={!file} loading={run.isPending && run.variables?.dryRun} onClick={() => send(true)}>
            {t('pricing.import.check')}
          </Button>
          <Button disabled={!file || (result !== null && !result.dryRun)} loading={run.isPending && !run.variables?.dryRun} onClick={() => send(false)}>
            {t('pricing.import.run')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const failed = t('pricing.import.failedRows', { count: result.failed });
  const counts = result.dryRun
    ? t('pricing.import.checked', { created: result.created, updated: result.updated, failed })
    : t('pricing.import.imported', { created: t('pricing.import.createdCount', { count: result.created }), updated: result.updated, failed });
  return (
    <Alert color={result.failed > 0 ? 'orange' : 'teal'} variant="light" data-testid="product-import-result">
      <Stack gap="xs">
        <Text size="sm">{counts}</Text>
        {result.errors.length > 0 && (
          <ScrollArea.Autosize mah={220}>
            <List size="sm" spacing={4}>
              {result.errors.map((row) => (
                <List.Item key={row.line}>
                  {t('pricing.import.line', { line: row.line })} {row.issues.map((issue) => issue.message).join(' ')}
                </List.Item>
              ))}
            </List>
          </ScrollArea.Autosize>
        )}
      </Stack>
    </Alert>
  );
}
