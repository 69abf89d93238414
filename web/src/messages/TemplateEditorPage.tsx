/**
 * One template: its texts per channel and language, the placeholders to
 * insert, the automatic-send switch of each channel, and a live preview
 * rendered by the server for a real contact. Errors the server returns on
 * save or preview (an unknown placeholder) show under the field they name.
 */
import { Alert, Button, Grid, Group, Paper, SegmentedControl, Skeleton, Stack, Switch, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { PageHeader } from '../layout/PageHeader.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { errorMessage } from '../shared/errors.ts';
import { notifySaved } from '../shared/notify.ts';
import { type Channel, channels, type MessageLocale, type Template, type TemplateContent, useSaveTemplate, useTemplates } from './api.ts';
import { channelLabel, eventLabel } from './labels.ts';
import { MessagesGuard } from './MessagesGuard.tsx';
import { PlaceholderList } from './PlaceholderList.tsx';
import { type PreviewContact, TemplatePreview, usePreview } from './TemplatePreview.tsx';

const locales: MessageLocale[] = ['fr', 'en'];
/** Events that queue their template by themselves when its channel is switched on. */
const automaticEvents = new Set(['new_sale', 'payment_received', 'new_purchase', 'payment_made']);

export type DraftField = 'subject' | 'html' | 'text';
export interface Draft {
  subject: string;
  html: string;
  text: string;
}
type DraftKey = `${Channel}.${MessageLocale}`;

function draftsOf(template: Template): Record<DraftKey, Draft> {
  const drafts = {} as Record<DraftKey, Draft>;
  for (const channel of channels) {
    for (const locale of locales) drafts[`${channel}.${locale}`] = { subject: '', html: '', text: '' };
  }
  for (const content of template.contents) {
    drafts[`${content.channel}.${content.locale}`] = { subject: content.subject ?? '', html: content.html ?? '', text: content.text };
  }
  return drafts;
}

/** Builds one content per channel and language whose text is filled in; the server requires a text. */
export function contentOf(channel: Channel, locale: MessageLocale, draft: Draft): TemplateContent {
  return {
    channel,
    locale,
    subject: channel === 'email' ? draft.subject || null : null,
    html: channel === 'email' ? draft.html || null : null,
    text: draft.text,
  };
}

/** Maps server paths `contents.N.field` of the sent contents to draft keys `channel.locale.field`. */
export function issuesByField(error: unknown, sent: TemplateContent[]): Record<string, string> {
  const mapped: Record<string, string> = {};
  if (!isApiError(error)) return mapped;
  for (const issue of error.issues) {
    const match = /^contents\.(\d+)\.(subject|html|text)$/.exec(issue.path);
    const content = match ? sent[Number(match[1])] : undefined;
    const key = content && match ? `${content.channel}.${content.locale}.${match[2]}` : issue.path;
    if (!(key in mapped)) mapped[key] = issue.message;
  }
  return mapped;
}

export function TemplateEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const templates = useTemplates();
  const template = templates.data?.find((entry) => entry.id === id);

  return (
    <MessagesGuard permissions={['message.templates']}>
      {templates.isPending ? (
        <Skeleton height={480} radius="md" />
      ) : templates.isError ? (
        <QueryError error={templates.error} onRetry={() => templates.refetch()} />
      ) : !template ? (
        <Alert color="red" variant="light">
          {t('errors.notFound')}
        </Alert>
      ) : (
        <TemplateEditor key={template.id + template.updatedAt} template={template} />
      )}
    </MessagesGuard>
  );
}

