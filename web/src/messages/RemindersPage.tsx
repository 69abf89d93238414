/**
 * The reminder schedule: levels "N days before due", "on the due date" or
 * "N days after due", each with its template and channels, the switch that
 * lets the job run them, and a run for a chosen day with its result.
 */
import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Modal, NumberInput, Paper, Progress, Select, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconAlarm, IconCircleCheck, IconPencil, IconPlayerPlay, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessFormat } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { DateField } from '../shared/DateField.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useFormState } from '../shared/form.ts';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import {
  type Channel,
  channels,
  type ReminderLevel,
  type ReminderLevelInput,
  type ReminderTiming,
  type Template,
  useDeleteReminderLevel,
  useMessageSettings,
  useReminderLevels,
  useRunReminders,
  useSaveMessageSettings,
  useSaveReminderLevel,
  useTemplates,
} from './api.ts';
import { channelLabel, leftoverErrors, timingLabel } from './labels.ts';
import { MessagesGuard } from './MessagesGuard.tsx';

type Editing = { level: ReminderLevel | null } | null;

export function RemindersPage() {
  const { t } = useTranslation();
  const levels = useReminderLevels();
  const templates = useTemplates();
  const [editing, setEditing] = useState<Editing>(null);
  const reminderTemplates = (templates.data ?? []).filter((template) => template.event === 'payment_reminder');

  const addButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ level: null })}>
      {t('msg.reminders.add')}
    </Button>
  );

  return (
    <MessagesGuard permissions={['message.settings']}>
      <PageHeader title={t('msg.reminders.title')} description={t('msg.reminders.description')} actions={addButton} />
      <Stack gap="lg">
        <RemindersSwitch />
        {levels.isPending || templates.isPending ? (
          <Skeleton height={200} radius="md" />
        ) : levels.isError ? (
          <QueryError error={levels.error} onRetry={() => levels.refetch()} />
        ) : levels.data.length === 0 ? (
          <EmptyPanel icon={<IconAlarm size={28} />} title={t('msg.reminders.empty')} description={t('msg.reminders.emptyHint')} action={addButton} />
        ) : (
          <Stack gap="xs">
            {levels.data.map((level) => (
              <LevelRow key={level.id} level={level} templates={reminderTemplates} onEdit={() => setEditing({ level })} />
            ))}
          </Stack>
        )}
        <RunNow />
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.level ? t('msg.reminders.editTitle', { name: editing.level.name }) : t('msg.reminders.add')}
        size="lg"
        centered
      >
        {editing && <LevelForm level={editing.level} templates={reminderTemplates} onDone={() => setEditing(null)} />}
      </Modal>
    </MessagesGuard>
  );
}

function RemindersSwitch() {
  const { t } = useTranslation();
  const settings = useMessageSettings();
  const save = useSaveMessageSettings();
  if (!settings.data) return null;
  return (
    <Switch
      label={t('msg.reminders.enabled')}
      description={t(settings.data.remindersEnabled ? 'msg.reminders.enabledOn' : 'msg.reminders.enabledOff')}
      checked={settings.data.remindersEnabled}
      disabled={save.isPending}
      onChange={(e) => save.mutate({ remindersEnabled: e.currentTarget.checked }, { onError: (error) => notifyFailed(error, t) })}
    />
  );
}

function LevelRow({ level, templates, onEdit }: { level: ReminderLevel; templates: Template[]; onEdit: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteReminderLevel();
  const template = templates.find((entry) => entry.id === level.templateId);
  return (
    <Paper withBorder radius="md" px="md" py="sm" data-testid="reminder-level">
      <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
        <Stack gap={4} miw={0}>
          <Group gap="xs">
            <Text fw={600}>{level.name}</Text>
            {!level.isActive && (
              <Badge color="gray" variant="light">
                {t('common.inactive')}
              </Badge>
            )}
          </Group>
          <Text size="sm">{timingLabel(t, level.timing, level.days)}</Text>
          <Group gap={6}>
            {level.channels.map((channel) => (
              <Badge key={channel} variant="light">
                {channelLabel(t, channel)}
              </Badge>
            ))}
            <Text size="xs" c="dimmed" truncate>
              {template?.name ?? ''}
            </Text>
          </Group>
        </Stack>
        <Group gap={4} wrap="nowrap">
          <ActionIcon variant="subtle" size="lg" aria-label={t('common.edit')} onClick={onEdit}>
            <IconPencil size={18} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('common.delete')}
            loading={remove.isPending}
            onClick={() => {
              if (window.confirm(t('msg.reminders.confirmDelete', { name: level.name }))) {
                remove.mutate(level.id, { onError: (error) => notifyFailed(error, t) });
              }
            }}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Group>
      </Group>
    </Paper>
  );
}

