/**
 * Turns every error into an `application/problem+json` answer with a stable
 * code and wording in the caller's language. Unknown errors are logged whole
 * and reach the caller as a generic message with the request id.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldIssue } from '../shared/errors.ts';
import { type Locale, translate } from '../shared/messages.ts';

export interface ProblemIssue {
  path: string;
  code: string;
  message: string;
}

export function issueMessages(issues: FieldIssue[], locale: Locale): ProblemIssue[] {
  return issues.map((issue) => ({
    path: issue.path,
    code: issue.code,
    message: translate(issue.code, locale, issue.params),
  }));
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const locale = request.locale ?? 'fr';
  const body: Record<string, unknown> = {
    type: `https://comptoir.app/problems/${error.code}`,
    title: error.code,
    status: error.status,
    code: error.code,
    detail: translate(error.code, locale, { ...error.params, requestId: request.id }),
    ...error.extra,
  };
  if (error.issues.length > 0) body.errors = issueMessages(error.issues, locale);
  return reply.status(error.status).type('application/problem+json').send(body);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, error);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => {
      const params: Record<string, unknown> = { ...v.params, message: v.message };
      // Zod 4 leaves the rejected input out of its issues, so it is read back from the request.
      if (!('input' in params)) {
        const sent = sentValue(request, error.validationContext, v.instancePath);
        if (sent !== undefined) params.input = sent;
      }
      return zodIssue(v.keyword, v.instancePath, params, error.validationContext);
    });
    return sendProblem(request, reply, new AppError('validation_failed', { count: issues.length }, issues));
  }
  const mapped = fastifyCode(error);
  if (mapped) {
    request.log.info({ code: error.code, status: error.statusCode }, 'request rejected');
    return sendProblem(request, reply, mapped);
  }
  if (isDatabaseUnavailable(error)) {
    request.log.error({ err: error }, 'database unavailable');
    return sendProblem(request, reply, new AppError('service_unavailable'));
  }
  request.log.error({ err: error }, 'unexpected error');
  return sendProblem(request, reply, new AppError('internal_error'));
}

function fastifyCode(error: FastifyError): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError('payload_too_large', { limit: '' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', { type: '' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', { reason: 'JSON' });
  }
  if (error.statusCode === 429) return new AppError('rate_limited', { seconds: 60 });
  if (error.statusCode === 413) return new AppError('payload_too_large', { limit: '' });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const reason = error instanceof SyntaxError ? 'JSON' : error.code ?? 'input';
    return new AppError('bad_request', { reason });
  }
  return null;
}

const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001']);

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code && unavailableCodes.has(code)) return true;
  const message = (error as Error).message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|not queryable/i.test(message);
}

/** Returns the value the request sent at a validation path (`/sort`, `/lines/0/quantity`), if it is a scalar. */
function sentValue(request: FastifyRequest, context: string | undefined, instancePath: string): unknown {
  const sources: Record<string, unknown> = { querystring: request.query, body: request.body, params: request.params, headers: request.headers };
  let value = context ? sources[context] : undefined;
  for (const key of instancePath.split('/').filter(Boolean)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

const enumCodes = new Set(['invalid_value', 'invalid_enum_value', 'invalid_union']);

function zodIssue(keyword: string, instancePath: string, params: Record<string, unknown>, context?: string): FieldIssue {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  const where = path || context || '';
  if (keyword === 'invalid_type') {
    // Zod 4 leaves the input out of its issues; only its message tells a
    // missing value ("received undefined") from one of the wrong type.
    const missing = 'input' in params ? params.input === undefined : /received undefined/.test(String(params.message ?? ''));
    if (missing) return { path: where, code: 'required' };
    return { path: where, code: 'invalid_type', params: { expected: String(params.expected ?? '') } };
  }
  if (enumCodes.has(keyword)) {
    const allowed = Array.isArray(params.values) ? params.values.join(', ') : '';
    return { path: where, code: 'invalid_enum', params: { value: String(params.input ?? ''), allowed } };
  }
  if (keyword === 'too_big') return { path: where, code: 'too_long', params: { max: String(params.maximum ?? '') } };
  if (keyword === 'too_small') {
    if (params.minimum === 1 && params.origin === 'string') return { path: where, code: 'required' };
    return { path: where, code: 'too_short', params: { min: String(params.minimum ?? '') } };
  }
  if (keyword === 'unrecognized_keys') {
    const keys = Array.isArray(params.keys) ? params.keys : [];
    return { path: [path, keys[0]].filter(Boolean).join('.'), code: 'unknown_field', params: { field: String(keys[0] ?? '') } };
  }
  if (keyword === 'invalid_format' && params.format === 'email') {
    return { path: where, code: 'invalid_email', params: { value: String(params.input ?? '') } };
  }
  return { path: where, code: 'invalid_value', params: { value: String(params.input ?? '') } };
}

export type { ErrorCode };
