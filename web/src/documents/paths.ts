/** Screen addresses of sales and purchases. */

export type DocumentSection = 'sale' | 'purchase';

export function documentsPath(section: DocumentSection): string {
  return section === 'sale' ? '/sales' : '/purchases';
}

export function newDocumentPath(section: DocumentSection, contactId?: string): string {
  const base = `${documentsPath(section)}/new`;
  return contactId ? `${base}?contactId=${encodeURIComponent(contactId)}` : base;
}

/** Returns the page of a sale or purchase, or null for other ledger sources. */
export function documentPath(type: string, id: string): string | null {
  if (type === 'sale') return `/sales/${id}`;
  if (type === 'purchase') return `/purchases/${id}`;
  return null;
}
