/** Setup, sign-in and session calls, as TanStack Query hooks. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../api/client.ts';
import type { Locale, Session, SetupInput } from '../api/types.ts';

export const sessionKey = ['session'] as const;

/** The signed-in session, or null when nobody is signed in (a 401). */
export function useSessionQuery() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await api.get<Session>('/session');
        setCsrfToken(session.csrfToken);
        return session;
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useSetupQuery() {
  return useQuery({
    queryKey: ['setup'],
    queryFn: () => api.get<{ needed: boolean }>('/setup'),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** Reloads the session after a sign-in, a setup or a sign-out. */
function useSessionChanged() {
  const client = useQueryClient();
  return async () => {
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    await client.invalidateQueries({ queryKey: sessionKey });
  };
}

export function useSignIn() {
  const changed = useSessionChanged();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<Session>('/session', input),
    onSuccess: changed,
  });
}

export function useSetup() {
  const client = useQueryClient();
  const changed = useSessionChanged();
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<{ session: Session }>('/setup', input),
    onSuccess: async () => {
      client.setQueryData(['setup'], { needed: false });
      await changed();
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/session'),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(sessionKey, null);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/session/password', input),
  });
}

export function useSaveLocale() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => api.patch<unknown>('/session', { locale }),
    onSuccess: (_, locale) => {
      client.setQueryData<Session | null>(sessionKey, (session) =>
        session ? { ...session, user: { ...session.user, locale } } : session,
      );
    },
  });
}
