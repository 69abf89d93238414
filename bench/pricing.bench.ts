/**
 * Times finalising 10,000 sales with customer group prices and loyalty
 * points (every sale earns, one in ten also redeems) against the same sales
 * with neither (customers in no group, loyalty switched off). Each sale has
 * two product lines priced tax included, as the web app sends them, and goes
 * through `createDocument` as final, in its own
 * transaction, as the route runs it. Each case has its own fresh database,
 * and the two cases run in alternating batches of 250 sales, so a change in
 * the machine's load falls on both. The target is the priced case within
 * 1.5x the plain one.
 *
 *   npx tsx bench/pricing.bench.ts [--engine sqlite|postgres] [--sales 10000] [--customers 200]
 */
import { cpus, loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createBusiness, type CreatedBusiness } from '../src/auth/businesses.ts';
import { type Db, type Engine, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { createDocument } from '../src/documents/create-document.ts';
import type { Actor } from '../src/ledger/actor.ts';
import { adjustPoints } from '../src/loyalty/adjust-points.ts';
import { updateLoyaltySettings } from '../src/loyalty/update-settings.ts';
import { createProduct } from '../src/pricing/create-product.ts';
import { createPriceGroup } from '../src/pricing/price-groups.ts';
import { createCustomerGroup } from '../src/pricing/save-customer-group.ts';
import { insertContact } from '../test/helpers/ledger-fixtures.ts';

const PG_ADMIN_URL = process.env.COMPTOIR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const engine = option('engine', 'sqlite') as Engine;
const saleCount = Number(option('sales', '10000'));
const customerCount = Number(option('customers', '200'));
const PRODUCTS = 50;
const WARM_UP = 200;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${engine}`);
if (!Number.isInteger(saleCount) || saleCount < 1) throw new Error('--sales must be a whole number of at least 1');

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<{ db: Db; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-'));
    const db = openDatabase(`sqlite:${join(dir, 'bench.sqlite')}`);
    return { db, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `comptoir_bench_${process.pid}_${Date.now()}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString());
  return { db, drop: async () => { await db.close(); await adminQuery(`drop database if exists ${name} with (force)`); } };
}

function actorOf(business: CreatedBusiness): Actor {
  return {
    businessId: business.businessId,
    userId: business.adminUserId,
    isAdmin: true,
    permissions: new Set(),
    defaultLocationId: business.locationId,
    locale: 'fr',
  };
}

interface Shop {
  actor: Actor;
  customers: string[];
  products: string[];
}

/** Creates a shop with products, customers and, when `priced`, groups, loyalty and points to spend. */
async function setUp(db: Db, priced: boolean): Promise<Shop> {
  const business = await createBusiness(db.kysely, {
    name: 'Bench', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
    admin: { email: `bench-${Date.now()}@example.fr`, password: 'bench password 2026', name: 'Bench' },
  });
  const actor = actorOf(business);
  const run = <T>(work: (trx: Db['kysely']) => Promise<T>) => db.kysely.transaction().execute(work);

  const priceGroup = priced ? await run((trx) => createPriceGroup(trx, actor, { name: 'Grossiste' })) : null;
  const products: string[] = [];
  for (let n = 0; n < PRODUCTS; n += 1) {
    const price = `${(3 + (n % 17) * 1.25).toFixed(2)}`;
    const prices = priceGroup && n % 2 === 0 ? [{ priceGroupId: priceGroup.id, price: (Number(price) * 0.85).toFixed(2) }] : undefined;
    const product = await run((trx) => createProduct(trx, actor, { sku: `P${n}`, name: `Produit ${n}`, sellingPrice: price, taxRate: '5.5', prices }));
    products.push(product.id);
  }

  const groups: string[] = [];
  if (priced && priceGroup) {
    groups.push((await run((trx) => createCustomerGroup(trx, actor, { name: 'Remise', calculation: 'percentage', percentage: '10' }))).id);
    groups.push((await run((trx) => createCustomerGroup(trx, actor, { name: 'Liste', calculation: 'price_group', priceGroupId: priceGroup.id }))).id);
    await run((trx) => updateLoyaltySettings(trx, actor, {
      enabled: true, amountPerPoint: '1.00', pointValue: '0.01', expiry: { period: 12, unit: 'months' },
    }));
  }
  const customers: string[] = [];
  for (let n = 0; n < customerCount; n += 1) {
    const id = await insertContact(db.kysely, business.businessId, { name: `Client ${n}` });
    if (groups.length > 0) {
      await db.kysely.updateTable('contacts').set({ customer_group_id: groups[n % groups.length] }).where('id', '=', id).execute();
      await run((trx) => adjustPoints(trx, actor, id, { points: 100_000, reason: 'Solde de départ' }));
    }
    customers.push(id);
  }
  return { actor, customers, products };
}

async function sell(db: Db, shop: Shop, n: number, priced: boolean) {
  const line = (k: number) => ({
    description: 'Article',
    quantity: String(1 + (k % 3)),
    unitPriceWithTax: '4.22',
    taxRate: '5.5',
    productId: shop.products[k % shop.products.length],
  });
  await db.kysely.transaction().execute((trx) =>
    createDocument(trx, shop.actor, 'sale', {
      contactId: shop.customers[n % shop.customers.length],
      date: '2026-03-02',
      status: 'final',
      lines: [line(n), line(n + 7)],
      ...(priced && n % 10 === 0 ? { redeemPoints: 5 } : {}),
    }),
  );
}

const BATCH = 250;

interface Case {
  priced: boolean;
  db: Db;
  shop: Shop;
  drop(): Promise<void>;
  sold: number;
  ms: number;
}

async function openCase(priced: boolean): Promise<Case> {
  const { db, drop } = await freshDatabase();
  await migrate(db);
  const shop = await setUp(db, priced);
  for (let n = 0; n < WARM_UP; n += 1) await sell(db, shop, n, priced);
  return { priced, db, shop, drop, sold: 0, ms: 0 };
}

async function runBatch(entry: Case, count: number): Promise<void> {
  const started = process.hrtime.bigint();
  for (let n = 0; n < count; n += 1) await sell(entry.db, entry.shop, WARM_UP + entry.sold + n, entry.priced);
  entry.ms += Number(process.hrtime.bigint() - started) / 1e6;
  entry.sold += count;
}

const plain = await openCase(false);
const priced = await openCase(true);
try {
  while (plain.sold < saleCount) {
    const count = Math.min(BATCH, saleCount - plain.sold);
    await runBatch(plain, count);
    await runBatch(priced, count);
  }
} finally {
  await plain.drop();
  await priced.drop();
}

const perSale = (ms: number) => (ms / saleCount).toFixed(3);
console.log(`machine: ${cpus().length} CPU(s), ${cpus()[0]?.model ?? 'unknown'}, load average ${loadavg()[0]?.toFixed(1)}; engine ${engine}`);
console.log(`data: ${saleCount} sales of 2 product lines, ${customerCount} customers, ${PRODUCTS} products (after ${WARM_UP} warm-up sales)`);
console.log(`plain (no group, loyalty off): ${plain.ms.toFixed(0)} ms, ${perSale(plain.ms)} ms a sale`);
console.log(`group prices and points:      ${priced.ms.toFixed(0)} ms, ${perSale(priced.ms)} ms a sale`);
console.log(`ratio: ${(priced.ms / plain.ms).toFixed(2)}x (target 1.5x or less)`);
