/**
 * Turns every error into an `application/problem+json` answer with a stable
 * code and wording in the caller's language. Unknown errors are logged whole
 * and reach the caller as a generic message with the request id.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { MAX_UPLOAD_BYTES } from './config.ts';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, type ErrorCode, type FieldIssue } from '../shared/errors.ts';
import { type Locale, type MessageParams, messages, translate, translateTerm } from '../shared/messages.ts';
import { quotedValue } from '../shared/text.ts';

export interface ProblemIssue {
  path: string;
  code: string;
  message: string;
  contactId?: string;
}

export function issueMessages(issues: FieldIssue[], locale: Locale): ProblemIssue[] {
  return issues.map((issue) => ({
    path: issue.path,
    code: issue.code,
    message: translate(issue.code, locale, localizedParams(issue.params ?? {}, locale)),
    ...(issue.contactId ? { contactId: issue.contactId } : {}),
  }));
}

/**
 * Translates the parameters that name a thing (`entity`, `expected`, `status`) so that a message reads in one language,
 * and writes an instant `at` as the `date` and `time` of its `timeZone`.
 */
function localizedParams(params: MessageParams, locale: Locale): MessageParams {
  const localized = { ...params };
  if (typeof params.entity === 'string') localized.entity = translateTerm('entity', params.entity, locale);
  if (typeof params.expected === 'string') localized.expected = translateTerm('type', params.expected, locale);
  if (typeof params.status === 'string') localized.status = statusName(params.status, locale);
  if (typeof params.at === 'string') Object.assign(localized, dateAndTime(params.at, String(params.timeZone ?? 'UTC'), locale));
  return localized;
}

/** Writes an instant as the day and the time of day in a time zone: `6 décembre 2026` and `09:12`. */
function dateAndTime(at: string, timeZone: string, locale: Locale): { date: string; time: string } {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return { date: at, time: '' };
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  return {
    date: new Intl.DateTimeFormat(tag, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(instant),
    time: new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit' }).format(instant),
  };
}

/** Names the state of an import (`import_status_*` messages) or of a document (`status.*` terms). */
function statusName(status: string, locale: Locale): string {
  const importStatus = `import_status_${status}`;
  return importStatus in messages ? translate(importStatus, locale) : translateTerm('status', status, locale);
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const locale = request.locale ?? 'fr';
  const body: Record<string, unknown> = {
    type: `https://comptoir.app/problems/${error.code}`,
    title: error.code,
    status: error.status,
    code: error.code,
    detail: translate(error.code, locale, localizedParams({ ...error.params, requestId: request.id }, locale)),
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
    const issues = schemaIssues(request, error);
    return sendProblem(request, reply, new AppError('validation_failed', { count: issues.length }, issues));
  }
  const mapped = fastifyCode(error, request);
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

/**
 * Maps the issues that a route's Zod schemas found in a request to field
 * issues of the catalogue. `error` is the validation error that Fastify
 * throws, or attaches as `request.validationError` on a route with
 * `attachValidation`. Any other error is thrown again.
 */
export function schemaIssues(request: FastifyRequest, error: unknown): FieldIssue[] {
  if (!hasZodFastifySchemaValidationErrors(error)) throw error;
  const issues = error.validation.map((v) => {
    const segments = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
    const sent = sentValue(request, error.validationContext, segments);
    return zodIssue(v.keyword, v.instancePath, { ...v.params, message: v.message }, error.validationContext, sent);
  });
  // Zod 4.6 also runs a list's size check on text sent in its place, and reports a text of 30
  // characters as too long for a list of at most 20 items. Beside the wrong type, that check adds no information.
  const wrongType = new Set(issues.filter((issue) => issue.code === 'invalid_type').map((issue) => issue.path));
  return issues.filter((issue) => issue.code === 'invalid_type' || !wrongType.has(issue.path) || !sizeCodes.has(issue.code));
}

/** Issue codes of a size check, which add no information once the value has the wrong type. */
const sizeCodes = new Set(['too_long', 'too_short', 'too_many_items', 'too_few_items']);

function megabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

function fastifyCode(error: FastifyError, request: FastifyRequest): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', { megabytes: megabytes(request.routeOptions.bodyLimit) });
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', { megabytes: megabytes(MAX_UPLOAD_BYTES) });
    case 'FST_FILES_LIMIT':
      return new AppError('too_many_files');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', { type: request.headers['content-type'] ?? '' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', { reason: 'json_empty' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', { reason: 'json_invalid' });
  }
  if (error.statusCode === 429) return new AppError('rate_limited', { seconds: 60 });
  if (error.statusCode === 413) return new AppError('payload_too_large', { megabytes: megabytes(request.routeOptions.bodyLimit) });
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const reason = error instanceof SyntaxError ? 'json_invalid' : error.code ?? 'input';
    return new AppError('bad_request', { reason });
  }
  return null;
}

