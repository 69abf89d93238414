import { describe, expect, it } from 'vitest';
import { ibanGroups } from '../../web/src/shared/iban.ts';

describe('ibanGroups', () => {
  it('groups a French IBAN by four', () => {
    expect(ibanGroups('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
  });

  it('regroups an IBAN typed with odd spaces', () => {
    expect(ibanGroups('FR76 30006 000011234567890 189')).toBe('FR76 3000 6000 0112 3456 7890 189');
  });

  it('leaves no space after a full group', () => {
    expect(ibanGroups('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(ibanGroups('NO9386011117947')).toBe('NO93 8601 1117 947');
    expect(ibanGroups('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });
});
