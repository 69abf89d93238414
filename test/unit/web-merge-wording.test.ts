import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../web/src/i18n/search.en.json' with { type: 'json' };
import fr from '../../web/src/i18n/search.fr.json' with { type: 'json' };

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({ resources: { fr: { translation: fr }, en: { translation: en } }, lng: 'fr', interpolation: { escapeValue: false } });
});

const confirmText = (lng: 'fr' | 'en', names: string[]) =>
  i18n.t('duplicates.merge.confirmText', { lng, count: names.length, names: names.join(', '), kept: 'Lucie Bernard (CO0003)' });

describe('merge confirmation wording', () => {
  it('one merged contact in French', () => {
    expect(confirmText('fr', ['Léa (CO0004)'])).toBe(
      'La fiche Léa (CO0004) sera supprimée et son historique passera sur Lucie Bernard (CO0003). Cette opération ne s’annule pas.',
    );
  });

  it('two merged contacts in French', () => {
    expect(confirmText('fr', ['Léa (CO0004)', 'L. Bernard (CO0009)'])).toBe(
      'Les fiches Léa (CO0004), L. Bernard (CO0009) seront supprimées et leur historique passera sur Lucie Bernard (CO0003). Cette opération ne s’annule pas.',
    );
  });

  it('one merged contact in English', () => {
    expect(confirmText('en', ['Léa (CO0004)'])).toBe(
      'Léa (CO0004) will be deleted and its history will move to Lucie Bernard (CO0003). This cannot be undone.',
    );
  });
});
