/**
 * Makes the files an email carries when it is sent, from the data of that
 * moment: the statement of account as a PDF, in the message's language.
 */
import type { Db } from '../db/database.ts';
import { renderStatement } from '../ledger/statement-pdf.ts';
import type { AttachmentReference } from './enqueue.ts';
import { CancelledDelivery } from './transports/delivery-error.ts';
import type { EmailAttachment } from './transports/email.ts';

const fileNames = { fr: 'releve', en: 'statement' } as const;

export async function resolveAttachments(
  db: Db,
  businessId: string,
  locale: string,
  references: AttachmentReference[],
): Promise<EmailAttachment[]> {
  const files: EmailAttachment[] = [];
  const language = locale === 'en' ? 'en' : 'fr';
  for (const reference of references) {
    const contact = await db.kysely
      .selectFrom('contacts')
      .where('business_id', '=', businessId)
      .where('id', '=', reference.contactId)
      .selectAll()
      .executeTakeFirst();
    if (!contact) throw new CancelledDelivery('the contact of the statement no longer exists');
    const range = { from: reference.from ?? undefined, to: reference.to ?? undefined };
    const content = await renderStatement(db.kysely, contact, range, language);
    files.push({ filename: `${fileNames[language]}-${contact.code}.pdf`, contentType: 'application/pdf', content });
  }
  return files;
}
