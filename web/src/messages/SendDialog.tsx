/**
 * Sends a message to one contact by hand: pick a template (or none and type
 * the text), the channels, edit the text the server rendered for this
 * contact, and send. The server's reply lists what was queued and each channel left
 * out with its reason. WhatsApp also offers the click-to-chat link.
 */
import { Alert, Anchor, Button, Checkbox, Group, Loader, Modal, Select, Stack, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBrandWhatsapp, IconCircleCheck, IconSend } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Contact } from '../api/types.ts';
import { errorMessage } from '../shared/errors.ts';
import {
  type Channel,
  channels,
  type Rendered,
  type SendResult,
  type TemplateEvent,
  useSendMessage,
  useTemplates,
  whatsappLink,
} from './api.ts';
import { channelLabel } from './labels.ts';

export interface SendTarget {
  contact: Pick<Contact, 'id' | 'name' | 'type' | 'email' | 'mobile' | 'mobileE164' | 'anonymisedAt'>;
  documentId?: string;
  /** The template chosen when the dialog opens, by event. */
  event?: TemplateEvent;
}

interface Edited {
  subject: string;
  text: string;
  /** Set once the user changes the subject or the text, which then replace the template's. */
  touched: boolean;
}

const emptyEdit: Edited = { subject: '', text: '', touched: false };

const customerEvents = new Set<TemplateEvent>(['new_sale', 'payment_received', 'payment_reminder', 'account_statement']);

/** Tells whether a template of `event` is written for a contact of `type`. */
function offersTo(type: Contact['type'], event: TemplateEvent): boolean {
  if (type === 'both') return true;
  if (type === 'customer') return customerEvents.has(event);
  return !customerEvents.has(event);
}

function firstChannel(contact: SendTarget['contact']): Channel {
  if (contact.email) return 'email';
  if (contact.mobile) return 'sms';
  return 'email';
}

export function SendDialog({ target, opened, onClose }: { target: SendTarget; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('msg.send.title', { name: target.contact.name })} size="lg" centered>
      {opened && <SendForm target={target} onClose={onClose} />}
    </Modal>
  );
}

