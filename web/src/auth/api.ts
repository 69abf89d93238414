/** Setup, sign-in and session calls, as TanStack Query hooks. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../api/client.ts';
import type { Locale, Session, SetupInput } from '../api/types.ts';
import { applyUserLocale, forgetUserLocale, takeChoiceBeforeSignIn } from '../i18n/index.ts';
import { clearSessionEnded, markSessionEnded } from './session-ended.ts';
import { useMutation } from '../shared/mutation.ts';

export const sessionKey = ['session'] as const;

/**
 * Loads the signed-in session, or null when no user is signed in (a 401).
 * A 401 while a session is shown keeps that session and opens the sign-in
 * dialog instead, so the screen and its unsaved values stay.
 */
export function useSessionQuery() {
  const client = useQueryClient();
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await api.get<Session>('/session');
        setCsrfToken(session.csrfToken);
        await applyUserLocale(session);
        return session;
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          setCsrfToken(null);
          const shownSession = client.getQueryData<Session | null>(sessionKey) ?? null;
          if (shownSession) markSessionEnded();
          else forgetUserLocale();
          return shownSession;
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

/**
 * Keeps a fresh session: its CSRF token for the next changes, and a language
 * picked on the sign-in page as the user's preference. Without such a pick,
 * the user's saved language applies, before the session enters the cache,
 * so that the first requests of the signed-in screens already use it.
 */
function useSessionStarted() {
  const client = useQueryClient();
  return async (started: Session) => {
    setCsrfToken(started.csrfToken);
    let session = started;
    const chosen = takeChoiceBeforeSignIn();
    if (chosen && started.user.locale !== chosen) session = await api.patch<Session>('/session', { locale: chosen });
    forgetUserLocale();
    await applyUserLocale(session);
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' && query.queryKey[0] !== 'setup' });
    client.setQueryData(sessionKey, session);
  };
}

export function useSignIn() {
  const started = useSessionStarted();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) => {
      await started(await api.post<Session>('/session', input));
    },
  });
}

export function useSetup() {
  const client = useQueryClient();
  const started = useSessionStarted();
  return useMutation({
    mutationFn: async (input: SetupInput) => {
      const { session } = await api.post<{ session: Session }>('/setup', input);
      client.setQueryData(['setup'], { needed: false });
      await started(session);
    },
  });
}

/**
 * Signs in again from the dialog over a screen whose session ended. The same
 * user keeps the screen and its unsaved values, and the failed queries load
 * again. Another user starts afresh on the home page.
 */
export function useSignInAgain() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) => {
      const session = await api.post<Session>('/session', input);
      const previous = client.getQueryData<Session | null>(sessionKey);
      setCsrfToken(session.csrfToken);
      const sameUser = previous?.user.id === session.user.id;
      if (!sameUser) {
        await applyUserLocale(session);
        client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' && query.queryKey[0] !== 'setup' });
      }
      client.setQueryData(sessionKey, session);
      clearSessionEnded();
      if (sameUser) await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' && query.state.status === 'error' });
      return { sameUser };
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/session'),
    onSettled: () => {
      clearSessionEnded();
      forgetUserLocale();
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

/** Changes the signed-in user's own name, which any user may do, and shows it at once in the header and the user list. */
export function useChangeOwnName() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.patch<Session>('/session', { name }),
    onSuccess: async (session) => {
      client.setQueryData(sessionKey, session);
      await client.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

export function useSaveLocale() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => api.patch<Session>('/session', { locale }),
    onSuccess: (session) => client.setQueryData(sessionKey, session),
  });
}
