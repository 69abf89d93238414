/**
 * The web list's column picker offers every column a saved view can hold,
 * in the server's order, each with a header in both languages, and the list
 * requests for each one a field that the list API returns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contactFields } from '../../src/contacts/list-fields.ts';
import { contactColumns } from '../../src/contacts/search/saved-views.ts';
import { allColumns, listFields } from '../../web/src/contacts/list/columns.tsx';

const i18nFolder = join(import.meta.dirname, '../../web/src/i18n');

function columnHeaders(locale: 'fr' | 'en'): Record<string, string> {
  const search = JSON.parse(readFileSync(join(i18nFolder, `search.${locale}.json`), 'utf8')) as {
    contactList: { columns: Record<string, string> };
  };
  return search.contactList.columns;
}

describe('contact list columns', () => {
  it('match the saved view columns', () => {
    expect(allColumns.map((column) => column.id)).toEqual([...contactColumns]);
  });

  it('have headers in both languages', () => {
    for (const locale of ['fr', 'en'] as const) {
      const headers = columnHeaders(locale);
      const missing = allColumns.filter((column) => !/^custom\d+$/.test(column.id) && !headers[column.id]);
      expect(missing.map((column) => column.id), locale).toEqual([]);
    }
  });

  it('request fields the list returns', () => {
    const accepted = new Set<string>(contactFields);
    const requested = listFields(allColumns, false);
    expect(requested.filter((field) => !accepted.has(field))).toEqual([]);
  });
});
