/** Calls of the contact list screens: pages, totals, saved views, duplicates and merge. */
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Contact, DecimalString, FieldChange, Note, Page } from '../../api/types.ts';
import { contactKeys } from '../api.ts';
import { useMutation } from '../../shared/mutation.ts';

/** Query parameters of `GET /contacts` and `GET /contacts/totals`, as strings. */
export type ListQuery = Record<string, string>;

export type SortField = 'name' | 'code' | 'balance' | 'createdAt' | 'lastActivity';
export interface SortSpec {
  field: SortField;
  order: 'asc' | 'desc';
}

export interface ContactView {
  id: string;
  name: string;
  filters: Record<string, string>;
  sort: SortSpec | null;
  columns: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ContactTotals {
  count: number;
  /** The sums, null for a user without `ledger.view`, who gets the count alone. */
  receivable: DecimalString | null;
  payable: DecimalString | null;
  advance: DecimalString | null;
}

export interface CustomerGroup {
  id: string;
  name: string;
}

export const PAGE_SIZE = 50;

const viewKeys = ['contact-views'] as const;

/**
 * Returns the list's query in the reverse order, whose first page contains
 * the list's last contacts: the table reads it to show the end of a long list.
 * A search without a sort is in relevance order, which the API reverses as
 * `sort=relevance&order=desc`.
 */
export function reversedQuery(query: ListQuery): ListQuery {
  if (query.q && !query.sort) return { ...query, sort: 'relevance', order: 'desc' };
  return { ...query, sort: query.sort ?? 'name', order: query.order === 'desc' ? 'asc' : 'desc' };
}

/**
 * Loads the list page by page, each contact with only `fields` (the server
 * leaves the others out). The request's abort signal goes to fetch, so when
 * the search text changes the query of the old text loses its observer and
 * TanStack Query cancels its request. While a new query loads, the previous
 * pages stay on screen if they contain every field the new one requests.
 * With `enabled` false, nothing is requested.
 */
export function useContactPages(query: ListQuery, fields: readonly string[], enabled = true) {
  const fieldList = fields.join(',');
  return useInfiniteQuery({
    enabled,
    queryKey: [...contactKeys.lists(), 'pages', query, fieldList],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Contact> & { truncated?: boolean }>(
        '/contacts',
        { ...query, fields: fieldList, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: (previous, previousQuery) => {
      const previousFields = String(previousQuery?.queryKey.at(-1) ?? '').split(',');
      return fields.every((field) => previousFields.includes(field)) ? keepPreviousData(previous) : undefined;
    },
  });
}

/** Reads the totals of the filtered list; `enabled` is false until a view named by the address is applied. */
export function useContactTotals(filters: ListQuery, enabled = true) {
  return useQuery({
    queryKey: [...contactKeys.lists(), 'totals', filters],
    queryFn: ({ signal }) => api.get<ContactTotals>('/contacts/totals', filters, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Reads up to two inactive contacts that `query` keeps once its status is set
 * to inactive, and returns how many there are. An empty list of active
 * contacts uses it to say whether one or several inactive contacts match.
 * With `enabled` false, nothing is requested.
 */
export function useInactiveMatches(query: ListQuery, enabled: boolean) {
  // Counting two contacts needs no order, so the sort is left out.
  const inactive: ListQuery = { ...query, status: 'inactive' };
  delete inactive.includeInactive;
  delete inactive.sort;
  delete inactive.order;
  return useQuery({
    queryKey: [...contactKeys.lists(), 'inactive-matches', inactive],
    queryFn: async ({ signal }) => (await api.get<Page<Contact>>('/contacts', { ...inactive, fields: 'id', limit: 2 }, signal)).items.length,
    enabled,
  });
}

export function useCustomerGroups(enabled = true) {
  return useQuery({
    queryKey: ['customer-groups', 'all'],
    queryFn: async ({ signal }) => (await api.get<Page<CustomerGroup>>('/customer-groups', { limit: 100 }, signal)).items,
    staleTime: 60_000,
    enabled,
  });
}

export function useContactViews() {
  return useQuery({
    queryKey: viewKeys,
    queryFn: async ({ signal }) => (await api.get<Page<ContactView>>('/contact-views', undefined, signal)).items,
  });
}

export interface ViewInput {
  name: string;
  filters: Record<string, string>;
  sort: SortSpec | null;
  columns: string[];
}

export function useSaveView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: Partial<ViewInput> }) =>
      id ? api.patch<ContactView>(`/contact-views/${id}`, input) : api.post<ContactView>('/contact-views', input),
    // A failure may come from a view deleted in another tab, so the list of views is read again either way.
    onSettled: () => client.invalidateQueries({ queryKey: viewKeys }),
  });
}

export function useDeleteView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/contact-views/${id}`),
    onSettled: () => client.invalidateQueries({ queryKey: viewKeys }),
  });
}

export type DuplicateReason = 'mobile' | 'email' | 'taxNumber' | 'card' | 'name';
export const duplicateReasons: DuplicateReason[] = ['mobile', 'email', 'taxNumber', 'card', 'name'];

export interface DuplicateMember {
  id: string;
  code: string;
  name: string;
  type: Contact['type'];
  status: Contact['status'];
  mobile: string | null;
  email: string | null;
  taxNumber: string | null;
  loyaltyCardNumber: string | null;
  city: string | null;
  balance: DecimalString;
  createdAt: string;
}

export interface DuplicateGroup {
  reason: DuplicateReason;
  key: string;
  count: number;
  contacts: DuplicateMember[];
}

export function useDuplicates(reason: DuplicateReason | null) {
  return useInfiniteQuery({
    queryKey: [...contactKeys.all, 'duplicates', reason],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<DuplicateGroup>>('/contacts/duplicates', { reason, limit: 20, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export interface MergeRequest {
  keepId: string;
  mergeIds: string[];
  fields: Record<string, string>;
}

export interface MergeResult {
  dryRun: boolean;
  contact: Contact;
  merged: { id: string; code: string; name: string }[];
  moved: Record<string, number>;
  changes: FieldChange[];
  /** Notes the merge adds on the kept contact, listing the merged contacts' values it did not take. */
  notes: Note[];
}

/** Runs the merge as a dry run: what the kept contact becomes and what moves to it, with nothing changed. */
export function useMergePreview(request: MergeRequest | null) {
  return useQuery({
    // Outside the contact keys, so the merge's own refresh does not ask for a dry run of deleted contacts.
    queryKey: ['merge-preview', request],
    queryFn: () => api.post<MergeResult>('/contacts/merge', { ...request, dryRun: true }),
    enabled: request !== null && request.mergeIds.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useMerge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: MergeRequest) => api.post<MergeResult>('/contacts/merge', request),
    onSuccess: (_result, request) => {
      for (const id of request.mergeIds) client.removeQueries({ queryKey: contactKeys.detail(id) });
      return client.invalidateQueries({ queryKey: contactKeys.all });
    },
  });
}
