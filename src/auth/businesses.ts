/**
 * Creates a business with its first location, its standard roles and its
 * first administrator: the first-run set-up, the setup form and the demo
 * all go through here.
 */
import type { Executor } from '../db/database.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { recordAudit } from './audit.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import type { Permission } from './permissions.ts';

export interface NewBusiness {
  name: string;
  currency: string;
  locale: 'fr' | 'en';
  timezone: string;
  country: string;
  locationName?: string;
  admin: { email: string; password: string; name: string };
}

export interface CreatedBusiness {
  businessId: string;
  locationId: string;
  adminUserId: string;
  adminRoleId: string;
}

/**
 * Roles every business starts with; admins can edit or add others. A cashier
 * sees every customer, because finding whoever stands at the till is the
 * first thing a cashier does. A salesperson has the cashier's other
 * permissions but sees only the customers they created or are assigned to.
 * Channels, reminder levels and webhooks (`message.settings`) stay with the
 * admin because they hold the SMTP password and gateway keys.
 */
export const standardRoles: { key: string; name: Record<'fr' | 'en', string>; permissions: Permission[] }[] = [
  {
    key: 'manager',
    name: { fr: 'Responsable', en: 'Manager' },
    permissions: [
      'customer.view', 'customer.create', 'customer.update', 'customer.delete',
      'supplier.view', 'supplier.create', 'supplier.update', 'supplier.delete',
      'sale.create', 'purchase.create', 'payment.create', 'payment.reverse',
      'ledger.view', 'ledger.discount', 'credit_limit.override',
      'message.send', 'message.templates',
    ],
  },
  {
    key: 'cashier',
    name: { fr: 'Caissier', en: 'Cashier' },
    permissions: [
      'customer.view', 'customer.create', 'customer.update', 'sale.create', 'payment.create', 'ledger.view',
      'message.send',
    ],
  },
  {
    key: 'salesperson',
    name: { fr: 'Vendeur', en: 'Salesperson' },
    permissions: [
      'customer.view_own', 'customer.create', 'customer.update', 'sale.create', 'payment.create', 'ledger.view',
      'message.send',
    ],
  },
];

export function validateCurrency(currency: string): boolean {
  try {
    return /^[A-Z]{3}$/.test(currency) && new Intl.NumberFormat('en', { style: 'currency', currency }).format(1) !== '';
  } catch {
    return false;
  }
}

export function validateTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** A validated business with its admin's password already hashed. */
export interface PreparedBusiness {
  input: NewBusiness;
  email: string;
  passwordHash: string;
}

/** Validates a new business and hashes its admin's password, outside any transaction. */
export async function prepareBusiness(input: NewBusiness): Promise<PreparedBusiness> {
  const issues = new IssueList();
  if (!input.name.trim()) issues.add('businessName', 'required');
  if (!validateCurrency(input.currency)) issues.add('currency', 'invalid_value', { value: input.currency });
  if (!validateTimezone(input.timezone)) issues.add('timezone', 'invalid_value', { value: input.timezone });
  if (!/^[A-Z]{2}$/.test(input.country)) issues.add('country', 'invalid_country', { value: input.country });
  if (!input.admin.name.trim()) issues.add('adminName', 'required');
  if (!input.admin.email.trim()) {
    issues.add('email', 'required');
  } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.admin.email)) {
    issues.add('email', 'invalid_email', { value: input.admin.email });
  }
  checkPasswordStrength(input.admin.password, 'password', issues);
  issues.throwIfAny();

  const email = input.admin.email.trim().toLowerCase();
  return { input, email, passwordHash: await hashPassword(input.admin.password) };
}

export async function createBusiness(db: Executor, input: NewBusiness): Promise<CreatedBusiness> {
  const prepared = await prepareBusiness(input);
  const taken = await db.selectFrom('users').where('email', '=', prepared.email).select('id').executeTakeFirst();
  if (taken) throw new AppError('email_taken', { email: prepared.email });
  return db.transaction().execute((trx) => insertBusiness(trx, prepared));
}

/** Inserts the business, its first location, roles and admin. The caller owns the transaction. */
export async function insertBusiness(trx: Executor, prepared: PreparedBusiness): Promise<CreatedBusiness> {
  const { input, email } = prepared;
  const now = nowIso();
  const ids = { businessId: newId(), locationId: newId(), adminUserId: newId(), adminRoleId: newId() };

  await trx.insertInto('businesses').values({
    id: ids.businessId,
    name: input.name.trim(),
    currency: input.currency,
    locale: input.locale,
    timezone: input.timezone,
    country: input.country,
    contact_code_prefix: 'CO',
    custom_field_labels: '{}',
    credit_limit_policy: 'block',
    created_at: now,
    updated_at: now,
  }).execute();
  await trx.insertInto('locations').values({
    id: ids.locationId,
    business_id: ids.businessId,
    name: input.locationName?.trim() || (input.locale === 'fr' ? 'Magasin principal' : 'Main shop'),
    address_line1: null,
    city: null,
    zip_code: null,
    country: input.country,
    phone: null,
    email: null,
    is_active: 1,
    created_at: now,
    updated_at: now,
  }).execute();
  await trx.insertInto('roles').values({
    id: ids.adminRoleId,
    business_id: ids.businessId,
    name: input.locale === 'fr' ? 'Administrateur' : 'Administrator',
    permissions: '[]',
    is_admin: 1,
    created_at: now,
    updated_at: now,
  }).execute();
  for (const role of standardRoles) {
    await trx.insertInto('roles').values({
      id: newId(),
      business_id: ids.businessId,
      name: role.name[input.locale],
      permissions: JSON.stringify(role.permissions),
      is_admin: 0,
      created_at: now,
      updated_at: now,
    }).execute();
  }
  await trx.insertInto('users').values({
    id: ids.adminUserId,
    business_id: ids.businessId,
    email,
    name: input.admin.name.trim() || email,
    password_hash: prepared.passwordHash,
    role_id: ids.adminRoleId,
    locale: input.locale,
    default_location_id: ids.locationId,
    is_active: 1,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
  }).execute();
  await recordAudit(trx, {
    businessId: ids.businessId,
    userId: ids.adminUserId,
    entityType: 'business',
    entityId: ids.businessId,
    action: 'create',
    changes: { name: input.name.trim(), currency: input.currency, adminEmail: email },
  });
  return ids;
}

export async function hasAnyUser(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
