import type { Executor } from '../db/database.ts';
import type { AuthContext } from './context.ts';
import { endSession } from './sessions.ts';

/** Signs out: deletes the caller's session row. A bearer-token caller has none to end. */
export async function logout(db: Executor, auth: AuthContext | null): Promise<void> {
  if (auth?.sessionId) await endSession(db, auth.sessionId);
}
