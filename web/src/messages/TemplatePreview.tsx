/**
 * The live preview of the template editor: the server renders the text being
 * edited for a contact chosen in the picker, a moment after each keystroke.
 */
import { Alert, Anchor, Box, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ContactPicker } from '../documents/ContactPicker.tsx';
import { errorMessage } from '../shared/errors.ts';
import { type Channel, previewContents, type Rendered, type TemplateContent, type TemplateEvent } from './api.ts';
import { HtmlFrame } from './HtmlFrame.tsx';

export interface PreviewContact {
  id: string;
  name: string;
}

export function usePreview(event: TemplateEvent, contactId: string | null, content: TemplateContent) {
  const [debounced] = useDebouncedValue(content, 400);
  return useQuery({
    queryKey: ['messages', 'preview', event, contactId, debounced],
    queryFn: async () => {
      const items = await previewContents({ event, contactId: contactId ?? '', contents: [debounced] });
      return items[0] ?? null;
    },
    enabled: contactId !== null && debounced.text.trim() !== '',
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function TemplatePreview({
  audience,
  channel,
  contact,
  onContact,
  preview,
}: {
  audience: 'customer' | 'supplier';
  channel: Channel;
  contact: PreviewContact | null;
  onContact: (contact: PreviewContact) => void;
  preview: UseQueryResult<Rendered | null>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <Title order={5}>{t('msg.preview.title')}</Title>
        {preview.isFetching && <Loader size="xs" />}
      </Group>
      <ContactPicker section={audience === 'customer' ? 'sale' : 'purchase'} onPick={(picked) => onContact({ id: picked.id, name: picked.name })} />
      {contact === null ? (
        <Text size="sm" c="dimmed">
          {t('msg.preview.pickContact')}
        </Text>
      ) : (
        <Text size="sm">
          {t('msg.preview.for')}{' '}
          <Text span fw={600}>
            {contact.name}
          </Text>
        </Text>
      )}
      {preview.isError && (
        <Alert color="red" variant="light" data-testid="preview-error">
          {errorMessage(preview.error, t)}
        </Alert>
      )}
      {preview.data && !preview.isError && <RenderedMessage rendered={preview.data} channel={channel} />}
    </Stack>
  );
}

export function RenderedMessage({ rendered, channel }: { rendered: Rendered; channel: Channel }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="preview">
      {channel === 'email' && rendered.subject !== null && (
        <Text size="sm">
          <Text span c="dimmed">
            {t('msg.templates.subject')}
          </Text>{' '}
          <Text span fw={600}>
            {rendered.subject}
          </Text>
        </Text>
      )}
      {rendered.html ? (
        <HtmlFrame html={rendered.html} title={t('msg.preview.title')} />
      ) : (
        <Box
          p="sm"
          bg="var(--mantine-color-gray-0)"
          style={{ borderRadius: 8, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 14 }}
        >
          {rendered.text}
        </Box>
      )}
      {rendered.html && (
        <details>
          <Anchor component="summary" size="sm">
            {t('msg.preview.textVersion')}
          </Anchor>
          <Box mt="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 14 }}>
            {rendered.text}
          </Box>
        </details>
      )}
    </Stack>
  );
}