function SendForm({ target, onClose }: { target: SendTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const templates = useTemplates();
  const send = useSendMessage();
  const idempotencyKey = useRef(crypto.randomUUID());
  const { contact } = target;

  const offered = useMemo(() => (templates.data ?? []).filter((template) => offersTo(contact.type, template.event)), [templates.data, contact.type]);
  const [templateId, setTemplateId] = useState<string>('');
  useEffect(() => {
    if (templateId || offered.length === 0) return;
    const wanted = offered.find((template) => template.event === target.event);
    setTemplateId(wanted?.id ?? 'typed');
  }, [offered, target.event, templateId]);
  const template = offered.find((entry) => entry.id === templateId) ?? null;

  const [chosen, setChosen] = useState<Channel[]>([firstChannel(contact)]);
  const [tab, setTab] = useState<Channel>(chosen[0] ?? 'email');
  const [edits, setEdits] = useState<Record<Channel, Edited>>({ email: emptyEdit, sms: emptyEdit, whatsapp: emptyEdit });
  const [attachStatement, setAttachStatement] = useState<boolean | null>(null);
  const [result, setResult] = useState<SendResult | null>(null);

  const rendered = useQuery({
    queryKey: ['messages', 'rendered', templateId, contact.id, target.documentId],
    queryFn: ({ signal }) =>
      api.get<{ items: Rendered[] }>(
        `/message-templates/${templateId}/preview`,
        { contactId: contact.id, documentId: target.documentId },
        signal,
      ),
    enabled: template !== null,
  });

  // A newly rendered template replaces the texts the user has not edited.
  useEffect(() => {
    const items = template ? rendered.data?.items : [];
    if (!items) return;
    setEdits((current) => {
      const next = { ...current };
      for (const channel of channels) {
        if (current[channel].touched) continue;
        const item = items.find((entry) => entry.channel === channel);
        next[channel] = { subject: item?.subject ?? '', text: item?.text ?? '', touched: false };
      }
      return next;
    });
  }, [rendered.data, template]);

  const edit = (channel: Channel, change: Partial<Edited>) =>
    setEdits((current) => ({ ...current, [channel]: { ...current[channel], ...change, touched: true } }));

  const choose = (value: Channel[]) => {
    const added = value.find((channel) => !chosen.includes(channel));
    setChosen(channels.filter((channel) => value.includes(channel)));
    if (added) setTab(added);
  };

  const submit = () => {
    const texts: Partial<Record<Channel, { subject?: string | null; text: string; html?: string | null }>> = {};
    for (const channel of chosen) {
      const edited = edits[channel];
      if (!template || edited.touched) {
        texts[channel] = channel === 'email' ? { subject: edited.subject || null, text: edited.text, html: null } : { text: edited.text };
      }
    }
    send.mutate(
      {
        input: {
          contactId: contact.id,
          ...(template ? { templateId: template.id } : {}),
          channels: chosen,
          ...(target.documentId ? { documentId: target.documentId } : {}),
          ...(Object.keys(texts).length > 0 ? { texts } : {}),
          ...(attachStatement === null ? {} : { attachStatement }),
        },
        idempotencyKey: idempotencyKey.current,
      },
      { onSuccess: (answer) => setResult(answer) },
    );
  };

  if (result) return <SendOutcome result={result} onClose={onClose} />;

  const statementDefault = template?.event === 'account_statement';
  const missingText = chosen.some((channel) => edits[channel].text.trim() === '');

  return (
    <Stack gap="md">
      <Select
        label={t('msg.send.template')}
        value={templateId || null}
        allowDeselect={false}
        rightSection={templates.isPending ? <Loader size="xs" /> : undefined}
        data={[
          { value: 'typed', label: t('msg.send.typed') },
          ...offered.map((entry) => ({ value: entry.id, label: entry.name })),
        ]}
        onChange={(value) => {
          setTemplateId(value ?? 'typed');
          setEdits({ email: emptyEdit, sms: emptyEdit, whatsapp: emptyEdit });
        }}
      />
      <Checkbox.Group label={t('msg.send.channels')} value={chosen} onChange={(value) => choose(value as Channel[])}>
        <Group gap="md" mt={6}>
          {channels.map((channel) => (
            <Checkbox key={channel} value={channel} label={channelLabel(t, channel)} />
          ))}
        </Group>
      </Checkbox.Group>
      {chosen.length > 0 && (
        <Tabs value={chosen.includes(tab) ? tab : (chosen[0] ?? 'email')} onChange={(value) => value && setTab(value as Channel)}>
          <Tabs.List>
            {chosen.map((channel) => (
              <Tabs.Tab key={channel} value={channel}>
                {channelLabel(t, channel)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {chosen.map((channel) => (
            <Tabs.Panel key={channel} value={channel} pt="sm">
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {t('msg.send.recipient', {
                    recipient: (channel === 'email' ? contact.email : (contact.mobileE164 ?? contact.mobile)) || t('msg.send.noRecipient'),
                  })}
                </Text>
                {rendered.isFetching && <Loader size="xs" />}
                {rendered.isError && (
                  <Alert color="red" variant="light">
                    {errorMessage(rendered.error, t)}
                  </Alert>
                )}
                {channel === 'email' && (
                  <TextInput
                    label={t('msg.templates.subject')}
                    value={edits.email.subject}
                    onChange={(e) => edit('email', { subject: e.currentTarget.value })}
                  />
                )}
                <Textarea
                  label={t('msg.send.text', { channel: channelLabel(t, channel) })}
                  autosize
                  minRows={5}
                  maxRows={14}
                  value={edits[channel].text}
                  onChange={(e) => edit(channel, { text: e.currentTarget.value })}
                />
                {channel === 'email' && template && edits.email.touched && (
                  <Text size="xs" c="dimmed">
                    {t('msg.send.editedHtml')}
                  </Text>
                )}
                {channel === 'email' && (
                  <Checkbox
                    label={t('msg.send.attachStatement')}
                    checked={attachStatement ?? statementDefault}
                    onChange={(e) => setAttachStatement(e.currentTarget.checked)}
                  />
                )}
                {channel === 'whatsapp' && <WhatsAppLink contactId={contact.id} text={edits.whatsapp.text} />}
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
      {send.isError && (
        <Alert color="red" variant="light" title={t('errors.actionFailed')}>
          {errorMessage(send.error, t)}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          leftSection={<IconSend size={16} />}
          disabled={chosen.length === 0 || missingText}
          loading={send.isPending}
          onClick={submit}
        >
          {t('msg.send.action')}
        </Button>
      </Group>
    </Stack>
  );
}

function SendOutcome({ result, onClose }: { result: SendResult; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="send-result">
      {result.items.length > 0 && (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          {t('msg.send.queued', {
            count: result.items.length,
            channels: result.items.map((item) => channelLabel(t, item.channel)).join(', '),
          })}
        </Alert>
      )}
      {result.skipped.map((skip) => (
        <Alert key={skip.channel} color="orange" variant="light">
          {t(`msg.send.skipped.${skip.reason}`, { channel: channelLabel(t, skip.channel) })}
        </Alert>
      ))}
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );
}

/** Links to WhatsApp's click-to-chat with the text as typed, which WhatsApp opens filled in. */
export function WhatsAppLink({ contactId, text }: { contactId: string; text: string }) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(text, 400);
  const link = useQuery({
    queryKey: ['messages', 'whatsapp-link', contactId, debounced],
    queryFn: () => whatsappLink(contactId, debounced ? { text: debounced } : {}),
    retry: false,
  });
  if (link.isError) {
    return (
      <Text size="sm" c="dimmed">
        {errorMessage(link.error, t)}
      </Text>
    );
  }
  return (
    <Group gap="xs">
      <Button
        component="a"
        href={link.data?.url}
        target="_blank"
        rel="noopener noreferrer"
        variant="light"
        color="green"
        leftSection={<IconBrandWhatsapp size={16} />}
        disabled={!link.data}
      >
        {t('msg.send.openWhatsapp')}
      </Button>
      <Anchor size="xs" c="dimmed" component="span">
        {t('msg.send.whatsappHint')}
      </Anchor>
    </Group>
  );
}
