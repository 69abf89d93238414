/** Ledger calls as TanStack Query hooks: a contact's ledger pages, figures, history and the dashboard. */
import { type QueryClient, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { contactKeys } from '../contacts/api.ts';
import type { Account, BalanceHistory, Dashboard, LedgerFilters, LedgerPage, OpenItem } from './types.ts';

export const ledgerPaths = {
  ledger: (contactId: string) => `/contacts/${contactId}/ledger`,
  account: (contactId: string) => `/contacts/${contactId}/account`,
  openItems: (contactId: string) => `/contacts/${contactId}/open-items`,
  balanceHistory: (contactId: string) => `/contacts/${contactId}/balance-history`,
  statement: (contactId: string) => `/contacts/${contactId}/statement.pdf`,
  export: (contactId: string, format: 'csv' | 'xlsx') => `/contacts/${contactId}/ledger.${format}`,
  dashboard: '/dashboard/receivables',
};

export const ledgerKeys = {
  all: ['ledger'] as const,
  ledger: (contactId: string, filters: LedgerFilters) => ['ledger', contactId, 'lines', filters] as const,
  account: (contactId: string) => ['ledger', contactId, 'account'] as const,
  openItems: (contactId: string) => ['ledger', contactId, 'open-items'] as const,
  history: (contactId: string) => ['ledger', contactId, 'history'] as const,
  dashboard: () => ['ledger', 'dashboard'] as const,
};

const PAGE_SIZE = 50;

/** Builds the query of a ledger read, leaving empty filters out. */
export function ledgerQuery(filters: LedgerFilters) {
  return { from: filters.from || undefined, to: filters.to || undefined, locationId: filters.locationId || undefined };
}

export function useLedger(contactId: string, filters: LedgerFilters) {
  return useInfiniteQuery({
    queryKey: ledgerKeys.ledger(contactId, filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<LedgerPage>(
        ledgerPaths.ledger(contactId),
        { ...ledgerQuery(filters), limit: PAGE_SIZE, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
}

export function useAccount(contactId: string) {
  return useQuery({
    queryKey: ledgerKeys.account(contactId),
    queryFn: ({ signal }) => api.get<Account>(ledgerPaths.account(contactId), undefined, signal),
    enabled: Boolean(contactId),
  });
}

export function useOpenItems(contactId: string, enabled = true) {
  return useQuery({
    queryKey: ledgerKeys.openItems(contactId),
    queryFn: async ({ signal }) => {
      const answer = await api.get<{ items: OpenItem[] } | OpenItem[]>(ledgerPaths.openItems(contactId), undefined, signal);
      return Array.isArray(answer) ? answer : answer.items;
    },
    enabled,
  });
}

export function useBalanceHistory(contactId: string, range: { from?: string; to?: string }) {
  return useQuery({
    queryKey: [...ledgerKeys.history(contactId), range],
    queryFn: ({ signal }) => api.get<BalanceHistory>(ledgerPaths.balanceHistory(contactId), range, signal),
  });
}

export function useDashboard() {
  return useQuery({
    queryKey: ledgerKeys.dashboard(),
    queryFn: ({ signal }) => api.get<Dashboard>(ledgerPaths.dashboard, undefined, signal),
  });
}

/**
 * Refreshes every figure a posting changes: the contact, its ledger and
 * account, the lists that show balances, the documents and the dashboard.
 */
export function refreshAfterPosting(client: QueryClient, contactId: string | null) {
  const work = [
    client.invalidateQueries({ queryKey: contactKeys.lists() }),
    client.invalidateQueries({ queryKey: ledgerKeys.dashboard() }),
    client.invalidateQueries({ queryKey: ['documents'] }),
    client.invalidateQueries({ queryKey: ['payments'] }),
  ];
  if (contactId) {
    work.push(client.invalidateQueries({ queryKey: contactKeys.detail(contactId) }));
    work.push(client.invalidateQueries({ queryKey: ['ledger', contactId] }));
  }
  return Promise.all(work);
}
