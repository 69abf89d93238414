/** HTTP routes of contact and sales imports, the import templates and contact exports. */
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireAuth } from '../auth/context.ts';
import { acceptCustomFieldKeys, checkFilterRefs, filterParams, readContactFilters } from '../contacts/search/filters.ts';
import { sortFields, sortOrders } from '../contacts/search/sort.ts';
import type { Deps, ZodApp } from '../server/app.ts';
import { issueMessages } from '../server/problems.ts';
import { AppError, IssueList, invalid } from '../shared/errors.ts';
import { quotedValue } from '../shared/text.ts';
import { type Locale, translate } from '../shared/messages.ts';
import { exportKeys, isExportKey } from './export/columns.ts';
import { dateFormats } from './export/csv.ts';
import { exportContacts, exportFormats } from './export/export-contacts.ts';
import { cancelImport } from './import/cancel-import.ts';
import { beginCommit } from './import/commit-import.ts';
import { liveProgress, cancelJob } from './import/jobs.ts';
import { listImports, MAX_LISTED_IMPORTS, readImport } from './import/list-imports.ts';
import { commitBodySchema, importKinds, importOptionsSchema } from './import/options.ts';
import { IMPORT_LIMITS } from './import/run-import.ts';
import { beginImport } from './import/start-import.ts';
import { importJson, loadImport, type ImportRecord } from './import/store.ts';
import { importTemplate } from './import/template.ts';
import { mappableFields } from './import/mappable-fields.ts';
import { saleMappableFields } from './import/sales/fields.ts';
import { salesImportTemplate } from './import/sales/template.ts';
import { LISTED_KEPT_CONTACTS, undoImport } from './import/undo-import.ts';
import { keepReasons } from './import/undo-plan.ts';
import { importForReader } from './import/kept-visibility.ts';
import { integerParameter, queryIssues, reportQueryIssuesInHandler, unreportedParameters } from '../server/query-parameters.ts';
import { contactView, importChange } from '../auth/route-permission.ts';

const importTags = ['imports'];
const importVisibility =
  'A user who may view every contact of the import\'s sides (customer.view, and supplier.view when the file maps a type column; ' +
  'customer.view for a sales import) sees every import. Any other user sees only the imports they ran.';
const idParams = z.object({ id: z.string().min(1).max(64) });

