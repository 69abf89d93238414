/**
 * Migration 0045 clears the loyalty card, credit limit and customer group
 * that older versions let suppliers keep, with an audit entry per supplier.
 * Customers, contacts that are both, loyalty points and the ledger stay.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/contacts/create-contact.ts';
import { migrate } from '../../src/db/migrate.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

describe.each(engines)('supplier customer fields migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('clears suppliers and keeps the rest', async () => {
    const old = await createOldDatabase(engine, '0044_notes_without_author', 'Fournisseurs anciens');
    database = old.database;
    const { kysely, business } = old;
    const businessId = business.businessId;
    const actor = { businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const now = nowIso();
    const groupId = newId();
    await kysely.insertInto('customer_groups').values({
      id: groupId, business_id: businessId, name: 'Grossistes', name_key: 'grossistes', calculation: 'percentage',
      percentage_bp: 1000, price_group_id: null, created_at: now, updated_at: now,
    }).execute();

    // Older versions stored these fields on suppliers; the current checks
    // reject them, so the test writes them after creating each contact.
    const contact = async (code: string, type: string, mobile: string, extra: Record<string, unknown> = {}) => {
      const { contact: created } = await createContact(kysely, actor, {
        code, kind: 'business', businessName: `Maison ${code}`, mobile, ...extra,
      });
      await kysely.updateTable('contacts').set({ type }).where('id', '=', created.id).execute();
      return created.id;
    };
    const full = await contact('FO-1', 'supplier', '06 50 00 00 01', {
      loyaltyCardNumber: 'FID-9001', creditLimit: '300.00', customerGroupId: groupId, openingBalance: '-40.00',
    });
    const cardOnly = await contact('FO-2', 'supplier', '06 50 00 00 02');
    await kysely.updateTable('contacts').set({ loyalty_card_number: 'FID-9002' }).where('id', '=', cardOnly).execute();
    const plain = await contact('FO-3', 'supplier', '06 50 00 00 03');
    const both = await contact('MX-1', 'both', '06 50 00 00 04', { loyaltyCardNumber: 'FID-9004', creditLimit: '50.00' });
    const customer = await contact('CL-1', 'customer', '06 50 00 00 05', { loyaltyCardNumber: 'FID-9005', customerGroupId: groupId });

    const movement = {
      id: newId(), business_id: businessId, contact_id: full, date: '2026-01-10', type: 'adjust', points: 120, shortfall: 0,
      document_id: null, source_document_id: null, reason: 'Reprise', user_id: business.adminUserId, created_at: now,
    };
    await kysely.insertInto('loyalty_movements').values(movement).execute();
    const ledgerBefore = await kysely.selectFrom('ledger_entries').selectAll().where('contact_id', '=', full).execute();
    expect(ledgerBefore.length).toBeGreaterThan(0);
    const contactsBefore = await kysely.selectFrom('contacts').selectAll().where('business_id', '=', businessId).orderBy('id').execute();
    const auditBefore = await kysely.selectFrom('audit_log').select('id').execute();

    expect(await migrate(database.db)).toContain('0045_supplier_customer_fields');

    const after = new Map((await kysely.selectFrom('contacts').selectAll().execute()).map((row) => [row.id, row]));
    expect(after.get(full)).toMatchObject({ type: 'supplier', loyalty_card_number: null, credit_limit: null, customer_group_id: null });
    expect(after.get(cardOnly)?.loyalty_card_number).toBeNull();
    for (const row of contactsBefore) {
      const changed = after.get(row.id);
      if (row.id === full || row.id === cardOnly) {
        expect(changed?.updated_at, row.code).not.toBe(row.updated_at);
        // Only the three fields and the time of the change move.
        const { loyalty_card_number: _card, credit_limit: _limit, customer_group_id: _group, updated_at: _at, ...kept } = row;
        expect(changed, row.code).toMatchObject(kept);
      } else {
        // Migration 0048 then gives every contact version 1.
        expect(changed, row.code).toEqual({ ...row, version: 1 });
      }
    }
    expect(after.get(plain)?.type).toBe('supplier');
    expect(after.get(both)?.loyalty_card_number).toBe('FID-9004');
    expect(after.get(customer)?.customer_group_id).toBe(groupId);

    const entries = await kysely.selectFrom('audit_log').selectAll()
      .where('id', 'not in', auditBefore.map((entry) => entry.id)).orderBy('entity_id').execute();
    expect(entries.map((entry) => [entry.entity_id, entry.action, entry.user_id]).sort()).toEqual(
      [[full, 'updated', null], [cardOnly, 'updated', null]].sort(),
    );
    const changesOf = (id: string) => JSON.parse(entries.find((entry) => entry.entity_id === id)?.changes ?? 'null');
    expect(changesOf(full)).toEqual([
      { field: 'loyaltyCardNumber', from: 'FID-9001', to: null },
      { field: 'creditLimit', from: '300.00', to: null },
      { field: 'customerGroupId', from: groupId, to: null },
    ]);
    expect(changesOf(cardOnly)).toEqual([{ field: 'loyaltyCardNumber', from: 'FID-9002', to: null }]);

    expect(await kysely.selectFrom('loyalty_movements').selectAll().where('contact_id', '=', full).execute()).toEqual([movement]);
    expect(await kysely.selectFrom('ledger_entries').selectAll().where('contact_id', '=', full).execute()).toEqual(ledgerBefore);

    // The freed card can go to a customer.
    const { contact: taker } = await createContact(kysely, actor, {
      firstName: 'Rose', mobile: '06 50 00 00 06', loyaltyCardNumber: 'FID-9001',
    });
    expect(taker.loyaltyCardNumber).toBe('FID-9001');
  });
});
