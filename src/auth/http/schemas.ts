/** Response shapes of the setup, session and settings routes, for validation and OpenAPI. */
import { z } from 'zod';

export const idParams = z.object({ id: z.string().min(1).max(64) });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

const locale = z.enum(['fr', 'en']);

export const businessJson = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  locale,
  timezone: z.string(),
  country: z.string(),
  contactCodePrefix: z.string(),
  customFieldLabels: z.record(z.string(), z.string()),
  creditLimitPolicy: z.enum(['block', 'warn']),
});

export const businessSettingsJson = businessJson.extend({
  currencyLocked: z.boolean().describe('True once the business has contacts: the currency can no longer change'),
});

export const sessionJson = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: locale.nullable() }),
  business: businessJson,
  permissions: z.array(z.string()),
  isAdmin: z.boolean(),
  csrfToken: z.string().nullable().describe('Send as X-CSRF-Token on changes; null for bearer tokens'),
  locations: z.array(z.object({ id: z.string(), name: z.string() })),
  defaultLocationId: z.string().nullable(),
});

export const locationJson = z.object({
  id: z.string(),
  name: z.string(),
  addressLine1: z.string().nullable(),
  city: z.string().nullable(),
  zipCode: z.string().nullable(),
  country: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const userJson = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  locale: locale.nullable(),
  roleId: z.string(),
  roleName: z.string(),
  isAdmin: z.boolean(),
  locationIds: z.array(z.string()).describe('Allowed locations; empty means every location'),
  defaultLocationId: z.string().nullable(),
  isActive: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const roleJson = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  isAdmin: z.boolean(),
  userCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const permissionJson = z.object({ name: z.string(), group: z.string() });

export const tokenJson = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const createdTokenJson = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string().describe('Shown once: send it as Authorization: Bearer <token>'),
});

export const noContent = z.null().describe('No content');