function TemplateEditor({ template }: { template: Template }) {
  const { t, i18n } = useTranslation();
  const save = useSaveTemplate();
  const [name, setName] = useState(template.name);
  const [autoSend, setAutoSend] = useState(template.autoSend);
  const [drafts, setDrafts] = useState(() => draftsOf(template));
  const [channel, setChannel] = useState<Channel>('email');
  const [locale, setLocale] = useState<MessageLocale>(i18n.language === 'en' ? 'en' : 'fr');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const focused = useRef<{ field: DraftField; element: HTMLInputElement | HTMLTextAreaElement } | null>(null);

  const [previewContact, setPreviewContact] = useState<PreviewContact | null>(null);

  const key: DraftKey = `${channel}.${locale}`;
  const draft = drafts[key];
  const shown = contentOf(channel, locale, draft);
  const preview = usePreview(template.event, previewContact?.id ?? null, shown);
  const previewErrors = issuesByField(preview.error, [shown]);
  const contents = useMemo(
    () =>
      channels.flatMap((c) =>
        locales.flatMap((l) => (drafts[`${c}.${l}`].text.trim() ? [contentOf(c, l, drafts[`${c}.${l}`])] : [])),
      ),
    [drafts],
  );

  useEffect(() => {
    focused.current = null;
  }, [key]);

  const edit = (field: DraftField, value: string) => {
    setDrafts((current) => ({ ...current, [key]: { ...current[key], [field]: value } }));
    setErrors((current) => {
      const next = { ...current };
      delete next[`${key}.${field}`];
      return next;
    });
  };

  const insert = (token: string) => {
    const target = focused.current ?? { field: 'text' as const, element: null };
    const value = draft[target.field];
    const start = target.element?.selectionStart ?? value.length;
    const end = target.element?.selectionEnd ?? value.length;
    edit(target.field, value.slice(0, start) + token + value.slice(end));
    const element = target.element;
    if (element) {
      requestAnimationFrame(() => {
        element.focus();
        element.setSelectionRange(start + token.length, start + token.length);
      });
    }
  };

  const submit = () => {
    setOtherErrors([]);
    save.mutate(
      { id: template.id, name, autoSend, contents },
      {
        onSuccess: () => notifySaved(t('msg.templates.saved', { name })),
        onError: (error) => {
          const mapped = issuesByField(error, contents);
          setErrors(mapped);
          const first = Object.keys(mapped).find((path) => /^(email|sms|whatsapp)\.(fr|en)\./.test(path));
          if (first) {
            const [c, l] = first.split('.') as [Channel, MessageLocale];
            setChannel(c);
            setLocale(l);
          }
          const unshown = Object.entries(mapped).filter(([path]) => path !== 'name' && !/^(email|sms|whatsapp)\./.test(path));
          setOtherErrors(unshown.length > 0 || !isApiError(error) || error.issues.length === 0 ? [errorMessage(error, t)] : []);
        },
      },
    );
  };

  const bind = (field: DraftField) => ({
    value: draft[field],
    error: errors[`${key}.${field}`] ?? previewErrors[`${key}.${field}`],
    onChange: (event: { currentTarget: { value: string } }) => edit(field, event.currentTarget.value),
    onFocus: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      focused.current = { field, element: event.currentTarget };
    },
  });

  return (
    <>
      <PageHeader
        crumbs={[{ label: t('msg.templates.title'), to: '/messages/templates' }]}
        title={eventLabel(t, template.event)}
        description={t(`msg.templates.audience.${template.audience}`)}
        actions={
          <Button leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} onClick={submit}>
            {t('common.save')}
          </Button>
        }
      />
      {otherErrors.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} mb="md" title={t('errors.actionFailed')}>
          {otherErrors.join(' ')}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <TextInput
              label={t('msg.templates.name')}
              value={name}
              error={errors.name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Tabs value={channel} onChange={(value) => value && setChannel(value as Channel)} keepMounted={false}>
              <Tabs.List mb="md">
                {channels.map((c) => (
                  <Tabs.Tab key={c} value={c}>
                    {channelLabel(t, c)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </Tabs>
            <Group justify="space-between" gap="sm" wrap="wrap">
              <SegmentedControl
                aria-label={t('msg.templates.language')}
                value={locale}
                onChange={(value) => setLocale(value as MessageLocale)}
                data={locales.map((l) => ({ value: l, label: t(`language.${l}`) }))}
              />
              {automaticEvents.has(template.event) ? (
                <Switch
                  label={t('msg.templates.autoSend', { channel: channelLabel(t, channel) })}
                  checked={autoSend[channel]}
                  onChange={(event) => {
                    const checked = event.currentTarget.checked;
                    setAutoSend((current) => ({ ...current, [channel]: checked }));
                  }}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  {t(template.event === 'payment_reminder' ? 'msg.templates.byReminders' : 'msg.templates.byHand')}
                </Text>
              )}
            </Group>
            {channel === 'email' && <TextInput label={t('msg.templates.subject')} {...bind('subject')} />}
            <Textarea
              label={channel === 'email' ? t('msg.templates.textBody') : t('msg.templates.text')}
              description={channel === 'email' ? t('msg.templates.textBodyHint') : t('msg.templates.length', { count: draft.text.length })}
              autosize
              minRows={channel === 'email' ? 6 : 4}
              maxRows={16}
              {...bind('text')}
            />
            {channel === 'email' && (
              <Textarea
                label={t('msg.templates.htmlBody')}
                description={t('msg.templates.htmlBodyHint')}
                autosize
                minRows={4}
                maxRows={16}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
                {...bind('html')}
              />
            )}
            {!draft.text.trim() && (
              <Text size="sm" c="dimmed">
                {t('msg.templates.emptyContent')}
              </Text>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <TemplatePreview
                audience={template.audience}
                channel={channel}
                contact={previewContact}
                onContact={setPreviewContact}
                preview={preview}
              />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <PlaceholderList event={template.event} onInsert={insert} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
