import { describe, expect, it } from 'vitest';
import { foldedWords, foldText, indexedWords } from '../../src/contacts/search/fold.ts';
import { todayIn } from '../../src/ledger/dates.ts';

describe('today in a time zone', () => {
  it('turns at local midnight', () => {
    expect(todayIn('Europe/Paris', new Date('2024-03-30T22:59:59.900Z'))).toBe('2024-03-30');
    expect(todayIn('Europe/Paris', new Date('2024-03-30T23:00:00.000Z'))).toBe('2024-03-31');
    expect(todayIn('Europe/Paris', new Date('2024-03-30T22:59:59.000Z'))).toBe('2024-03-30');
  });

  it('turns on a quarter-hour offset', () => {
    expect(todayIn('Asia/Kathmandu', new Date('2024-01-01T18:14:59.999Z'))).toBe('2024-01-01');
    expect(todayIn('Asia/Kathmandu', new Date('2024-01-01T18:15:00.000Z'))).toBe('2024-01-02');
  });

  it('keeps zones apart within a second', () => {
    const now = new Date('2024-06-01T23:30:00.000Z');
    expect(todayIn('Europe/Paris', now)).toBe('2024-06-02');
    expect(todayIn('America/Martinique', now)).toBe('2024-06-01');
    expect(todayIn('Pacific/Noumea', now)).toBe('2024-06-02');
  });
});

describe('text folding', () => {
  it('lower-cases ASCII text', () => {
    expect(foldText('Jean-Pierre DUBOIS')).toBe('jean-pierre dubois');
    expect(foldedWords("Boulangerie L'Épi d'Or")).toEqual(['boulangerie', 'l', 'epi', 'd', 'or']);
  });

  it('folds accents and ligatures', () => {
    expect(foldText('Œuvre Müller Łódź Ærø')).toBe('oeuvre muller lodz aero');
    expect(foldedWords('Hélène  Straße')).toEqual(['helene', 'strasse']);
  });

  it('indexes elided words joined too', () => {
    expect(indexedWords("Boulangerie L'Épi d’Or")).toEqual(['boulangerie', 'l', 'epi', 'd', 'or', 'lepi', 'dor']);
    expect(indexedWords('Jean Dupont')).toEqual(['jean', 'dupont']);
  });
});
