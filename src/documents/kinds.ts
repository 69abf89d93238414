/** The differences between sales and purchases, and between their returns. */
import type { Permission } from '../auth/permissions.ts';
import type { EntryType, Side } from '../ledger/kinds.ts';

export type DocumentType = 'sale' | 'purchase';
export type ReturnType = 'sale_return' | 'purchase_return';

export interface DocumentKind {
  type: DocumentType;
  returnType: ReturnType;
  /** The side of the document's open item: a sale is owed by the contact. */
  side: Side;
  entryType: EntryType;
  contactTypes: readonly string[];
  permission: Permission;
  /** Direction of money that settles the document. */
  paymentDirection: 'received' | 'paid';
  /** Direction of a refund of a return's excess. */
  refundDirection: 'received' | 'paid';
}

export const documentKinds: Record<DocumentType, DocumentKind> = {
  sale: {
    type: 'sale',
    returnType: 'sale_return',
    side: 'debit',
    entryType: 'sale',
    contactTypes: ['customer', 'both'],
    permission: 'sale.create',
    paymentDirection: 'received',
    refundDirection: 'paid',
  },
  purchase: {
    type: 'purchase',
    returnType: 'purchase_return',
    side: 'credit',
    entryType: 'purchase',
    contactTypes: ['supplier', 'both'],
    permission: 'purchase.create',
    paymentDirection: 'paid',
    refundDirection: 'received',
  },
};

export function kindOfReturn(type: ReturnType): DocumentKind {
  return type === 'sale_return' ? documentKinds.sale : documentKinds.purchase;
}
