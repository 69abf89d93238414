/**
 * The caller of a ledger, document or payment use case: the signed-in user
 * with the request's language, or a command-line run acting as an admin.
 */
import type { FastifyRequest } from 'fastify';
import { type AuthContext, requireAuth } from '../auth/context.ts';
import type { Permission } from '../auth/permissions.ts';
import type { Executor } from '../db/database.ts';
import { forbidden, IssueList } from '../shared/errors.ts';
import type { Locale } from '../shared/messages.ts';
import { firstLocationId } from './business.ts';

export interface Actor {
  businessId: string;
  userId: string | null;
  isAdmin: boolean;
  permissions: ReadonlySet<string>;
  defaultLocationId: string | null;
  locale: Locale;
}

export function actorOf(request: FastifyRequest): Actor {
  const auth: AuthContext = requireAuth(request);
  return {
    businessId: auth.businessId,
    userId: auth.userId,
    isAdmin: auth.isAdmin,
    permissions: auth.permissions,
    defaultLocationId: auth.defaultLocationId,
    locale: request.locale,
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.isAdmin || actor.permissions.has(permission);
}

export function requireActorPermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden(permission);
}

/**
 * Resolves the location a posting goes to: the one requested, else the user's default
 * one, else the business's first. A requested location must be an active
 * location of the business that the user may work at.
 */
export async function resolveLocation(db: Executor, actor: Actor, requested: string | null | undefined, path = 'locationId'): Promise<string> {
  if (!requested) {
    if (actor.defaultLocationId) return actor.defaultLocationId;
    return firstLocationId(db, actor.businessId);
  }
  const location = await db
    .selectFrom('locations')
    .where('business_id', '=', actor.businessId)
    .where('id', '=', requested)
    .select(['id', 'is_active'])
    .executeTakeFirst();
  const issues = new IssueList();
  if (!location || location.is_active !== 1) {
    issues.add(path, 'not_found_ref', { value: requested });
    issues.throwIfAny();
  }
  if (!actor.isAdmin && actor.userId) {
    const allowed = await db
      .selectFrom('user_locations')
      .where('business_id', '=', actor.businessId)
      .where('user_id', '=', actor.userId)
      .select('location_id')
      .execute();
    if (allowed.length > 0 && !allowed.some((row) => row.location_id === requested)) {
      issues.add(path, 'location_not_allowed', { value: requested });
      issues.throwIfAny();
    }
  }
  return requested;
}
