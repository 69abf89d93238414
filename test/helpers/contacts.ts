/** Helpers for the contact tests: counts, direct reads and business settings. */
import type { TestApp } from './app.ts';

/** A valid individual customer; spread and override what a test needs. */
export function person(firstName: string, mobile: string, extra: Record<string, unknown> = {}) {
  return { type: 'customer', kind: 'individual', firstName, mobile, ...extra };
}

export async function countContacts(t: TestApp, businessId = t.business.businessId): Promise<number> {
  const row = await t.database.db.kysely
    .selectFrom('contacts')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('business_id', '=', businessId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function setCustomFieldLabels(t: TestApp, labels: Record<string, string>, businessId = t.business.businessId) {
  await t.database.db.kysely
    .updateTable('businesses')
    .set({ custom_field_labels: JSON.stringify(labels) })
    .where('id', '=', businessId)
    .execute();
}

export async function readContactRow(t: TestApp, id: string) {
  return t.database.db.kysely.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The issue at `path` in a problem answer, or undefined. */
export function issueAt(body: { errors?: { path: string; code: string; message: string }[] }, path: string) {
  return body.errors?.find((issue) => issue.path === path);
}
