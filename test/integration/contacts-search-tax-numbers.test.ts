/**
 * A national company number typed alone finds the contact whose VAT number
 * contains it, in a business of that country, in the picker and in the
 * sorted list, on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness } from '../../src/auth/businesses.ts';
import { createContact } from '../../src/contacts/create-contact.ts';
import { listContacts } from '../../src/contacts/list-contacts.ts';
import { lookupContacts } from '../../src/contacts/search/lookup-contacts.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

interface CountryCase {
  country: string;
  taxNumber: string;
  /** National numbers that find the contact. */
  found: string[];
  /** Numbers that find no contact. */
  notFound: string[];
}

const cases: CountryCase[] = [
  { country: 'FR', taxNumber: 'FR40303265045', found: ['303 265 045'], notFound: ['303 265 046'] },
  { country: 'BE', taxNumber: 'BE0417497106', found: ['0417.497.106', '417 497 106'], notFound: ['0417.497.107'] },
  { country: 'BE', taxNumber: 'BE 477.472.701', found: ['0477.472.701', '477472701'], notFound: [] },
  { country: 'IT', taxNumber: 'IT00743111007', found: ['00743111007'], notFound: ['00743111008'] },
  { country: 'ES', taxNumber: 'ESB58379009', found: ['B-58379009', 'b58379009'], notFound: ['B58379008'] },
  { country: 'NL', taxNumber: 'NL123457002B01', found: ['123457002', '1234.57.002'], notFound: ['123457003'] },
  { country: 'CH', taxNumber: 'CHE-123.456.789 MWST', found: ['CHE-123.456.789', '123.456.789'], notFound: ['123.456.780'] },
  { country: 'SE', taxNumber: 'SE556012600401', found: ['556012-6004'], notFound: ['556012-6005'] },
  { country: 'NO', taxNumber: '923 609 016 MVA', found: ['923 609 016'], notFound: ['923 609 017'] },
  { country: 'HU', taxNumber: 'HU12346000', found: ['12346000-2-42'], notFound: ['12346001-2-42'] },
  { country: 'AT', taxNumber: 'ATU12346004', found: ['12346004'], notFound: ['12346005'] },
];

describe.each(engines)('tax number search by country on %s', (engine) => {
  let database: TestDatabase;
  const shops: { actor: { businessId: string; userId: string; isAdmin: boolean; permissions: Set<string> }; contactId: string }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const kysely = database.db.kysely;
    for (const [index, { country, taxNumber }] of cases.entries()) {
      const shop = await createBusiness(kysely, {
        name: `Boutique ${country} ${index}`, currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country,
        admin: { email: `tva${index}@example.fr`, password: 'correct horse battery staple', name: 'Admin' },
      });
      const actor = { businessId: shop.businessId, userId: shop.adminUserId, isAdmin: true, permissions: new Set<string>() };
      const { contact } = await createContact(kysely, actor, {
        kind: 'business', businessName: `Fournisseur ${index}`, mobile: '+33 6 37 00 00 01', taxNumber,
      });
      shops.push({ actor, contactId: contact.id });
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  it.each(cases.map((countryCase, index) => [`${countryCase.country} ${countryCase.taxNumber}`, index] as const))(
    '%s',
    async (_, index) => {
      const { found, notFound } = cases[index] as CountryCase;
      const { actor, contactId } = shops[index] as (typeof shops)[number];
      const kysely = database.db.kysely;
      for (const q of found) {
        const picked = await lookupContacts(kysely, actor, { q });
        expect(picked.items.map((item) => item.id), q).toEqual([contactId]);
        expect(picked.items[0]?.matchedOn, q).toBe('taxNumber');
        const listed = await listContacts(kysely, actor, { q, sort: 'name' });
        expect(listed.items.map((item) => item.id), `${q} in the sorted list`).toEqual([contactId]);
      }
      for (const q of notFound) {
        expect((await lookupContacts(kysely, actor, { q })).items, q).toEqual([]);
      }
    },
  );
});
