/**
 * Ranking of search candidates, best first:
 *   0. an exact code, loyalty card, phone (E.164), email or tax number, or
 *      a tax number that starts with a prefix a national number stands for;
 *   1. a code, loyalty card or tax number starts with the text as typed
 *      so far, every search word starts a word of the name (first, middle,
 *      last or business name), or a phone starts with the typed digits;
 *   2. any other match (city, email, code prefix, digits inside a phone).
 * Within tier 1, the code, card and tax number starts come first, then the
 * contacts whose name words equal the search words, then the others. Within
 * each of those, the folded name and the id decide, so the order is total
 * and a keyset cursor can resume it.
 */
import { indexedWords } from './fold.ts';
import type { CandidateRow, CandidateSource } from './search-sql.ts';
import { cardStartKey, loyaltyCardKey, type SearchTerms } from './search-terms.ts';

export interface RankKey {
  tier: number;
  /**
   * -1 for a code, card or tax number that starts with the text, 0 when
   * every search word is a whole word of the name, else 1. The starts take
   * -1 rather than a tier of their own, so that the cursors written before
   * keep naming the same tier.
   */
  closeness: number;
  sortName: string;
  id: string;
}

export interface RankedCandidate<Row extends CandidateRow = CandidateRow> {
  row: Row;
  rank: RankKey;
  matchedOn: MatchKind;
}

export type MatchKind = 'code' | 'card' | 'phone' | 'email' | 'taxNumber' | 'name' | 'other';

export function compareRanks(a: RankKey, b: RankKey): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  if (a.closeness !== b.closeness) return a.closeness - b.closeness;
  if (a.sortName !== b.sortName) return a.sortName < b.sortName ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

function exactMatch(row: CandidateRow, terms: SearchTerms): MatchKind | null {
  const { exact } = terms;
  if (exact.codes.includes(row.code)) return 'code';
  if (row.loyalty_card_number !== null && exact.cards.includes(loyaltyCardKey(row.loyalty_card_number))) return 'card';
  const phones = [row.mobile_e164, row.alternate_number_e164, row.landline_e164];
  if (phones.some((phone) => phone !== null && exact.phonesE164.includes(phone))) return 'phone';
  if (exact.emailKey !== null && row.email_key === exact.emailKey) return 'email';
  const taxNumber = row.tax_number_key;
  if (taxNumber !== null && exact.taxNumberKeys.includes(taxNumber)) return 'taxNumber';
  if (taxNumber !== null && exact.taxNumberPrefixes.some((prefix) => taxNumber.startsWith(prefix))) return 'taxNumber';
  return null;
}

/** Tells whether the contact's code, card or tax number starts with the text being typed. */
function startMatch(row: CandidateRow, terms: SearchTerms): MatchKind | null {
  const { codeStarts, cardStarts, taxNumberStarts } = terms.exact;
  if (codeStarts.some((start) => row.code.startsWith(start))) return 'code';
  const card = row.loyalty_card_number;
  if (card !== null && cardStarts.some((start) => cardStartKey(card).startsWith(start))) return 'card';
  const taxNumber = row.tax_number_key;
  if (taxNumber !== null && taxNumberStarts.some((start) => taxNumber.startsWith(start))) return 'taxNumber';
  return null;
}

/**
 * Indexed words of each name part (the text between spaces), cached because names repeat across
 * contacts and across the searches of one typed query. Folding never crosses a space, so a name's
 * words are those of its parts.
 */
const partWords = new Map<string, readonly string[]>();
const MAX_CACHED_PARTS = 20_000;

function wordsOfPart(part: string): readonly string[] {
  let words = partWords.get(part);
  if (words === undefined) {
    words = indexedWords(part);
    if (partWords.size >= MAX_CACHED_PARTS) partWords.clear();
    partWords.set(part, words);
  }
  return words;
}

