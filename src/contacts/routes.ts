import type { Deps, ZodApp } from '../server/app.ts';

export async function contactRoutes(_app: ZodApp, _deps: Deps): Promise<void> {}
