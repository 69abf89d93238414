/** Helpers for the contact tests: counts, direct reads and business settings. */
import type { TestApp } from './app.ts';

/** Builds a valid individual customer, with `extra` fields added or overridden. */
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

/** Finds the issue at `path` in a problem response. */
export function issueAt(body: { errors?: { path: string; code: string; message: string }[] }, path: string) {
  return body.errors?.find((issue) => issue.path === path);
}

/** Builds a multipart/form-data body with one file field, as a browser sends it. */
export function multipartFile(fileName: string, content: Buffer | string, contentType = 'application/octet-stream', field = 'file') {
  const boundary = `----comptoir${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads a file to a contact with a bearer token. */
export function uploadAttachment(t: TestApp, token: string, contactId: string, fileName: string, content: Buffer | string, contentType?: string) {
  const body = multipartFile(fileName, content, contentType);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/contacts/${contactId}/attachments`,
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr', ...body.headers },
    payload: body.payload,
  });
}

/** A minimal valid PDF. */
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
