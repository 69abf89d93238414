import { describe, expect, it } from 'vitest';
import { checkText, checkTextTree, truncateText } from '../../src/shared/text.ts';
import { readDecimal } from '../../src/shared/money.ts';

describe('checkText', () => {
  it('rejects control, surrogate and bidi characters', () => {
    expect(checkText('a\u0000b')).toEqual({ ok: false, code: 'text_control_character', params: { character: 'U+0000' } });
    expect(checkText('\u0085')).toMatchObject({ ok: false, code: 'text_control_character' });
    expect(checkText('\ud800')).toMatchObject({ ok: false, code: 'text_lone_surrogate' });
    expect(checkText('x\udc00')).toMatchObject({ ok: false, code: 'text_lone_surrogate' });
    expect(checkText('\u202eevil\u202c')).toEqual({ ok: false, code: 'text_bidi_control', params: { character: 'U+202E' } });
    expect(checkText('\u2066a')).toMatchObject({ ok: false, code: 'text_bidi_control' });
  });

  it('keeps tabs, line breaks and emoji', () => {
    expect(checkText('ligne 1\nligne 2\t\r')).toEqual({ ok: true, text: 'ligne 1\nligne 2\t\r' });
    expect(checkText('famille 👨\u200d👩\u200d👧')).toEqual({ ok: true, text: 'famille 👨\u200d👩\u200d👧' });
  });

  it('empties invisible-only text', () => {
    expect(checkText('\u200b')).toEqual({ ok: true, text: '' });
    expect(checkText(' \ufeff\u2060 ')).toEqual({ ok: true, text: '' });
    expect(checkText('   ')).toEqual({ ok: true, text: '   ' });
    expect(checkText('\u200bBob\u200b')).toEqual({ ok: true, text: 'Bob' });
  });

  it('normalises to NFC', () => {
    expect(checkText('Cafe\u0301')).toEqual({ ok: true, text: 'Café' });
  });
});

describe('checkTextTree', () => {
  it('rewrites nested strings and skips secrets', () => {
    const body = { name: 'Cafe\u0301', lines: [{ description: 'a\u0000' }], password: 'Cafe\u0301\u0000' };
    const issues = checkTextTree(body, new Set(['password']));
    expect(body.name).toBe('Café');
    expect(body.password).toBe('Cafe\u0301\u0000');
    expect(issues).toEqual([{ path: 'lines.0.description', code: 'text_control_character', params: { character: 'U+0000' } }]);
  });
});

describe('readDecimal', () => {
  it('tells too large from invalid', () => {
    expect(readDecimal('999999999999.99', 'EUR')).toEqual({ ok: true, value: 99_999_999_999_999 });
    expect(readDecimal('1000000000000.00', 'EUR')).toEqual({ ok: false, code: 'amount_too_large' });
    expect(readDecimal('99999999999999999', 'EUR')).toEqual({ ok: false, code: 'amount_too_large' });
    expect(readDecimal('90071992547409.93', 'EUR')).toEqual({ ok: false, code: 'amount_too_large' });
    expect(readDecimal('12.345', 'EUR')).toEqual({ ok: false, code: 'invalid_amount' });
    expect(readDecimal('-999999999999.99', 'EUR')).toEqual({ ok: true, value: -99_999_999_999_999 });
  });
});

describe('truncateText', () => {
  it('keeps a surrogate pair whole', () => {
    expect(truncateText('ab😀c', 3)).toBe('ab');
    expect(truncateText('ab😀c', 4)).toBe('ab😀');
    expect(checkText(truncateText('ab😀c', 3)).ok).toBe(true);
  });

  it('leaves short text unchanged', () => {
    expect(truncateText('abc', 3)).toBe('abc');
    expect(truncateText('', 3)).toBe('');
  });
});
