/** First-run setup, sign-in, the current session, sign-out and password change. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps, ZodApp } from '../../server/app.ts';
import { AppError } from '../../shared/errors.ts';
import { changePassword, passwordChange } from '../change-password.ts';
import { requireAuth, SESSION_COOKIE } from '../context.ts';
import { dummyPasswordHash, login } from '../login.ts';
import { logout } from '../logout.ts';
import { sessionPatch, updateOwnAccount } from '../own-account.ts';
import { loadSessionView } from '../session-view.ts';
import { clearSessionCookie, openSession, setSessionCookie } from '../sessions.ts';
import { isSetupNeeded, runSetup, setupInput } from '../setup.ts';
import { noContent, sessionJson } from './schemas.ts';

const credentials = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1000),
});

/**
 * Rethrows a sign-in failure after telling the client when to retry, and
 * logs throttles and locks (without the email or address) so an operator
 * sees an attack.
 */
function rejectSignIn(request: FastifyRequest, reply: FastifyReply, error: unknown): never {
  if (error instanceof AppError && error.code === 'rate_limited') {
    reply.header('retry-after', String(error.params.seconds));
    request.log.warn({ code: error.code }, 'sign-in throttled');
  } else if (error instanceof AppError && error.code === 'account_locked') {
    reply.header('retry-after', String(Number(error.params.minutes) * 60));
    request.log.warn({ code: error.code }, 'sign-in locked');
  }
  throw error;
}

export async function sessionRoutes(app: ZodApp, { db, config }: Deps): Promise<void> {
  const kysely = db.kysely;
  void dummyPasswordHash();

  app.get('/api/v1/setup', {
    schema: {
      tags: ['setup'],
      summary: 'Whether the first-run setup form is needed',
      security: [],
      response: { 200: z.object({ needed: z.boolean() }) },
    },
  }, async () => ({ needed: await isSetupNeeded(kysely) }));

  app.post('/api/v1/setup', {
    schema: {
      tags: ['setup'],
      summary: 'Create the business and its admin, then sign the admin in',
      description: 'Allowed only while no user exists; afterwards it returns 409 setup_done.',
      security: [],
      body: setupInput,
      response: { 201: z.object({ session: sessionJson }) },
    },
  }, async (request, reply) => {
    const created = await runSetup(db, request.body);
    const session = await openSession(kysely, { id: created.adminUserId, businessId: created.businessId }, config.sessionDays);
    setSessionCookie(reply, config, session.cookie);
    const view = await loadSessionView(kysely, { ...created, userId: created.adminUserId, csrfToken: session.csrfToken });
    return reply.status(201).send({ session: view });
  });

  app.post('/api/v1/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign in with email and password',
      description: 'Sets the HttpOnly session cookie. 401 invalid_credentials, 423 account_locked, 429 rate_limited.',
      security: [],
      body: credentials,
      response: { 200: sessionJson },
    },
  }, async (request, reply) => {
    const input = { ...request.body, ip: request.ip, previousSessionId: request.auth?.sessionId ?? null };
    const result = await login(kysely, input, config.sessionDays).catch((error) => rejectSignIn(request, reply, error));
    setSessionCookie(reply, config, result.cookie);
    return loadSessionView(kysely, result);
  });

  app.get('/api/v1/session', {
    schema: {
      tags: ['session'],
      summary: 'The signed-in user, their business, permissions and locations',
      response: { 200: sessionJson },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const cookie = request.cookies[SESSION_COOKIE];
    if (auth.via === 'session' && cookie) setSessionCookie(reply, config, cookie);
    return loadSessionView(kysely, auth);
  });

  app.patch('/api/v1/session', {
    schema: {
      tags: ['session'],
      summary: 'Change the name or the preferred language of the signed-in user',
      description: 'Any signed-in user may change their own name and language, without users.manage. ' +
        'Send locale, name or both. An empty body or name returns 422. A change of name is recorded in the audit log.',
      body: sessionPatch,
      response: { 200: sessionJson },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    await updateOwnAccount(kysely, auth, request.body);
    return loadSessionView(kysely, auth);
  });

  app.delete('/api/v1/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign out: end this session and clear its cookie',
      description: 'Returns 204 even when the session had already ended.',
      response: { 204: noContent },
    },
  }, async (request, reply) => {
    await logout(kysely, request.auth);
    clearSessionCookie(reply, config);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/session/password', {
    schema: {
      tags: ['session'],
      summary: 'Change your own password; your other sessions end',
      body: passwordChange,
      response: { 204: noContent },
    },
  }, async (request, reply) => {
    await changePassword(kysely, requireAuth(request), request.body);
    return reply.status(204).send(null);
  });
}
