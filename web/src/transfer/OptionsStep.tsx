/**
 * Third step: for contacts, create or update and the fields that identify
 * a contact; for sales, the rules every imported sale follows. Then what
 * to do with rows in error.
 */
import { Alert, Button, Checkbox, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../shared/errors.ts';
import { type ImportSettings, type MatchKey, matchKeys } from './api.ts';
import type { RunState } from './ImportPage.tsx';
import { kindKey } from './kindKeys.ts';
import { RunProgress } from './RunProgress.tsx';

export function OptionsStep({
  settings,
  onChange,
  run,
  error,
  onBack,
  onNext,
  onCancel,
}: {
  settings: ImportSettings;
  onChange: (settings: ImportSettings) => void;
  run: RunState | null;
  error: unknown;
  onBack: () => void;
  onNext: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  if (run) return <RunProgress run={run} label={t('transfer.import.preview.checking')} onCancel={onCancel} />;

  return (
    <Stack gap="md">
      <Title order={3} size="h4">{t('transfer.import.options.title')}</Title>
      <Paper withBorder radius="md" p="md">
        <Stack gap="lg">
          {settings.kind === 'sales' ? (
            <Text size="sm" data-testid="sales-rules">{t('transfer.import.sales.rules')}</Text>
          ) : (
            <ContactOptions settings={settings} onChange={onChange} />
          )}

          <Radio.Group
            label={t(kindKey(settings.kind, 'transfer.import.options.onInvalid'))}
            value={settings.onInvalid}
            onChange={(value) => onChange({ ...settings, onInvalid: value === 'skip' ? 'skip' : 'abort' })}
          >
            <Stack gap="sm" mt="xs">
              <Radio value="abort" label={t('transfer.import.options.abort')} description={t('transfer.import.options.abortHint')} />
              <Radio value="skip" label={t(kindKey(settings.kind, 'transfer.import.options.skip'))} description={t('transfer.import.options.skipHint')} />
            </Stack>
          </Radio.Group>
        </Stack>
      </Paper>

      {error !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
          <Text size="sm">{errorMessage(error, t)}</Text>
        </Alert>
      )}

      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>{t('transfer.import.back')}</Button>
        <Button onClick={onNext}>{t('transfer.import.checkRows')}</Button>
      </Group>
    </Stack>
  );
}

/** Create or update, and the fields that identify an existing contact. */
function ContactOptions({ settings, onChange }: { settings: ImportSettings; onChange: (settings: ImportSettings) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Radio.Group
        label={t('transfer.import.options.mode')}
        value={settings.mode}
        onChange={(value) => onChange({ ...settings, mode: value === 'upsert' ? 'upsert' : 'create' })}
      >
        <Stack gap="sm" mt="xs">
          <Radio value="create" label={t('transfer.import.options.create')} description={t('transfer.import.options.createHint')} />
          <Radio value="upsert" label={t('transfer.import.options.upsert')} description={t('transfer.import.options.upsertHint')} />
        </Stack>
      </Radio.Group>

      <Checkbox.Group
        label={t('transfer.import.options.matchOn')}
        description={t('transfer.import.options.matchOnHint')}
        value={settings.matchOn}
        onChange={(values) => onChange({ ...settings, matchOn: matchKeys.filter((key) => values.includes(key)) })}
      >
        <Group gap="md" mt="xs">
          {matchKeys.map((key: MatchKey) => (
            <Checkbox key={key} value={key} label={t(`transfer.import.options.match.${key}`)} />
          ))}
        </Group>
      </Checkbox.Group>
    </>
  );
}
