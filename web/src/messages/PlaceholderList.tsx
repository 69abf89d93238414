/** The placeholders an event offers, by group; a click inserts one where the cursor was. */
import { Button, Group, ScrollArea, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../layout/QueryError.tsx';
import { type Placeholder, type TemplateEvent, usePlaceholders } from './api.ts';

const groupOrder = ['business', 'contact', 'document', 'account', 'payment', 'location', 'general'];

export function PlaceholderList({ event, onInsert }: { event: TemplateEvent; onInsert: (token: string) => void }) {
  const { t } = useTranslation();
  const placeholders = usePlaceholders(event);
  const [filter, setFilter] = useState('');

  if (placeholders.isPending) return <Skeleton height={200} />;
  if (placeholders.isError) return <QueryError error={placeholders.error} onRetry={() => placeholders.refetch()} />;

  const needle = filter.trim().toLowerCase();
  const matching = placeholders.data.filter(
    (p) => !needle || p.name.includes(needle) || p.description.toLowerCase().includes(needle),
  );
  const groups = groupOrder
    .map((group) => ({ group, items: matching.filter((p) => p.group === group) }))
    .filter((entry) => entry.items.length > 0);

  return (
    <Stack gap="xs">
      <Title order={5}>{t('msg.placeholders.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('msg.placeholders.hint')}
      </Text>
      <TextInput
        aria-label={t('msg.placeholders.filter')}
        placeholder={t('msg.placeholders.filter')}
        leftSection={<IconSearch size={16} />}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
      />
      <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
        <Stack gap="sm">
          {groups.map(({ group, items }) => (
            <Stack key={group} gap={4}>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                {t(`msg.placeholders.groups.${group}`)}
              </Text>
              {items.map((placeholder) => (
                <PlaceholderRow key={placeholder.name} placeholder={placeholder} onInsert={onInsert} />
              ))}
            </Stack>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Stack>
  );
}

function PlaceholderRow({ placeholder, onInsert }: { placeholder: Placeholder; onInsert: (token: string) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <Stack gap={0} miw={0}>
        <Text size="sm" truncate>
          {placeholder.description}
        </Text>
        <Text size="xs" ff="monospace" c="dimmed" truncate>
          {placeholder.token}
        </Text>
      </Stack>
      <Button
        size="compact-xs"
        variant="light"
        // Keeps the focus, and so the cursor, in the text being edited.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => onInsert(placeholder.token)}
        aria-label={t('msg.placeholders.insert', { name: placeholder.name })}
      >
        {t('msg.placeholders.insertShort')}
      </Button>
    </Group>
  );
}
