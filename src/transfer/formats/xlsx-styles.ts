/**
 * The number format of each cell style of an XLSX workbook: the reader
 * needs it to tell date cells from numbers, and to show zero-padded and
 * percent numbers as the spreadsheet does.
 */
import type { XlsxPackage } from './xlsx-package.ts';

export interface CellFormat {
  /** Format code with its backslash escapes removed (`00000`, `0.0%`), or undefined for General. */
  code: string | undefined;
  isDate: boolean;
}

const GENERAL: CellFormat = { code: undefined, isDate: false };

/**
 * Format codes that the standard gives to ids 0 to 49 without writing them
 * in the file (ECMA-376 Part 1, 18.8.30). Ids 27 to 36 and 50 to 58 are
 * dates in East Asian locales, whose exact codes vary, so they stand here
 * as a plain date code.
 */
const BUILT_IN_FORMATS: Record<number, string> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm',
  21: 'h:mm:ss', 22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};
const EAST_ASIAN_DATE_IDS = [[27, 36], [50, 58]] as const;

function builtInFormat(id: number): string | undefined {
  if (EAST_ASIAN_DATE_IDS.some(([from, to]) => id >= from && id <= to)) return 'yyyy-mm-dd';
  return BUILT_IN_FORMATS[id];
}

/**
 * Reads the number format of every cell style (`<cellXfs>`), in the order
 * cells refer to them by their `s` attribute. Without a styles part every
 * cell is General.
 */
export async function readCellFormats(xlsx: XlsxPackage, path: string | null): Promise<CellFormat[]> {
  if (!path) return [];
  const customCodes = new Map<number, string>();
  const styleFormatIds: number[] = [];
  // Formats of differential styles (`<dxfs>`, for conditional formatting)
  // and cell style templates (`<cellStyleXfs>`) are left out.
  let section: 'numFmts' | 'cellXfs' | null = null;
  await xlsx.parse(path, {
    open(name, attributes) {
      if (name === 'numFmts' || name === 'cellXfs') section = name;
      else if (name === 'numFmt' && section === 'numFmts' && attributes.numFmtId !== undefined && attributes.formatCode !== undefined) {
        customCodes.set(Number(attributes.numFmtId), attributes.formatCode);
      } else if (name === 'xf' && section === 'cellXfs') {
        styleFormatIds.push(Number(attributes.numFmtId ?? 0));
      }
    },
    close(name) {
      if (name === 'numFmts' || name === 'cellXfs') section = null;
    },
  });
  return styleFormatIds.map((id) => {
    const code = customCodes.get(id) ?? builtInFormat(id);
    if (code === undefined || code === 'General') return GENERAL;
    return { code: code.replace(/\\(.)/g, '$1'), isDate: isDateFormat(code) };
  });
}

export function formatOfStyle(formats: CellFormat[], style: number): CellFormat {
  return formats[style] ?? GENERAL;
}

/**
 * Tells whether a format code shows a date or a time: it has a day, month,
 * year, hour, second or Buddhist-era letter outside quoted text, brackets
 * (colours, locales, elapsed time) and escaped or padding characters.
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[\\_*]./g, '');
  return /[ymdhsb]/i.test(bare);
}
