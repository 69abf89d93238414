/** Product, selling price group, customer group and report calls, with their JSON shapes. */
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../api/client.ts';
import type { DecimalString, Page } from '../api/types.ts';
import { documentKeys, type SaleDocument } from '../documents/api.ts';
import { useMutation } from '../shared/mutation.ts';

export interface ProductPrice {
  priceGroupId: string;
  priceGroupName: string;
  price: DecimalString;
}

export interface Product {
  id: string;
  sku: string;
  name: string;
  /** Tax included. */
  sellingPrice: DecimalString;
  /** Percent, e.g. "20" or "5.5". */
  taxRate: string;
  isActive: boolean;
  prices: ProductPrice[];
  createdAt: string;
  updatedAt: string;
}

export interface ProductInput {
  sku: string;
  name: string;
  sellingPrice: DecimalString;
  taxRate: string;
  isActive: boolean;
  prices: { priceGroupId: string; price: DecimalString }[];
}

export interface PriceGroup {
  id: string;
  name: string;
  description: string | null;
  isActive: boolean;
}

export interface PriceGroupInput {
  name: string;
  description: string | null;
  isActive: boolean;
}

export type Calculation = 'percentage' | 'price_group';

export interface CustomerGroup {
  id: string;
  name: string;
  calculation: Calculation;
  percentage: string | null;
  priceGroupId: string | null;
  priceGroupName: string | null;
  contactCount: number;
}

export interface CustomerGroupInput {
  name: string;
  calculation: Calculation;
  percentage: string | null;
  priceGroupId: string | null;
}

export interface ImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  failed: number;
  errors: { line: number; issues: { path: string; code: string; message: string }[] }[];
}

interface ReportFigures {
  sales: number;
  salesTotal: DecimalString;
  groupDiscount: DecimalString;
  returns: number;
  returnsTotal: DecimalString;
  netTotal: DecimalString;
}

export interface SalesByGroupReport {
  from: string;
  to: string;
  currency: string;
  rows: (ReportFigures & { customerGroupId: string | null; name: string | null })[];
  totals: ReportFigures;
}

export const pricingKeys = {
  products: ['products'] as const,
  priceGroups: ['price-groups'] as const,
  customerGroups: ['customer-groups'] as const,
};

/** Pages through the products whose SKU or name contains `q`, by name. */
export function useProductList(q: string) {
  return useInfiniteQuery({
    queryKey: [...pricingKeys.products, 'list', q],
    queryFn: ({ pageParam, signal }) => api.get<Page<Product>>('/products', { q, limit: 50, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Searches active products for a sale line: the first ten matches. */
export function useProductSearch(q: string) {
  return useQuery({
    queryKey: [...pricingKeys.products, 'search', q],
    queryFn: ({ signal }) => api.get<Page<Product>>('/products', { q, active: 'true', limit: 10 }, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useSaveProduct() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ProductInput }) =>
      id ? api.patch<Product>(`/products/${id}`, input) : api.post<Product>('/products', input),
    onSuccess: () => client.invalidateQueries({ queryKey: pricingKeys.products }),
  });
}

export function useDeleteProduct() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/products/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: pricingKeys.products }),
  });
}

export function useImportProducts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const body = new FormData();
      body.append('file', file);
      return api.post<ImportResult>('/products/import', body, { dryRun });
    },
    onSuccess: (result) => (result.dryRun ? undefined : client.invalidateQueries({ queryKey: pricingKeys.products })),
  });
}

/** Loads the selling price groups: the first 200, the API's largest page. */
export function usePriceGroups() {
  return useQuery({
    queryKey: pricingKeys.priceGroups,
    queryFn: async ({ signal }) => (await api.get<Page<PriceGroup>>('/price-groups', { limit: 200 }, signal)).items,
  });
}

export function useSavePriceGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: PriceGroupInput }) =>
      id ? api.patch<PriceGroup>(`/price-groups/${id}`, input) : api.post<PriceGroup>('/price-groups', input),
    onSuccess: () => refreshPricing(client),
  });
}

export function useDeletePriceGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/price-groups/${id}`),
    onSuccess: () => refreshPricing(client),
  });
}

/** Loads the customer groups with their contact counts: the first 200, the API's largest page. */
export function useCustomerGroups(enabled = true) {
  return useQuery({
    queryKey: pricingKeys.customerGroups,
    queryFn: async ({ signal }) => (await api.get<Page<CustomerGroup>>('/customer-groups', { limit: 200 }, signal)).items,
    enabled,
  });
}

export function useSaveCustomerGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: CustomerGroupInput }) =>
      id ? api.patch<CustomerGroup>(`/customer-groups/${id}`, input) : api.post<CustomerGroup>('/customer-groups', input),
    onSuccess: () => client.invalidateQueries({ queryKey: pricingKeys.customerGroups }),
  });
}

/** Deletes a group; `moveTo` (another group's id, or "none") names where its contacts go first. */
export function useDeleteCustomerGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, moveTo }: { id: string; moveTo?: string }) =>
      apiRequest<{ movedContacts: number; movedTo: string | null }>('DELETE', `/customer-groups/${id}`, { query: { moveTo } }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: pricingKeys.customerGroups }),
        client.invalidateQueries({ queryKey: ['contacts'] }),
      ]),
  });
}

export function useSalesByGroup(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: ['reports', 'sales-by-customer-group', range?.from, range?.to],
    queryFn: ({ signal }) => api.get<SalesByGroupReport>('/reports/sales-by-customer-group', range ?? undefined, signal),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}

function refreshPricing(client: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    client.invalidateQueries({ queryKey: pricingKeys.priceGroups }),
    client.invalidateQueries({ queryKey: pricingKeys.products }),
    client.invalidateQueries({ queryKey: pricingKeys.customerGroups }),
  ]);
}

/** Changes or clears the customer of a parked sale; the server reprices it for the new customer's group. */
export function useChangeSaleCustomer(saleId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string | null) => api.patch<SaleDocument>(`/sales/${saleId}`, { contactId }),
    onSuccess: (sale) => {
      client.setQueryData(documentKeys.detail('sale', sale.id), sale);
      return client.invalidateQueries({ queryKey: documentKeys.all });
    },
  });
}
