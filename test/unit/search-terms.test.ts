import { describe, expect, it } from 'vitest';
import {
  ftsWordsQuery, prefixRange, searchParameters, wholeWordRange, wordRanges, wordsByLength,
} from '../../src/contacts/search/search-sql.ts';
import {
  asciiDigits, cardKeysToLookUp, cardStartKey, caseWritingsOutsideAscii, MAX_WORD_ALTERNATIVES, readSearchTerms,
  wordAlternativesOf,
} from '../../src/contacts/search/search-terms.ts';

describe('search terms', () => {
  it('reads digits typed in pairs as a phone only', () => {
    const terms = readSearchTerms('06 12 34', 'FR');
    expect(terms.words).toEqual([]);
    expect(terms.phoneRuns).toEqual(['061234', '3361234']);
  });

  it('reads a whole national number also without its 0', () => {
    expect(readSearchTerms('0470 12 34 56', 'FR').phoneRuns).toEqual(['0470123456', '33470123456', '470123456']);
  });

  it('reads an international number also nationally', () => {
    expect(readSearchTerms('+33 7 00 00 00 01', 'FR').phoneRuns).toEqual(['33700000001', '0700000001']);
    expect(readSearchTerms('+32 470 12 34 56', 'FR').phoneRuns).toEqual(['32470123456', '0470123456']);
  });

  it('reads digits of other scripts', () => {
    expect(asciiDigits('０６ １２ ３４')).toBe('06 12 34');
    expect(asciiDigits('٠٦١٢٣٤٥٦٧٨٩')).toBe('06123456789');
    expect(asciiDigits('۰۶۱۲')).toBe('0612');
    expect(asciiDigits('०६१२')).toBe('0612');
    expect(asciiDigits('Élodie 06')).toBe('Élodie 06');
    expect(readSearchTerms('０６ １２ ３４', 'FR').phoneRuns).toEqual(['061234', '3361234']);
    expect(readSearchTerms('٠٦١٢٣٤٥٦٧٨', 'FR').exact.phonesE164).toEqual(['+33612345678']);
  });

  it('drops a bracketed trunk 0', () => {
    expect(readSearchTerms('+33 (0)6 03 26', 'FR').phoneRuns).toEqual(['3360326']);
    expect(readSearchTerms('0033 ( 0 ) 6 03 26', 'FR').phoneRuns).toEqual(['3360326']);
    expect(readSearchTerms('+44 (0)20 7946', 'FR').phoneRuns).toEqual(['44207946']);
  });

  it('keeps a short international start whole', () => {
    expect(readSearchTerms('+33 6 99 88', 'FR').phoneRuns).toEqual(['3369988']);
  });

  it('keeps a short national start with its 0', () => {
    expect(readSearchTerms('0470 12 3', 'FR').phoneRuns).toEqual(['0470123', '33470123']);
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

  it('drops a leading title', () => {
    expect(readSearchTerms('Mme Poulain', 'FR').words).toEqual(['poulain']);
    expect(readSearchTerms('maître dupont', 'FR').words).toEqual(['dupont']);
    expect(readSearchTerms('mme', 'FR').words).toEqual(['mme']);
    expect(readSearchTerms('poulain mme', 'FR').words).toEqual(['poulain', 'mme']);
  });

  it('drops invisible format characters', () => {
    expect(readSearchTerms('fa\u00adure', 'FR').words).toEqual(['faure']);
    expect(readSearchTerms('\u200bC-001\u200b', 'FR').text).toBe('C-001');
  });
});

describe('tax number keys', () => {
  it('adds the country prefix to digits', () => {
    expect(readSearchTerms('40 303 265 045', 'FR').exact.taxNumberKeys).toEqual(['40303265045', 'FR40303265045']);
    expect(readSearchTerms('094014298', 'GR').exact.taxNumberKeys).toEqual(['094014298', 'EL094014298']);
  });

  it('reads nine French digits as a SIREN', () => {
    expect(readSearchTerms('303 265 045', 'FR').exact.taxNumberKeys).toEqual(['303265045', 'FR303265045', 'FR40303265045']);
    expect(readSearchTerms('000000001', 'FR').exact.taxNumberKeys).toContain('FR15000000001');
  });

  it('reads digits grouped by dots or dashes', () => {
    expect(readSearchTerms('303.265.045', 'FR').exact.taxNumberKeys).toEqual(['303265045', 'FR303265045', 'FR40303265045']);
    expect(readSearchTerms('40-303-265-045', 'FR').exact.taxNumberKeys).toEqual(['40303265045', 'FR40303265045']);
    expect(readSearchTerms('0417.497.106', 'BE').exact.taxNumberKeys).toEqual(['0417497106', 'BE0417497106', 'BE417497106']);
  });

  it('keeps a prefixed number as typed', () => {
    expect(readSearchTerms('FR 40 303 265 045', 'FR').exact.taxNumberKeys).toEqual(['FR40303265045']);
  });

  it('adds nothing to other punctuation', () => {
    expect(readSearchTerms('303/265/045', 'FR').exact.taxNumberKeys).toEqual(['303265045']);
    expect(readSearchTerms('+32 417 497 106', 'BE').exact.taxNumberKeys).toEqual(['32417497106']);
  });
});

describe('starts of a text being typed', () => {
  const exact = (text: string) => readSearchTerms(text, 'FR').exact;

  it('reads a grouped tax number start', () => {
    expect(exact('fr 40 303').taxNumberStarts).toEqual(['FR40303']);
    expect(exact('40 303 26').taxNumberStarts).toEqual(['FR4030326']);
    expect(exact('fr4').taxNumberStarts).toEqual([]);
  });

  it('reads a code start with a digit', () => {
    expect(exact('CO 30').codeStarts).toContain('CO30');
    expect(exact('co 30').codeStarts).toContain('CO-30');
    expect(exact('jean faure').codeStarts).toEqual([]);
  });

  it('reads a card start as its card key', () => {
    for (const text of ['fid-06', 'FID 06', 'fid06', 'fid.0 6']) expect(exact(text).cardStarts, text).toEqual(['FID06']);
    expect(exact('0612').cardStarts).toEqual(['0612']);
  });

  it('reads no card start from other texts', () => {
    expect(exact('f06').cardStarts).toEqual([]);
    expect(exact('f-0 6').cardStarts).toEqual([]);
    expect(exact('fidelite').cardStarts).toEqual([]);
    expect(exact('carté').cardStarts).toEqual([]);
    expect(exact('ö-06').cardStarts).toEqual([]);
    expect(exact('fid/06').cardStarts).toEqual([]);
  });

  it('reads a card start outside ASCII in both cases', () => {
    expect(exact('carte é06').cardStarts).toEqual(['CARTEé06', 'CARTEÉ06']);
    expect(exact('CARTÉ-12').cardStarts).toEqual(['CARTÉ12', 'CARTé12']);
    expect(exact('Ö-0042').cardStarts).toEqual(['Ö0042', 'ö0042']);
    expect(exact('ö-004').cardStarts).toEqual(['ö004', 'Ö004']);
    expect(exact('καρτα-00').cardStarts).toEqual(['καρτα00', 'ΚΑΡΤΑ00']);
  });

  it('reads a card start in NFC', () => {
    expect(exact('carte\u0301-12').cardStarts).toEqual(['CARTé12', 'CARTÉ12']);
  });

  it('keeps a letter whose capitals are two letters', () => {
    expect(exact('straße-1').cardStarts).toEqual(['STRAßE1']);
  });

  it('keeps accents in a card start', () => {
    expect(exact('carte-1').cardStarts).toEqual(['CARTE1']);
  });
});

describe('national company numbers', () => {
  const keys = (text: string, country: string) => readSearchTerms(text, country).exact.taxNumberKeys;
  const prefixes = (text: string, country: string) => readSearchTerms(text, country).exact.taxNumberPrefixes;

  it('reads a Belgian enterprise number in both writings', () => {
    expect(keys('0417.497.106', 'BE')).toEqual(['0417497106', 'BE0417497106', 'BE417497106']);
    expect(keys('417 497 106', 'BE')).toEqual(['417497106', 'BE417497106', 'BE0417497106']);
  });

  it('reads a Spanish NIF', () => {
    expect(keys('B-58379009', 'ES')).toEqual(['B58379009', 'ESB58379009']);
    expect(keys('12345678Z', 'ES')).toEqual(['12345678Z', 'ES12345678Z']);
    expect(keys('X1234567L', 'ES')).toEqual(['X1234567L', 'ESX1234567L']);
    expect(keys('B58379009', 'FR')).toEqual(['B58379009']);
  });

  it('reads a Dutch RSIN as a prefix', () => {
    expect(prefixes('123457002', 'NL')).toEqual(['NL123457002B']);
    expect(prefixes('123457002', 'FR')).toEqual([]);
  });

  it('reads a Swiss UID with its suffixes', () => {
    const uid = ['CHE123456789', 'CHE123456789MWST', 'CHE123456789TVA', 'CHE123456789IVA'];
    expect(keys('CHE-123.456.789', 'FR')).toEqual(uid);
    expect(keys('123.456.789', 'CH')).toEqual(['123456789', 'CH123456789', ...uid]);
  });

  it('reads Nordic organisation numbers', () => {
    expect(keys('556012-6004', 'SE')).toEqual(['5560126004', 'SE5560126004', 'SE556012600401']);
    expect(keys('923 609 016', 'NO')).toEqual(['923609016', 'NO923609016', 'NO923609016MVA', '923609016MVA']);
  });

  it('reads a Hungarian tax number', () => {
    expect(keys('12346000-2-42', 'HU')).toEqual(['12346000242', 'HU12346000242', 'HU12346000']);
  });

  it('adds the U of an Austrian UID number', () => {
    expect(keys('12346004', 'AT')).toEqual(['12346004', 'AT12346004', 'ATU12346004']);
  });

  it('keeps the prefix rule elsewhere', () => {
    expect(keys('00743111007', 'IT')).toEqual(['00743111007', 'IT00743111007']);
    expect(keys('12345678', 'LU')).toEqual(['12345678', 'LU12345678']);
    expect(keys('123456789', 'DE')).toEqual(['123456789', 'DE123456789']);
  });
});

describe('card keys to look up', () => {
  it('drops every kind of space', () => {
    expect(cardKeysToLookUp('card\u00a010\u202f01\ta')).toEqual(['CARD1001A']);
  });

  it('drops separators and upper-cases', () => {
    expect(cardKeysToLookUp('card-10.01 a')).toEqual(['CARD1001A']);
  });

  it('adds the key SQLite computes for other letters', () => {
    expect(cardKeysToLookUp('carte-é1')).toEqual(['CARTEÉ1', 'CARTEé1']);
  });

  it('adds case mixes of other letters', () => {
    expect(cardKeysToLookUp('éö-12').sort()).toEqual(['ÉÖ12', 'Éö12', 'éÖ12', 'éö12']);
  });

  it('is empty for separators only', () => {
    expect(cardKeysToLookUp(' -.')).toEqual([]);
  });
});

describe('card start key', () => {
  it('upper-cases ASCII letters only', () => {
    expect(cardStartKey('carté-ö 12.a')).toBe('CARTéö12A');
    expect(cardStartKey('CARTÉ-1234')).toBe('CARTÉ1234');
  });

  it('keeps letters outside ASCII as written', () => {
    expect(cardStartKey('straße-1')).toBe('STRAßE1');
    expect(cardStartKey('ﬁd-1')).toBe('ﬁD1');
  });
});

describe('word prefix range', () => {
  it('moves the last letter one up', () => {
    expect(prefixRange('mar')).toEqual({ low: 'mar', high: 'mas' });
    expect(prefixRange('z')).toEqual({ low: 'z', high: '{' });
    expect(prefixRange('09')).toEqual({ low: '09', high: '0:' });
  });

  it('keeps every word of the prefix inside', () => {
    const { low, high } = prefixRange('mar');
    const inside = ['mar', 'marc', 'marz', 'mar\u{10ffff}', 'marçal'];
    const outside = ['ma', 'mas', 'maq', 'masse', 'lar'];
    // UTF-8 bytes compare as PostgreSQL's "C" collation does.
    const inRange = (word: string) =>
      Buffer.compare(Buffer.from(word), Buffer.from(low)) >= 0 && Buffer.compare(Buffer.from(word), Buffer.from(high)) < 0;
    for (const word of inside) expect(inRange(word), word).toBe(true);
    for (const word of outside) expect(inRange(word), word).toBe(false);
  });

  it('steps over the surrogate code points', () => {
    expect(prefixRange('a\ud7ff').high).toBe('a\ue000');
  });

  it('moves a letter outside the BMP by one code point', () => {
    expect(prefixRange('a\u{1f600}').high).toBe('a\u{1f601}');
  });

  it('rejects an empty prefix', () => {
    expect(() => prefixRange('')).toThrow('non-empty');
  });
});

describe('word order for the word index', () => {
  it('puts the longest word first', () => {
    expect(wordsByLength(['jean', 'mar'])).toEqual(['jean', 'mar']);
    expect(wordsByLength(['l', 'petit'])).toEqual(['petit', 'l']);
  });

  it('keeps the typed order between equal lengths', () => {
    expect(wordsByLength(['dub', 'mar'])).toEqual(['dub', 'mar']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(wordsByLength(['ab', '\u{1f600}'])).toEqual(['ab', '\u{1f600}']);
  });
});

describe('search word alternatives', () => {
  it('reads saint abbreviations as whole words', () => {
    expect(wordAlternativesOf('st')).toEqual([{ word: 'saint', prefix: false }]);
    expect(wordAlternativesOf('ste')).toEqual([{ word: 'sainte', prefix: false }]);
    expect(wordAlternativesOf('sts')).toEqual([{ word: 'saints', prefix: false }]);
    expect(wordAlternativesOf('stes')).toEqual([{ word: 'saintes', prefix: false }]);
    expect(wordAlternativesOf('stef')).toEqual([]);
  });

  it('reads saint as its abbreviations', () => {
    const whole = (words: string[]) => words.map((word) => ({ word, prefix: false }));
    expect(wordAlternativesOf('saint')).toEqual(whole(['st', 'ste', 'sts', 'stes']));
    expect(wordAlternativesOf('sainte')).toEqual(whole(['ste', 'stes']));
    expect(wordAlternativesOf('saints')).toEqual(whole(['sts']));
    expect(wordAlternativesOf('saintes')).toEqual(whole(['stes']));
    expect(wordAlternativesOf('sain')).toEqual([]);
  });

  it('makes every umlaut pair plain', () => {
    expect(wordAlternativesOf('mueller')).toEqual([{ word: 'muller', prefix: true }]);
    expect(wordAlternativesOf('boeck')).toEqual([{ word: 'bock', prefix: true }]);
  });

  it('makes each umlaut pair plain alone', () => {
    expect(wordAlternativesOf('feuerbaecker')).toEqual([
      { word: 'feurbacker', prefix: true },
      { word: 'feurbaecker', prefix: true },
      { word: 'feuerbacker', prefix: true },
    ]);
    expect(wordAlternativesOf('muehlhaeuser').map((alternative) => alternative.word))
      .toEqual(['muhlhauser', 'muhlhaeuser', 'muehlhauser']);
  });

  it('bounds the writings of many pairs', () => {
    const words = wordAlternativesOf('baeroeluewae').map((alternative) => alternative.word);
    expect(words).toEqual(['baroluwa', 'baroeluewae', 'baeroluewae', 'baeroeluwae']);
    expect(words).toHaveLength(MAX_WORD_ALTERNATIVES);
  });

  it('prefix requires two letters after last pair', () => {
    expect(wordAlternativesOf('muel')).toEqual([{ word: 'mul', prefix: false }]);
    expect(wordAlternativesOf('noel')).toEqual([{ word: 'nol', prefix: false }]);
    expect(wordAlternativesOf('menue')).toEqual([{ word: 'menu', prefix: false }]);
  });

  it('leaves French oeu and que as typed', () => {
    expect(wordAlternativesOf('coeur')).toEqual([]);
    expect(wordAlternativesOf('jacques')).toEqual([]);
    expect(wordAlternativesOf('martin')).toEqual([]);
  });

  it('writes out typed umlauts', () => {
    for (const typed of ['müller', 'MÜLLER', 'mu\u0308ller']) {
      expect(readSearchTerms(typed, 'DE').alternatives, typed).toEqual([[{ word: 'mueller', prefix: true }]]);
    }
    expect(readSearchTerms('Böck', 'DE').alternatives).toEqual([[{ word: 'boeck', prefix: true }]]);
    expect(readSearchTerms('mü', 'DE').alternatives).toEqual([[{ word: 'mue', prefix: true }]]);
  });

  it('mixes a typed umlaut with a pair', () => {
    const [alternatives] = readSearchTerms('feuerbäcker', 'DE').alternatives;
    expect(alternatives?.map((alternative) => alternative.word)).toEqual(['feurbaecker', 'feurbacker', 'feuerbaecker']);
  });

  it('leaves plain vowels as typed', () => {
    expect(readSearchTerms('muller martin', 'DE').alternatives).toEqual([[], []]);
  });

  it('aligns alternatives with words', () => {
    const terms = readSearchTerms('Mme Mueller st-malo', 'FR');
    expect(terms.words).toEqual(['mueller', 'st', 'malo']);
    expect(terms.alternatives).toEqual([[{ word: 'muller', prefix: true }], [{ word: 'saint', prefix: false }], []]);
    const typed = readSearchTerms('Mme Müller St-Malo', 'FR');
    expect(typed.words).toEqual(['muller', 'st', 'malo']);
    expect(typed.alternatives).toEqual([[{ word: 'mueller', prefix: true }], [{ word: 'saint', prefix: false }], []]);
  });

  it('writes alternatives into the FTS5 query', () => {
    const terms = readSearchTerms('st emilion', 'FR');
    expect(ftsWordsQuery(terms.words, terms.alternatives)).toBe('("st"* OR "saint") AND "emilion"*');
    expect(ftsWordsQuery(['faure'])).toBe('"faure"*');
    const saint = readSearchTerms('saint malo', 'FR');
    expect(ftsWordsQuery(saint.words, saint.alternatives)).toBe('("saint"* OR "st" OR "ste" OR "sts" OR "stes") AND "malo"*');
    const mixed = readSearchTerms('feuerbaecker', 'DE');
    expect(ftsWordsQuery(mixed.words, mixed.alternatives))
      .toBe('("feuerbaecker"* OR "feurbacker"* OR "feurbaecker"* OR "feuerbacker"*)');
  });

  it('gives PostgreSQL no other ranges without writings', () => {
    const search = searchParameters('postgres', readSearchTerms('martin marie', 'FR'));
    expect(search.wordAlternateLows).toBeUndefined();
    expect(search.wordAlternateHighs).toBeUndefined();
    expect(wordRanges(search, 0)).toEqual([prefixRange('martin')]);
  });

  it('pads PostgreSQL ranges per word', () => {
    const search = searchParameters('postgres', readSearchTerms('sainte foy', 'FR'));
    expect(search.wordLows).toEqual(['sainte', 'foy']);
    expect(wordRanges(search, 0)).toEqual([prefixRange('sainte'), wholeWordRange('ste'), wholeWordRange('stes')]);
    expect(wordRanges(search, 1)).toEqual([prefixRange('foy'), { low: 'foy', high: 'foy' }, { low: 'foy', high: 'foy' }]);
  });

  it('whole word range stops at word', () => {
    const { low, high } = wholeWordRange('saint');
    expect(low).toBe('saint');
    expect('saint' < high).toBe(true);
    expect('sainte' < high).toBe(false);
    expect('saint0' < high).toBe(false);
  });
});

describe('case writings outside ASCII', () => {
  it('lists typed writing first', () => {
    expect(caseWritingsOutsideAscii('CARTé12')).toEqual(['CARTé12', 'CARTÉ12']);
  });

  it('lists all mixes to four letters', () => {
    expect(caseWritingsOutsideAscii('ÉöÜ1')).toHaveLength(8);
    expect(caseWritingsOutsideAscii('ÉöÜä1')).toHaveLength(16);
  });

  it('lists three writings past four', () => {
    expect(caseWritingsOutsideAscii('καρτα00')).toEqual(['καρτα00', 'ΚΑΡΤΑ00']);
    expect(caseWritingsOutsideAscii('Καρτα00')).toEqual(['Καρτα00', 'ΚΑΡΤΑ00', 'καρτα00']);
  });

  it('keeps letter without single-letter case', () => {
    expect(caseWritingsOutsideAscii('STRAßE1')).toEqual(['STRAßE1']);
  });
});
