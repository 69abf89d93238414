/** Quiet hours: automatic messages and reminders queued between start and end wait for the end. */
import { Alert, Button, Group, Paper, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../layout/QueryError.tsx';
import { useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { type MessageSettings, useMessageSettings, useSaveMessageSettings } from './api.ts';
import { leftoverErrors } from './labels.ts';

export function QuietHoursForm() {
  const settings = useMessageSettings();
  if (settings.isPending) return <Skeleton height={140} radius="md" />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;
  return <QuietHours settings={settings.data} />;
}

function QuietHours({ settings }: { settings: MessageSettings }) {
  const { t } = useTranslation();
  const save = useSaveMessageSettings();
  const [unshown, setUnshown] = useState<string[]>([]);
  const form = useFormState(
    { on: settings.quietHours !== null, start: settings.quietHours?.start ?? '21:00', end: settings.quietHours?.end ?? '08:00' },
    { start: 'quietHours.start', end: 'quietHours.end' },
  );
  const { values } = form;

  const submit = () => {
    setUnshown([]);
    save.mutate(
      { quietHours: values.on ? { start: values.start, end: values.end } : null },
      {
        onSuccess: () => notifySaved(t('msg.quiet.saved')),
        onError: (error) => setUnshown(leftoverErrors(error, form.takeErrors(error, ['quietHours.start', 'quietHours.end']), t)),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Title order={4}>{t('msg.quiet.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('msg.quiet.description')}
            </Text>
          </Stack>
          <Switch label={t('msg.quiet.on')} checked={values.on} onChange={(e) => form.set('on', e.currentTarget.checked)} />
        </Group>
        {values.on && (
          <Group gap="sm" wrap="wrap">
            <TextInput
              type="time"
              label={t('msg.quiet.start')}
              value={values.start}
              error={form.error('quietHours.start')}
              onChange={(e) => form.set('start', e.currentTarget.value)}
            />
            <TextInput
              type="time"
              label={t('msg.quiet.end')}
              value={values.end}
              error={form.error('quietHours.end')}
              onChange={(e) => form.set('end', e.currentTarget.value)}
            />
          </Group>
        )}
        {unshown.length > 0 && (
          <Alert color="red" variant="light">
            {unshown.join(' ')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button loading={save.isPending} onClick={submit}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
