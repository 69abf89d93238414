/**
 * The sentences of a contact's history for each action a contact's audit
 * entries can have, in French and English, with and without the amounts
 * that the server hides from a user without ledger.view.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActivityItem } from '../../web/src/api/types.ts';
import { describeActivity } from '../../web/src/contacts/activity-lines.ts';
import { makeFormatters } from '../../web/src/i18n/format.ts';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({ resources: { fr: { translation: fr }, en: { translation: en } }, lng: 'fr', interpolation: { escapeValue: false } });
});

/** Every action that the server writes on a contact's audit entries and that its history can list. */
const contactActions = [
  'created', 'updated', 'deactivated', 'reactivated', 'anonymised', 'note_added', 'note_updated', 'note_deleted',
  'attachment_added', 'attachment_deleted', 'personal_data_exported', 'discount', 'reverse_discount', 'apply_advance',
  'loyalty_adjust', 'reminder_hold', 'reminder_release', 'message_preferences', 'message_send', 'merge',
];

function linesOf(lng: 'fr' | 'en', action: string, changes: ActivityItem['changes']) {
  const t = i18n.getFixedT(lng);
  const item: ActivityItem = { id: '1', action, userId: 'u', userName: 'Claire Martin', changes, createdAt: '2024-05-02T10:00:00Z' };
  return describeActivity(item, {
    t,
    exists: (key) => i18n.exists(key, { lng }),
    format: makeFormatters(lng, 'EUR', 'Europe/Paris'),
    currency: 'EUR',
  });
}

const title = (lng: 'fr' | 'en', action: string, changes: ActivityItem['changes']) =>
  linesOf(lng, action, changes).title.replace(/\u202f|\u00a0/g, ' ');

