import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncOpeningBalance } from '../../src/ledger/opening-balance.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { cachedFigures, insertContact } from '../helpers/ledger-fixtures.ts';

describe.each(engines)('opening balance on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const entries = (contactId: string) =>
    t.database.db.kysely
      .selectFrom('ledger_entries')
      .where('contact_id', '=', contactId)
      .orderBy('seq')
      .select(['seq', 'date', 'type', 'debit', 'credit', 'reverses_entry_id'])
      .execute();

  it('posts an entry and an open item', async () => {
    const db = t.database.db.kysely;
    const contactId = await insertContact(db, t.business.businessId, { name: 'Françoise Lefèvre' });
    const result = await db.transaction().execute((trx) =>
      syncOpeningBalance(trx, {
        businessId: t.business.businessId, contactId, amount: 150_000, date: '2024-01-01', locationId: null, userId: null,
      }),
    );
    expect(result.changed).toBe(true);
    expect(await entries(contactId)).toEqual([
      { seq: 1, date: '2024-01-01', type: 'opening_balance', debit: 150_000, credit: 0, reverses_entry_id: null },
    ]);
    expect(await cachedFigures(db, contactId)).toEqual({ balance: 150_000, receivable: 150_000, payable: 0, advance: 0 });
    const item = await db.selectFrom('open_items').where('id', '=', result.itemId!).selectAll().executeTakeFirstOrThrow();
    expect(item.location_id).toBe(t.business.locationId);
    expect(Number(item.open_amount)).toBe(150_000);
  });

  it('changes by a reversal and a new entry', async () => {
    const db = t.database.db.kysely;
    const businessId = t.business.businessId;
    const contactId = await insertContact(db, businessId, { name: 'Laiterie Dumas', type: 'supplier' });
    const sync = (amount: number, date: string | null) =>
      db.transaction().execute((trx) =>
        syncOpeningBalance(trx, { businessId, contactId, amount, date, locationId: null, userId: null }),
      );
    await sync(50_000, '2024-02-01');
    const same = await sync(50_000, null);
    expect(same.changed).toBe(false);
    await sync(-20_000, null);

    const rows = await entries(contactId);
    expect(rows.map((r) => [r.seq, r.date, r.type, r.debit, r.credit])).toEqual([
      [1, '2024-02-01', 'opening_balance', 50_000, 0],
      [2, '2024-02-01', 'reversal', 0, 50_000],
      [3, '2024-02-01', 'opening_balance', 0, 20_000],
    ]);
    expect(await cachedFigures(db, contactId)).toEqual({ balance: -20_000, receivable: 0, payable: 20_000, advance: 0 });

    await sync(0, null);
    expect(await cachedFigures(db, contactId)).toEqual({ balance: 0, receivable: 0, payable: 0, advance: 0 });
    expect((await entries(contactId)).length).toBe(4);
  });
});
