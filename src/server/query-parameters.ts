/**
 * Rejects query parameters that an API route does not declare, before the
 * route's schema reads the query. Zod objects drop unknown keys, so without
 * this check a misspelt filter such as `?stauts=final` would return the
 * whole list as if no filter had been sent.
 *
 * A route declares its parameters with its `querystring` Zod object. A
 * schema that takes extra keys itself (the contact filters'
 * `customField[custom1]`) names their pattern with `acceptQueryKeys`.
 *
 * A route whose handler checks more than its schema can (the contact list's
 * group and user ids) takes `reportQueryIssuesInHandler`, and its handler
 * adds the issues of `queryIssues` to its own, so that one 422 names every
 * bad parameter.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldIssue, invalid } from '../shared/errors.ts';
import { schemaIssues } from './problems.ts';
import { quotedValue } from '../shared/text.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The handler reports unknown parameters and schema issues itself, with `queryIssues`. */
    queryIssuesInHandler?: boolean;
  }
}

/**
 * Route options under which neither an unknown parameter nor a schema issue
 * stops the request before its handler, which must then call `queryIssues`.
 */
export const reportQueryIssuesInHandler = { attachValidation: true, config: { queryIssuesInHandler: true } } as const;

interface ZodNode {
  _zod: { def: { type: string; shape?: Record<string, unknown>; catchall?: ZodNode; in?: ZodNode; innerType?: ZodNode; options?: ZodNode[] } };
}

interface ExtraKeys {
  pattern: RegExp;
  /** Text that names these keys in the accepted list of an error message. */
  label: string;
}

interface QueryParameters {
  names: ReadonlySet<string>;
  extra: ExtraKeys | null;
  /** Accepted parameters, comma-separated, for error messages. */
  listed: string;
}

const extraKeys = new WeakMap<object, ExtraKeys>();
const bySchema = new WeakMap<object, QueryParameters>();
const none: QueryParameters = { names: new Set(), extra: null, listed: '' };

/**
 * Builds an integer query parameter from `min` to `max`, `fallback` when
 * absent. `z.coerce.number()` alone reads an empty value (`?limit=`) as 0
 * and reports it as too small, so an empty value is rejected first with
 * `number_empty`, and a text that is no whole number (`abc`, `1.5`) with
 * `number_not_integer`. Both messages give the range and the default.
 */
export function integerParameter(min: number, max: number, fallback: number) {
  const bounds = { min: String(min), max: String(max), default: String(fallback) };
  const integer = z.coerce.number().int().min(min).max(max).default(fallback);
  return z.preprocess((value, context) => {
    if (typeof value !== 'string') return value;
    if (value.trim() === '') {
      context.addIssue({ code: 'custom', input: value, params: { code: 'number_empty', ...bounds } });
    } else if (!/^\s*[-+]?\d+\s*$/.test(value)) {
      context.addIssue({ code: 'custom', input: value, params: { code: 'number_not_integer', ...bounds } });
    }
    return value;
  }, integer);
}

/**
 * Builds an optional id filter of a query or of a saved view's filters, at
 * most `max` characters. `entity` names the id's kind in messages
 * (`customer group`). An empty or blank value is rejected with
 * `id_parameter_empty`, because skipping it would return the unfiltered list.
 */
export function idParameter(entity: string, max: number) {
  return z
    .string()
    .max(max)
    .superRefine((value, context) => {
      if (value.length <= max && value.trim() === '') {
        context.addIssue({ code: 'custom', input: value, params: { code: 'id_parameter_empty', entity } });
      }
    })
    .optional();
}

/** Lets a query schema with a catchall take the keys that match `pattern`, because the route checks those keys itself. */
export function acceptQueryKeys<T extends object>(schema: T, pattern: RegExp, label: string): T {
  extraKeys.set(schema, { pattern, label });
  return schema;
}

/**
 * Reads the parameter names of a query schema: a Zod object, possibly
 * wrapped in optional, default or a transform pipe, or a union of objects.
 * Throws for anything else, so a route whose parameters cannot be read fails
 * at start instead of taking every parameter.
 */
