/**
 * The one way the web app talks to the API: JSON over fetch with the session
 * cookie, the UI language in `Accept-Language`, and the session's CSRF token
 * on every change. Problem responses become an `ApiError`.
 */
import type { Locale } from './types.ts';

const API_BASE = '/api/v1';
const CSRF_HEADER = 'X-CSRF-Token';
const safeMethods = new Set(['GET', 'HEAD']);

/** One invalid field of a problem response, as the server words it. */
export interface ProblemIssue {
  path: string;
  code: string;
  message: string;
}

/**
 * A failed call. `code` is the problem's stable code (`network_error` when no
 * response arrived); `fieldErrors` maps each invalid field's JSON path to the
 * server's message, for the form to show under that field.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly issues: ProblemIssue[];
  readonly fieldErrors: Record<string, string>;
  /** The whole problem document, for members such as `count`. */
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    const code = typeof body.code === 'string' ? body.code : `http_${status}`;
    super(code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = typeof body.detail === 'string' ? body.detail : '';
    this.issues = Array.isArray(body.errors) ? (body.errors as ProblemIssue[]) : [];
    this.fieldErrors = {};
    for (const issue of this.issues) {
      if (!(issue.path in this.fieldErrors)) this.fieldErrors[issue.path] = issue.message;
    }
    this.body = body;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;
let language: Locale = 'fr';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(locale: Locale): void {
  language = locale;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | null | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, such as `Idempotency-Key`. */
  headers?: Record<string, string>;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 403 && !safeMethods.has(method)) {
    // A token from before a sign-in or a restart: fetch the current one and retry once.
    const problem = await readProblem(response);
    if (problem.code !== 'csrf_failed') throw new ApiError(response.status, problem);
    await refreshCsrfToken();
    return readResult<T>(await send(method, path, options));
  }
  return readResult<T>(response);
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: RequestOptions['query']) =>
    apiRequest<T>('POST', path, { body, query }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => apiRequest<T>('DELETE', path),
};

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': language,
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (!safeMethods.has(method) && csrfToken) headers[CSRF_HEADER] = csrfToken;

  try {
    return await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'network_error' });
  }
}

async function readResult<T>(response: Response): Promise<T> {
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

async function readProblem(response: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') return body as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page, an empty body): keep the status alone.
  }
  return {};
}

async function refreshCsrfToken(): Promise<void> {
  const response = await send('GET', '/session', {});
  const session = await readResult<{ csrfToken?: string }>(response);
  setCsrfToken(session.csrfToken ?? null);
}
