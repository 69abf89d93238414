/**
 * Reading a search text: its folded words for the word index, the digit runs
 * to look for in phone numbers, and the exact keys (code, card, phone,
 * email, tax number) that put a contact first.
 */
import { AsYouType, type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { readPhone } from '../phones.ts';
import { nationalTaxNumberKeys, type TaxNumberSearchKeys, taxNumberKey, vatPrefix } from '../tax-numbers.ts';
import { foldedWords } from './fold.ts';

/** Shortest run of digits matched inside phone numbers (the phone index stores trigrams). */
export const MIN_PHONE_RUN = 3;

/** Minimum digits of a national number (after its 0, or with it) for it to be looked for anywhere inside stored numbers. */
const MIN_NATIONAL_DIGITS = 8;
export const MAX_SEARCH_WORDS = 8;

export interface ExactKeys {
  codes: string[];
  /** Card keys (see `loyaltyCardKey`), so a card matches in any case and spacing. */
  cards: string[];
  phonesE164: string[];
  emailKey: string | null;
  /** The text's own tax number key, and the VAT number keys a national number stands for (see `nationalTaxNumberKeys`). */
  taxNumberKeys: string[];
  /** Starts of the VAT number keys a national number stands for, when their end varies. */
  taxNumberPrefixes: string[];
  /**
   * Starts of a tax number being typed: the text's own key, and for digits
   * alone the key with the business country's VAT prefix, so `fr 40 303`
   * finds `FR40303265045` before the number is whole.
   */
  taxNumberStarts: string[];
  /** Starts of a code being typed: the writings of a text of two or three parts with a digit, so `CO 30` finds `CO3012`. */
  codeStarts: string[];
  /**
   * The card start keys of a card number being typed (see `cardStartsOf`),
   * so `fid 06` finds `FID-0612`; empty, or one to three keys.
   */
  cardStarts: string[];
}

/** Another writing of a search word that matches a contact too (see `wordAlternativesOf`). */
export interface WordAlternative {
  /** The other writing, folded. */
  word: string;
  /** True when it matches as a word prefix, false when it must be a whole word. */
  prefix: boolean;
}

export interface SearchTerms {
  /** The text as typed, trimmed. */
  text: string;
  /** Folded words, each matched as a word prefix. */
  words: string[];
  /**
   * For each word of `words`, in the same order, the other writings that
   * match too: none for most words, at most `MAX_WORD_ALTERNATIVES`.
   */
  alternatives: WordAlternative[][];
  /** Digit runs to find anywhere in a phone's digits; empty unless the text reads as a phone. */
  phoneRuns: string[];
  exact: ExactKeys;
}

const phoneLike = /^[+\d\s().\-/]+$/;

/**
 * Titles, folded, that the list shows before a name (« Mme Amélie Poulain »)
 * but that the word index leaves out. A search that starts with one and goes
 * on drops it, so `mme poulain` finds her.
 */
const titleWords = new Set([
  'm', 'mme', 'mmes', 'mlle', 'mlles', 'me', 'dr', 'pr', 'monsieur', 'madame', 'mademoiselle', 'docteur', 'maitre',
  'professeur', 'mr', 'mrs', 'ms', 'miss', 'sir', 'herr', 'frau', 'sr', 'sra', 'signor', 'signora',
]);

/** Reads `text` for a business of `country` (the default for phone numbers). */
export function readSearchTerms(text: string, country: string): SearchTerms {
  // Invisible format characters (a soft hyphen or zero-width space pasted
  // inside a word) would split the word, so they are dropped.
  const trimmed = asciiDigits(text.replace(/\p{Cf}/gu, '')).trim();
  const phone = phoneLike.test(trimmed);
  let words = typedWords(trimmed).slice(0, MAX_SEARCH_WORDS);
  // Digits typed in pairs (`06 12 34`) are a phone number, which the phone
  // index and the exact keys match. As word prefixes, each pair matches most
  // contacts, and the word index intersected hundreds of thousands of entries.
  if (phone && words.length > 1 && words.some(({ word }) => word.length < MIN_PHONE_RUN)) words = [];
  if (words.length > 1 && titleWords.has(words[0]?.word as string)) words = words.slice(1);
  const phoneRuns = phone ? phoneRunsOf(trimmed, country) : [];
  return {
    text: trimmed,
    words: words.map(({ word }) => word),
    alternatives: words.map(({ word, umlautsWrittenOut }) => wordAlternativesOf(word, umlautsWrittenOut)),
    phoneRuns,
    exact: exactKeysOf(trimmed, country),
  };
}

/** German umlauts, in capitals and small letters, with the pair each one is written out as. */
const umlautPairs: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'AE', Ö: 'OE', Ü: 'UE' };