describe('contact history lines', () => {
  it('every action has its own line', () => {
    const fallback = (lng: 'fr' | 'en', action: string) =>
      lng === 'en' ? `Claire Martin recorded “${action}” on the contact` : `Claire Martin a enregistré « ${action} » sur le contact`;
    for (const lng of ['fr', 'en'] as const) {
      expect(title(lng, 'unknown_action', {})).toBe(fallback(lng, 'unknown_action'));
      for (const action of contactActions) {
        expect(title(lng, action, {}), `${lng} ${action}`).not.toBe(fallback(lng, action));
      }
    }
  });

  it('discount names amount and reference', () => {
    const changes = { reference: 'REM-0003', amount: 250, reason: 'Geste', side: 'sale' };
    expect(title('fr', 'discount', changes)).toBe('Claire Martin a accordé une remise de 2,50 € (REM-0003)');
    expect(title('en', 'discount', changes)).toBe('Claire Martin gave a discount of €2.50 (REM-0003)');
    expect(linesOf('fr', 'discount', changes).details).toEqual(['Motif : Geste']);
    expect(linesOf('en', 'discount', changes).details).toEqual(['Reason: Geste']);
    const supplier = { ...changes, side: 'purchase' };
    expect(title('fr', 'discount', supplier)).toBe('Claire Martin a enregistré une remise fournisseur de 2,50 € (REM-0003)');
    expect(title('en', 'discount', supplier)).toBe('Claire Martin recorded a supplier discount of €2.50 (REM-0003)');
  });

  it('hidden amounts are left out', () => {
    const discount = { reference: 'REM-0003', amount: null, reason: 'Geste', side: 'sale' };
    expect(title('fr', 'discount', discount)).toBe('Claire Martin a accordé une remise (REM-0003)');
    expect(title('en', 'discount', discount)).toBe('Claire Martin gave a discount (REM-0003)');
    const reversal = { reference: 'REM-0003', amount: null, reason: 'Erreur', date: '2024-05-02' };
    expect(title('fr', 'reverse_discount', reversal)).toBe('Claire Martin a contrepassé la remise REM-0003');
    expect(title('en', 'reverse_discount', reversal)).toBe('Claire Martin reversed the discount REM-0003');
    const advance = { allocations: [{ reference: 'VTE-0001', from: 'REG-0001', amount: null }] };
    expect(title('fr', 'apply_advance', advance)).toBe('Claire Martin a imputé l’avance sur VTE-0001');
    expect(title('en', 'apply_advance', advance)).toBe('Claire Martin applied the advance to VTE-0001');
    for (const lng of ['fr', 'en'] as const) {
      for (const [action, changes] of [['discount', discount], ['reverse_discount', reversal], ['apply_advance', advance]] as const) {
        expect(title(lng, action, changes), `${lng} ${action}`).not.toMatch(/€|\d,\d\d|\d\.\d\d/);
      }
    }
  });

  it('reversal names amount and reference', () => {
    const changes = { reference: 'REM-0003', amount: 250, reason: 'Erreur de saisie', date: '2024-05-02' };
    expect(title('fr', 'reverse_discount', changes)).toBe('Claire Martin a contrepassé la remise REM-0003 de 2,50 €');
    expect(title('en', 'reverse_discount', changes)).toBe('Claire Martin reversed the discount REM-0003 of €2.50');
    expect(linesOf('en', 'reverse_discount', changes).details).toEqual(['Reason: Erreur de saisie']);
  });

  it('advance sums its allocations', () => {
    const changes = {
      allocations: [
        { reference: 'VTE-0001', from: 'REG-0001', amount: '30.00' },
        { reference: 'VTE-0002', from: 'REG-0001', amount: '12.50' },
        { reference: 'VTE-0002', from: 'REG-0002', amount: '0.05' },
      ],
    };
    expect(title('fr', 'apply_advance', changes)).toBe('Claire Martin a imputé 42,55 € d’avance sur VTE-0001 et VTE-0002');
    expect(title('en', 'apply_advance', changes)).toBe('Claire Martin applied €42.55 of advance to VTE-0001 and VTE-0002');
  });

  it('loyalty adjustment counts points', () => {
    const added = { points: 1500, reason: 'Bienvenue', balanceBefore: 20, balanceAfter: 1520 };
    expect(title('fr', 'loyalty_adjust', added)).toBe('Claire Martin a ajouté 1 500 points de fidélité (solde : 1 520)');
    expect(title('en', 'loyalty_adjust', added)).toBe('Claire Martin added 1,500 loyalty points (balance: 1,520)');
    const removed = { points: -1, reason: 'Erreur', balanceBefore: 5, balanceAfter: 4 };
    expect(title('fr', 'loyalty_adjust', removed)).toBe('Claire Martin a retiré 1 point de fidélité (solde : 4)');
    expect(title('en', 'loyalty_adjust', removed)).toBe('Claire Martin removed 1 loyalty point (balance: 4)');
    expect(linesOf('fr', 'loyalty_adjust', removed).details).toEqual(['Motif : Erreur']);
  });

  it('reminder hold and release', () => {
    expect(title('fr', 'reminder_hold', { until: '2024-06-30', reason: 'Litige' })).toBe('Claire Martin a suspendu les relances jusqu’au 30 juin 2024');
    expect(title('en', 'reminder_hold', { until: '2024-06-30', reason: 'Litige' })).toBe('Claire Martin paused reminders until 30 Jun 2024');
    expect(title('fr', 'reminder_hold', { until: null, reason: null })).toBe('Claire Martin a suspendu les relances jusqu’à nouvel ordre');
    expect(title('en', 'reminder_hold', { until: null, reason: null })).toBe('Claire Martin paused reminders until further notice');
    expect(linesOf('en', 'reminder_hold', { until: null, reason: null }).details).toEqual([]);
    expect(title('fr', 'reminder_release', {})).toBe('Claire Martin a repris les relances');
    expect(title('en', 'reminder_release', {})).toBe('Claire Martin resumed reminders');
  });

  it('message sent names template and channels', () => {
    const named = { templateId: 't', templateName: 'Relevé de compte', channels: ['email', 'sms'], messageIds: ['a', 'b'] };
    expect(title('fr', 'message_send', named)).toBe('Claire Martin a envoyé le message « Relevé de compte » par e-mail et SMS');
    expect(title('en', 'message_send', named)).toBe('Claire Martin sent the message “Relevé de compte” by email and SMS');
    const typed = { templateId: null, templateName: null, channels: ['whatsapp'], messageIds: ['c'] };
    expect(title('fr', 'message_send', typed)).toBe('Claire Martin a envoyé un message par WhatsApp');
    expect(title('en', 'message_send', typed)).toBe('Claire Martin sent a message by WhatsApp');
    const none = { templateId: 't', channels: [], messageIds: [] };
    expect(title('en', 'message_send', none)).toBe('Claire Martin tried to send a message, but no channel could be used');
  });

  it('message preferences line', () => {
    const changes = [{ field: 'language', from: 'fr', to: 'en' }];
    expect(title('fr', 'message_preferences', changes)).toBe('Claire Martin a modifié les préférences de messages');
    expect(title('en', 'message_preferences', changes)).toBe('Claire Martin changed the message preferences');
  });
});
