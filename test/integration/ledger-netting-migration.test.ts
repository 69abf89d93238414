/**
 * The migration that nets accounts written before postings applied credits
 * to debts. Accounts are built through the API, then put back in the state
 * older versions left them in: the allocations that netting added are
 * deleted and the open amounts and figures restored. Running the migration
 * again must net them as a posting would and change no ledger entry.
 */
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/database.ts';
import { migrationList } from '../../src/db/migrate.ts';
import { figureOf, type ItemKind, type Side } from '../../src/ledger/kinds.ts';
import { netAllAccounts } from '../../src/ledger/net-all-accounts.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, pay, purchase, sale } from '../helpers/ledger-api.ts';
import { runComptoir } from '../helpers/server-process.ts';

const MIGRATION = '0013_net_old_accounts';

/** Deletes the contact's live allocations and gives both items and the contact's figures their amounts back. */
async function removeNetting(db: Executor, contactId: string): Promise<void> {
  const allocations = await db.selectFrom('allocations').where('contact_id', '=', contactId).where('undone_at', 'is', null).selectAll().execute();
  for (const allocation of allocations) {
    await db.deleteFrom('allocations').where('id', '=', allocation.id).execute();
    for (const itemId of [allocation.debit_item_id, allocation.credit_item_id]) {
      const item = await db.selectFrom('open_items').where('id', '=', itemId).selectAll().executeTakeFirstOrThrow();
      await db.updateTable('open_items').set({ open_amount: sql`open_amount + ${allocation.amount}`, status: 'open' }).where('id', '=', itemId).execute();
      const figure = figureOf(item.side as Side, item.kind as ItemKind);
      await db.updateTable('contacts').set({ [figure]: sql`${sql.ref(figure)} + ${allocation.amount}` }).where('id', '=', contactId).execute();
    }
  }
}

async function figures(db: Executor, contactId: string) {
  const row = await db.selectFrom('contacts').where('id', '=', contactId).select(['balance', 'receivable', 'payable', 'advance']).executeTakeFirstOrThrow();
  return { balance: Number(row.balance), receivable: Number(row.receivable), payable: Number(row.payable), advance: Number(row.advance) };
}

async function liveAllocations(db: Executor, contactId: string) {
  return db
    .selectFrom('allocations')
    .where('contact_id', '=', contactId)
    .where('undone_at', 'is', null)
    .select(['amount', 'date', 'created_by', 'debit_item_id', 'credit_item_id'])
    .orderBy('date')
    .orderBy('amount')
    .execute();
}

async function entries(db: Executor) {
  return db.selectFrom('ledger_entries').selectAll().orderBy('id').execute();
}

