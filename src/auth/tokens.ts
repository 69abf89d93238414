/**
 * API tokens for scripts and integrations. A token acts as its user; only
 * its SHA-256 is stored, so it is shown once, at creation.
 */
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { decodeCursorText, malformedCursor } from '../shared/cursor.ts';
import { notFound } from '../shared/errors.ts';
import { hashSecret, newId, newSecret, nowIso } from '../shared/ids.ts';
import { recordAudit } from './audit.ts';
import type { AuthContext } from './context.ts';
import type { Page, PageQuery } from './list-page.ts';

export const tokenInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
});

export interface TokenJson {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedToken {
  id: string;
  name: string;
  /** The secret to send as `Authorization: Bearer …`; not stored. */
  token: string;
}

export interface TokenOwner {
  businessId: string;
  userId: string;
}

/**
 * Issues a token for `owner`. `actorId` is who asked for it, recorded in the
 * audit log; null when the command line issued it.
 */
export async function createApiToken(
  db: Executor,
  owner: TokenOwner,
  name: string,
  actorId: string | null,
): Promise<CreatedToken> {
  const token = newSecret();
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('api_tokens').values({
      id,
      business_id: owner.businessId,
      user_id: owner.userId,
      name,
      token_hash: hashSecret(token),
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    }).execute();
    await recordAudit(trx, {
      businessId: owner.businessId,
      userId: actorId,
      entityType: 'api_token',
      entityId: id,
      action: 'create',
      changes: { name, ownerId: owner.userId },
    });
  });
  return { id, name, token };
}

/** Lists the caller's own tokens that are not revoked, oldest first. */
export async function listOwnTokens(db: Executor, auth: AuthContext, page: PageQuery): Promise<Page<TokenJson>> {
  let query = db
    .selectFrom('api_tokens')
    .where('business_id', '=', auth.businessId)
    .where('user_id', '=', auth.userId)
    .where('revoked_at', 'is', null)
    .select(['id', 'name', 'created_at', 'last_used_at']);
  if (page.cursor) {
    const afterId = decodeCursorText(page.cursor);
    if (afterId === undefined) throw malformedCursor(page.cursor);
    query = query.where('id', '>', afterId);
  }
  const rows = await query.orderBy('id').limit(page.limit + 1).execute();
  const pageRows = rows.slice(0, page.limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at })),
    nextCursor: rows.length > page.limit && last ? Buffer.from(last.id).toString('base64url') : null,
  };
}

/** Revokes one of the caller's own tokens; another user's token is not found. */
export async function revokeToken(db: Executor, auth: AuthContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: nowIso() })
      .where('business_id', '=', auth.businessId)
      .where('user_id', '=', auth.userId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound('token');
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'api_token',
      entityId: id,
      action: 'revoke',
      changes: {},
    });
  });
}
