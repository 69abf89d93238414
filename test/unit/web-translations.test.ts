/**
 * The two UI languages have the same keys, and every key the code names
 * exists. Each domain may keep its strings in its own `NAME.fr.json` and
 * `NAME.en.json` beside `fr.json` and `en.json`; all are read together.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const webSource = join(import.meta.dirname, '../../web/src');
const i18nFolder = join(webSource, 'i18n');

function translations(locale: 'fr' | 'en'): object {
  const files = readdirSync(i18nFolder).filter((name) => name === `${locale}.json` || name.endsWith(`.${locale}.json`));
  return Object.assign({}, ...files.map((name) => JSON.parse(readFileSync(join(i18nFolder, name), 'utf8')) as object));
}

const fr = translations('fr');
const en = translations('en');

function flatten(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? flatten(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Keys written whole in `t('…')` calls and `labelKey: '…'` entries. */
function keysInCode(): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(webSource)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*\.[\w.]+)'/g)) keys.add(match[1] ?? '');
    for (const match of text.matchAll(/labelKey: '([\w.]+)'/g)) keys.add(match[1] ?? '');
  }
  return keys;
}

/** Adds the base key of each plural key (`days_one` and `days_other` give `days`). */
function withPluralBases(keys: string[]): Set<string> {
  return new Set(keys.flatMap((key) => [key, key.replace(/_(zero|one|two|few|many|other)$/, '')]));
}

describe('web translations', () => {
  it('French and English have the same keys', () => {
    expect(flatten(en).sort()).toEqual(flatten(fr).sort());
  });

  it('every key used in the code exists in both languages', () => {
    const french = withPluralBases(flatten(fr));
    const english = withPluralBases(flatten(en));
    const used = [...keysInCode()];
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !french.has(key))).toEqual([]);
    expect(used.filter((key) => !english.has(key))).toEqual([]);
  });

  it('no text writes (s) for a plural', () => {
    for (const [name, tree] of [['fr', fr], ['en', en]] as const) {
      const marked = flatten(tree).filter((key) => {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
        return typeof value === 'string' && /\w\((s|x|e|es)\)/.test(value.replaceAll('http(s)', ''));
      });
      expect(marked, name).toEqual([]);
    }
  });

  it('no English text is left in the French file', () => {
    const same = flatten(fr).filter((key) => {
      const read = (tree: object) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
      return read(fr) === read(en);
    });
    // Words that are the same in both languages.
    const allowed = new Set([
      'Comptoir', 'Contact', 'Contacts', 'Code', 'Date', 'Total', 'IBAN', 'BIC', 'CSV', 'Excel',
      'Mobile', 'Note', 'Notes', 'Documents', 'Français', 'English',
      'Messages', 'Document', 'Port', 'URL', 'SMS', 'WhatsApp', 'Webhook',
      'PDF', 'vCard', 'Points',
    ]);
    expect(same.filter((key) => {
      const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], fr);
      return typeof value === 'string' && !allowed.has(value) && !/^\{\{\w+\}\}/.test(value);
    })).toEqual([]);
  });
});
