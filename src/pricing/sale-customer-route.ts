/** Changing the customer of a parked sale: parse, call the use case, reply. */
import { z } from 'zod';
import { documentView, payTermSchema } from '../documents/schemas.ts';
import { actorOf } from '../ledger/actor.ts';
import { inTransaction } from '../ledger/http.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { changeSaleCustomer } from './change-sale-customer.ts';
import { idParams } from './schemas.ts';

const saleCustomerChange = z.strictObject({
  contactId: z
    .string()
    .min(1)
    .max(100)
    .nullable()
    .describe('The new customer, or null to make the sale a walk-in sale'),
  payTerm: payTermSchema
    .nullable()
    .optional()
    .describe('Absent: the new customer’s term (none for a walk-in sale) when the customer changes, else unchanged; null: due on the sale’s date'),
});

export async function saleCustomerRoute(app: ZodApp, deps: Deps): Promise<void> {
  app.patch('/api/v1/sales/:id', {
    config: { permission: 'sale.create' },
    schema: {
      tags: ['sales'],
      summary: 'Change or clear the customer of a parked sale, repricing it for the new customer’s group',
      description:
        'Only parked sales (409 document_status otherwise). A points redemption made for the previous customer is removed. ' +
        'The pay term becomes the new customer’s unless payTerm is given, and the due date is computed again.',
      params: idParams,
      body: saleCustomerChange,
      response: { 200: documentView },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return inTransaction(deps.db, (trx) => changeSaleCustomer(trx, actor, request.params.id, request.body));
  });
}
