import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors.ts';
import { parseAmount } from '../../src/transfer/values/amount.ts';
import { parseDate } from '../../src/transfer/values/date.ts';
import { formatAmount, formatDate } from '../../src/transfer/export/csv.ts';
import { formatMoney } from '../../src/shared/money.ts';
import { readRows, xlsxFile } from '../helpers/transfer-files.ts';

/** Reads the whole file; returns the error code when the reader rejects it cleanly. */
async function outcome(bytes: Buffer): Promise<string> {
  try {
    const { rows } = await readRows(bytes);
    return `rows:${rows.length}`;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const csvText = fc.array(
  fc.oneof(
    fc.constantFrom(';', ',', '\t', '|', '"', '""', '\n', '\r\n', '\r', ' ', "'", '=', '\ufeff', 'é', '’', '€', '\u00a0'),
    fc.string({ maxLength: 12 }),
  ),
  { maxLength: 200 },
).map((parts) => parts.join(''));

const vcardLine = fc.oneof(
  fc.constantFrom('BEGIN:VCARD', 'END:VCARD', 'VERSION:2.1', 'VERSION:4.0', ' ', '=', 'PHOTO;ENCODING=b:AAAA', ' AAAA'),
  fc.tuple(
    fc.constantFrom('N', 'FN', 'TEL', 'EMAIL', 'ADR', 'ORG', 'BDAY', 'item1.TEL', 'X-COMPTOIR-OPENING-BALANCE', 'NOTE'),
    fc.constantFrom('', ';TYPE=CELL', ';ENCODING=QUOTED-PRINTABLE', ';CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE', ';TYPE="a,b"'),
    fc.string({ maxLength: 40 }),
  ).map(([name, params, value]) => `${name}${params}:${value}`),
);

describe('readers under random input', () => {
  it('random bytes end in rows or a clean error', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
      expect(await outcome(Buffer.from(bytes))).toMatch(/^rows:\d+$|^[a-z_]+$/);
    }), { numRuns: 300 });
  });

  it('CSV-like text never crashes the reader', async () => {
    await fc.assert(fc.asyncProperty(csvText, async (text) => {
      expect(await outcome(Buffer.from(`Nom;Mobile\n${text}`, 'utf8'))).toMatch(/^rows:\d+$|^[a-z_]+$/);
    }), { numRuns: 300 });
  });

  it('vCard-like text never crashes the reader', async () => {
    await fc.assert(fc.asyncProperty(fc.array(vcardLine, { maxLength: 40 }), fc.constantFrom('\r\n', '\n'), async (lines, end) => {
      const text = `BEGIN:VCARD\r\n${lines.join(end)}`;
      expect(await outcome(Buffer.from(text, 'utf8'))).toMatch(/^rows:\d+$|^[a-z_]+$/);
    }), { numRuns: 300 });
  });

  it('damaged workbooks end in rows or a clean error', async () => {
    const valid = await xlsxFile([['Nom', 'Mobile'], ['Martin', '0611223344'], ['Petit', 612345678]]);
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      fc.option(fc.nat(valid.length - 1)),
      async (flips, cut) => {
        const bytes = Buffer.from(valid);
        for (const [position, value] of flips) bytes[position] = value;
        const damaged = cut === null ? bytes : bytes.subarray(0, Math.max(4, cut));
        expect(await outcome(damaged)).toMatch(/^rows:\d+$|^[a-z_]+$/);
      },
    ), { numRuns: 150 });
  });
});

describe('value parsers under random input', () => {
  it('amount parser never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('fr', 'en') as fc.Arbitrary<'fr' | 'en'>, (text, locale) => {
      const result = parseAmount(text, 'EUR', locale);
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 2000 });
  });

  it('amounts formatted for people read back exactly', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('fr', 'en') as fc.Arbitrary<'fr' | 'en'>, (minor, locale) => {
      const shown = formatMoney(minor, 'EUR', locale);
      expect(parseAmount(shown, 'EUR', locale)).toEqual({ ok: true, minor });
      const written = formatAmount(minor, 'EUR', locale === 'fr' ? ',' : '.');
      expect(parseAmount(written, 'EUR', locale)).toEqual({ ok: true, minor });
    }), { numRuns: 2000 });
  });

  it('date parser never throws and reads back exported dates', () => {
    fc.assert(fc.property(fc.string({ maxLength: 24 }), (text) => {
      expect(typeof parseDate(text, { order: 'dmy', today: '2026-01-01' }).ok).toBe('boolean');
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (date) => {
      const iso = date.toISOString().slice(0, 10);
      for (const format of ['dd/mm/yyyy', 'yyyy-mm-dd'] as const) {
        expect(parseDate(formatDate(iso, format), { order: 'dmy', today: '2026-01-01' })).toEqual({ ok: true, date: iso });
      }
    }), { numRuns: 1000 });
  });
});
