/**
 * Products in and out of spreadsheets. Files are opened with the readers the
 * contact import uses (CSV in any encoding and separator, XLSX, XLS, ODS).
 * Each row goes through the create and update use cases of the API, matched
 * to an existing product by SKU. A bad row is reported with its line and
 * skipped, and the others are saved, unless `dryRun` saves nothing.
 */
import type { Db } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { issueMessages, type ProblemIssue } from '../server/problems.ts';
import { AppError } from '../shared/errors.ts';
import type { Locale } from '../shared/messages.ts';
import { formatDecimal } from '../shared/money.ts';
import { openTable, type RawRow } from '../transfer/formats/table.ts';
import { amountFromNumber, parseAmount } from '../transfer/values/amount.ts';
import { cellText } from '../transfer/values/cells.ts';
import { createProduct } from './create-product.ts';
import { columnLabel, type HeaderMeaning, priceColumnLabel, productColumns, readHeader } from './product-columns.ts';
import type { ProductCreate } from './schemas.ts';
import type { Table } from './table-files.ts';
import { formatScaled } from '../documents/lines.ts';
import { updateProduct } from './update-product.ts';
import { nameKey } from './values.ts';

const MAX_ROWS = 50_000;
const MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;

export interface ProductImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  failed: number;
  errors: { line: number; issues: ProblemIssue[] }[];
}

/** Sentinel thrown to roll back a dry run's transaction. */
class DryRun extends Error {}

export async function importProducts(
  db: Db,
  actor: Actor,
  file: Buffer,
  options: { dryRun: boolean; locale: Locale },
): Promise<ProductImportResult> {
  requireActorPermission(actor, 'product.manage');
  const business = await loadBusiness(db.kysely, actor.businessId);
  const table = await openTable(file, { headerLine: 1, maxRows: MAX_ROWS, maxUncompressedBytes: MAX_UNCOMPRESSED_BYTES });
  const meanings = table.header.map(readHeader);
  if (!meanings.some((m) => m && 'column' in m && m.column === 'sku')) {
    throw new AppError('import_header_missing', { line: 1 });
  }
  const groups = await db.kysely
    .selectFrom('price_groups')
    .where('business_id', '=', actor.businessId)
    .select(['id', 'name_key'])
    .execute();
  const groupIds = new Map(groups.map((g) => [g.name_key, g.id]));

  const result: ProductImportResult = { dryRun: options.dryRun, created: 0, updated: 0, failed: 0, errors: [] };
  const work = db.kysely.transaction().execute(async (trx) => {
    for await (const row of table.rows) {
      const input = rowToProduct(row, meanings, groupIds, business.currency, options.locale);
      try {
        const existing = await trx
          .selectFrom('products')
          .where('business_id', '=', actor.businessId)
          .where('sku', '=', input.sku)
          .select('id')
          .executeTakeFirst();
        if (existing) {
          await updateProduct(trx, actor, existing.id, input);
          result.updated += 1;
        } else {
          await createProduct(trx, actor, input);
          result.created += 1;
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.failed += 1;
        const issues = error.issues.length > 0 ? error.issues : [{ path: '', code: error.code, params: error.params }];
        result.errors.push({ line: row.line, issues: issueMessages(issues, options.locale) });
      }
    }
    if (options.dryRun) throw new DryRun();
  });
  await work.catch((error: unknown) => {
    if (!(error instanceof DryRun)) throw error;
  });
  return result;
}

function rowToProduct(
  row: RawRow,
  meanings: HeaderMeaning[],
  groupIds: Map<string, string>,
  currency: string,
  locale: Locale,
): ProductCreate & { sku: string } {
  const input: ProductCreate = { sku: '', name: '', sellingPrice: '' };
  const prices: { priceGroupId: string; price: string }[] = [];
  meanings.forEach((meaning, index) => {
    const cell = row.cells[index] ?? null;
    if (!meaning) return;
    if ('priceGroupKey' in meaning) {
      const groupId = groupIds.get(meaning.priceGroupKey);
      const price = amountText(cell, currency, locale);
      if (groupId && price !== '') prices.push({ priceGroupId: groupId, price });
      return;
    }
    if (meaning.column === 'sellingPrice') input.sellingPrice = amountText(cell, currency, locale);
    else if (meaning.column === 'taxRate') input.taxRate = cellText(cell).replace('%', '').replace(',', '.').trim();
    else if (meaning.column === 'active') input.isActive = readActive(cell);
    else input[meaning.column] = cellText(cell);
  });
  if (prices.length > 0) input.prices = prices;
  return input;
}

/** Reads a cell's amount as an API decimal string, or keeps the text as typed when it cannot be read, so the row reports it. */
function amountText(cell: RawRow['cells'][number], currency: string, locale: Locale): string {
  if (typeof cell === 'number') {
    const read = amountFromNumber(cell, currency);
    return read.ok && read.minor !== null ? formatDecimal(read.minor, currency) : String(cell);
  }
  const text = cellText(cell);
  const read = parseAmount(text, currency, locale);
  return read.ok && read.minor !== null ? formatDecimal(read.minor, currency) : text;
}

function readActive(cell: RawRow['cells'][number]): boolean {
  if (typeof cell === 'boolean') return cell;
  const key = nameKey(cellText(cell));
  return !['0', 'non', 'no', 'false', 'faux', 'inactif', 'inactive'].includes(key);
}

/** Builds the table of every product of the business, with one price column per selling price group. */
export async function productsTable(db: Db, actor: Actor, locale: Locale): Promise<Table> {
  const business = await loadBusiness(db.kysely, actor.businessId);
  const groups = await db.kysely
    .selectFrom('price_groups')
    .where('business_id', '=', actor.businessId)
    .orderBy('name')
    .orderBy('id')
    .select(['id', 'name'])
    .execute();
  const products = await db.kysely
    .selectFrom('products')
    .where('business_id', '=', actor.businessId)
    .orderBy('name')
    .orderBy('id')
    .selectAll()
    .execute();
  const prices = await db.kysely
    .selectFrom('product_prices')
    .where('business_id', '=', actor.businessId)
    .select(['product_id', 'price_group_id', 'price'])
    .execute();
  const priceOf = new Map(prices.map((p) => [`${p.product_id} ${p.price_group_id}`, Number(p.price)]));
  const money = (minor: number) => formatDecimal(minor, business.currency);
  const yes = locale === 'fr' ? 'oui' : 'yes';
  const no = locale === 'fr' ? 'non' : 'no';

  return {
    sheetName: locale === 'fr' ? 'Produits' : 'Products',
    header: [...productColumns.map((c) => columnLabel(c, locale)), ...groups.map((g) => priceColumnLabel(g.name, locale))],
    rows: products.map((product) => [
      { text: product.sku },
      { text: product.name },
      { decimal: money(Number(product.selling_price)) },
      { decimal: formatScaled(product.tax_bp, 2) },
      { text: product.is_active === 1 ? yes : no },
      ...groups.map((group) => {
        const price = priceOf.get(`${product.id} ${group.id}`);
        return price === undefined ? { text: null } : { decimal: money(price) };
      }),
    ]),
  };
}
