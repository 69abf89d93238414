/** Shapes of the ledger API's JSON: a contact's ledger, account figures and balance history. */
import type { ContactType, DecimalString } from '../api/types.ts';

export const entryTypes = [
  'opening_balance',
  'sale',
  'purchase',
  'sale_return',
  'purchase_return',
  'payment_received',
  'payment_made',
  'refund_paid',
  'refund_received',
  'discount',
  'reversal',
] as const;

export type EntryType = (typeof entryTypes)[number];

export interface LedgerLine {
  id: string;
  date: string;
  reference: string;
  type: EntryType | string;
  location: { id: string; name: string | null };
  debit: DecimalString;
  credit: DecimalString;
  /** The running balance after this line: the previous one plus debit minus credit. */
  balance: DecimalString;
  memo: string | null;
  sourceType: string;
  sourceId: string;
  reversesEntryId: string | null;
}

export interface LedgerPage {
  /** The balance of every entry before `from`, the same on every page. */
  openingBalance: DecimalString;
  /** The balance after every entry up to `to`, the same on every page. */
  closingBalance: DecimalString;
  items: LedgerLine[];
  nextCursor: string | null;
}

export interface LedgerFilters {
  from: string;
  to: string;
  locationId: string;
}

export interface Account {
  contactId: string;
  currency: string;
  balance: DecimalString;
  receivable: DecimalString;
  payable: DecimalString;
  advance: DecimalString;
  overdue: DecimalString;
  overduePayable: DecimalString;
  creditLimit: DecimalString | null;
  /** Receivable less advance: what the credit limit is checked against. */
  exposure: DecimalString;
  availableCredit: DecimalString | null;
}

export interface BalancePoint {
  date: string;
  balance: DecimalString;
}

export interface BalanceHistory {
  openingBalance: DecimalString;
  points: BalancePoint[];
}

export interface OpenItem {
  id: string;
  side: 'debit' | 'credit';
  kind: string;
  reference: string;
  documentId: string | null;
  date: string;
  dueDate: string;
  amount: DecimalString;
  openAmount: DecimalString;
  overdue: boolean;
}

export const agingBuckets = ['notDue', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const;
export type AgingBucket = (typeof agingBuckets)[number];
export type Aging = Record<AgingBucket | 'total', DecimalString>;

export interface DashboardContact {
  contactId: string;
  name: string;
  type: ContactType;
  balance: DecimalString;
  receivable: DecimalString;
  payable: DecimalString;
  advance: DecimalString;
  creditLimit: DecimalString | null;
}

export interface OverdueItem {
  contactId: string;
  contactName: string;
  itemId: string;
  kind: string;
  reference: string;
  documentId: string | null;
  date: string;
  dueDate: string;
  openAmount: DecimalString;
  daysLate: number;
}

export interface Dashboard {
  currency: string;
  today: string;
  totals: {
    receivable: DecimalString;
    payable: DecimalString;
    advance: DecimalString;
    owedToUs: DecimalString;
    owedByUs: DecimalString;
    overdue: DecimalString;
    overduePayable: DecimalString;
    contactsOwing: number;
  };
  aging: { receivable: Aging; payable: Aging };
  overdue: OverdueItem[];
  overduePayables: OverdueItem[];
  topBalances: DashboardContact[];
  topPayables: DashboardContact[];
}