/**
 * Splits `text` into its folded words, each with the same word folded after
 * its umlauts were written out (`müller` gives `muller` and `mueller`).
 * Writing out an umlaut moves no word boundary, so the two foldings pair up
 * by position.
 */
function typedWords(text: string): { word: string; umlautsWrittenOut: string }[] {
  const words = foldedWords(text);
  const written = text.normalize('NFC').replace(/[äöüÄÖÜ]/gu, (umlaut) => umlautPairs[umlaut] ?? umlaut);
  const writtenWords = written === text ? words : foldedWords(written);
  const paired = writtenWords.length === words.length;
  return words.map((word, i) => ({ word, umlautsWrittenOut: paired ? writtenWords[i] as string : word }));
}

/** French abbreviations of saint, with the whole word each one stands for. */
const saintAbbreviations: ReadonlyMap<string, string> = new Map([
  ['st', 'saint'], ['ste', 'sainte'], ['sts', 'saints'], ['stes', 'saintes'],
]);

/**
 * The whole words of saint, each with the abbreviations of the words it
 * starts. A word is matched as a prefix, so `saint` finds « Sainte-Foy »,
 * and thus « Ste-Foy » too.
 */
const saintWords: ReadonlyMap<string, readonly string[]> = new Map([
  ['saint', ['st', 'ste', 'sts', 'stes']], ['sainte', ['ste', 'stes']], ['saints', ['sts']], ['saintes', ['stes']],
]);

/**
 * German umlauts written without their dots, as ae, oe and ue. The oe of
 * French œu (`coeur`, `boeuf`) and the ue after q (`jacques`) are left out,
 * because German writes no ö or ü there.
 */
const spelledUmlauts = /ae|oe(?!u)|(?<!q)ue/g;

/** Letters that must follow a pair made plain for that writing to match as a prefix. */
const MIN_LETTERS_AFTER_UMLAUT = 2;

/**
 * Maximum other writings of one search word, which the four abbreviations
 * that `saint` starts reach. A word with more than three umlauts or pairs
 * has more writings, and only the first four are read (see `umlautWritings`).
 */
export const MAX_WORD_ALTERNATIVES = 4;

/**
 * Lists the other writings that a folded search word stands for:
 * - a French abbreviation of saint (`st`, `ste`, `sts`, `stes`) also
 *   matches the whole word it abbreviates, so `st emilion` finds
 *   « Saint-Émilion » while `st` still matches `stephane`. The whole word
 *   (`saint`, `sainte`) also matches the abbreviations of the words it
 *   starts, as whole words, so `saint malo` finds « St-Malo »;
 * - a word with German umlauts written out or typed (`mueller`, `müller`)
 *   also matches with its umlauts written the other way (see
 *   `umlautWritings`). `umlautsWrittenOut` is the word folded after its
 *   typed umlauts were written out, and `word` itself when it had none.
 */
export function wordAlternativesOf(word: string, umlautsWrittenOut = word): WordAlternative[] {
  const saint = saintAbbreviations.get(word);
  if (saint !== undefined) return [{ word: saint, prefix: false }];
  const abbreviations = saintWords.get(word);
  if (abbreviations !== undefined) return abbreviations.map((abbreviation) => ({ word: abbreviation, prefix: false }));
  return umlautWritings(word, umlautsWrittenOut).slice(0, MAX_WORD_ALTERNATIVES);
}

