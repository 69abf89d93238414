import { describe, expect, it } from 'vitest';
import { permissions } from '../../src/auth/permissions.ts';
import { translate, translateTerm } from '../../src/shared/messages.ts';
import en from '../../web/src/i18n/en.json';
import fr from '../../web/src/i18n/fr.json';

const webNames = { fr: fr.permissionNames, en: en.permissionNames } as Record<'fr' | 'en', Record<string, Record<string, string>>>;

describe('permission names in messages', () => {
  it.each(permissions)('%s has the roles screen name in both languages', (permission) => {
    const [group = '', action = ''] = permission.split('.');
    for (const locale of ['fr', 'en'] as const) {
      const name = translateTerm('permission', permission, locale);
      expect(name).not.toBe(permission);
      expect(name).toBe(webNames[locale][group]?.[action]);
    }
  });

  it('refusal names the permission, not its code', () => {
    expect(translate('forbidden', 'fr', { permission: 'payment.reverse' })).toBe(
      'Vous n’avez pas la permission « Annuler des paiements » : demandez-la à un administrateur.',
    );
    expect(translate('forbidden', 'en', { permission: 'payment.reverse' })).toBe('You lack the “Reverse payments” permission: ask an administrator for it.');
  });
});
