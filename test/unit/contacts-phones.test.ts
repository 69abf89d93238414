import { describe, expect, it } from 'vitest';
import { readPhone } from '../../src/contacts/phones.ts';

describe('readPhone', () => {
  it.each([
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['0612345678', 'FR', '+33612345678'],
    ['+33 6 12 34 56 78', 'FR', '+33612345678'],
    ['0033 6 12 34 56 78', 'FR', '+33612345678'],
    ['06.12.34.56.78', 'FR', '+33612345678'],
    ['+33 (0)6 12 34 56 78', 'FR', '+33612345678'],
    ['01 23 45 67 89', 'FR', '+33123456789'],
    ['0470 12 34 56', 'BE', '+32470123456'],
    ['+49 151 23456789', 'FR', '+4915123456789'],
    ['0696 12 34 56', 'MQ', '+596696123456'],
  ])('reads %s in %s as %s', (typed, country, e164) => {
    const phone = readPhone(typed, country);
    expect(phone.e164).toBe(e164);
    expect(phone.tooShort).toBe(false);
  });

  it('keeps the number as typed', () => {
    expect(readPhone('  06 12 34 56 78 ', 'FR').typed).toBe('06 12 34 56 78');
  });

  it('gives no E.164 to a number invalid for the country', () => {
    const phone = readPhone('12 34 56 78', 'FR');
    expect(phone.e164).toBeNull();
    expect(phone.tooShort).toBe(false);
    expect(phone.digits).toBe('12345678');
  });

  it('counts fewer than six digits as too short', () => {
    expect(readPhone('06 12', 'FR').tooShort).toBe(true);
    expect(readPhone('12345', 'FR').tooShort).toBe(true);
    expect(readPhone('123456', 'FR').tooShort).toBe(false);
  });

  it('reads letters around digits without failing', () => {
    const phone = readPhone('tél. 06 12 34 56 78', 'FR');
    expect(phone.digits).toBe('0612345678');
  });
});
