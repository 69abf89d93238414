import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../shared/ids.ts';

/**
 * Lets the standard cashier role of existing businesses see every customer,
 * as new businesses' cashiers do, and gives each business the standard
 * salesperson role, which keeps to its own customers as cashiers used to.
 *
 * A cashier role changes only while it still has its French or English
 * standard name and exactly the permissions it was created with (after
 * migration 0011 added `message.send`). A role whose admin changed its name
 * or permissions is left alone. A business that already has a role named
 * like the salesperson role keeps it and gets no new one. Each change is
 * recorded in the audit log without a user.
 */
export const cashierNames = ['Caissier', 'Cashier'];

/** The standard cashier's permissions before this migration, in the order they were written. */
export const oldCashierPermissions = [
  'customer.view_own', 'customer.create', 'customer.update', 'sale.create', 'payment.create', 'ledger.view',
  'message.send',
];

/** The salesperson role as it stood when this migration was written; later changes to the standard roles do not apply here. */
const salesperson = {
  name: { fr: 'Vendeur', en: 'Salesperson' } as Record<string, string>,
  permissions: oldCashierPermissions,
};

export function cashierSeesCustomers() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await widenStandardCashiers(db);
      await addSalespersonRoles(db);
    },
  };
}

function sameSet(left: readonly string[], right: readonly string[]): boolean {
  const set = new Set(left);
  return set.size === left.length && left.length === right.length && right.every((item) => set.has(item));
}

/** Replaces `customer.view_own` with `customer.view` on unchanged standard cashier roles; returns how many changed. */
export async function widenStandardCashiers(db: Kysely<any>): Promise<number> {
  const roles: { id: string; business_id: string; permissions: string }[] = await db
    .selectFrom('roles')
    .where('is_admin', '=', 0)
    .where('name', 'in', cashierNames)
    .select(['id', 'business_id', 'permissions'])
    .orderBy('id')
    .execute();
  let changed = 0;
  for (const role of roles) {
    const before = JSON.parse(role.permissions) as string[];
    if (!sameSet(before, oldCashierPermissions)) continue;
    const after = before.map((permission) => (permission === 'customer.view_own' ? 'customer.view' : permission));
    const now = nowIso();
    await db
      .updateTable('roles')
      .set({ permissions: JSON.stringify(after), updated_at: now })
      .where('id', '=', role.id)
      .execute();
    await db.insertInto('audit_log').values({
      id: newId(),
      business_id: role.business_id,
      user_id: null,
      entity_type: 'role',
      entity_id: role.id,
      action: 'update',
      changes: JSON.stringify([{ field: 'permissions', from: before, to: after }]),
      created_at: now,
    }).execute();
    changed += 1;
  }
  return changed;
}

/** Adds the salesperson role, named in the business's language, to businesses without a role of that name; returns how many got one. */
export async function addSalespersonRoles(db: Kysely<any>): Promise<number> {
  const businesses: { id: string; locale: string }[] = await db
    .selectFrom('businesses')
    .select(['id', 'locale'])
    .orderBy('id')
    .execute();
  let added = 0;
  for (const business of businesses) {
    const name = salesperson.name[business.locale] ?? salesperson.name.fr;
    const taken = await db
      .selectFrom('roles')
      .where('business_id', '=', business.id)
      .where('name', '=', name)
      .select('id')
      .executeTakeFirst();
    if (taken) continue;
    const id = newId();
    const now = nowIso();
    await db.insertInto('roles').values({
      id,
      business_id: business.id,
      name,
      permissions: JSON.stringify(salesperson.permissions),
      is_admin: 0,
      created_at: now,
      updated_at: now,
    }).execute();
    await db.insertInto('audit_log').values({
      id: newId(),
      business_id: business.id,
      user_id: null,
      entity_type: 'role',
      entity_id: id,
      action: 'create',
      changes: JSON.stringify({ name, permissions: salesperson.permissions }),
      created_at: now,
    }).execute();
    added += 1;
  }
  return added;
}
