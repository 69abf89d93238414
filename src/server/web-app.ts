/**
 * Serves the built web app: index.html for every page address, and the
 * files of the build folder. Every request reads the folder as it is then,
 * so a `npm run build` under a running server takes effect without a
 * restart.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
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

  // NOTE: `vite build` empties the folder before it writes the new build, so
  // a page requested during those seconds gets a 404 or misses its files.
  app.setNotFoundHandler((request, reply) => {
    // A missing build file is a 404: the page of an older build then loads
    // the new one instead of taking this HTML for its script.
    const readsPage = request.method === 'GET' || request.method === 'HEAD';
    if (!readsPage || request.url.startsWith('/api/') || request.url.startsWith('/assets/')) {
      return notFound(request, reply);
    }
    const path = request.url.split('?')[0] ?? '';
    const file = topLevelFile.exec(path)?.[1];
    if (file && file !== 'index.html' && isFile(join(webRoot, file))) return sendPage(reply, file);
    if (!isFile(join(webRoot, 'index.html'))) return notFound(request, reply);
    return sendPage(reply, 'index.html');
  });
}

function sendPage(reply: FastifyReply, file: string) {
  reply.header('cache-control', PAGE_CACHE_CONTROL);
  return reply.sendFile(file, { cacheControl: false });
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, new AppError('route_not_found', { path: request.url.split('?')[0] }));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
