/**
 * Message calls as TanStack Query hooks: templates and their previews,
 * channel settings and test sends, reminder levels and runs, the outbox and
 * a contact's history, manual sends and the WhatsApp link.
 */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../api/client.ts';
import { useMutation } from '../shared/mutation.ts';

export const templateEvents = [
  'new_sale',
  'payment_received',
  'payment_reminder',
  'account_statement',
  'new_purchase',
  'payment_made',
  'items_received',
] as const;
export type TemplateEvent = (typeof templateEvents)[number];

export const channels = ['email', 'sms', 'whatsapp'] as const;
export type Channel = (typeof channels)[number];
export type MessageLocale = 'fr' | 'en';

export interface TemplateContent {
  channel: Channel;
  locale: MessageLocale;
  subject: string | null;
  html: string | null;
  text: string;
}

export interface Template {
  id: string;
  event: TemplateEvent;
  audience: 'customer' | 'supplier';
  name: string;
  autoSend: Record<Channel, boolean>;
  contents: TemplateContent[];
  createdAt: string;
  updatedAt: string;
}

export interface Placeholder {
  name: string;
  token: string;
  group: string;
  description: string;
  events: TemplateEvent[];
}

export interface Rendered {
  channel: Channel;
  locale: MessageLocale;
  subject: string | null;
  text: string;
  html: string | null;
}

export interface EmailChannel {
  channel: 'email';
  enabled: boolean;
  host: string;
  port: number;
  security: 'tls' | 'starttls' | 'none';
  user: string | null;
  passwordSet: boolean;
  fromAddress: string;
  fromName: string | null;
  replyTo: string | null;
  updatedAt: string;
}

export interface GatewayChannel {
  channel: 'sms' | 'whatsapp';
  enabled: boolean;
  urlPreview: string;
  method: 'GET' | 'POST';
  contentType: string;
  bodyTemplate: string;
  headerNames: string[];
  updatedAt: string;
}

export interface Channels {
  email: EmailChannel | null;
  sms: GatewayChannel | null;
  whatsapp: GatewayChannel | null;
}

export interface MessageSettings {
  quietHours: { start: string; end: string } | null;
  remindersEnabled: boolean;
}

export type ReminderTiming = 'before_due' | 'on_due' | 'after_due';

export interface ReminderLevel {
  id: string;
  name: string;
  timing: ReminderTiming;
  days: number;
  offsetDays: number;
  templateId: string;
  channels: Channel[];
  isActive: boolean;
}

export type ReminderLevelInput = Omit<ReminderLevel, 'id' | 'offsetDays'>;

export interface ReminderRun {
  runDate: string;
  contacts: number;
  messages: number;
  heldContacts: number;
  sent: number | null;
  failed: number | null;
}

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface Message {
  id: string;
  contactId: string | null;
  channel: Channel | 'webhook';
  origin: 'event' | 'reminder' | 'manual' | 'webhook';
  templateId: string | null;
  templateName: string | null;
  event: string | null;
  recipient: string;
  subject: string | null;
  text: string;
  html: string | null;
  hasAttachments: boolean;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

export type SkipReason = 'refused' | 'no_recipient' | 'no_content' | 'not_configured';

export interface SendInput {
  contactId: string;
  templateId?: string;
  channels: Channel[];
  documentId?: string;
  texts?: Partial<Record<Channel, { subject?: string | null; text: string; html?: string | null }>>;
  attachStatement?: boolean;
}

export interface SendResult {
  items: Message[];
  skipped: { channel: Channel; reason: SkipReason }[];
}

export const messageKeys = {
  all: ['messages'] as const,
  templates: () => ['messages', 'templates'] as const,
  placeholders: (event: TemplateEvent) => ['messages', 'placeholders', event] as const,
  channels: () => ['messages', 'channels'] as const,
  settings: () => ['messages', 'settings'] as const,
  levels: () => ['messages', 'levels'] as const,
  outbox: (filters: OutboxFilters) => ['messages', 'outbox', filters] as const,
  contact: (contactId: string) => ['messages', 'contact', contactId] as const,
  preferences: (contactId: string) => ['messages', 'preferences', contactId] as const,
};

const PAGE_SIZE = 50;

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: messageKeys.templates(),
    queryFn: async ({ signal }) => (await api.get<{ items: Template[] }>('/message-templates', undefined, signal)).items,
    enabled,
  });
}

