/** The sentence the web app shows for a failed request. */
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/client.ts';
import en from '../../web/src/i18n/en.json';
import fr from '../../web/src/i18n/fr.json';
import { errorMessage } from '../../web/src/shared/errors.ts';

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
