/**
 * Fits the contact table's columns to their headers and to the amounts
 * loaded. The table has fixed column widths, so that rows keep their place
 * while scrolling, and a header or an amount wider than its column would be
 * cut.
 */
import { type RefObject, useLayoutEffect, useMemo, useState } from 'react';
import type { Contact, DecimalString } from '../../api/types.ts';
import { useBusinessFormat } from '../../auth/session-context.tsx';
import { fontOf, textWidth } from '../../shared/text-width.ts';
import type { ColumnDef } from './columns.tsx';

/** Horizontal padding of a table cell (twice the 12 px of `--mantine-spacing-sm`), and 4 px to spare. */
const CELL_PADDING = 28;
/** The sort icon of a sortable header (14 px) and the gap before it (4 px). */
const SORT_ICON_WIDTH = 18;

/** Returns the amount with the most digits, whose formatted text is then the widest (figures are tabular). */
function longestAmount(contacts: readonly Contact[], value: (contact: Contact) => DecimalString | null): DecimalString | null {
  let longest: DecimalString | null = null;
  for (const contact of contacts) {
    const amount = value(contact);
    if (amount !== null && (longest === null || amount.replace('-', '').length > longest.replace('-', '').length)) longest = amount;
  }
  return longest;
}

/**
 * Returns `columns` with each one widened, when needed, to show its header
 * (`label`) whole and, for an amount column, the longest amount among
 * `contacts`, in the fonts of `table`'s header and cells.
 */
export function useFittedColumns(
  columns: ColumnDef[],
  contacts: readonly Contact[],
  table: RefObject<HTMLElement | null>,
  label: (column: ColumnDef) => string,
): ColumnDef[] {
  const format = useBusinessFormat();
  const [fonts, setFonts] = useState({ cell: '14px sans-serif', header: '600 14px sans-serif' });
  // Runs before the first paint, so the table is never painted with widths measured in the fallback fonts.
  useLayoutEffect(() => {
    const element = table.current;
    const header = element?.querySelector('thead th');
    if (element && header) setFonts({ cell: fontOf(element), header: fontOf(header) });
  }, [table]);

  return useMemo(
    () =>
      columns.map((column) => {
        let needed = Math.ceil(textWidth(label(column), fonts.header)) + CELL_PADDING + (column.sort ? SORT_ICON_WIDTH : 0);
        const longest = column.amount ? longestAmount(contacts, column.amount.value) : null;
        if (column.amount && longest !== null) {
          const amount = format.money(longest, { signed: column.amount.signed });
          needed = Math.max(needed, Math.ceil(textWidth(amount, fonts.cell)) + CELL_PADDING);
        }
        return needed > column.width ? { ...column, width: needed } : column;
      }),
    [columns, contacts, fonts, format, label],
  );
}
