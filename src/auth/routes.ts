/** Every route of setup, sessions and settings. */
import type { Deps, ZodApp } from '../server/app.ts';
import { businessRoutes } from './http/business-routes.ts';
import { sessionRoutes } from './http/session-routes.ts';
import { tokenRoutes } from './http/token-routes.ts';
import { userRoutes } from './http/user-routes.ts';

export async function authRoutes(app: ZodApp, deps: Deps): Promise<void> {
  await sessionRoutes(app, deps);
  await businessRoutes(app, deps);
  await userRoutes(app, deps);
  await tokenRoutes(app, deps);
}
