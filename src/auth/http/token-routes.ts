/** The caller's own API tokens. */
import type { Deps, ZodApp } from '../../server/app.ts';
import { requireAuth } from '../context.ts';
import { pageQuery } from '../list-page.ts';
import { createApiToken, listOwnTokens, revokeToken, tokenInput } from '../tokens.ts';
import { createdTokenJson, idParams, noContent, pageOf, tokenJson } from './schemas.ts';

export async function tokenRoutes(app: ZodApp, { db }: Deps): Promise<void> {
  const kysely = db.kysely;

  app.get('/api/v1/tokens', {
    schema: { tags: ['tokens'], summary: 'List your API tokens', querystring: pageQuery, response: { 200: pageOf(tokenJson) } },
  }, async (request) => listOwnTokens(kysely, requireAuth(request), request.query));

  app.post('/api/v1/tokens', {
    schema: {
      tags: ['tokens'],
      summary: 'Create an API token; the token is shown only in this answer',
      body: tokenInput,
      response: { 201: createdTokenJson },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const created = await createApiToken(kysely, auth, request.body.name, auth.userId);
    return reply.status(201).send(created);
  });

  app.delete('/api/v1/tokens/:id', {
    schema: { tags: ['tokens'], summary: 'Revoke one of your API tokens', params: idParams, response: { 204: noContent } },
  }, async (request, reply) => {
    await revokeToken(kysely, requireAuth(request), request.params.id);
    return reply.status(204).send(null);
  });
}
