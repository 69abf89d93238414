import { describe, expect, it } from 'vitest';
import { translate } from '../../src/shared/messages.ts';

describe('French elision before names', () => {
  it('writes d’ before a name starting with a vowel', () => {
    expect(translate('duplicate_mobile', 'fr', { name: 'Éloïse Martin', code: 'C0007' })).toBe('Ce numéro est déjà celui d’Éloïse Martin (C0007).');
    expect(translate('duplicate_email', 'fr', { name: 'Yves Roux', code: 'C0008' })).toBe('Cette adresse e-mail est déjà celle d’Yves Roux (C0008).');
  });

  it('keeps de before a consonant', () => {
    expect(translate('duplicate_mobile', 'fr', { name: 'Hélène Petit', code: 'C0009' })).toBe('Ce numéro est déjà celui de Hélène Petit (C0009).');
    expect(translate('duplicate_mobile', 'fr', { name: 'Boulangerie Petit', code: 'C0010' })).toBe(
      'Ce numéro est déjà celui de Boulangerie Petit (C0010).',
    );
  });

  it('leaves English and other placeholders alone', () => {
    expect(translate('duplicate_mobile', 'en', { name: 'Éloïse Martin', code: 'C0007' })).toBe('This number already belongs to Éloïse Martin (C0007).');
    expect(translate('duplicate_mobile', 'fr', { name: 'Anne', code: 'C0011' })).not.toContain('\u0000');
  });
});
