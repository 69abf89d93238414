import { describe, expect, it } from 'vitest';
import { counted } from '../../src/cli/counted.ts';

describe('command output counts', () => {
  it('writes the singular for one only', () => {
    expect(counted(0, 'contact')).toBe('0 contacts');
    expect(counted(1, 'contact')).toBe('1 contact');
    expect(counted(2, 'contact')).toBe('2 contacts');
  });

  it('takes an irregular plural', () => {
    expect(counted(1, 'ledger entry', 'ledger entries')).toBe('1 ledger entry');
    expect(counted(3, 'business', 'businesses')).toBe('3 businesses');
  });
});
