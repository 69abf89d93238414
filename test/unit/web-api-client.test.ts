import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setApiLanguage, setCsrfToken } from '../../web/src/api/client.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Replaces fetch with a list of canned responses and records each request. */
function stubFetch(responses: Response[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    });
    const next = responses.shift();
    if (!next) throw new Error(`unexpected request ${init.method} ${url}`);
    return next;
  });
  return calls;
}

function problem(status: number, body: object): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });
}

function json(body: object, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setApiLanguage('fr');
});

describe('api client', () => {
  it('sends the language, the CSRF token and JSON', async () => {
    const calls = stubFetch([json({ id: 'c1' }, 201)]);
    setCsrfToken('token-1');
    setApiLanguage('en');
    expect(await api.post('/contacts', { firstName: 'Marie' }, { stopOnWarnings: true })).toEqual({ id: 'c1' });
    expect(calls[0]?.url).toBe('/api/v1/contacts?stopOnWarnings=true');
    expect(calls[0]?.headers['Accept-Language']).toBe('en');
    expect(calls[0]?.headers['X-CSRF-Token']).toBe('token-1');
    expect(calls[0]?.headers['Content-Type']).toBe('application/json');
    expect(calls[0]?.body).toEqual({ firstName: 'Marie' });
  });

  it('sends no CSRF token on reads and drops empty query values', async () => {
    const calls = stubFetch([json({ items: [], nextCursor: null })]);
    setCsrfToken('token-1');
    await api.get('/contacts', { type: 'customer', q: '', cursor: null, limit: 50 });
    expect(calls[0]?.url).toBe('/api/v1/contacts?type=customer&limit=50');
    expect(calls[0]?.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('turns a problem into an error with field messages by path', async () => {
    stubFetch([
      problem(422, {
        code: 'validation_failed',
        detail: 'La demande contient 2 valeur(s) invalide(s).',
        errors: [
          { path: 'email', code: 'invalid_email', message: 'Adresse invalide.' },
          { path: 'payTerm.number', code: 'invalid_type', message: 'Nombre attendu.' },
        ],
      }),
    ]);
    const error = await api.post('/contacts', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.code).toBe('validation_failed');
    expect(apiError.detail).toBe('La demande contient 2 valeur(s) invalide(s).');
    expect(apiError.fieldErrors).toEqual({ email: 'Adresse invalide.', 'payTerm.number': 'Nombre attendu.' });
  });

  it('fetches a fresh CSRF token and retries once', async () => {
    const calls = stubFetch([
      problem(403, { code: 'csrf_failed', detail: 'Jeton absent.' }),
      json({ csrfToken: 'token-2' }),
      new Response(null, { status: 204 }),
    ]);
    setCsrfToken('stale');
    await api.delete('/contacts/c1');
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'DELETE /api/v1/contacts/c1',
      'GET /api/v1/session',
      'DELETE /api/v1/contacts/c1',
    ]);
    expect(calls[2]?.headers['X-CSRF-Token']).toBe('token-2');
  });

  it('does not retry other refusals', async () => {
    const calls = stubFetch([problem(403, { code: 'forbidden', detail: 'Permission manquante.' })]);
    const error = (await api.delete('/contacts/c1').catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).toBe('forbidden');
    expect(calls).toHaveLength(1);
  });

  it('reports an unreachable server as network_error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    const error = (await api.get('/session').catch((caught: unknown) => caught)) as ApiError;
    expect(error.code).toBe('network_error');
    expect(error.status).toBe(0);
  });
});
