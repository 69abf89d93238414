/** The sentence the web app shows for a failed request. */
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/client.ts';
import en from '../../web/src/i18n/en.json';
import fr from '../../web/src/i18n/fr.json';
import { errorMessage, issueMessages } from '../../web/src/shared/errors.ts';

async function translator(locale: 'fr' | 'en') {
  const i18n = createInstance();
  await i18n.init({ lng: locale, resources: { fr: { translation: fr }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('errorMessage', () => {
  it('names the permission in words', async () => {
    const error = new ApiError(403, { code: 'forbidden', detail: 'Vous n’avez pas la permission « ledger.view »', permission: 'ledger.view' });
    const french = errorMessage(error, await translator('fr'));
    expect(french).toContain(`« ${(fr as { permissionNames: { ledger: { view: string } } }).permissionNames.ledger.view} »`);
    expect(french).not.toContain('ledger.view');
    expect(errorMessage(error, await translator('en'))).toContain((en as { permissionNames: { ledger: { view: string } } }).permissionNames.ledger.view);
  });

  it('shows an unknown permission code', async () => {
    const error = new ApiError(403, { code: 'forbidden', detail: 'x', permission: 'future.thing' });
    expect(errorMessage(error, await translator('fr'))).toContain('« future.thing »');
  });

  it('uses the server detail otherwise', async () => {
    const error = new ApiError(409, { code: 'document_status', detail: 'La vente est déjà finale.' });
    expect(errorMessage(error, await translator('fr'))).toBe('La vente est déjà finale.');
  });
});

describe('issueMessages', () => {
  it('lists each invalid value once', () => {
    const error = new ApiError(422, {
      code: 'validation_failed',
      detail: 'The request has 2 invalid values: correct them and try again.',
      errors: [
        { path: 'createdTo', code: 'range_end_before_start', message: 'The end of the range, 2024-03-01, is before its start, 2024-03-10.' },
        { path: 'birthdayFrom', code: 'invalid_month_day', message: '“13-01” is not a valid day of the year: write MM-DD, for example 12-24.' },
        { path: 'birthdayFrom', code: 'invalid_month_day', message: '“13-01” is not a valid day of the year: write MM-DD, for example 12-24.' },
      ],
    });
    expect(issueMessages(error)).toEqual([
      'The end of the range, 2024-03-01, is before its start, 2024-03-10.',
      '“13-01” is not a valid day of the year: write MM-DD, for example 12-24.',
    ]);
  });

  it('is empty without issues', () => {
    expect(issueMessages(new ApiError(409, { code: 'document_status', detail: 'x' }))).toEqual([]);
    expect(issueMessages(new Error('boom'))).toEqual([]);
  });
});
