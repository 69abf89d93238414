/**
 * A voided sale is no sale. The "no sale since" filter and its totals keep a
 * customer whose only sale since that day was voided. A merge keeps the
 * kept contact's last sale without it, and migration 0047 corrects the
 * dates that voids left before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voidedLastSale } from '../../src/db/migrations/0047_voided_last_sale.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, sale } from '../helpers/ledger-api.ts';

describe.each(engines)('voided last sale on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const voidSale = async (id: string) => {
    const res = await t.api('POST', `/api/v1/sales/${id}/void`, { reason: 'Saisie en double' });
    expect(res.statusCode, res.body).toBe(200);
  };

  const lastSaleOn = async (id: string) => {
    const row = await t.database.db.kysely.selectFrom('contacts').select('last_sale_on').where('id', '=', id).executeTakeFirstOrThrow();
    return row.last_sale_on;
  };

  const namesWithoutSaleSince = async (since: string) => {
    const res = await t.api('GET', `/api/v1/contacts?noSaleSince=${since}&q=Voidtest&limit=50`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { name: string }[]).map((item) => item.name).sort();
  };

  it('void brings back the earlier sale', async () => {
    const only = await addContact(t, { name: 'Voidtest Seule' });
    const both = await addContact(t, { name: 'Voidtest Deux' });
    const kept = await addContact(t, { name: 'Voidtest Gardée' });
    await voidSale((await sale(t, only, '2024-06-01', '30.00')).id);
    await sale(t, both, '2023-03-01', '12.00');
    await voidSale((await sale(t, both, '2024-05-01', '18.00')).id);
    await sale(t, kept, '2024-02-01', '9.00');

    expect(await lastSaleOn(only)).toBe('');
    expect(await lastSaleOn(both)).toBe('2023-03-01');
    expect(await namesWithoutSaleSince('2024-01-01')).toEqual(['Voidtest Deux', 'Voidtest Seule']);
    const totals = await t.api('GET', '/api/v1/contacts/totals?noSaleSince=2024-01-01&q=Voidtest');
    expect(totals.statusCode, totals.body).toBe(200);
    expect(totals.json().count).toBe(2);

    // The merge computes the last sale again from the ledger, where the voided sale's entry stays.
    const merge = await t.api('POST', '/api/v1/contacts/merge', { keepId: kept, mergeIds: [both] });
    expect(merge.statusCode, merge.body).toBe(200);
    expect(await lastSaleOn(kept)).toBe('2024-02-01');
  });

  it('migration corrects the stored dates', async () => {
    const stale = await addContact(t, { name: 'Voidtest Ancienne' });
    await sale(t, stale, '2022-09-01', '5.00');
    await voidSale((await sale(t, stale, '2024-07-01', '7.00')).id);
    const sold = await addContact(t, { name: 'Voidtest Vendue' });
    await sale(t, sold, '2024-08-01', '4.00');
    // As a void left it before the migration.
    const kysely = t.database.db.kysely;
    await kysely.updateTable('contacts').set({ last_sale_on: '2024-07-01' }).where('id', '=', stale).execute();

    await voidedLastSale().up(kysely);

    expect(await lastSaleOn(stale)).toBe('2022-09-01');
    expect(await lastSaleOn(sold)).toBe('2024-08-01');
  });
});
