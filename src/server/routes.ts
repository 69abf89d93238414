/** Every API route module, registered in one place. */
import type { Deps, ZodApp } from './app.ts';
import { authRoutes } from '../auth/routes.ts';
import { contactRoutes } from '../contacts/routes.ts';
import { contactSearchRoutes } from '../contacts/search/routes.ts';
import { contactMergeRoutes } from '../contacts/merge/routes.ts';
import { documentRoutes } from '../documents/routes.ts';
import { saleQuoteRoute } from '../documents/quote-route.ts';
import { ledgerRoutes } from '../ledger/routes.ts';
import { paymentRoutes } from '../payments/routes.ts';
import { pricingRoutes } from '../pricing/routes.ts';
import { loyaltyRoutes } from '../loyalty/routes.ts';
import { messagesRoutes } from '../messages/routes.ts';
import { transferRoutes } from '../transfer/routes.ts';

export async function registerRoutes(app: ZodApp, deps: Deps): Promise<void> {
  await authRoutes(app, deps);
  await contactRoutes(app, deps);
  await contactSearchRoutes(app, deps);
  await contactMergeRoutes(app, deps);
  await saleQuoteRoute(app, deps);
  await documentRoutes(app, deps);
  await paymentRoutes(app, deps);
  await ledgerRoutes(app, deps);
  await pricingRoutes(app, deps);
  await loyaltyRoutes(app, deps);
  await messagesRoutes(app, deps);
  await transferRoutes(app, deps);
}
