import { createContext, useContext } from 'react';
import type { Session } from '../api/types.ts';
import { type Formatters, useFormat } from '../i18n/format.ts';

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = SessionContext.Provider;

/** Returns the signed-in session. Only screens behind `RequireSession` call it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is called outside a signed-in screen');
  return session;
}

export function can(session: Session, permission: string): boolean {
  return session.isAdmin || session.permissions.includes(permission);
}

/** Seeing a list: the full view permission, or "view own" (contacts one created or is assigned). */
export function canView(session: Session, type: 'customer' | 'supplier'): boolean {
  return can(session, `${type}.view`) || can(session, `${type}.view_own`);
}

/** Formats with the UI language and the signed-in business's currency and time zone. */
export function useBusinessFormat(): Formatters {
  const { business } = useSession();
  return useFormat(business.currency, business.timezone);
}
