/**
 * Checks every text of a request (JSON body, query string and path
 * parameters) before the route's schema validates it, so that each route gets
 * NFC text free of control and bidirectional override characters.
 */
import type { FastifyInstance } from 'fastify';
import { invalid } from '../shared/errors.ts';
import { checkTextTree, quotedValue, type TextIssue } from '../shared/text.ts';

// Secrets are compared or hashed exactly as typed: normalising a password
// would lock out an account whose password was stored in another form.
const untouchedKeys: ReadonlySet<string> = new Set(['password', 'currentPassword', 'newPassword', 'token', 'secret']);

export function checkRequestText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    // An address outside /api/ that no route serves is a page of the web
    // app, whose index.html is sent whatever the address contains. The web
    // app reads the address itself and passes only checked values to the API.
    if (request.is404 && !request.url.startsWith('/api/')) return;
    const issues = [
      ...checkTextTree(request.params, untouchedKeys),
      ...queryParameterIssues(request.query, checkTextTree(request.query, untouchedKeys)),
      ...checkTextTree(request.body, untouchedKeys),
    ];
    if (issues.length > 0) throw invalid(issues);
  });
}

/** Names the parameter and its value in the text issues of a query string, which has no field to show them beside. */
function queryParameterIssues(query: unknown, issues: TextIssue[]): TextIssue[] {
  const sent = (query ?? {}) as Record<string, unknown>;
  return issues.map((issue) => {
    // A repeated parameter arrives as a list, whose items have the paths `name.0`, `name.1`…
    const parameter = Object.keys(sent).find((key) => issue.path === key || issue.path.startsWith(`${key}.`)) ?? issue.path;
    const value = sent[parameter];
    const text = Array.isArray(value) ? value.join(', ') : String(value ?? '');
    return { ...issue, params: { ...issue.params, parameter: quotedValue(parameter), value: quotedValue(text) } };
  });
}
