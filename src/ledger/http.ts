/**
 * Runs a change in one transaction for a route, with the request's
 * `Idempotency-Key` when it sends one. A repeated request then gets the
 * stored response with the header `Idempotent-Replayed: true`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Executor } from '../db/database.ts';
import { IDEMPOTENCY_HEADER, readIdempotencyKey, requestHash, runOnce } from '../payments/idempotency.ts';
import type { Actor } from './actor.ts';

export async function inTransaction<T>(db: Db, work: (trx: Executor) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(work);
}

export async function sendChange(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  actor: Actor,
  statusCode: number,
  work: (trx: Executor) => Promise<unknown>,
) {
  const key = readIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
  const hash = requestHash(request.method, request.routeOptions.url ?? request.url, { params: request.params, body: request.body });
  const answer = await inTransaction(db, (trx) =>
    runOnce(trx, { businessId: actor.businessId, key, hash }, async () => ({ statusCode, body: await work(trx) })),
  );
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(answer.statusCode).send(answer.body);
}
