/** Loyalty settings, a contact's points and manual adjustments, with their JSON shapes. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../api/client.ts';
import type { DecimalString } from '../api/types.ts';
import { useMutation } from '../shared/mutation.ts';

export type ExpiryUnit = 'months' | 'years';

export interface LoyaltySettings {
  enabled: boolean;
  name: string;
  amountPerPoint: DecimalString;
  minOrderToEarn: DecimalString;
  maxPointsPerOrder: number | null;
  pointValue: DecimalString;
  minOrderToRedeem: DecimalString;
  minPointsToRedeem: number | null;
  maxPointsPerOrderRedeem: number | null;
  expiry: { period: number; unit: ExpiryUnit } | null;
}

export interface LoyaltyLot {
  earnedOn: string;
  expiresOn: string | null;
  points: number;
  remaining: number;
}

export interface LoyaltyMovement {
  id: string;
  date: string;
  type: string;
  points: number;
  shortfall: number;
  documentId: string | null;
  documentReference: string | null;
  reason: string | null;
  createdAt: string;
}

export interface ContactLoyalty {
  points: number;
  lots: LoyaltyLot[];
  history: LoyaltyMovement[];
}

const settingsKey = ['loyalty', 'settings'] as const;
const contactKey = (id: string) => ['loyalty', 'contact', id] as const;

export function useLoyaltySettings() {
  return useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => api.get<LoyaltySettings>('/loyalty/settings', undefined, signal) });
}

export function useSaveLoyaltySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoyaltySettings) => apiRequest<LoyaltySettings>('PUT', '/loyalty/settings', { body: input }),
    onSuccess: (settings) => client.setQueryData(settingsKey, settings),
  });
}

export function useContactLoyalty(contactId: string) {
  return useQuery({
    queryKey: contactKey(contactId),
    queryFn: ({ signal }) => api.get<ContactLoyalty>(`/contacts/${contactId}/loyalty`, undefined, signal),
  });
}

export function useAdjustPoints(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { points: number; reason: string }) =>
      api.post<ContactLoyalty>(`/contacts/${contactId}/loyalty/adjustments`, input),
    onSuccess: (loyalty) => {
      client.setQueryData(contactKey(contactId), loyalty);
      return client.invalidateQueries({ queryKey: ['contacts', 'lookup'] });
    },
  });
}