export function usePlaceholders(event: TemplateEvent) {
  return useQuery({
    queryKey: messageKeys.placeholders(event),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: Placeholder[] }>('/message-templates/placeholders', { event }, signal)).items,
  });
}

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; name?: string; autoSend?: Partial<Record<Channel, boolean>>; contents?: TemplateContent[] }) =>
      api.patch<Template>(`/message-templates/${id}`, patch),
    onSuccess: () => client.invalidateQueries({ queryKey: messageKeys.templates() }),
  });
}

export function previewContents(input: { event: TemplateEvent | 'manual'; contactId: string; documentId?: string; contents: TemplateContent[] }) {
  return api.post<{ items: Rendered[] }>('/message-templates/preview', input).then((answer) => answer.items);
}

export function useChannels() {
  return useQuery({
    queryKey: messageKeys.channels(),
    queryFn: ({ signal }) => api.get<Channels>('/message-channels', undefined, signal),
  });
}

export function useSaveChannel<T>(channel: Channel) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => apiRequest<Channels>('PUT', `/message-channels/${channel}`, { body }),
    onSuccess: (channels) => client.setQueryData(messageKeys.channels(), channels),
  });
}

export function useTestChannel(channel: Channel) {
  return useMutation({
    mutationFn: (to: string) =>
      api.post<{ ok: boolean; error: string | null; recipient: string; status: number | null; response: string | null }>(
        `/message-channels/${channel}/test`,
        { to },
      ),
  });
}

export function useMessageSettings() {
  return useQuery({
    queryKey: messageKeys.settings(),
    queryFn: ({ signal }) => api.get<MessageSettings>('/message-settings', undefined, signal),
  });
}

export function useSaveMessageSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<MessageSettings>) => api.patch<MessageSettings>('/message-settings', patch),
    onSuccess: (settings) => client.setQueryData(messageKeys.settings(), settings),
  });
}

export function useReminderLevels() {
  return useQuery({
    queryKey: messageKeys.levels(),
    queryFn: async ({ signal }) => (await api.get<{ items: ReminderLevel[] }>('/reminder-levels', undefined, signal)).items,
  });
}

export function useSaveReminderLevel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ReminderLevelInput }) =>
      id
        ? apiRequest<ReminderLevel>('PUT', `/reminder-levels/${id}`, { body: input })
        : api.post<ReminderLevel>('/reminder-levels', input),
    onSuccess: () => client.invalidateQueries({ queryKey: messageKeys.levels() }),
  });
}

export function useDeleteReminderLevel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/reminder-levels/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: messageKeys.levels() }),
  });
}

export function useRunReminders() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { date?: string; send: boolean }) => api.post<ReminderRun>('/reminders/run', input),
    onSuccess: () => client.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export interface OutboxFilters {
  status: MessageStatus | '';
  channel: Channel | 'webhook' | '';
}

function pagesOf(path: string, key: readonly unknown[], query: Record<string, string | undefined>, enabled: boolean) {
  return {
    queryKey: key,
    queryFn: ({ pageParam, signal }: { pageParam: string | null; signal: AbortSignal }) =>
      api.get<MessagePage>(path, { ...query, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page: MessagePage) => page.nextCursor ?? undefined,
    enabled,
    // Queued messages change status on their own; a visible list follows them.
    refetchInterval: 15_000,
  };
}

export function useOutbox(filters: OutboxFilters) {
  return useInfiniteQuery(
    pagesOf('/messages', messageKeys.outbox(filters), { status: filters.status || undefined, channel: filters.channel || undefined }, true),
  );
}

export function useContactMessages(contactId: string) {
  return useInfiniteQuery(pagesOf(`/contacts/${contactId}/messages`, messageKeys.contact(contactId), {}, Boolean(contactId)));
}

export function useRetryMessage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Message>(`/messages/${id}/retry`),
    onSuccess: () => client.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function useSendMessage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: SendInput; idempotencyKey: string }) =>
      apiRequest<SendResult>('POST', '/messages', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => client.invalidateQueries({ queryKey: messageKeys.all }),
  });
}

export function whatsappLink(contactId: string, query: { templateId?: string; documentId?: string; text?: string }) {
  return api.get<{ url: string; number: string; text: string }>(`/contacts/${contactId}/whatsapp-link`, query);
}
