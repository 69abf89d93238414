/**
 * Checks every text of a request (JSON body, query string and path
 * parameters) before the route's schema validates it, so that each route gets
 * NFC text free of control and bidirectional override characters.
 */
import type { FastifyInstance } from 'fastify';
import { invalid } from '../shared/errors.ts';
import { checkTextTree } from '../shared/text.ts';

// Secrets are compared or hashed exactly as typed: normalising a password
// would lock out an account whose password was stored in another form.
const untouchedKeys: ReadonlySet<string> = new Set(['password', 'currentPassword', 'newPassword', 'token', 'secret']);

export function checkRequestText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const issues = [
      ...checkTextTree(request.params, untouchedKeys),
      ...checkTextTree(request.query, untouchedKeys),
      ...checkTextTree(request.body, untouchedKeys),
    ];
    if (issues.length > 0) throw invalid(issues);
  });
}