export function readQueryParameters(schema: unknown, url: string): QueryParameters {
  if (schema === undefined || schema === null) return none;
  const cached = bySchema.get(schema as object);
  if (cached) return cached;

  const names = new Set<string>();
  let extra = extraKeys.get(schema as object) ?? null;
  const visit = (node: ZodNode | undefined): void => {
    const def = node?._zod?.def;
    if (!def) throw new Error(`${url}: the querystring schema is not a Zod schema`);
    if (def.type === 'object') {
      for (const name of Object.keys(def.shape ?? {})) names.add(name);
      const catchall = def.catchall?._zod.def.type;
      if (catchall && catchall !== 'never') {
        extra ??= extraKeys.get(node as object) ?? null;
        if (!extra) throw new Error(`${url}: a querystring schema that takes any key needs acceptQueryKeys`);
      }
      return;
    }
    if (def.type === 'pipe') return visit(def.in);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') return visit(def.innerType);
    if (def.type === 'union') {
      for (const option of def.options ?? []) visit(option);
      return;
    }
    throw new Error(`${url}: cannot read the parameter names of a ${def.type} querystring schema`);
  };
  visit(schema as ZodNode);

  const listed = [...names, ...(extra ? [extra.label] : [])].join(', ');
  const parameters = { names, extra, listed };
  bySchema.set(schema as object, parameters);
  return parameters;
}

export function rejectUnknownQueryParameters(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    readQueryParameters((route.schema as { querystring?: unknown } | undefined)?.querystring, route.url);
  });
  app.addHook('preValidation', async (request) => {
    if (!request.routeOptions.url?.startsWith('/api/')) return;
    if (request.routeOptions.config.queryIssuesInHandler) return;
    const unknown = unknownParameters(request);
    if (unknown.length > 0) throw invalid(unknown);
  });
}

/**
 * Returns the issues of a request to a `reportQueryIssuesInHandler` route
 * that its schema and the parameter names show: each unknown parameter, then
 * each issue of the querystring schema. The query is then as sent, unchecked.
 */
export function queryIssues(request: FastifyRequest): FieldIssue[] {
  const found = unknownParameters(request);
  if (request.validationError) found.push(...schemaIssues(request, request.validationError));
  return found;
}

/** Returns the parameters of `query` that no issue of `found` is about, so that later checks skip the reported ones. */
export function unreportedParameters(query: Record<string, unknown>, found: readonly FieldIssue[]): Record<string, unknown> {
  const reported = (key: string) => found.some((issue) => issue.path === key || issue.path.startsWith(`${key}.`));
  return Object.fromEntries(Object.entries(query).filter(([key]) => !reported(key)));
}

function unknownParameters(request: FastifyRequest): FieldIssue[] {
  const query = request.query as Record<string, unknown> | undefined;
  if (!query) return [];
  const schema = (request.routeOptions.schema as { querystring?: unknown } | undefined)?.querystring;
  const { names, extra, listed } = readQueryParameters(schema, request.routeOptions.url ?? '');
  return Object.keys(query)
    .filter((key) => !names.has(key) && !extra?.pattern.test(key))
    .map((key) => {
      const sent = query[key];
      const value = quotedValue(Array.isArray(sent) ? sent.join(', ') : String(sent ?? ''));
      return listed === ''
        ? { path: key, code: 'no_query_parameters', params: { parameter: quotedValue(key), value } }
        : { path: key, code: 'unknown_parameter', params: { parameter: quotedValue(key), value, allowed: listed } };
    });
}

/**
 * Runs `load` and names the query parameter of an id it could not find. A
 * 404 `not_found` of an entity that `parameters` maps to a parameter of
 * `query` (`{ contact: 'contactId' }`) is thrown again with that parameter
 * and its value, because the id came from the address.
 */
export async function namingMissingParameter<T>(
  query: Record<string, unknown>,
  parameters: Record<string, string>,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
    const parameter = parameters[String(error.params.entity)];
    const value = parameter === undefined ? undefined : query[parameter];
    if (parameter === undefined || typeof value !== 'string') throw error;
    throw new AppError('not_found', { ...error.params, parameter, value: quotedValue(value) }, error.issues, error.extra);
  }
}
