import { describe, expect, it } from 'vitest';
import { foldedWords, foldSearchText, foldText, indexedWords } from '../../src/contacts/search/fold.ts';
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

  it('keeps the older key fold', () => {
    expect(foldText('Йогурт')).toBe('иогурт');
    expect(foldText('राम')).toBe('रम');
  });
});

describe('search folding', () => {
  it('folds accents of Latin, Greek and Cyrillic', () => {
    expect(foldedWords('Nguyễn Thị Ánh')).toEqual(['nguyen', 'thi', 'anh']);
    expect(foldedWords('Пётр ЁЛКИН')).toEqual(['петр', 'елкин']);
    expect(foldedWords('Οδυσσέας ΕΛΎΤΗΣ')).toEqual(['οδυσσεασ', 'ελυτησ']);
  });

  it('writes a final sigma as σ', () => {
    expect(foldSearchText('Νίκος')).toBe('νικοσ');
    expect(foldSearchText('ΝΙΚΟΣ')).toBe('νικοσ');
  });

  it('keeps Cyrillic letters of their own', () => {
    expect(foldedWords('Андрій Йосипенко Їжак Ўсцінаў Ќерка')).toEqual(['андрій', 'йосипенко', 'їжак', 'ўсцінаў', 'ќерка']);
    expect(foldSearchText('и\u0306')).toBe('й');
    expect(foldSearchText('Ива\u0301н')).toBe('иван');
  });

  it('decomposes compatibility characters', () => {
    expect(foldedWords('ＴＡＮＡＫＡ ２４')).toEqual(['tanaka', '24']);
    expect(foldedWords('Ǆurić Soufﬂé')).toEqual(['dzuric', 'souffle']);
    expect(foldedWords('ｶﾞｽ')).toEqual(['ガス']);
  });

  it('spells out letters unaccent reduces', () => {
    expect(foldedWords('Ħal Ŋaŋ Ɓello Coŀlegi')).toEqual(['hal', 'nan', 'bello', 'collegi']);
    expect(foldedWords('Œuvre Ǣ')).toEqual(['oeuvre', 'ae']);
  });

  it('keeps whole syllables and voiced kana', () => {
    expect(foldedWords('김민준')).toEqual(['김민준']);
    expect(foldedWords('ごとう')).toEqual(['ごとう']);
    expect(foldedWords('สำราญ')).toEqual(['สำราญ']);
  });

  it('keeps vowel signs and splits at a virama', () => {
    expect(foldedWords('राम शर्मा')).toEqual(['राम', 'शर', 'मा']);
    expect(foldedWords('สมชาย ใจดี')).toEqual(['สมชาย', 'ใจดี']);
  });
});
