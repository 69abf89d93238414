import { describe, expect, it } from 'vitest';
import { readablePhone } from '../../web/src/shared/phones.ts';

describe('readablePhone', () => {
  it('groups a national number', () => {
    expect(readablePhone('0612345678', 'FR')).toBe('06 12 34 56 78');
    expect(readablePhone('+33612345678', 'FR')).toBe('06 12 34 56 78');
  });

  it('keeps a foreign number international', () => {
    expect(readablePhone('+447700900123', 'FR')).toBe('+44 7700 900123');
    expect(readablePhone('+33612345678', 'BE')).toBe('+33 6 12 34 56 78');
  });

  it('returns an impossible number as typed', () => {
    expect(readablePhone('12', 'FR')).toBe('12');
    expect(readablePhone('poste 12', 'FR')).toBe('poste 12');
  });
});