/**
 * A pair ae, oe or ue of a search word whose umlauts are written out. The
 * word was typed either with that pair or with the umlaut, which folds to
 * a, o or u.
 */
interface UmlautSpot {
  /** Start of the pair in the written-out word, in UTF-16 units. */
  start: number;
  pair: string;
  typedAsPair: boolean;
  /** Letters of the typed word after this pair or umlaut. */
  lettersAfter: number;
}

/**
 * Lists the other writings of a word's umlauts. The first has all of them
 * written the other way: ae, oe and ue made a, o and u, and typed umlauts
 * written out. The next ones have each of them alone written the other way.
 * So `feuerbaecker` gives `feurbacker`, `feurbaecker` and `feuerbacker`,
 * whose last one is how « Feuerbäcker » is indexed. A writing that makes a
 * typed pair plain matches as a prefix when two letters or more follow the
 * last pair it changes, and otherwise as a whole word only, so `noel` does
 * not find every `nol…`. A writing that only writes out typed umlauts
 * matches as a prefix (`mü` finds « Mueller »).
 */
function umlautWritings(word: string, umlautsWrittenOut: string): WordAlternative[] {
  let writtenOut = umlautsWrittenOut;
  let spots = umlautSpots(word, writtenOut);
  // A typed umlaut beside its own pair (`üe`) can fail to line up, and the word is then read as typed.
  if (spots === null) {
    writtenOut = word;
    spots = umlautSpots(word, word) ?? [];
  }
  const changes = [spots.map((_, i) => i), ...(spots.length > 1 ? spots.map((_, i) => [i]) : [])];
  const writings: WordAlternative[] = [];
  for (const changed of changes) {
    const writing = umlautWriting(spots, new Set(changed), writtenOut);
    if (writing.word !== word && !writings.some((other) => other.word === writing.word)) writings.push(writing);
  }
  return writings;
}

/**
 * Finds the umlauts of `word` in `writtenOut`, the same word with its typed
 * umlauts written out, or returns null when the two do not line up.
 */
function umlautSpots(word: string, writtenOut: string): UmlautSpot[] | null {
  const spots: UmlautSpot[] = [];
  let typed = 0;
  let written = 0;
  for (const match of writtenOut.matchAll(spelledUmlauts)) {
    const between = writtenOut.slice(written, match.index);
    if (!word.startsWith(between, typed)) return null;
    typed += between.length;
    const pair = match[0];
    const typedAsPair = word.startsWith(pair, typed);
    if (!typedAsPair && word.charAt(typed) !== pair.charAt(0)) return null;
    typed += typedAsPair ? pair.length : 1;
    spots.push({ start: match.index, pair, typedAsPair, lettersAfter: [...word.slice(typed)].length });
    written = match.index + pair.length;
  }
  return word.slice(typed) === writtenOut.slice(written) ? spots : null;
}

/** Writes `writtenOut` with the umlauts in `changed` the other way from how the word was typed. */
function umlautWriting(spots: readonly UmlautSpot[], changed: ReadonlySet<number>, writtenOut: string): WordAlternative {
  let text = '';
  let written = 0;
  let lettersAfterPlain: number | null = null;
  for (const [i, spot] of spots.entries()) {
    const asPair = spot.typedAsPair !== changed.has(i);
    text += writtenOut.slice(written, spot.start) + (asPair ? spot.pair : spot.pair.charAt(0));
    written = spot.start + spot.pair.length;
    if (spot.typedAsPair && !asPair) lettersAfterPlain = spot.lettersAfter;
  }
  text += writtenOut.slice(written);
  const prefix = lettersAfterPlain === null || lettersAfterPlain >= MIN_LETTERS_AFTER_UMLAUT;
  return { word: text, prefix };
}

