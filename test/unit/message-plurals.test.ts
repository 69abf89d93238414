/**
 * Server messages that count things use the singular and plural forms of
 * each language, rather than "(s)": French writes 0 and 1 in the singular,
 * English only 1.
 */
import { describe, expect, it } from 'vitest';
import { messages, translate } from '../../src/shared/messages.ts';

describe('message plurals', () => {
  it('words one invalid value', () => {
    expect(translate('validation_failed', 'fr', { count: 1 })).toBe('La demande contient 1 valeur invalide : corrigez-la et réessayez.');
    expect(translate('validation_failed', 'en', { count: 1 })).toBe('The request has 1 invalid value: correct it and try again.');
  });

  it('words several invalid values', () => {
    expect(translate('validation_failed', 'fr', { count: 3 })).toBe('La demande contient 3 valeurs invalides : corrigez-les et réessayez.');
    expect(translate('validation_failed', 'en', { count: 3 })).toBe('The request has 3 invalid values: correct them and try again.');
  });

  it('follows each language for zero', () => {
    expect(translate('rate_limited', 'fr', { seconds: 0 })).toBe('Trop de demandes : réessayez dans 0 seconde.');
    expect(translate('rate_limited', 'en', { seconds: 0 })).toBe('Too many requests: try again in 0 seconds.');
  });

  it('counts each number on its own', () => {
    expect(translate('import_summary_undone', 'fr', { deleted: 1, restored: 2 })).toBe(
      'Import défait : 1 contact supprimé, 2 contacts remis dans leur état d’avant.',
    );
    expect(translate('import_summary_undone', 'en', { deleted: 2, restored: 1 })).toBe(
      'Import undone: 2 contacts deleted, 1 contact restored to their previous state.',
    );
  });

  it('words a count with no noun', () => {
    expect(translate('cli_import_kept_more', 'en', { count: 4 })).toBe('  … and 4 more');
    expect(translate('cli_import_kept_more', 'fr', { count: 4 })).toBe('  … et 4 autres');
  });

  it('sale not imported names its lines', () => {
    const oneLine = { reference: 'T-1', lines: '4', count: 1 };
    const twoLines = { reference: 'T-1', lines: '4, 6', count: 2 };
    expect(translate('import_sale_not_imported', 'fr', oneLine)).toBe('La vente « T-1 » n’est pas importée à cause de l’erreur en ligne 4.');
    expect(translate('import_sale_not_imported', 'fr', twoLines)).toBe('La vente « T-1 » n’est pas importée à cause des erreurs en lignes 4, 6.');
    expect(translate('import_sale_not_imported', 'en', oneLine)).toBe('Sale “T-1” is not imported because of the error on line 4.');
    expect(translate('import_sale_not_imported', 'en', twoLines)).toBe('Sale “T-1” is not imported because of the errors on lines 4, 6.');
  });

  it('no message writes (s)', () => {
    const withMarks = Object.entries(messages)
      .filter(([, wording]) => /\w\((s|x|e|es)\)/.test(`${wording.fr} ${wording.en}`.replaceAll('http(s)', '')))
      .map(([code]) => code);
    expect(withMarks).toEqual([]);
  });
});
