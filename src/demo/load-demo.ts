/**
 * Loads a sample French shop: a business with two locations, the standard
 * roles, custom field labels, loyalty points, two customer groups, a few
 * products, and a few hundred customers and suppliers with six months of
 * sales, purchases and payments. Everything goes through the use cases the
 * API routes call, so the ledgers match what `comptoir verify` recomputes.
 * The shop works in French or in English, and its names and notes are
 * written in that language.
 */
import { createBusiness } from '../auth/businesses.ts';
import type { Executor } from '../db/database.ts';
import { createContact } from '../contacts/create-contact.ts';
import type { ContactInput } from '../contacts/model.ts';
import { addDays, todayIn } from '../ledger/dates.ts';
import type { Actor } from '../ledger/actor.ts';
import { updateLoyaltySettings } from '../loyalty/update-settings.ts';
import { createProduct } from '../pricing/create-product.ts';
import { createCustomerGroup } from '../pricing/save-customer-group.ts';
import { formatDecimal, parseDecimal } from '../shared/money.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { type DemoParty, type DemoProduct, HISTORY_DAYS, loadDemoHistory } from './demo-history.ts';
import { type DemoLanguage, demoProducts, demoTexts, type DemoTexts } from './demo-texts.ts';
import { sampleContact, seededRandom } from './sample-data.ts';

export interface DemoOptions {
  email: string;
  password: string;
  contacts: number;
  seed: number;
  /** Language of the business and its administrator, and of the texts the demo writes; French by default. */
  language?: DemoLanguage;
  /** Called after every 100 contacts and every 50 history events with a short progress line. */
  progress?: (line: string) => void;
}

export interface DemoResult {
  businessId: string;
  contacts: number;
  sales: number;
  purchases: number;
  payments: number;
  email: string;
}

export async function loadDemo(db: Executor, options: DemoOptions): Promise<DemoResult> {
  const language = options.language ?? 'fr';
  const texts = demoTexts[language];
  const business = await createBusiness(db, {
    name: texts.businessName,
    currency: 'EUR',
    locale: language,
    timezone: 'Europe/Paris',
    country: 'FR',
    locationName: texts.shopLocation,
    admin: { email: options.email, password: options.password, name: 'Claire Fontaine' },
  });
  const now = nowIso();
  await db.updateTable('businesses')
    .set({ custom_field_labels: JSON.stringify(texts.customFieldLabels), updated_at: now })
    .where('id', '=', business.businessId)
    .execute();
  await db.insertInto('locations').values({
    id: newId(), business_id: business.businessId, name: texts.marketLocation, address_line1: 'Halles Saint-Louis',
    city: 'Besançon', zip_code: '25000', country: 'FR', phone: null, email: null, is_active: 1,
    created_at: now, updated_at: now,
  }).execute();

  const actor: Actor = {
    businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>(),
    defaultLocationId: null, locale: language,
  };
  const today = todayIn('Europe/Paris');
  await updateLoyaltySettings(db, actor, { enabled: true, name: texts.loyaltyName, amountPerPoint: '1.00', pointValue: '0.05', minPointsToRedeem: 50 });
  const professionals = await createCustomerGroup(db, actor, { name: texts.groups.professionals, calculation: 'percentage', percentage: '10' });
  const friends = await createCustomerGroup(db, actor, { name: texts.groups.friends, calculation: 'percentage', percentage: '5' });
  const products: DemoProduct[] = [];
  for (const [index, { name: names, price, taxRate }] of demoProducts.entries()) {
    const name = names[language];
    const product = await createProduct(db, actor, { sku: `EPI-${String(index + 1).padStart(3, '0')}`, name, sellingPrice: formatDecimal(price, 'EUR'), taxRate });
    products.push({ id: product.id, name, price });
  }

  const random = seededRandom(options.seed);
  const groups = { professionals: professionals.id, friends: friends.id };
  const parties: DemoParty[] = [];
  const inputs: ContactInput[] = [];
  for (let index = 0; index < options.contacts; index += 1) {
    const input = demoInput(options.seed, index, random, { today, groups, language, texts });
    duplicateOf(inputs, index, input);
    inputs.push(input);
    const { contact } = await createContact(db, actor, input);
    parties.push({ id: contact.id, type: contact.type as DemoParty['type'], openingBalance: openingMinor(input) });
    if ((index + 1) % 100 === 0) options.progress?.(`${index + 1} contacts`);
  }
  const history = await loadDemoHistory(db, actor, {
    today, random, parties, products, texts,
    progress: (done) => options.progress?.(`history ${Math.round(done * 100)}%`),
  });
  return { businessId: business.businessId, contacts: parties.length, ...history, email: options.email };
}

function openingMinor(input: ContactInput): number {
  return input.openingBalance ? (parseDecimal(input.openingBalance, 'EUR') ?? 0) : 0;
}

/**
 * Makes about one contact in twenty-five repeat an earlier one's mobile or
 * email, as a customer entered twice at the till would, so the duplicates
 * page has pairs with reasons to show. A copy of a supplier drops the
 * customer fields that its own sample drew.
 */
function duplicateOf(earlier: ContactInput[], index: number, input: ContactInput): void {
  if (index < 10 || index % 25 !== 7) return;
  const original = earlier[index - 7]!;
  input.type = original.type;
  if (input.type === 'supplier') {
    delete input.creditLimit;
    delete input.customerGroupId;
    delete input.customFields;
  }
  input.kind = original.kind;
  input.firstName = original.firstName;
  input.lastName = original.lastName?.toLocaleUpperCase('fr') ?? null;
  input.businessName = original.businessName;
  if (index % 2 === 0) input.mobile = original.mobile;
  else input.email = original.email;
}

function demoInput(
  seed: number,
  index: number,
  random: () => number,
  setting: { today: string; groups: { professionals: string; friends: string }; language: DemoLanguage; texts: DemoTexts },
): ContactInput {
  const sample = sampleContact(seed, index, setting.language);
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
  if (input.openingBalance) input.openingBalanceDate = addDays(setting.today, -HISTORY_DAYS - Math.floor(random() * 60));
  if (sample.type !== 'supplier' && random() < 0.3) input.creditLimit = formatDecimal((1 + Math.floor(random() * 20)) * 10_000, 'EUR');
  if (random() < 0.35) {
    const monthly = random() < 0.3;
    input.payTerm = monthly
      ? { number: 1, unit: 'months', endOfMonth: false }
      : { number: random() < 0.5 ? 30 : 15, unit: 'days', endOfMonth: random() < 0.4 };
  }
  if (sample.type !== 'supplier') {
    const groupRoll = random();
    if (sample.kind === 'business' && groupRoll < 0.8) input.customerGroupId = setting.groups.professionals;
    else if (sample.kind === 'individual' && groupRoll < 0.15) input.customerGroupId = setting.groups.friends;
  }
  const [tuesday, friday] = setting.texts.deliveryDays;
  if (sample.type !== 'supplier' && random() < 0.2) input.customFields = { custom2: random() < 0.5 ? tuesday : friday };
  return input;
}