describe.each(engines)('netting of old accounts on %s', (engine) => {
  let t: TestApp;
  let db: Executor;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    db = t.database.db.kysely;

    // An advance paid before a sale.
    ids.advance = await addContact(t, { name: 'Avance Dubois' });
    await pay(t, { contactId: ids.advance, amount: '50.00', date: '2024-03-01' });
    await sale(t, ids.advance, '2024-03-10', '80.00');

    // A supplier paid before the purchase arrived.
    ids.supplier = await addContact(t, { name: 'Fournil Prêt', type: 'supplier' });
    await pay(t, { contactId: ids.supplier, amount: '30.00', date: '2024-03-02' });
    await purchase(t, ids.supplier, '2024-03-05', '100.00');

    // A negative opening balance, then two sales: the older due date is settled first.
    ids.opening = await addContact(t, { name: 'Avoir Roux', openingBalance: '-70.00', openingBalanceDate: '2024-01-15' });
    await sale(t, ids.opening, '2024-02-20', '40.00');
    await sale(t, ids.opening, '2024-02-10', '45.00');

    // Customer and supplier: an advance on the sales side, and a purchase that must not settle a sale.
    ids.both = await addContact(t, { name: 'Meunier Mixte', type: 'both' });
    await pay(t, { contactId: ids.both, amount: '10.00', date: '2024-03-01', direction: 'received' });
    await sale(t, ids.both, '2024-03-04', '40.00');
    await purchase(t, ids.both, '2024-03-06', '25.00');

    // Only a debt: nothing to net.
    ids.owing = await addContact(t, { name: 'Débiteur Simple' });
    await sale(t, ids.owing, '2024-03-01', '60.00');

    // A contact of another business.
    const other = await t.addBusiness('Autre Boutique');
    const otherApi = asToken(t, other.token);
    ids.elsewhere = await addContact(t, { name: 'Client Ailleurs' }, otherApi);
    const paid = await otherApi('POST', '/api/v1/payments', { contactId: ids.elsewhere, amount: '5.00', method: 'cash', date: '2024-03-01' });
    expect(paid.statusCode, paid.body).toBe(201);
    const sold = await otherApi('POST', '/api/v1/sales', { contactId: ids.elsewhere, date: '2024-03-03', status: 'final', lines: [{ description: 'Pain', quantity: 1, unitPrice: '8.00' }] });
    expect(sold.statusCode, sold.body).toBe(201);

    for (const id of Object.values(ids)) await removeNetting(db, id);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('old accounts are consistent before', async () => {
    const report = await verifyLedger(db);
    expect(report.differences).toEqual([]);
    expect(await figures(db, ids.advance!)).toEqual({ balance: 3000, receivable: 8000, payable: 0, advance: 5000 });
    expect(await liveAllocations(db, ids.advance!)).toEqual([]);
  });

  it('migration nets every account', async () => {
    const entriesBefore = await entries(db);
    const balances = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([key, id]) => [key, (await figures(db, id)).balance])));

    // Later migrations stay recorded, so the migrator must accept running this one out of order.
    await sql`delete from kysely_migration where name = ${MIGRATION}`.execute(db);
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrationList(engine) },
      allowUnorderedMigrations: true,
    });
    const { error, results } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((result) => result.migrationName)).toEqual([MIGRATION]);

    expect(await entries(db)).toEqual(entriesBefore);
    for (const [key, id] of Object.entries(ids)) expect((await figures(db, id)).balance, key).toBe(balances[key]);
    const verify = await runComptoir(['verify'], { DATABASE_URL: t.database.url });
    expect(verify.stdout).toMatch(/no difference/);
    expect(verify.code).toBe(0);

    expect(await figures(db, ids.advance!)).toEqual({ balance: 3000, receivable: 3000, payable: 0, advance: 0 });
    expect(await liveAllocations(db, ids.advance!)).toEqual([
      expect.objectContaining({ amount: 5000, date: '2024-03-10', created_by: null }),
    ]);

    expect(await figures(db, ids.supplier!)).toEqual({ balance: -7000, receivable: 0, payable: 7000, advance: 0 });
    expect(await liveAllocations(db, ids.supplier!)).toEqual([expect.objectContaining({ amount: 3000, date: '2024-03-05' })]);

    // 70.00 of credit: the sale of 10 February (45.00) first, then 25.00 of the later one.
    expect(await figures(db, ids.opening!)).toEqual({ balance: 1500, receivable: 1500, payable: 0, advance: 0 });
    expect((await liveAllocations(db, ids.opening!)).map((row) => [row.date, row.amount])).toEqual([
      ['2024-02-10', 4500],
      ['2024-02-20', 2500],
    ]);

    expect(await figures(db, ids.both!)).toEqual({ balance: 500, receivable: 3000, payable: 2500, advance: 0 });
    expect(await liveAllocations(db, ids.both!)).toHaveLength(1);

    expect(await figures(db, ids.owing!)).toEqual({ balance: 6000, receivable: 6000, payable: 0, advance: 0 });
    expect(await liveAllocations(db, ids.owing!)).toEqual([]);

    expect(await figures(db, ids.elsewhere!)).toEqual({ balance: 300, receivable: 300, payable: 0, advance: 0 });
  });

  it('second run changes nothing', async () => {
    const allocationCount = async () => Number((await db.selectFrom('allocations').select(({ fn }) => fn.countAll().as('count')).executeTakeFirstOrThrow()).count);
    const before = await allocationCount();
    expect(await netAllAccounts(db)).toEqual({ contacts: 0, applied: 0 });
    expect(await allocationCount()).toBe(before);
  });

  it('account API shows the netted figures', async () => {
    const response = await t.api('GET', `/api/v1/contacts/${ids.advance}/account`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ balance: '30.00', receivable: '30.00', advance: '0.00' });
  });
});