/**
 * Writes the decimal digits of other scripts (full-width `０６`, Arabic-Indic
 * `٠٦`) as ASCII digits, so the phone index and the exact keys, which
 * hold ASCII digits, can read them.
 */
export function asciiDigits(text: string): string {
  return text.replace(/(?![0-9])\p{Nd}/gu, (digit) => {
    const compatible = digit.normalize('NFKC');
    if (/^[0-9]$/.test(compatible)) return compatible;
    // Each script's digits are ten consecutive code points from its zero.
    const code = digit.codePointAt(0) as number;
    let zero = code;
    while (zero > code - 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
    return String(code - zero);
  });
}

/**
 * The digit runs a phone-like text can match. International writings
 * (`+33 6…`, `0033 6…`) become the E.164 digits (`336…`). A national writing
 * (`06 12…`) is looked for both as typed, which matches numbers stored in the
 * same writing, and in its E.164 digits for the business country (`3361 2…`).
 * With eight digits or more after its 0, it is also looked for without the 0,
 * which finds the number of another country. An international writing is
 * also looked for in the national writing of its country. Anything else is
 * a fragment, matched as typed.
 */
function phoneRunsOf(text: string, country: string): string[] {
  const international = text.startsWith('+') || text.replace(/\D/g, '').startsWith('00');
  // Business cards write the trunk 0 of an international number in brackets
  // (`+33 (0)6 12…`), which no E.164 number contains.
  let digits = (international ? text.replace(/\(\s*0\s*\)/g, '') : text).replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (digits.length < MIN_PHONE_RUN) return [];
  const runs = [digits];
  if (!international && digits.startsWith('0')) {
    const typing = new AsYouType(country as CountryCode);
    typing.input(digits);
    const e164 = typing.getNumberValue()?.replace(/\D/g, '');
    if (e164 && e164 !== digits && e164.length >= MIN_PHONE_RUN) runs.push(e164);
    // A customer from another country gives their number as it is written
    // at home (`0470 12 34 56` for a Belgian `+32 470 12 34 56`), which the
    // business country does not read. Eight digits or more are unlikely to
    // occur by chance inside another number, so they are looked for anywhere.
    const rest = digits.slice(1);
    if (rest.length >= MIN_NATIONAL_DIGITS && !runs.includes(rest)) runs.push(rest);
  }
  if (international) {
    // A number that did not read as valid is stored as typed, often in its
    // national writing (`07 00 00 00 01`), which an international writing
    // (`+33 7 00 00 00 01`) does not contain. So it is also looked for as the
    // national writing of its country, once it is long enough to be a whole number.
    const national = parsePhoneNumberFromString(`+${digits}`)?.formatNational().replace(/\D/g, '');
    if (national && national.length >= MIN_NATIONAL_DIGITS && !runs.includes(national)) runs.push(national);
  }
  return runs;
}

function exactKeysOf(text: string, country: string): ExactKeys {
  const compact = text.replace(/\s+/g, '');
  const phone = phoneLike.test(text) ? readPhone(text, country) : null;
  const taxNumber = /\d/.test(text) && compact.length >= 4 ? taxNumberKeysOf(text, country) : { keys: [], prefixes: [], starts: [] };
  return {
    codes: codeWritings(text),
    // Without a digit, a code start adds nothing that the code's word does not already find.
    codeStarts: /\p{N}/u.test(text) ? codeWritingsOfParts(text) : [],
    cards: cardKeysToLookUp(text),
    cardStarts: cardStartsOf(text),
    phonesE164: phone?.e164 ? [phone.e164] : [],
    emailKey: text.includes('@') ? text.toLowerCase() : null,
    taxNumberKeys: taxNumber.keys,
    taxNumberPrefixes: taxNumber.prefixes,
    taxNumberStarts: taxNumber.starts,
  };
}

/**
 * A tax number typed without its country prefix: digits and letters, in
 * groups separated by spaces, dots or dashes (`303 265 045`, `0417.497.106`,
 * `B-12345678`) or not.
 */
const nationalNumber = /^[\p{L}\d\s.-]+$/u;

/** Shortest tax number start looked for: a VAT prefix and two characters. */
const MIN_TAX_NUMBER_START = 4;

function taxNumberKeysOf(text: string, country: string): TaxNumberSearchKeys & { starts: string[] } {
  const key = taxNumberKey(text);
  if (!nationalNumber.test(text)) return { keys: [key], prefixes: [], starts: [] };
  const national = nationalTaxNumberKeys(key, country);
  const starts = /^\d+$/.test(key) ? [vatPrefix(country) + key] : [key];
  return {
    keys: unique([key, ...national.keys]),
    prefixes: national.prefixes,
    starts: unique(starts.filter((start) => start.length >= MIN_TAX_NUMBER_START)),
  };
}

/** Characters that separate the parts of a code, as in `C-001`, `CL/2024/07` or `F 12`. */
const codeSeparators = ['', '-', ' ', '.', '/', '_'];
const codeLike = /^[\p{L}\p{N}\-_./ ]{2,32}$/u;

/**
 * Lists the writings of a code that `text` can stand for: as typed, in
 * capitals and in small letters, and, for a text of two or three parts, those
 * parts joined by each usual separator in both cases. So `c001`, `C 001` and
 * `c.001` all find `C-001`, and `CLI001` finds `cli-001`.
 */
function codeWritings(text: string): string[] {
  return unique([text, text.toUpperCase(), text.toLowerCase(), ...codeWritingsOfParts(text)]);
}

/**
 * Lists the parts of a text of two or three parts joined by each usual
 * separator, in capitals and in small letters, and nothing for other texts.
 */
function codeWritingsOfParts(text: string): string[] {
  if (!codeLike.test(text)) return [];
  const parts = text.toUpperCase().split(/[-_./ ]+/).flatMap((part) => part.match(/\p{L}+|\p{N}+/gu) ?? []);
  if (parts.length !== 2 && parts.length !== 3) return [];
  const writings: string[] = [];
  for (const separator of codeSeparators) {
    const joined = parts.join(separator);
    writings.push(joined, joined.toLowerCase());
  }
  return unique(writings);
}

/** A card number being typed: letters and digits of any script, with spaces, dots or dashes between them. */
const cardStartLike = /^[\p{L}\p{M}\p{Nd}\s.-]+$/u;

/** Shortest card key looked for as a card start, so that `06` or `fid` alone does not rank every card holder first. */
export const MIN_CARD_START = 4;

/**
 * Lists the card start keys of `text` (see `cardStartKey`) when it can be
 * the start of a card number: letters, digits, spaces, dots and dashes only,
 * with at least one digit and `MIN_CARD_START` characters besides spaces,
 * dots and dashes. So `fid-06`, `FID 06` and `fid06` give `FID06`, and
 * `f06` or `fidelite` give nothing. A letter outside ASCII keeps its case
 * in the stored key, so the key is listed in the writings of
 * `caseWritingsOutsideAscii`: `carté-12` gives `CARTé12` and `CARTÉ12`.
 */
function cardStartsOf(text: string): string[] {
  const typed = text.normalize('NFC');
  if (!cardStartLike.test(typed) || !/\p{Nd}/u.test(typed)) return [];
  const key = cardStartKey(typed);
  if ([...key].length < MIN_CARD_START) return [];
  return caseWritingsOutsideAscii(key);
}

/**
 * Most letters outside ASCII whose every mix of capitals and small letters
 * is listed, which makes at most 16 writings of a card key.
 */
const MAX_MIXED_CASE_LETTERS = 4;

/**
 * Lists `key` as written, with its letters outside ASCII in capitals, in
 * small letters, and in every mix of the two when it has at most
 * `MAX_MIXED_CASE_LETTERS` of them. So `éö-12` gives `Éö12` among others,
 * and finds a card written `Éö-12`. A letter whose other case is not one
 * character, such as `ß` (capitals `SS`), stays as written, because the
 * stored key writes it as one character.
 * NOTE: a key with more such letters is listed in the first three writings
 * only, so a card that mixes cases in more than four of them is found only
 * when typed in its own case.
 */
export function caseWritingsOutsideAscii(key: string): string[] {
  const characters = [...key];
  const cased: { index: number; upper: string; lower: string }[] = [];
  for (const [index, character] of characters.entries()) {
    if (character <= '\x7f') continue;
    const upper = singleCharacterOr(character.toUpperCase(), character);
    const lower = singleCharacterOr(character.toLowerCase(), character);
    if (upper !== lower) cased.push({ index, upper, lower });
  }
  const writings = [key, writingWith(characters, cased, () => 'upper'), writingWith(characters, cased, () => 'lower')];
  if (cased.length <= MAX_MIXED_CASE_LETTERS) {
    for (let mask = 0; mask < 2 ** cased.length; mask += 1) {
      writings.push(writingWith(characters, cased, (bit) => ((mask >> bit) & 1 ? 'upper' : 'lower')));
    }
  }
  return unique(writings);
}

function singleCharacterOr(changed: string, character: string): string {
  return [...changed].length === 1 ? changed : character;
}

/** Writes `characters` with each cased letter in the case `caseOf` picks for its position among them. */
function writingWith(
  characters: readonly string[],
  cased: readonly { index: number; upper: string; lower: string }[],
  caseOf: (position: number) => 'upper' | 'lower',
): string {
  const written = [...characters];
  for (const [position, letter] of cased.entries()) written[letter.index] = letter[caseOf(position)];
  return written.join('');
}

/** Characters a card key leaves out: dots, dashes and every Unicode space, such as no-break spaces and tabs. */
const cardSeparators = /[\s.-]/gu;

/**
 * Writes each run of Unicode spaces in a card number as one ASCII space, the only space `cardKeyExpression` drops.
 * Migration 0024 wrote the numbers stored before in the same way.
 */
export function normalizeCardSpaces(cardNumber: string): string {
  return cardNumber.replace(/\s+/gu, ' ');
}

/**
 * Computes the key a loyalty card number is compared by: upper case, without
 * spaces, dashes or dots, as `cardKeyExpression` does in SQL for a number
 * stored through `normalizeCardSpaces`. SQLite's `upper` changes only ASCII
 * letters, so lookups compare with every key of `cardKeysToLookUp`.
 */
export function loyaltyCardKey(cardNumber: string): string {
  return cardNumber.replace(cardSeparators, '').toUpperCase();
}

/**
 * Lists the keys to compare with `cardKeyExpression` to find the holders of
 * a card: `loyaltyCardKey`, and the key with only its ASCII letters in upper
 * case, which SQLite's `upper` returns, in the writings of
 * `caseWritingsOutsideAscii`. So `CARTE É1` and `carte é1` find a stored
 * `carte-é1` on both engines. Empty for a card made only of spaces, dashes
 * and dots.
 */
export function cardKeysToLookUp(cardNumber: string): string[] {
  return unique([loyaltyCardKey(cardNumber), ...caseWritingsOutsideAscii(cardStartKey(cardNumber))]);
}

/**
 * Computes the key a card start is compared with: the card number without
 * spaces, dashes or dots, with its ASCII letters in capitals and every other
 * character as written. Both engines compute the same key in SQL: SQLite's
 * `upper` in `cardKeyExpression` changes ASCII letters only, and PostgreSQL
 * indexes `cardStartExpression` of migration 0039.
 */
export function cardStartKey(cardNumber: string): string {
  return cardNumber.replace(cardSeparators, '').replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}

/** Whether the text gives the word or phone indexes anything to look for. */
export function hasSearchableTerms(terms: SearchTerms): boolean {
  return terms.words.length > 0 || terms.phoneRuns.length > 0;
}
