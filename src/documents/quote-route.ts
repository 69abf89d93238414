/** The sale quote: parse, price the lines without saving, reply. */
import type { Deps, ZodApp } from '../server/app.ts';
import { actorOf } from '../ledger/actor.ts';
import { quoteSale } from './quote-sale.ts';
import { quoteInput, quoteView } from './schemas.ts';

export async function saleQuoteRoute(app: ZodApp, deps: Deps): Promise<void> {
  app.post('/api/v1/sales/quote', {
    config: { permission: 'sale.create' },
    schema: {
      tags: ['sales'],
      summary: 'Price a sale before saving it: the customer group’s price on each line, a points redemption and the totals',
      description:
        'Takes the contact, lines and redeemPoints of POST /sales and prices them with the same code, writing nothing. ' +
        'Saving the same lines for the same customer stores these amounts. Invalid lines answer 422 as the save would; points ' +
        'that break a loyalty limit are listed in redemptionIssues and left out of the totals.',
      body: quoteInput,
      response: { 200: quoteView },
    },
  }, async (request) => quoteSale(deps.db.kysely, actorOf(request), request.body));
}