const issueJson = z.object({
  line: z.number(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

const keptContactJson = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  reason: z.enum(keepReasons),
});

const importStatuses = ['previewed', 'running', 'committed', 'failed', 'cancelled', 'interrupted', 'undone', 'partly_undone', 'error'] as const;

const importResponse = z.object({
  id: z.string(),
  kind: z.enum(importKinds),
  status: z.enum(importStatuses).describe(
    'interrupted: the process running it stopped before the end, nothing was saved, and an import (not a preview) can be committed again; ' +
    'partly_undone: undone with keepChanged, see undo',
  ),
  message: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  format: z.string().nullable(),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  headerLine: z.number().nullable(),
  options: z.record(z.string(), z.unknown()),
  columns: z.array(z.object({
    index: z.number(),
    key: z.string(),
    header: z.string(),
    field: z.string().nullable(),
    source: z.string().nullable(),
    reason: z.string().nullable(),
    sample: z.array(z.string()),
  })),
  totals: z.object({
    rows: z.number(), valid: z.number(), invalid: z.number(), created: z.number(), updated: z.number(), skipped: z.number(),
  }),
  progress: z.object({ done: z.number(), total: z.number().nullable() }),
  errors: z.array(issueJson),
  warnings: z.array(issueJson),
  issuesTruncated: z.boolean(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
  undo: z.object({
    deleted: z.number(),
    restored: z.number(),
    kept: z.number(),
    keptContacts: z.array(keptContactJson).describe(`the first ${LISTED_KEPT_CONTACTS} kept contacts, those the caller may view`),
  }).nullable().describe('what the undo of a contact import did; null before any undo'),
});

const importSummaryJson = importResponse.pick({
  id: true, kind: true, status: true, fileName: true, format: true, totals: true, createdAt: true, committedAt: true, undoneAt: true,
}).extend({ preview: z.boolean().describe('the last run was a preview, which cannot be committed again once interrupted') });

const exportQuery = acceptCustomFieldKeys(z.object({
  ...filterParams,
  format: z.enum(exportFormats).default('csv'),
  lang: z.enum(['fr', 'en']).optional().describe("headers and words; default the user's language"),
  separator: z.enum([';', ',', 'tab', '|']).optional().describe('CSV; default ; in French, , in English'),
  decimal: z.enum([',', '.']).optional().describe('CSV; default , in French, . in English'),
  dateFormat: z.enum(dateFormats).optional().describe('CSV; default dd/mm/yyyy in French, yyyy-mm-dd in English'),
  bom: z.enum(['true', 'false']).optional().describe('CSV; default true (UTF-8 BOM, for Excel)'),
  columns: z.string().max(2000).optional().describe(`comma-separated, in order: ${exportKeys.join(', ')}`),
  vcardVersion: z.enum(['4.0', '3.0']).optional().describe('default 4.0'),
  sort: z.enum(sortFields).optional().describe('as on the list; default name (a search is exported by name, not by relevance)'),
  order: z.enum(sortOrders).optional().describe('asc (default) or desc'),
}).catchall(z.string()));

const templateNames = {
  contacts: { fr: 'modele-contacts', en: 'contacts-template' },
  sales: { fr: 'modele-ventes', en: 'sales-template' },
} as const;

const exportKeysAllowed = new Set(['format', 'lang', 'separator', 'decimal', 'dateFormat', 'bom', 'columns', 'vcardVersion', 'sort', 'order']);

export async function transferRoutes(app: ZodApp, { db }: Deps): Promise<void> {
  app.post('/api/v1/imports', {
    config: { permission: importChange },
    schema: {
      tags: importTags,
      summary: 'Preview or import a contact or sales file (multipart: file, options)',
      description:
        'CSV/TSV (separator and encoding detected), XLSX, XLS, ODS or vCard. options is JSON: { kind: contacts|sales, mode: create|upsert, ' +
        'matchOn: [code, email, mobile, taxNumber, loyaltyCardNumber], onInvalid: abort|skip, dryRun, mapping: ' +
        '{ header or #N: field or null }, saveMapping, delimiter, encoding, headerLine, dateOrder: dmy|mdy, ' +
        `numberLocale: fr|en }. Files up to ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB. With Accept: ` +
        'application/x-ndjson the answer streams {"progress":{done,total}} lines while the rows are read, then ' +
        '{"import":…} (or {"error":…}); closing the connection cancels the run. A sales file has one row per sale line; ' +
        'rows with the same sale reference form one sale, created as POST /sales creates it (mode and matchOn do not apply). ' +
        'In upsert mode a row that makes a customer a supplier clears the loyalty card, credit limit and customer group ' +
        'that its cells leave empty, with one warning per field naming the value removed (see docs/import.md).',
      response: { 201: importResponse },
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const upload = await readUpload(request);
    const { id, finished } = await beginImport(db, auth, { ...upload, locale: request.locale, log: request.log });
    if (wantsStream(request)) return streamRun(request, reply, id, finished);
    return reply.status(201).send(importJson(await importForReader(db.kysely, auth, await finished), request.locale));
  });

  app.get('/api/v1/imports', {
    schema: {
      tags: importTags,
      summary: 'Latest imports the caller may see, newest first',
      description: importVisibility,
      querystring: z.object({ limit: integerParameter(1, MAX_LISTED_IMPORTS, 20) }),
      response: { 200: z.object({ items: z.array(importSummaryJson), nextCursor: z.null() }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    return { items: await listImports(db, auth, request.query.limit, request.log), nextCursor: null };
  });

  app.get('/api/v1/imports/fields', {
    schema: {
      tags: importTags,
      summary: 'Fields a column can be mapped to, with their labels',
      description: 'Custom fields carry the business\'s own label; those without one are left out, since the contact rules reject them.',
      querystring: z.object({ lang: z.enum(['fr', 'en']).optional(), kind: z.enum(importKinds).default('contacts') }),
      response: { 200: z.object({ items: z.array(z.object({ field: z.string(), label: z.string() })) }) },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    const locale: Locale = request.query.lang ?? request.locale;
    if (request.query.kind === 'sales') return { items: saleMappableFields(locale) };
    return { items: await mappableFields(db.kysely, auth.businessId, locale) };
  });

  app.get('/api/v1/imports/template.xlsx', {
    schema: {
      tags: importTags,
      summary: 'Download the XLSX import template of contacts or of sales',
      querystring: z.object({ lang: z.enum(['fr', 'en']).optional(), kind: z.enum(importKinds).default('contacts') }),
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const locale: Locale = request.query.lang ?? request.locale;
    const { kind } = request.query;
    const file = kind === 'sales' ? await salesImportTemplate(db.kysely, auth.businessId, locale) : await importTemplate(db.kysely, auth.businessId, locale);
    return reply
      .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="${templateNames[kind][locale]}.xlsx"`)
      .send(file);
  });

  app.get('/api/v1/imports/:id', {
    schema: {
      tags: importTags,
      summary: 'Read an import: status, progress, totals, errors',
      description: `${importVisibility} Any other import returns 404, like one that does not exist.`,
      params: idParams,
      response: { 200: importResponse },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    const record = await readImport(db, auth, request.params.id, request.log);
    return importJson(await importForReader(db.kysely, auth, record), request.locale);
  });

  app.post('/api/v1/imports/:id/commit', {
    config: { permission: importChange },
    schema: {
      tags: importTags,
      summary: 'Import a previewed file, or start an interrupted, failed or cancelled import again',
      description:
        'Body { onInvalid?, wait? }. wait=false answers 202 at once; follow the import with GET. With ' +
        'Accept: application/x-ndjson the answer streams {"progress":{done,total}} lines, then {"import":…}; ' +
        'closing the connection cancels the import.',
      params: idParams,
      body: commitBodySchema.optional(),
    },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const body = commitBodySchema.parse(request.body ?? {});
    const commit = { onInvalid: body.onInvalid, locale: request.locale, log: request.log };
    const { finished } = await beginCommit(db, auth, request.params.id, commit);
    if (wantsStream(request)) return streamRun(request, reply, request.params.id, finished);
    if (!body.wait) {
      finished.catch((error: unknown) => request.log.error({ err: error, importId: request.params.id }, 'background import failed'));
      const record = await loadImport(db.kysely, auth.businessId, request.params.id);
      return reply.status(202).send(importJson(await importForReader(db.kysely, auth, record), request.locale));
    }
    return reply.send(importJson(await importForReader(db.kysely, auth, await finished), request.locale));
  });

  app.post('/api/v1/imports/:id/cancel', {
    config: { permission: importChange },
    schema: { tags: importTags, summary: 'Stop a running import (nothing is written) or discard a preview', params: idParams, response: { 200: importResponse } },
  }, async (request) => {
    const auth = requireAuth(request);
    const record = await cancelImport(db, auth, request.params.id, request.log);
    return importJson(await importForReader(db.kysely, auth, record), request.locale);
  });

  app.delete('/api/v1/imports/:id', {
    config: { permission: importChange },
    schema: {
      tags: importTags,
      summary: 'Undo a committed import, whole or leaving out the contacts changed since',
      description:
        'Deletes the contacts it created and restores those it updated, so it first needs the delete and update permissions ' +
        'on their sides (403 otherwise). When some have been used or changed since, ' +
        `nothing is undone: 409 import_undo_blocked with count and contacts (the first ${LISTED_KEPT_CONTACTS}: id, code, name, reason ` +
        `${keepReasons.join('|')}). A caller who may view only its own contacts gets those it may view, and otherContacts counts the ` +
        'others. With keepChanged=true those are kept, the others undone, and the import becomes ' +
        'partly_undone with the counts in undo (409 import_undo_nothing_left when every contact must be kept). ' +
        'A sales import voids its sales, unless one has had a payment, a return or its points spent since (409 naming them); ' +
        'it takes no keepChanged.',
      params: idParams,
      querystring: z.object({
        keepChanged: z.enum(['true', 'false']).default('false').describe('true: undo the contacts that allow it and keep the others'),
      }),
      response: { 200: importResponse },
    },
  }, async (request) => {
    const auth = requireAuth(request);
    const options = { keepChanged: request.query.keepChanged === 'true', locale: request.locale, log: request.log };
    const record = await undoImport(db, auth, request.params.id, options);
    return importJson(await importForReader(db.kysely, auth, record), request.locale);
  });

  app.get('/api/v1/contacts/export', {
    schema: {
      tags: ['contacts'],
      summary: 'Export every contact the list filters keep (CSV, XLSX, PDF, vCard)',
      description:
        'Takes the list\'s filters and search, plus the format and the CSV dialect; the file is streamed. ' +
        'One 422 names every bad parameter.',
      querystring: exportQuery,
    },
    ...reportQueryIssuesInHandler,
    config: { ...reportQueryIssuesInHandler.config, permission: contactView },
  }, async (request, reply) => {
    const auth = requireAuth(request);
    const query = request.query;
    // One 422 names every bad parameter: those the schema found, then the filters' and columns' own checks.
    const issues = new IssueList();
    const found = queryIssues(request);
    issues.items.push(...found);
    const accepted = unreportedParameters(query, found);
    const filters = readContactFilters(accepted, exportKeysAllowed, issues);
    const columns = readColumns(typeof accepted.columns === 'string' ? accepted.columns : undefined, issues);
    await checkFilterRefs(db.kysely, auth.businessId, filters, issues);
    issues.throwIfAny();
    const locale: Locale = query.lang ?? request.locale;
    const file = await exportContacts(db.kysely, auth, {
      format: query.format,
      filters,
      sort: { field: query.sort ?? 'name', order: query.order ?? 'asc' },
      locale,
      dialect: {
        ...(query.separator ? { separator: query.separator === 'tab' ? '\t' : query.separator } : {}),
        ...(query.decimal ? { decimal: query.decimal } : {}),
        ...(query.dateFormat ? { dateFormat: query.dateFormat } : {}),
        ...(query.bom ? { bom: query.bom === 'true' } : {}),
      },
      ...(columns ? { columns } : {}),
      ...(query.vcardVersion ? { vcardVersion: query.vcardVersion } : {}),
    });
    return reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .header('Cache-Control', 'private, no-store')
      .send(file.stream);
  });
}

function readColumns(text: string | undefined, issues: IssueList) {
  if (!text) return null;
  const keys = text.split(',').map((key) => key.trim()).filter(Boolean);
  for (const key of keys) {
    if (!isExportKey(key)) issues.add('columns', 'invalid_enum', { parameter: 'columns', value: quotedValue(key), allowed: exportKeys.join(', ') });
  }
  return keys.filter(isExportKey);
}

/** Reads the multipart upload: the `file` part and the optional `options` JSON part. */
async function readUpload(request: FastifyRequest) {
  if (!request.isMultipart()) throw new AppError('import_file_missing');
  let file: { fileName: string; bytes: Buffer } | null = null;
  let optionsText: string | null = null;
  const limit = IMPORT_LIMITS.fileBytes;
  try {
    for await (const part of request.parts({ limits: { fileSize: limit, files: 1 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') file = { fileName: part.filename || 'import', bytes };
      } else if (part.fieldname === 'options') {
        optionsText = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('payload_too_large', { megabytes: limit / 1024 / 1024 }, [], { limitBytes: limit });
    }
    throw error;
  }
  if (!file) throw new AppError('import_file_missing');
  return { ...file, options: parseOptions(optionsText) };
}

function parseOptions(text: string | null) {
  let raw: unknown = {};
  if (text !== null && text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch {
      throw invalid([{ path: 'options', code: 'invalid_type', params: { expected: 'JSON' } }]);
    }
  }
  const parsed = importOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalid(parsed.error.issues.map((issue) => ({
    path: ['options', ...issue.path.map(String)].join('.'),
    code: issue.code === 'unrecognized_keys' ? 'unknown_field' : 'invalid_value',
    params: { value: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.message, field: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '' },
  })));
}

function wantsStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/x-ndjson');
}

const STREAM_INTERVAL_MS = 500;

/** Streams progress lines while the import runs, then the import itself; a closed connection cancels it. */
function streamRun(request: FastifyRequest, reply: FastifyReply, id: string, finished: Promise<ImportRecord>) {
  const stream = new PassThrough();
  let done = false;
  const write = (value: unknown) => stream.write(`${JSON.stringify(value)}\n`);
  // A first line at once sends the headers, so the client sees the run start.
  write({ progress: liveProgress(id) ?? { done: 0, total: null } });
  const timer = setInterval(() => {
    const progress = liveProgress(id);
    if (progress) write({ progress });
  }, STREAM_INTERVAL_MS);
  // The response's close, not the request's: Node closes the request as
  // soon as its body has been read, long before the import ends.
  reply.raw.once('close', () => {
    if (!done) cancelJob(id);
  });
  finished
    .then((record) => write({ import: importJson(record, request.locale) }))
    .catch((error: unknown) => write({ error: problemOf(error, request.locale) }))
    .finally(() => {
      done = true;
      clearInterval(timer);
      stream.end();
    });
  return reply.type('application/x-ndjson').send(stream);
}

function problemOf(error: unknown, locale: Locale) {
  if (error instanceof AppError) {
    return { code: error.code, detail: translate(error.code, locale, error.params), errors: issueMessages(error.issues, locale) };
  }
  return { code: 'internal_error', detail: translate('internal_error', locale, {}) };
}
