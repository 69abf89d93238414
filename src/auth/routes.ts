import type { Deps, ZodApp } from '../server/app.ts';

export async function authRoutes(_app: ZodApp, _deps: Deps): Promise<void> {}
