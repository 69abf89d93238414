/**
 * The permission that an API route declares in its `config.permission`, and
 * the check that the server runs on it once the caller is authenticated and
 * before the route's schemas read the request. A caller without it gets 403
 * `forbidden` whatever the body or query, so the 422 of an invalid input
 * reveals nothing about a route to a user who may not call it.
 *
 * The declared permission is the weakest one that any successful call needs.
 * The use cases keep their own, finer checks (a supplier needs
 * `supplier.create` where the route takes either side), because the command
 * line and the jobs call them without a route.
 */
import type { AuthContext } from './context.ts';
import { hasPermission, type Permission } from './permissions.ts';

/** A permission, any one of a list, or every one of a list. */
export type RoutePermission = Permission | { anyOf: readonly Permission[] } | { allOf: readonly Permission[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a signed-in caller needs before the route validates the request. */
    permission?: RoutePermission;
  }
}

export function anyOf(...list: [Permission, ...Permission[]]): RoutePermission {
  return { anyOf: list };
}

export function allOf(...list: [Permission, ...Permission[]]): RoutePermission {
  return { allOf: list };
}

/** Viewing some contacts: all or one's own, of either side. */
export const contactView = anyOf('customer.view', 'customer.view_own', 'supplier.view', 'supplier.view_own');
export const contactCreate = anyOf('customer.create', 'supplier.create');
export const contactUpdate = anyOf('customer.update', 'supplier.update');
export const contactDelete = anyOf('customer.delete', 'supplier.delete');

/**
 * Starting or changing an import. A contact import needs to create some
 * contacts, or to update some as an upsert, and a sales import to create sales.
 */
export const importChange = anyOf('customer.create', 'customer.update', 'supplier.create', 'supplier.update', 'sale.create');

/** Lists the permissions of a route's declaration, for tests and documentation. */
export function permissionsOf(required: RoutePermission): readonly Permission[] {
  if (typeof required === 'string') return [required];
  return 'anyOf' in required ? required.anyOf : required.allOf;
}

/**
 * Returns the permission that the 403 names when `auth` lacks `required`,
 * or null when it has it. For a list of alternatives it is the first
 * one, as `requireAnyContactPermission` names `customer.*` for either side.
 */
export function missingPermission(auth: AuthContext, required: RoutePermission): Permission | null {
  if (typeof required === 'string') return hasPermission(auth, required) ? null : required;
  if ('anyOf' in required) {
    const hasAlternative = required.anyOf.some((permission) => hasPermission(auth, permission));
    return hasAlternative ? null : (required.anyOf[0] as Permission);
  }
  return required.allOf.find((permission) => !hasPermission(auth, permission)) ?? null;
}