/** Returns the indexed words of the contact's first, middle and last names and business name. */
export function nameWords(row: Pick<CandidateRow, 'first_name' | 'middle_name' | 'last_name' | 'business_name'>): string[] {
  const words: string[] = [];
  for (const name of [row.first_name, row.middle_name, row.last_name, row.business_name]) {
    if (!name) continue;
    for (const part of name.split(' ')) words.push(...wordsOfPart(part));
  }
  return words;
}

/** Tells whether the search word at `index` of `terms`, or one of its other writings, starts a word of `words`. */
function termStartsAWord(terms: SearchTerms, index: number, words: readonly string[]): boolean {
  const term = terms.words[index] as string;
  const alternatives = terms.alternatives[index] ?? [];
  for (const word of words) {
    if (word.startsWith(term)) return true;
    for (const alternative of alternatives) {
      if (alternative.prefix ? word.startsWith(alternative.word) : word === alternative.word) return true;
    }
  }
  return false;
}

/** Tells whether the search word at `index` of `terms`, or one of its other writings, is a whole word of `words`. */
function termIsAWord(terms: SearchTerms, index: number, words: readonly string[]): boolean {
  const alternatives = terms.alternatives[index] ?? [];
  return words.includes(terms.words[index] as string) || alternatives.some((alternative) => words.includes(alternative.word));
}

function rankKey(row: CandidateRow, tier: number, closeness: number): RankKey {
  return { tier, closeness, sortName: row.sort_name, id: row.id };
}

function phoneDigitStrings(row: CandidateRow): string[] {
  const typed = [row.mobile_digits, row.alternate_number, row.landline].map((text) => text?.replace(/\D/g, '') ?? '');
  const e164 = [row.mobile_e164, row.alternate_number_e164, row.landline_e164].map((text) => text?.slice(1) ?? '');
  return [...typed, ...e164].filter((digits) => digits.length > 0);
}

/** The closeness of a code, card or tax number start, ahead of the whole name words of the same tier. */
const START_CLOSENESS = -1;

export function rankCandidate<Row extends CandidateRow>(row: Row, terms: SearchTerms): RankedCandidate<Row> {
  const exact = exactMatch(row, terms);
  if (exact) return { row, rank: rankKey(row, 0, 0), matchedOn: exact };
  const start = startMatch(row, terms);
  if (start) return { row, rank: rankKey(row, 1, START_CLOSENESS), matchedOn: start };

  if (terms.words.length > 0) {
    const words = nameWords(row);
    if (terms.words.every((_, i) => termStartsAWord(terms, i, words))) {
      const whole = terms.words.every((_, i) => termIsAWord(terms, i, words));
      return { row, rank: rankKey(row, 1, whole ? 0 : 1), matchedOn: 'name' };
    }
  }

  if (terms.phoneRuns.length > 0) {
    const digits = phoneDigitStrings(row);
    if (terms.phoneRuns.some((run) => digits.some((phone) => phone.startsWith(run)))) {
      return { row, rank: rankKey(row, 1, 1), matchedOn: 'phone' };
    }
    if (terms.phoneRuns.some((run) => digits.some((phone) => phone.includes(run)))) {
      return { row, rank: rankKey(row, 2, 1), matchedOn: 'phone' };
    }
  }
  return { row, rank: rankKey(row, 2, 1), matchedOn: 'other' };
}

/**
 * Ranks the union of the candidate lists, each contact once. `truncated`
 * is true when a list was cut at its bound, so more contacts may match than
 * were ranked.
 */
export function rankCandidates<Row extends CandidateRow>(
  lists: { source: CandidateSource; rows: Row[]; full: boolean }[],
  terms: SearchTerms,
): { ranked: RankedCandidate<Row>[]; truncated: boolean } {
  const byId = new Map<string, RankedCandidate<Row>>();
  for (const list of lists) {
    for (const row of list.rows) {
      if (!byId.has(row.id)) byId.set(row.id, rankCandidate(row, terms));
    }
  }
  const ranked = [...byId.values()].sort((a, b) => compareRanks(a.rank, b.rank));
  return { ranked, truncated: lists.some((list) => list.full) };
}
