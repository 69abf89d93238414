/**
 * Loads a sample French shop: a business with two locations, the standard
 * roles, custom field labels, and a few hundred customers and suppliers
 * created through the same use case as the API, some with opening balances,
 * credit limits, pay terms and notes.
 */
import { createBusiness } from '../auth/businesses.ts';
import type { Executor } from '../db/database.ts';
import { createContact } from '../contacts/create-contact.ts';
import type { ContactInput } from '../contacts/model.ts';
import { formatDecimal } from '../shared/money.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { sampleContact, seededRandom } from './sample-data.ts';

export interface DemoOptions {
  email: string;
  password: string;
  contacts: number;
  seed: number;
}

export interface DemoResult {
  businessId: string;
  contacts: number;
  email: string;
}

const customFieldLabels = { custom1: 'Allergies', custom2: 'Jour de livraison', custom3: 'Parrain' };

export async function loadDemo(db: Executor, options: DemoOptions): Promise<DemoResult> {
  const business = await createBusiness(db, {
    name: 'Épicerie du Marché',
    currency: 'EUR',
    locale: 'fr',
    timezone: 'Europe/Paris',
    country: 'FR',
    locationName: 'Boutique Centre',
    admin: { email: options.email, password: options.password, name: 'Claire Fontaine' },
  });
  const now = nowIso();
  await db.updateTable('businesses')
    .set({ custom_field_labels: JSON.stringify(customFieldLabels), updated_at: now })
    .where('id', '=', business.businessId)
    .execute();
  await db.insertInto('locations').values({
    id: newId(), business_id: business.businessId, name: 'Marché couvert', address_line1: 'Halles Saint-Louis',
    city: 'Besançon', zip_code: '25000', country: 'FR', phone: null, email: null, is_active: 1,
    created_at: now, updated_at: now,
  }).execute();

  const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
  const random = seededRandom(options.seed);
  let created = 0;
  for (let index = 0; index < options.contacts; index += 1) {
    const input = demoInput(options.seed, index, random);
    await createContact(db, actor, input);
    created += 1;
  }
  return { businessId: business.businessId, contacts: created, email: options.email };
}

function demoInput(seed: number, index: number, random: () => number): ContactInput {
  const sample = sampleContact(seed, index);
  const input: ContactInput = {
    type: sample.type,
    kind: sample.kind,
    firstName: sample.firstName,
    lastName: sample.lastName,
    businessName: sample.businessName,
    mobile: sample.mobile,
    email: sample.email,
    addressLine1: sample.addressLine1,
    city: sample.city,
    zipCode: sample.zipCode,
    state: sample.state,
    country: sample.country,
    dateOfBirth: sample.dateOfBirth,
  };
  const roll = random();
  if (roll < 0.15) input.openingBalance = formatDecimal(Math.round(random() * 50_000) + 500, 'EUR');
  else if (roll < 0.2) input.openingBalance = formatDecimal(-(Math.round(random() * 30_000) + 500), 'EUR');
  if (sample.type !== 'supplier' && random() < 0.3) input.creditLimit = formatDecimal((1 + Math.floor(random() * 20)) * 10_000, 'EUR');
  if (random() < 0.35) {
    const monthly = random() < 0.3;
    input.payTerm = monthly
      ? { number: 1, unit: 'months', endOfMonth: false }
      : { number: random() < 0.5 ? 30 : 15, unit: 'days', endOfMonth: random() < 0.4 };
  }
  if (sample.type !== 'supplier' && random() < 0.2) input.customFields = { custom2: random() < 0.5 ? 'Mardi' : 'Vendredi' };
  return input;
}
