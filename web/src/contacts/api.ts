/** Contact calls as TanStack Query hooks; every change refreshes the lists and the contact. */
import { type QueryClient, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../api/client.ts';
import type {
  ActivityItem,
  Attachment,
  Contact,
  ContactInput,
  ContactPatch,
  ContactStatus,
  Note,
  Page,
  SavedContact,
} from '../api/types.ts';
import { useMutation } from '../shared/mutation.ts';

export type ContactSection = 'customer' | 'supplier';

/**
 * Maximum length of the search text `q` that the list, its totals and the
 * picker accept (422 beyond). The search boxes stop there, so a long pasted
 * text is cut and still searched. Only its first 8 words are matched anyway.
 */
export const MAX_SEARCH_LENGTH = 200;
export type StatusFilter = ContactStatus | 'all';

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => ['contacts', 'list'] as const,
  list: (type: ContactSection, status: StatusFilter, q: string) => ['contacts', 'list', type, status, q] as const,
  detail: (id: string) => ['contacts', 'detail', id] as const,
  activity: (id: string) => ['contacts', 'detail', id, 'activity'] as const,
  notes: (id: string) => ['contacts', 'detail', id, 'notes'] as const,
  attachments: (id: string) => ['contacts', 'detail', id, 'attachments'] as const,
};

const PAGE_SIZE = 50;

export function useContactList(type: ContactSection, status: StatusFilter, q: string) {
  return useInfiniteQuery({
    queryKey: contactKeys.list(type, status, q),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Contact>>(
        '/contacts',
        { type, status: status === 'all' ? undefined : status, q: q || undefined, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

// Encoded, because an address can give an id with `/` or `?`, which would request another path.
const contactUrl = (id: string) => `/contacts/${encodeURIComponent(id)}`;

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: contactKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Contact>(contactUrl(id ?? ''), undefined, signal),
    enabled: Boolean(id),
  });
}

/** Reads the contact from the server, whatever the cache has, and stores it in the cache. */
export function fetchCurrentContact(client: QueryClient, id: string): Promise<Contact> {
  return client.fetchQuery({
    queryKey: contactKeys.detail(id),
    queryFn: ({ signal }) => api.get<Contact>(contactUrl(id), undefined, signal),
    staleTime: 0,
  });
}

function refreshContact(client: QueryClient, id: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: contactKeys.lists() }),
    client.invalidateQueries({ queryKey: contactKeys.detail(id) }),
  ]);
}

export function useCreateContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ContactInput) => api.post<SavedContact>('/contacts', input),
    onSuccess: (contact) => {
      // The saved contact shows at once, and the page then reads it again for
      // what a save's response lacks (lastActivity, from an opening balance).
      client.setQueryData(contactKeys.detail(contact.id), stripWarnings(contact));
      return Promise.all([
        client.invalidateQueries({ queryKey: contactKeys.detail(contact.id), refetchType: 'none' }),
        client.invalidateQueries({ queryKey: contactKeys.lists() }),
      ]);
    },
  });
}

/**
 * Saves changes to a contact read at `version`. The server rejects them with
 * 412 `contact_changed`, writing nothing, when the contact has changed since.
 */
export function useUpdateContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ changes, version }: { changes: ContactPatch; version: number }) =>
      apiRequest<SavedContact>('PATCH', contactUrl(id), { body: changes, headers: { 'If-Match': `"${version}"` } }),
    onSuccess: () => refreshContact(client, id),
  });
}

export function useContactAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'deactivate' | 'reactivate') =>
      api.post<Contact & { warnings: { code: string; message: string }[] }>(`/contacts/${id}/${action}`),
    onSuccess: () => refreshContact(client, id),
  });
}

export function useDeleteContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/contacts/${id}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: contactKeys.detail(id) });
      return client.invalidateQueries({ queryKey: contactKeys.lists() });
    },
  });
}

export function useActivity(id: string) {
  return useInfiniteQuery({
    queryKey: contactKeys.activity(id),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ActivityItem>>(`/contacts/${id}/activity`, { cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Notes arrive as a page or, from simpler servers, as a plain array. */
function itemsOf<T>(answer: Page<T> | T[]): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

export function useNotes(contactId: string) {
  return useQuery({
    queryKey: contactKeys.notes(contactId),
    queryFn: async ({ signal }) =>
      itemsOf(await api.get<Page<Note> | Note[]>(`/contacts/${contactId}/notes`, { limit: 200 }, signal)),
  });
}

export interface NoteInput {
  heading: string | null;
  body: string;
  isPrivate: boolean;
}

export function useSaveNote(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ noteId, input }: { noteId?: string; input: NoteInput }) =>
      noteId
        ? api.patch<Note>(`/contacts/${contactId}/notes/${noteId}`, input)
        : api.post<Note>(`/contacts/${contactId}/notes`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: contactKeys.notes(contactId) }),
  });
}

export function useDeleteNote(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (noteId: string) => api.delete(`/contacts/${contactId}/notes/${noteId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: contactKeys.notes(contactId) }),
  });
}

export function useAttachments(contactId: string) {
  return useQuery({
    queryKey: contactKeys.attachments(contactId),
    queryFn: async ({ signal }) =>
      itemsOf(
        await api.get<Page<Attachment> | Attachment[]>(`/contacts/${contactId}/attachments`, { limit: 200 }, signal),
      ),
  });
}

export function useUploadAttachment(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return apiRequest<Attachment>('POST', `/contacts/${contactId}/attachments`, { body });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: contactKeys.attachments(contactId) }),
  });
}

export function useDeleteAttachment(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => api.delete(`/contacts/${contactId}/attachments/${attachmentId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: contactKeys.attachments(contactId) }),
  });
}

export function useAnonymiseContact(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Contact>(`/contacts/${id}/anonymise`),
    onSuccess: () => refreshContact(client, id),
  });
}

/** Returns the URL of the contact's personal data as a JSON download (GDPR access request). */
export function personalDataUrl(contactId: string): string {
  return `/api/v1/contacts/${contactId}/personal-data`;
}

export function attachmentUrl(contactId: string, attachmentId: string): string {
  return `/api/v1/contacts/${contactId}/attachments/${attachmentId}`;
}

function stripWarnings(contact: SavedContact): Contact {
  const { warnings: _warnings, ...rest } = contact;
  return rest;
}
