/**
 * Serves the built web app: index.html for every page address, and the
 * files of the build folder. Every request reads the folder as it is then,
 * so a `npm run build` under a running server takes effect without a
 * restart.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { type Locale, pickLocale } from '../shared/messages.ts';
import { quotedValue } from '../shared/text.ts';
import { sendProblem } from './problems.ts';

/**
 * Cache-Control of index.html and of the unhashed files beside it. A
 * browser may keep them but must ask the server before each use, so it
 * never pairs an index.html of an older build with files that a rebuild
 * deleted.
 */
const PAGE_CACHE_CONTROL = 'no-cache';

/**
 * Milliseconds a browser may keep a file of /assets/ without asking again:
 * one year, sent as `public, max-age=31536000, immutable`. Vite puts a hash
 * of each file's content in its name, so a name never changes content.
 */
const ASSET_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

/** A file name at the top of the build folder, such as favicon.svg: no folder, no leading dot. */
const topLevelFile = /^\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/;

export async function serveWebApp(app: FastifyInstance, webRoot: string) {
  if (!existsSync(join(webRoot, 'index.html'))) {
    app.log.warn({ webRoot }, 'index.html is missing from the web root, so pages return 404 until `npm run build` writes it');
  }
  // Adds reply.sendFile only. A route per file, as the plugin makes with
  // `wildcard: false`, would list the folder once at start and miss the
  // files of a later build.
  await app.register(fastifyStatic, { root: webRoot, serve: false, suppressWarning: true });
  // One route for the whole folder, which looks each file up when it is requested.
  await app.register(fastifyStatic, {
    root: join(webRoot, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    wildcard: true,
    index: false,
    maxAge: ASSET_MAX_AGE_MS,
    immutable: true,
    suppressWarning: true,
  });

  // `npm run build` points webRoot at a complete build folder in one step
  // (see web-build.ts), so a page requested during a build reads the
  // previous build whole.
  app.setNotFoundHandler((request, reply) => {
    // A missing build file is a 404: the page of an older build then loads
    // the new one instead of taking this HTML for its script.
    if (!isPageRequest(request)) return notFound(request, reply);
    // The file is sent from the folder webRoot links to now. Sending reads
    // the file's size, then opens it by path, and a build in between would
    // otherwise pair the size of one build's file with another's content.
    const root = buildFolder(webRoot);
    const path = request.url.split('?')[0] ?? '';
    const file = topLevelFile.exec(path)?.[1];
    if (file && file !== 'index.html' && isFile(join(root, file))) return sendPage(reply, root, file);
    if (!isFile(join(root, 'index.html'))) return notFound(request, reply);
    return sendPage(reply, root, 'index.html');
  });
}

/** Tells whether `request` reads a page of the web app: a GET or HEAD outside /api and /assets. */
function isPageRequest(request: FastifyRequest): boolean {
  const readsPage = request.method === 'GET' || request.method === 'HEAD';
  const path = (request.url.split('?')[0] ?? '').toLowerCase();
  return readsPage && !reservedPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** Address prefixes that are never pages, in any case: `/API/v1` is a mistyped API call, not a page. */
const reservedPrefixes = ['/api', '/assets'];

/**
 * Builds Fastify's `frameworkErrors` handler, which responds to an address that
 * the router cannot decode (`/customers/%ZZ`) or whose parameter is too long.
 * A page address gets index.html, as every other page address does, and the
 * web app then shows its own not-found screen. Any other request gets a 400
 * problem naming the address, in place of Fastify's untranslated JSON.
 */
export function answerUnroutableUrl(webRoot: string, defaultLocale: Locale, headers: readonly [string, string][]) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // No hook runs for this request, so the security headers and the language are set here.
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    // This reply lacks the decorations of plugins such as reply.sendFile, so the page is read here.
    const page = isPageRequest(request) ? await readPage(join(webRoot, 'index.html')) : null;
    if (page !== null) {
      return reply.type('text/html; charset=utf-8').header('cache-control', PAGE_CACHE_CONTROL).send(page);
    }
    request.log.info({ code: error.code, url: request.url }, 'request address could not be routed');
    request.locale = pickLocale(request.headers['accept-language'], defaultLocale);
    // Fastify's other framework error is a path parameter past its maxParamLength (100 characters by default).
    const reason = error.code === 'FST_ERR_BAD_URL' ? 'url' : 'url_segment';
    return sendProblem(request, reply, new AppError('bad_request', { reason, value: quotedValue(request.url) }));
  };
}

function sendPage(reply: FastifyReply, root: string, file: string) {
  reply.header('cache-control', PAGE_CACHE_CONTROL);
  return reply.sendFile(file, root, { cacheControl: false });
}

/** Returns the folder that `webRoot` is a link to, or `webRoot` itself when it is a folder or missing. */
function buildFolder(webRoot: string): string {
  try {
    return realpathSync(webRoot);
  } catch {
    return webRoot;
  }
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, new AppError('route_not_found', { path: request.url.split('?')[0] }));
}

async function readPage(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