/** Reads the value that the client sent at `path` in the query, body, params or headers (validation leaves them raw when it fails). */
function sentValue(request: FastifyRequest, context: string | undefined, path: string[]): unknown {
  const sources: Record<string, unknown> = { body: request.body, querystring: request.query, params: request.params, headers: request.headers };
  let value = context ? sources[context] : undefined;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Shows a sent value in a message: text as typed, anything else as JSON, cut at 100 characters and without control characters. */
function shownValue(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return quotedValue(text, 100);
}

const numberOrigins = new Set(['number', 'int', 'bigint']);
const listOrigins = new Set(['array', 'set']);

/**
 * Maps one Zod 4 issue, as fastify-type-provider-zod passes it, to a field
 * issue of the catalogue. `sent` is the client's raw value at the issue's
 * path: Zod 4 leaves the input out of its issues unless asked, and coercion
 * turns "abc" into NaN before the check fails.
 */
export function zodIssue(keyword: string, instancePath: string, params: Record<string, unknown>, context: string | undefined, sent: unknown): FieldIssue {
  const segments = instancePath.replace(/^\//, '').split('/').filter(Boolean);
  const path = segments.join('.');
  // A query string repeats a parameter as `type=a&type=b`, which arrives as a list.
  if (context === 'querystring' && segments.length === 1 && Array.isArray(sent)) {
    const values = sent.map((value) => quotedValue(String(value), 20)).join(', ');
    return { path, code: 'parameter_repeated', params: { path, count: sent.length, values } };
  }
  const issue = bodyIssue(keyword, path, path || context || '', params, sent);
  if (context !== 'querystring' || segments.length !== 1) return issue;
  // An address shows no field beside the message, so it names the parameter and repeats its value.
  const value = typeof sent === 'string' ? quotedValue(sent) : '';
  return { ...issue, params: { ...issue.params, parameter: path, value } };
}

/** Maps one Zod issue to a field issue at `where`: its `path`, or the part of the request for an issue on the whole of it. */
function bodyIssue(keyword: string, path: string, where: string, params: Record<string, unknown>, sent: unknown): FieldIssue {
  const value = shownValue(sent);
  const origin = String(params.origin ?? '');
  const custom = params.params as { code?: unknown } | undefined;
  if (keyword === 'custom' && typeof custom?.code === 'string') {
    const { code, ...extra } = custom as Record<string, string>;
    return { path: where, code: code as string, params: { value, path: where, ...extra } };
  }
  if (keyword === 'invalid_type') {
    if (sent === undefined) return { path: where, code: 'required' };
    return { path: where, code: 'invalid_type', params: { expected: String(params.expected ?? ''), value } };
  }
  if (keyword === 'invalid_value' || keyword === 'invalid_enum_value' || keyword === 'invalid_union') {
    if (sent === undefined) return { path: where, code: 'required' };
    const values = Array.isArray(params.values) ? params.values.map((v) => String(v)) : [];
    if (values.length === 0) return { path: where, code: 'invalid_value', params: { value } };
    // An empty value such as `?type=` gets its own message, because “” is not accepted reads as a typo.
    if (typeof sent === 'string' && sent.trim() === '') return { path: where, code: 'enum_empty', params: { path: where, allowed: values.join(', ') } };
    // A JSON true or 3 where the list contains the texts "true" or "3" reads the same in a message, so the message states that it is not text.
    const textOnly = Array.isArray(params.values) && params.values.every((v) => typeof v === 'string');
    if (textOnly && typeof sent !== 'string') return { path: where, code: 'enum_not_text', params: { value, allowed: values.join(', ') } };
    return { path: where, code: 'invalid_enum', params: { value, allowed: values.join(', ') } };
  }
  if (keyword === 'too_big') {
    const max = String(params.maximum ?? '');
    if (numberOrigins.has(origin)) return { path: where, code: 'number_too_large', params: { value, max } };
    if (listOrigins.has(origin)) return { path: where, code: 'too_many_items', params: { max } };
    return { path: where, code: 'too_long', params: { max } };
  }
  if (keyword === 'too_small') {
    const min = String(params.minimum ?? '');
    if (numberOrigins.has(origin)) return { path: where, code: 'number_too_small', params: { value, min } };
    if (listOrigins.has(origin)) return { path: where, code: 'too_few_items', params: { min } };
    if (params.minimum === 1 || String(sent ?? '').trim() === '') return { path: where, code: 'required' };
    return { path: where, code: 'too_short', params: { min } };
  }
  if (keyword === 'unrecognized_keys') {
    const keys = Array.isArray(params.keys) ? params.keys : [];
    return { path: [path, keys[0]].filter(Boolean).join('.'), code: 'unknown_field', params: { field: String(keys[0] ?? '') } };
  }
  if (keyword === 'invalid_format' && params.format === 'email') {
    if (String(sent ?? '').trim() === '') return { path: where, code: 'required' };
    return { path: where, code: 'invalid_email', params: { value } };
  }
  return { path: where, code: 'invalid_value', params: { value } };
}

export type { ErrorCode };
