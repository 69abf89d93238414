/**
 * The HTTP gateway of SMS or WhatsApp: URL, method, content type, body
 * template and headers. The URL and header values are stored encrypted and
 * never shown again: an empty URL keeps the stored one, and headers are sent
 * only once edited, when they replace every stored header.
 */
import { ActionIcon, Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormState } from '../shared/form.ts';
import { notifySaved } from '../shared/notify.ts';
import { type GatewayChannel, useSaveChannel } from './api.ts';
import { TestSend } from './ChannelsPage.tsx';
import { channelLabel, leftoverErrors } from './labels.ts';

/** The gateway placeholders, passed as values so that i18next does not read them as its own. */
const tokens = { number: '{{number}}', text: '{{text}}' };

const contentTypes = ['application/json', 'application/x-www-form-urlencoded', 'text/plain'];

interface GatewayValues {
  enabled: boolean;
  url: string;
  method: 'GET' | 'POST';
  contentType: string;
  bodyTemplate: string;
}

interface HeaderRow {
  name: string;
  value: string;
}

export function GatewayForm({ channel, stored }: { channel: 'sms' | 'whatsapp'; stored: GatewayChannel | null }) {
  const { t } = useTranslation();
  const save = useSaveChannel<unknown>(channel);
  const [unshown, setUnshown] = useState<string[]>([]);
  const [headers, setHeaders] = useState<HeaderRow[]>(() => (stored?.headerNames ?? []).map((name) => ({ name, value: '' })));
  const [headersEdited, setHeadersEdited] = useState(false);
  const form = useFormState<GatewayValues>({
    enabled: stored?.enabled ?? false,
    url: '',
    method: stored?.method ?? 'POST',
    contentType: stored?.contentType ?? 'application/json',
    bodyTemplate: stored?.bodyTemplate ?? '',
  });
  const { values } = form;

  const editHeaders = (next: HeaderRow[]) => {
    setHeaders(next);
    setHeadersEdited(true);
  };

  const submit = () => {
    setUnshown([]);
    const url = values.url.trim();
    save.mutate(
      {
        enabled: values.enabled,
        ...(url || !stored ? { url } : {}),
        method: values.method,
        contentType: values.contentType,
        bodyTemplate: values.method === 'POST' ? values.bodyTemplate : '',
        ...(headersEdited || !stored
          ? { headers: Object.fromEntries(headers.filter((row) => row.name.trim()).map((row) => [row.name.trim(), row.value])) }
          : {}),
      },
      {
        onSuccess: () => notifySaved(t('msg.channels.saved', { channel: channelLabel(t, channel) })),
        onError: (error) => setUnshown(leftoverErrors(error, form.takeErrors(error, ['enabled', 'url', 'method', 'contentType', 'bodyTemplate']), t)),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Title order={4}>{t(`msg.channels.${channel}.title`)}</Title>
            <Text size="sm" c="dimmed">
              {t(`msg.channels.${channel}.description`)}
            </Text>
          </Stack>
          <Switch label={t('msg.channels.enabled')} checked={values.enabled} onChange={(e) => form.set('enabled', e.currentTarget.checked)} />
        </Group>
        <TextInput
          label={t('msg.channels.gateway.url')}
          description={
            stored?.urlPreview ? t('msg.channels.gateway.urlStored', { url: stored.urlPreview }) : t('msg.channels.gateway.urlHint', tokens)
          }
          placeholder="https://…"
          autoComplete="off"
          value={values.url}
          error={form.error('url')}
          onChange={(e) => form.set('url', e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('msg.channels.gateway.method')}
            value={values.method}
            allowDeselect={false}
            data={['POST', 'GET']}
            onChange={(value) => form.set('method', value === 'GET' ? 'GET' : 'POST')}
          />
          <Select
            label={t('msg.channels.gateway.contentType')}
            value={values.contentType}
            allowDeselect={false}
            disabled={values.method === 'GET'}
            data={contentTypes}
            onChange={(value) => form.set('contentType', value ?? 'application/json')}
          />
        </SimpleGrid>
        {values.method === 'POST' && (
          <Textarea
            label={t('msg.channels.gateway.body')}
            description={t('msg.channels.gateway.bodyHint', tokens)}
            autosize
            minRows={3}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            value={values.bodyTemplate}
            error={form.error('bodyTemplate')}
            onChange={(e) => form.set('bodyTemplate', e.currentTarget.value)}
          />
        )}
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('msg.channels.gateway.headers')}
          </Text>
          <Text size="xs" c="dimmed">
            {stored?.headerNames.length ? t('msg.channels.gateway.headersStored') : t('msg.channels.gateway.headersHint')}
          </Text>
          {headers.map((row, index) => (
            <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
              <TextInput
                style={{ flex: '1 1 40%' }}
                aria-label={t('msg.channels.gateway.headerName')}
                placeholder={t('msg.channels.gateway.headerName')}
                value={row.name}
                onChange={(e) => editHeaders(headers.map((h, i) => (i === index ? { ...h, name: e.currentTarget.value } : h)))}
              />
              <TextInput
                style={{ flex: '1 1 60%' }}
                aria-label={t('msg.channels.gateway.headerValue')}
                placeholder={headersEdited ? t('msg.channels.gateway.headerValue') : t('msg.channels.gateway.headerValueStored')}
                autoComplete="off"
                value={row.value}
                onChange={(e) => editHeaders(headers.map((h, i) => (i === index ? { ...h, value: e.currentTarget.value } : h)))}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('msg.channels.gateway.removeHeader')}
                onClick={() => editHeaders(headers.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} />} onClick={() => editHeaders([...headers, { name: '', value: '' }])}>
              {t('msg.channels.gateway.addHeader')}
            </Button>
          </Group>
        </Stack>
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
        <TestSend channel={channel} configured={stored !== null} />
      </Stack>
    </Paper>
  );
}
