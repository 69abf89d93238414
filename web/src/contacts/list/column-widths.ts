/**
 * Fits the contact table's amount columns to the amounts loaded. The table
 * has fixed column widths, so that rows keep their place while scrolling,
 * and an amount wider than its column would be cut.
 */
import { type RefObject, useLayoutEffect, useMemo, useState } from 'react';
import type { Contact, DecimalString } from '../../api/types.ts';
import { useBusinessFormat } from '../../auth/session-context.tsx';
import { fontOf, textWidth } from '../../shared/text-width.ts';
import type { ColumnDef } from './columns.tsx';

/** Horizontal padding of a table cell (twice the 12 px of `--mantine-spacing-sm`), and 4 px to spare. */
const CELL_PADDING = 28;

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
 * Returns `columns` with each amount column widened, when needed, to show
 * the longest amount among `contacts` whole, in the font of `table`. Other
 * columns keep their width.
 */
export function useFittedColumns(columns: ColumnDef[], contacts: readonly Contact[], table: RefObject<HTMLElement | null>): ColumnDef[] {
  const format = useBusinessFormat();
  const [font, setFont] = useState('14px sans-serif');
  // Runs before the first paint, so the table is never painted with widths measured in the fallback font.
  useLayoutEffect(() => {
    if (table.current) setFont(fontOf(table.current));
  }, [table]);

  return useMemo(
    () =>
      columns.map((column) => {
        if (!column.amount) return column;
        const longest = longestAmount(contacts, column.amount.value);
        if (longest === null) return column;
        const needed = Math.ceil(textWidth(format.money(longest, { signed: column.amount.signed }), font)) + CELL_PADDING;
        return needed > column.width ? { ...column, width: needed } : column;
      }),
    [columns, contacts, font, format],
  );
}
