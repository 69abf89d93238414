/**
 * The permission catalogue. Roles hold a list of these names; an admin role
 * holds them all, including those that later features add here.
 */
import { forbidden } from '../shared/errors.ts';
import type { AuthContext } from './context.ts';

export const permissions = [
  'customer.view',
  'customer.view_own',
  'customer.create',
  'customer.update',
  'customer.delete',
  'contact.merge',
  'supplier.view',
  'supplier.view_own',
  'supplier.create',
  'supplier.update',
  'supplier.delete',
  'settings.manage',
  'users.manage',
  'sale.create',
  'purchase.create',
  'payment.create',
  'payment.reverse',
  'ledger.view',
  'ledger.discount',
  'credit_limit.override',
  'message.send',
  'message.templates',
  'message.settings',
  'product.manage',
  'pricing.manage',
  'loyalty.adjust',
  'loyalty.settings',
] as const;

export type Permission = (typeof permissions)[number];

export function hasPermission(auth: AuthContext, permission: Permission): boolean {
  return auth.isAdmin || auth.permissions.has(permission);
}

export function requirePermission(auth: AuthContext, permission: Permission): void {
  if (!hasPermission(auth, permission)) throw forbidden(permission);
}

export function isPermission(name: string): name is Permission {
  return (permissions as readonly string[]).includes(name);
}
