/**
 * Sales by customer group over a date range: final sales with the group the
 * customer was in when each was finalised, their group discounts, and the
 * returns made against them in the range. Sales to customers with no group
 * and walk-in sales share the row whose group is null.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { isIsoDate } from '../ledger/dates.ts';
import { IssueList } from '../shared/errors.ts';
import { quotedValue } from '../shared/text.ts';
import { translate, type Locale } from '../shared/messages.ts';
import { formatDecimal } from '../shared/money.ts';
import type { Table } from './table-files.ts';

export interface GroupSalesRow {
  customerGroupId: string | null;
  name: string | null;
  sales: number;
  salesTotal: string;
  groupDiscount: string;
  returns: number;
  returnsTotal: string;
  netTotal: string;
}

export interface SalesByGroupReport {
  from: string;
  to: string;
  currency: string;
  rows: GroupSalesRow[];
  totals: Omit<GroupSalesRow, 'customerGroupId' | 'name'>;
}

interface Sums {
  sales: number;
  salesTotal: number;
  groupDiscount: number;
  returns: number;
  returnsTotal: number;
}

const empty = (): Sums => ({ sales: 0, salesTotal: 0, groupDiscount: 0, returns: 0, returnsTotal: 0 });

export async function salesByCustomerGroup(
  db: Executor,
  actor: Actor,
  range: { from: string; to: string },
): Promise<SalesByGroupReport> {
  requireActorPermission(actor, 'ledger.view');
  // The figures cover every customer, so a user limited to their own customers may not read them.
  requireActorPermission(actor, 'customer.view');
  const issues = new IssueList();
  if (!isIsoDate(range.from)) issues.add('from', 'invalid_date', { parameter: 'from', value: quotedValue(range.from) });
  if (!isIsoDate(range.to)) issues.add('to', 'invalid_date', { parameter: 'to', value: quotedValue(range.to) });
  else if (isIsoDate(range.from) && range.to < range.from) issues.add('to', 'range_end_before_start', { parameter: 'to', value: range.to, from: range.from });
  issues.throwIfAny();

  const business = await loadBusiness(db, actor.businessId);
  const sums = new Map<string, Sums>();
  const at = (groupId: string | null | undefined) => {
    const key = groupId ?? '';
    let entry = sums.get(key);
    if (!entry) sums.set(key, (entry = empty()));
    return entry;
  };

  const inRange = (type: string) =>
    db
      .selectFrom('documents')
      .where('documents.business_id', '=', actor.businessId)
      .where('documents.type', '=', type)
      .where('documents.status', '=', 'final')
      .where('documents.date', '>=', range.from)
      .where('documents.date', '<=', range.to);
  const sales = await inRange('sale')
    .groupBy('documents.customer_group_id')
    .select(['documents.customer_group_id', (eb) => eb.fn.countAll<number | string>().as('count'), (eb) => eb.fn.sum<number | string>('documents.total').as('total')])
    .execute();
  for (const row of sales) Object.assign(at(row.customer_group_id), { sales: Number(row.count), salesTotal: Number(row.total) });
  // A line priced before tax stores its group discount before tax, so this converts it to tax included,
  // rounded half away from zero per line, to match the sales total beside it.
  const discounts = await inRange('sale')
    .innerJoin('document_lines', 'document_lines.document_id', 'documents.id')
    .groupBy('documents.customer_group_id')
    .select([
      'documents.customer_group_id',
      sql<number | string>`sum(case
        when document_lines.unit_price_with_tax is not null then document_lines.group_discount
        when document_lines.group_discount >= 0
          then (document_lines.group_discount * (10000 + document_lines.tax_bp) + 5000) / 10000
        else (document_lines.group_discount * (10000 + document_lines.tax_bp) - 5000) / 10000
      end)`.as('total'),
    ])
    .execute();
  for (const row of discounts) at(row.customer_group_id).groupDiscount = Number(row.total ?? 0);
  const returns = await inRange('sale_return')
    .groupBy('documents.customer_group_id')
    .select(['documents.customer_group_id', (eb) => eb.fn.countAll<number | string>().as('count'), (eb) => eb.fn.sum<number | string>('documents.total').as('total')])
    .execute();
  for (const row of returns) Object.assign(at(row.customer_group_id), { returns: Number(row.count), returnsTotal: Number(row.total) });

  const groups = await db
    .selectFrom('customer_groups')
    .where('business_id', '=', actor.businessId)
    .orderBy('name')
    .select(['id', 'name'])
    .execute();
  for (const group of groups) at(group.id);
  at(null);
  const names = new Map(groups.map((g) => [g.id, g.name]));

  const money = (minor: number) => formatDecimal(minor, business.currency);
  const view = (entry: Sums) => ({
    sales: entry.sales,
    salesTotal: money(entry.salesTotal),
    groupDiscount: money(entry.groupDiscount),
    returns: entry.returns,
    returnsTotal: money(entry.returnsTotal),
    netTotal: money(entry.salesTotal - entry.returnsTotal),
  });
  const order = [...groups.map((g) => g.id), ...[...sums.keys()].filter((k) => k !== '' && !names.has(k)), ''];
  const total = empty();
  for (const entry of sums.values()) {
    for (const key of Object.keys(total) as (keyof Sums)[]) total[key] += entry[key];
  }
  return {
    from: range.from,
    to: range.to,
    currency: business.currency,
    rows: order.map((key) => ({
      customerGroupId: key || null,
      name: key ? (names.get(key) ?? null) : null,
      ...view(sums.get(key) ?? empty()),
    })),
    totals: view(total),
  };
}

/** Builds the report's table for the CSV and XLSX downloads, headed in `locale`. */
export function reportTable(report: SalesByGroupReport, locale: Locale): Table {
  const header = ['group', 'sales', 'salesTotal', 'groupDiscount', 'returns', 'returnsTotal', 'netTotal'].map((column) =>
    translate(`report_column_${column}`, locale),
  );
  const line = (name: string | null, row: Omit<GroupSalesRow, 'customerGroupId' | 'name'>) => [
    { text: name },
    { count: row.sales },
    { decimal: row.salesTotal },
    { decimal: row.groupDiscount },
    { count: row.returns },
    { decimal: row.returnsTotal },
    { decimal: row.netTotal },
  ];
  return {
    sheetName: translate('report_sheet_sales_by_group', locale),
    header,
    rows: [
      ...report.rows.map((row) =>
        line(row.customerGroupId === null ? translate('report_no_group', locale) : (row.name ?? row.customerGroupId), row),
      ),
      line(translate('report_total', locale), report.totals),
    ],
  };
}
