/**
 * Ranking of search candidates, best first:
 *   0. an exact code, loyalty card, phone (E.164), email or tax number, or
 *      a tax number that starts with a prefix a national number stands for;
 *   1. every search word starts a word of the name (first, middle, last or
 *      business name), or a phone starts with the typed digits;
 *   2. any other match (city, email, code prefix, digits inside a phone).
 * Within a tier, contacts whose name words equal the search words come
 * first, then the folded name and the id decide, so the order is total and
 * a keyset cursor can resume it.
 */
import { indexedWords } from './fold.ts';
import type { CandidateRow, CandidateSource } from './search-sql.ts';
import { loyaltyCardKey, type SearchTerms } from './search-terms.ts';

export interface RankKey {
  tier: number;
  /** 0 when every search word is a whole word of the name, else 1. */
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

function nameWords(row: CandidateRow): string[] {
  return indexedWords([row.first_name, row.middle_name, row.last_name, row.business_name].filter(Boolean).join(' '));
}

function phoneDigitStrings(row: CandidateRow): string[] {
  const typed = [row.mobile_digits, row.alternate_number, row.landline].map((text) => text?.replace(/\D/g, '') ?? '');
  const e164 = [row.mobile_e164, row.alternate_number_e164, row.landline_e164].map((text) => text?.slice(1) ?? '');
  return [...typed, ...e164].filter((digits) => digits.length > 0);
}

export function rankCandidate<Row extends CandidateRow>(row: Row, terms: SearchTerms): RankedCandidate<Row> {
  const key = (tier: number, closeness: number) => ({ tier, closeness, sortName: row.sort_name, id: row.id });

  const exact = exactMatch(row, terms);
  if (exact) return { row, rank: key(0, 0), matchedOn: exact };

  if (terms.words.length > 0) {
    const words = nameWords(row);
    const prefixes = terms.words.every((term) => words.some((word) => word.startsWith(term)));
    if (prefixes) {
      const whole = terms.words.every((term) => words.includes(term));
      return { row, rank: key(1, whole ? 0 : 1), matchedOn: 'name' };
    }
  }

  if (terms.phoneRuns.length > 0) {
    const digits = phoneDigitStrings(row);
    if (terms.phoneRuns.some((run) => digits.some((phone) => phone.startsWith(run)))) {
      return { row, rank: key(1, 1), matchedOn: 'phone' };
    }
    if (terms.phoneRuns.some((run) => digits.some((phone) => phone.includes(run)))) {
      return { row, rank: key(2, 1), matchedOn: 'phone' };
    }
  }
  return { row, rank: key(2, 1), matchedOn: 'other' };
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
