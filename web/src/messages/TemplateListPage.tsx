/** Every message template of the business, by audience and event, with the channels it has and which send by themselves. */
import { Badge, Group, Paper, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { channels, type Template, templateEvents, useTemplates } from './api.ts';
import { channelLabel, eventLabel } from './labels.ts';
import { MessagesGuard } from './MessagesGuard.tsx';

const audiences = ['customer', 'supplier'] as const;

export function TemplateListPage() {
  const { t } = useTranslation();
  const templates = useTemplates();

  return (
    <MessagesGuard permissions={['message.templates']}>
      <PageHeader title={t('msg.templates.title')} description={t('msg.templates.description')} />
      {templates.isPending ? (
        <Skeleton height={320} radius="md" />
      ) : templates.isError ? (
        <QueryError error={templates.error} onRetry={() => templates.refetch()} />
      ) : (
        <Stack gap="xl">
          {audiences.map((audience) => (
            <Stack key={audience} gap="xs">
              <Title order={4}>{t(`msg.templates.audience.${audience}`)}</Title>
              {sorted(templates.data.filter((template) => template.audience === audience)).map((template) => (
                <TemplateRow key={template.id} template={template} />
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </MessagesGuard>
  );
}

function sorted(templates: Template[]): Template[] {
  return [...templates].sort(
    (a, b) => templateEvents.indexOf(a.event) - templateEvents.indexOf(b.event) || a.name.localeCompare(b.name),
  );
}

function TemplateRow({ template }: { template: Template }) {
  const { t } = useTranslation();
  const present = channels.filter((channel) => template.contents.some((content) => content.channel === channel));
  return (
    <UnstyledButton component={Link} to={`/messages/templates/${template.id}`} aria-label={template.name}>
      <Paper withBorder radius="md" px="md" py="sm">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Stack gap={4} miw={0}>
            <Text fw={600} truncate>
              {eventLabel(t, template.event)}
            </Text>
            {template.name !== eventLabel(t, template.event) && (
              <Text size="sm" c="dimmed" truncate>
                {template.name}
              </Text>
            )}
            <Group gap={6}>
              {present.map((channel) => (
                <Badge key={channel} variant={template.autoSend[channel] ? 'filled' : 'light'} color={template.autoSend[channel] ? 'teal' : 'gray'}>
                  {template.autoSend[channel]
                    ? t('msg.templates.autoBadge', { channel: channelLabel(t, channel) })
                    : channelLabel(t, channel)}
                </Badge>
              ))}
            </Group>
          </Stack>
          <IconChevronRight size={18} />
        </Group>
      </Paper>
    </UnstyledButton>
  );
}
