/** Product import and export as CSV or XLSX. */
import { z } from 'zod';
import type { Deps, ZodApp } from '../server/app.ts';
import { actorOf } from '../ledger/actor.ts';
import { invalid } from '../shared/errors.ts';
import { importProducts, productsTable } from './product-transfer.ts';
import { contentTypes, tableToCsv, tableToXlsx } from './table-files.ts';

const importResult = z.object({
  dryRun: z.boolean(),
  created: z.number(),
  updated: z.number(),
  failed: z.number(),
  errors: z.array(z.object({ line: z.number(), issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })) })),
});

export async function productTransferRoutes(app: ZodApp, deps: Deps): Promise<void> {
  const tags = ['products'];

  app.get('/api/v1/products/export', {
    schema: {
      tags,
      summary: 'Download every product as CSV (default) or XLSX, with one price column per selling price group',
      querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    },
  }, async (request, reply) => {
    const table = await productsTable(deps.db, actorOf(request), request.locale);
    const format = request.query.format;
    const body = format === 'csv' ? tableToCsv(table, request.locale) : await tableToXlsx(table);
    return reply
      .header('content-disposition', `attachment; filename="products.${format}"`)
      .type(contentTypes[format])
      .send(body);
  });

  app.post('/api/v1/products/import', {
    config: { permission: 'product.manage' },
    schema: {
      tags,
      summary: 'Import products from a CSV or spreadsheet file (multipart field "file"), matched by SKU',
      description: 'Rows whose SKU exists update that product; the others create one. dryRun=true checks every row and saves nothing.',
      querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
      response: { 200: importResult },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const file = request.isMultipart() ? await request.file() : undefined;
    if (!file || file.fieldname !== 'file') throw invalid([{ path: 'file', code: 'required' }]);
    const content = await file.toBuffer();
    return importProducts(deps.db, actor, content, { dryRun: request.query.dryRun === 'true', locale: request.locale });
  });
}
