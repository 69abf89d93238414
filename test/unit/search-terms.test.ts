import { describe, expect, it } from 'vitest';
import { readSearchTerms } from '../../src/contacts/search/search-terms.ts';

describe('search terms', () => {
  it('reads digits typed in pairs as a phone only', () => {
    const terms = readSearchTerms('06 12 34', 'FR');
    expect(terms.words).toEqual([]);
    expect(terms.phoneRuns).toEqual(['061234', '3361234']);
  });

  it('keeps groups of three digits or more as words', () => {
    expect(readSearchTerms('1234 5678', 'FR').words).toEqual(['1234', '5678']);
  });

  it('keeps one run of digits as a word', () => {
    expect(readSearchTerms('0612', 'FR').words).toEqual(['0612']);
  });

  it('keeps names with short words', () => {
    expect(readSearchTerms('le bon', 'FR').words).toEqual(['le', 'bon']);
  });
});
