/**
 * Server messages write an amount given as a decimal the way each language
 * writes money, with `{value:money}` and the `currency` parameter.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/shared/messages.ts';

describe('message amounts', () => {
  it('writes euros in each language', () => {
    const params = { value: '1234.50', currency: 'EUR' };
    expect(translate('supplier_credit_limit_cleared', 'fr', params)).toContain('La limite de crédit de 1\u202f234,50\u00a0€ est retirée');
    expect(translate('supplier_credit_limit_cleared', 'en', params)).toContain('The credit limit of €1,234.50 is removed');
  });

  it('writes a currency without decimals', () => {
    expect(translate('supplier_credit_limit_cleared', 'en', { value: '5000', currency: 'JPY' })).toContain('of JP¥5,000 is');
  });

  it('keeps an unreadable amount as given', () => {
    expect(translate('supplier_credit_limit_cleared', 'en', { value: 'lots', currency: 'EUR' })).toContain('of lots EUR is');
    expect(translate('supplier_credit_limit_cleared', 'en', { value: '12.00' })).toContain('of 12.00 is');
  });
});
