/** The progress bar of a running preview or import, with its cancel button. */
import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RunState } from './ImportPage.tsx';

export function RunProgress({ run, label, onCancel }: { run: RunState; label: string; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const { done, total } = run.progress;
  const known = total !== null && total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : 100;

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="sm">
          <Text fw={500}>{label}</Text>
          <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {known
              ? t('transfer.import.run.progress', { done: number.format(done), total: number.format(total) })
              : t('transfer.import.run.progressUnknown', { done: number.format(done) })}
          </Text>
        </Group>
        <Progress
          value={percent}
          striped={!known}
          animated={!known}
          aria-label={label}
          size="lg"
          transitionDuration={200}
        />
        <Group justify="flex-end">
          <Button variant="default" color="red" leftSection={<IconPlayerStop size={16} />} onClick={onCancel}>
            {t('transfer.import.run.cancel')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