function LevelForm({ level, templates, onDone }: { level: ReminderLevel | null; templates: Template[]; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveReminderLevel();
  const [unshown, setUnshown] = useState<string[]>([]);
  const form = useFormState<ReminderLevelInput>({
    name: level?.name ?? '',
    timing: level?.timing ?? 'after_due',
    days: level?.days ?? 7,
    templateId: level?.templateId ?? templates[0]?.id ?? '',
    channels: level?.channels ?? ['email'],
    isActive: level?.isActive ?? true,
  });
  const { values } = form;

  const submit = () => {
    setUnshown([]);
    save.mutate(
      { id: level?.id ?? null, input: { ...values, days: values.timing === 'on_due' ? 0 : Number(values.days) } },
      {
        onSuccess: () => {
          notifySaved(t('msg.reminders.saved', { name: values.name }));
          onDone();
        },
        onError: (error) => setUnshown(leftoverErrors(error, form.takeErrors(error, ['name', 'timing', 'days', 'templateId', 'channels']), t)),
      },
    );
  };

  return (
    <Stack gap="md">
      <TextInput
        label={t('msg.reminders.name')}
        placeholder={t('msg.reminders.namePlaceholder')}
        required
        value={values.name}
        error={form.error('name')}
        onChange={(e) => form.set('name', e.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Select
          label={t('msg.reminders.when')}
          value={values.timing}
          allowDeselect={false}
          data={(['before_due', 'on_due', 'after_due'] as const).map((value) => ({ value, label: t(`msg.reminders.timings.${value}`) }))}
          onChange={(value) => form.set('timing', (value ?? 'after_due') as ReminderTiming)}
        />
        {values.timing !== 'on_due' && (
          <NumberInput
            label={t('msg.reminders.days')}
            min={1}
            max={365}
            // Left as typed: a value out of range gets the server's message instead of silently becoming 1 or 365.
            clampBehavior="none"
            allowNegative={false}
            allowDecimal={false}
            value={values.days}
            error={form.error('days')}
            onChange={(value) => form.set('days', Number(value) || 0)}
          />
        )}
      </SimpleGrid>
      <Select
        label={t('msg.reminders.template')}
        value={values.templateId || null}
        allowDeselect={false}
        data={templates.map((template) => ({ value: template.id, label: template.name }))}
        error={form.error('templateId')}
        onChange={(value) => form.set('templateId', value ?? '')}
      />
      <Checkbox.Group
        label={t('msg.reminders.channels')}
        value={values.channels}
        error={form.error('channels')}
        onChange={(value) => form.set('channels', value as Channel[])}
      >
        <Group gap="md" mt={6}>
          {channels.map((channel) => (
            <Checkbox key={channel} value={channel} label={channelLabel(t, channel)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Switch label={t('msg.reminders.active')} checked={values.isActive} onChange={(e) => form.set('isActive', e.currentTarget.checked)} />
      {unshown.length > 0 && (
        <Alert color="red" variant="light">
          {unshown.join(' ')}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button loading={save.isPending} onClick={submit}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function RunNow() {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const run = useRunReminders();
  const [date, setDate] = useState('');
  const [send, setSend] = useState(true);
  const result = run.data;

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={4}>{t('msg.reminders.run.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('msg.reminders.run.description')}
          </Text>
        </Stack>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <DateField
            label={t('msg.reminders.run.date')}
            description={t('msg.reminders.run.dateHint')}
            value={date}
            onChange={setDate}
            w={200}
          />
          <Checkbox label={t('msg.reminders.run.sendNow')} checked={send} onChange={(e) => setSend(e.currentTarget.checked)} mb={8} />
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            loading={run.isPending}
            onClick={() => run.mutate({ date: date || undefined, send })}
          >
            {t('msg.reminders.run.action')}
          </Button>
        </Group>
        {run.isPending && (
          <Stack gap={4}>
            <Progress value={100} animated striped aria-label={t('msg.reminders.run.running')} />
            <Text size="sm" c="dimmed">
              {t('msg.reminders.run.running')}
            </Text>
          </Stack>
        )}
        {run.isError && (
          <Alert color="red" variant="light" title={t('errors.actionFailed')}>
            {errorMessage(run.error, t)}
          </Alert>
        )}
        {result && !run.isPending && (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="reminder-run-result" title={t('msg.reminders.run.done', { date: format.date(result.runDate) })}>
            <Stack gap={2}>
              <Text size="sm">{t('msg.reminders.run.queued', { count: result.messages, contacts: t('msg.reminders.run.contactCount', { count: result.contacts }) })}</Text>
              {result.heldContacts > 0 && <Text size="sm">{t('msg.reminders.run.held', { count: result.heldContacts })}</Text>}
              {result.sent !== null && (
                <Text size="sm">{t('msg.reminders.run.sent', { sent: result.sent, failed: result.failed ?? 0 })}</Text>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
