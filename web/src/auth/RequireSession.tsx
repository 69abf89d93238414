/**
 * Guards every signed-in screen: sends a fresh install to the setup form and
 * a signed-out visitor to the sign-in page, then provides the session. The
 * session's loaders apply the user's language before the session arrives
 * here (see `applyUserLocale`).
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageError, FullPageLoader } from '../layout/FullPage.tsx';
import { useSessionQuery, useSetupQuery } from './api.ts';
import { SessionEndedDialog } from './SessionEndedDialog.tsx';
import { SessionProvider } from './session-context.tsx';

export function RequireSession({ children }: { children: ReactNode }) {
  const setup = useSetupQuery();
  const session = useSessionQuery();
  const location = useLocation();

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
