/**
 * Assembles the Fastify instance: logging, schemas, security headers,
 * authentication, CSRF, error answers, OpenAPI, the API routes and the web app.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { CSRF_HEADER, resolveAuth } from '../auth/context.ts';
import { missingPermission, type RoutePermission } from '../auth/route-permission.ts';
import type { Db } from '../db/database.ts';
import { AppError, forbidden } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { pickLocale } from '../shared/messages.ts';
import { type Config, MAX_UPLOAD_BYTES } from './config.ts';
import { apiDocsPage, apiDocsScript } from './docs-page.ts';
import { errorHandler, sendProblem } from './problems.ts';
import { checkRequestText } from './text-input.ts';
import { rejectUnknownQueryParameters } from './query-parameters.ts';
import { registerRoutes } from './routes.ts';
import { securityHeaders } from './security-headers.ts';
import { opsRoutes } from './ops-routes.ts';
import { answerUnroutableUrl, serveWebApp } from './web-app.ts';
import { type RequestTracker, trackRequests } from './shutdown.ts';
import { instrument } from '../ops/metrics.ts';
import pino from 'pino';

export interface Deps {
  db: Db;
  config: Config;
}

/** The Fastify instance with Zod schemas, as every route module receives it. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A registered route, as the OpenAPI coverage and permission tests read them. */
export interface RouteEntry {
  method: string;
  url: string;
  hidden: boolean;
  /** Documented with `security: []`: callable without signing in. */
  open: boolean;
  permission: RoutePermission | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteEntry[];
    /** Requests in progress, which a stopping server waits for. */
    requests: RequestTracker;
  }
}

export { MAX_UPLOAD_BYTES };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function buildApp(deps: Deps, options: { logger?: boolean | object } = {}) {
  // The docs and the app are served over plain HTTP on loopback by default,
  // so HSTS follows the cookies' Secure flag.
  const headers = Object.entries(securityHeaders({ strictTransportSecurity: deps.config.secureCookies }));
  const app = Fastify({
    logger: options.logger ?? loggerOptions(deps.config.logLevel),
    genReqId: () => newId(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.COMPTOIR_TRUST_PROXY === '1',
    // While the server stops, a request that arrives on an open connection is
    // served and the connection closed after it, instead of a bare 503.
    return503OnClosing: false,
    logController: new OneLinePerRequest(),
    frameworkErrors: answerUnroutableUrl(deps.config.webRoot, deps.config.locale, headers),
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('requests', trackRequests(app));

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  checkRequestText(app);
  rejectUnknownQueryParameters(app);
  instrument(app);
  const routeList: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = route.schema as RouteSchema | undefined;
    const hidden = Boolean(schema?.hide);
    const open = needsNoSignIn(schema);
    const permission = route.config?.permission ?? null;
    for (const method of methods) routeList.push({ method, url: route.url, hidden, open, permission });
  });
  app.decorate('routeList', routeList);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Comptoir API', version: '1' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'comptoir_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('auth', null);
  app.decorateRequest('locale', 'fr');
  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    request.locale = pickLocale(request.headers['accept-language'], deps.config.locale);
    if (!request.url.startsWith('/api/')) return;
    request.auth = await resolveAuth(deps.db.kysely, request);
    if (request.auth && !request.headers['accept-language'] && request.auth.locale) {
      request.locale = request.auth.locale;
    }
    // Authentication comes before body validation, so a caller who is not
    // signed in learns nothing about a route's inputs.
    if (!request.auth && request.routeOptions.url && !isPublicRoute(request)) {
      return sendProblem(request, reply, new AppError('not_authenticated'));
    }
    if (needsCsrfCheck(request) && request.headers[CSRF_HEADER] !== request.auth?.csrfToken) {
      return sendProblem(request, reply, new AppError('csrf_failed'));
    }
    // The route's permission also comes before validation, so a caller who
    // may not use the route gets 403 whatever they send.
    const required = request.routeOptions.config.permission;
    const missing = request.auth && required ? missingPermission(request.auth, required) : null;
    if (missing) return sendProblem(request, reply, forbidden(missing));
  });

  await opsRoutes(app, deps);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/docs', { schema: { hide: true } }, async (_, reply) => reply.type('text/html').send(apiDocsPage));
  app.get('/api/docs/app.js', { schema: { hide: true } }, async (_, reply) =>
    reply.type('text/javascript').send(apiDocsScript),
  );

  await registerRoutes(app, deps);
  await serveWebApp(app, deps.config.webRoot);
  return app;
}

/** Routes documented with `security: []` (setup, sign-in, health) and undocumented ones (docs, metrics). */
function isPublicRoute(request: FastifyRequest): boolean {
  const schema = request.routeOptions.schema as RouteSchema | undefined;
  return schema?.hide === true || needsNoSignIn(schema);
}

/** The parts of a route's schema that tell who may call it. */
interface RouteSchema {
  hide?: boolean;
  security?: unknown[];
}

/** Tells whether a route is documented with `security: []`, callable without signing in. */
function needsNoSignIn(schema: RouteSchema | undefined): boolean {
  return Array.isArray(schema?.security) && schema.security.length === 0;
}

function needsCsrfCheck(request: FastifyRequest): boolean {
  return !safeMethods.has(request.method) && request.auth?.via === 'session';
}

/**
 * Logs each request once, when its response ends, with its method, path,
 * status and time. Fastify's default writes a second line when the request
 * arrives, and each write to the log is a system call.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/** Bytes of log lines kept before they are written to standard output together. */
const LOG_BUFFER_BYTES = 4096;
/** Milliseconds after which lines still kept are written anyway, so a quiet server's log stays current. */
const LOG_FLUSH_MS = 250;

function loggerOptions(level: string) {
  return {
    level,
    // Writing each line as it is logged cost a system call per request:
    // about 35 µs of the 190 µs of processor time that an authenticated
    // request returning at once took (CPU profile, SQLite). Lines are kept
    // until 4 KB or 250 ms and written together. pino writes what is left
    // when the process exits, an uncaught error included. A process killed
    // with SIGKILL loses at most its last 250 ms of log.
    stream: pino.destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES, periodicFlush: LOG_FLUSH_MS }),
    // Requests are logged without query strings, bodies or headers, so no
    // personal data (names, phones, searches) or credentials reach the log.
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    },
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
  };
}
