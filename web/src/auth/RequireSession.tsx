/**
 * Guards every signed-in screen: sends a fresh install to the setup form and
 * a signed-out visitor to the sign-in page, then provides the session.
 */
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import { currentLocale, applyLocale } from '../i18n/index.ts';
import { FullPageError, FullPageLoader } from '../layout/FullPage.tsx';
import { useSessionQuery, useSetupQuery } from './api.ts';
import { SessionEndedDialog } from './SessionEndedDialog.tsx';
import { SessionProvider } from './session-context.tsx';

export function RequireSession({ children }: { children: ReactNode }) {
  const setup = useSetupQuery();
  const session = useSessionQuery();
  const location = useLocation();
  useUserLocale(session.data);

  if (setup.isPending || session.isPending) return <FullPageLoader />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (session.isError) return <FullPageError error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return (
    <SessionProvider value={session.data}>
      {children}
      <SessionEndedDialog email={session.data.user.email} />
    </SessionProvider>
  );
}

/** Applies the signed-in user's preferred language, else the business's, once per user. */
function useUserLocale(session: { user: { id: string; locale: 'fr' | 'en' | null }; business: { locale: 'fr' | 'en' } } | undefined | null) {
  const appliedFor = useRef<string | null>(null);
  const client = useQueryClient();
  useEffect(() => {
    if (!session || appliedFor.current === session.user.id) return;
    appliedFor.current = session.user.id;
    const locale = session.user.locale ?? session.business.locale;
    if (locale === currentLocale()) return;
    // Requests sent before the switch got their messages in the old language: fetch them again.
    void applyLocale(locale).then(() => client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' }));
  }, [session, client]);
}
