/** Business, location, user and role calls as TanStack Query hooks. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type {
  Business,
  Location,
  LocationInput,
  Page,
  PermissionEntry,
  Role,
  User,
  UserInput,
} from '../api/types.ts';
import { sessionKey } from '../auth/api.ts';
import { useMutation } from '../shared/mutation.ts';

/** Lists arrive as `{ items, nextCursor }`; settings lists are short, so one page of 200 is all of them. */
function itemsOf<T>(answer: Page<T> | T[]): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

export type BusinessInput = Omit<Business, 'id' | 'currency'> & { currency?: string };

export function useBusiness() {
  return useQuery({ queryKey: ['business'], queryFn: () => api.get<Business>('/business') });
}

export function useSaveBusiness() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Partial<BusinessInput>) => api.patch<Business>('/business', changes),
    onSuccess: (business) => {
      client.setQueryData(['business'], business);
      // The session carries the business too (name in the header, custom field labels in forms).
      return client.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

export function useLocations() {
  return useQuery({
    queryKey: ['locations'],
    queryFn: async () => itemsOf(await api.get<Page<Location> | Location[]>('/locations', { limit: 200 })),
  });
}

export function useSaveLocation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: Partial<LocationInput> }) =>
      id ? api.patch<Location>(`/locations/${id}`, input) : api.post<Location>('/locations', input),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['locations'] }),
        client.invalidateQueries({ queryKey: sessionKey }),
      ]),
  });
}

/** Loads the business's users. Pass `enabled` false for callers without `users.manage`. */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: ['users'],
    queryFn: async () => itemsOf(await api.get<Page<User> | User[]>('/users', { limit: 200 })),
    enabled,
  });
}

export function useSaveUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: Partial<UserInput> }) =>
      id ? api.patch<User>(`/users/${id}`, input) : api.post<User>('/users', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['roles'],
    queryFn: async () => itemsOf(await api.get<Page<Role> | Role[]>('/roles', { limit: 200 })),
    enabled,
  });
}

export function usePermissionCatalogue() {
  return useQuery({
    queryKey: ['permissions'],
    queryFn: async () => itemsOf(await api.get<Page<PermissionEntry> | PermissionEntry[]>('/permissions')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSaveRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: { name: string; permissions: string[] } }) =>
      id ? api.patch<Role>(`/roles/${id}`, input) : api.post<Role>('/roles', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['roles'] }),
  });
}

export function useDeleteRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/roles/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['roles'] }),
  });
}
