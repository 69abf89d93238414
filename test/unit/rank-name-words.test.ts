import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexedWords } from '../../src/contacts/search/fold.ts';
import { nameWords } from '../../src/contacts/search/rank.ts';

const sorted = (words: readonly string[]) => [...new Set(words)].sort();

/** Folds the whole name at once, as the search indexes do. */
const wholeName = (parts: (string | null)[]) => indexedWords(parts.filter(Boolean).join(' '));

const row = (parts: (string | null)[]) => ({
  first_name: parts[0] ?? null, middle_name: parts[1] ?? null, last_name: parts[2] ?? null, business_name: parts[3] ?? null,
});

describe('name words of a candidate', () => {
  it('match the whole name folded', () => {
    const names: (string | null)[][] = [
      ['Hélène', null, 'Müller', null],
      [null, null, null, "L'Hôte  d’Angelo"],
      ['Jean\u00a0Marc', 'Ŕ', 'Œnothèque', 'Ǆemal ﬂeur'],
      ['Андрей', 'Йоханна', 'Ёлкин', 'Ελένη'],
      [' Anne ', null, 'Du  Pont-Aven', 'Cave à Vins (Paris)'],
      ['и\u0306', null, 'x \u0306y', null],
    ];
    for (const parts of names) expect(sorted(nameWords(row(parts))), parts.join('|')).toEqual(sorted(wholeName(parts)));
  });

  it('match for any text, cached or not', () => {
    const part = fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null });
    fc.assert(fc.property(fc.array(part, { minLength: 4, maxLength: 4 }), (parts) => {
      expect(sorted(nameWords(row(parts)))).toEqual(sorted(wholeName(parts)));
      expect(sorted(nameWords(row(parts)))).toEqual(sorted(wholeName(parts)));
    }), { numRuns: 2000 });
  });
});
