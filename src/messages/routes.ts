/** Every HTTP route of messages: templates, channels, sending, reminders, webhooks. */
import type { Deps, ZodApp } from '../server/app.ts';
import { channelRoutes } from './channel-routes.ts';
import { messageRoutes } from './message-routes.ts';
import { reminderRoutes } from './reminder-routes.ts';
import { templateRoutes } from './template-routes.ts';
import { webhookRoutes } from './webhook-routes.ts';

export async function messagesRoutes(app: ZodApp, deps: Deps): Promise<void> {
  await templateRoutes(app, deps);
  await channelRoutes(app, deps);
  await messageRoutes(app, deps);
  await reminderRoutes(app, deps);
  await webhookRoutes(app, deps);
}
