/**
 * Dates typed as people write them in both UI languages (fr-FR and en-GB
 * both write 31/12/2024), converted to and from the API's `YYYY-MM-DD`.
 */

/** `2024-12-31` → `31/12/2024`; other text is returned unchanged. */
export function isoToInput(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/**
 * Reads `31/12/2024`, `31.12.2024`, `31-12-2024` or `2024-12-31` as
 * `2024-12-31`. Text that is not a date is returned trimmed and unchanged,
 * so the server rejects it with the field's path. The server also checks
 * that the day exists.
 */
export function inputToIso(text: string): string {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!match) return trimmed;
  const [, day = '', month = '', year = ''] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
