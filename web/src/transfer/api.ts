/**
 * Import and export calls. Previews and imports stream their progress as
 * NDJSON lines (`{"progress":…}`, then `{"import":…}` or `{"error":…}`), so
 * the wizard can show a progress bar; aborting the request cancels the run
 * on the server.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, apiUrl } from '../api/client.ts';
import { contactKeys } from '../contacts/api.ts';
import { documentKeys } from '../documents/api.ts';
import { currentLocale } from '../i18n/index.ts';
import { useMutation } from '../shared/mutation.ts';

/** The server's upload limit (25 MiB); the server enforces it, the wizard shows it and checks it first. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export type ImportStatus =
  | 'previewed'
  | 'running'
  | 'committed'
  | 'failed'
  | 'cancelled'
  | 'interrupted'
  | 'undone'
  | 'partly_undone'
  | 'error';
/** Kind of import: contacts, or sales (one row per sale line). */
export type ImportKind = 'contacts' | 'sales';
export const importKinds: ImportKind[] = ['contacts', 'sales'];
export type MappingSource = 'user' | 'saved' | 'header' | 'position' | 'values' | 'vcard';
export type UnmappedReason = 'unknown' | 'readOnly' | 'duplicate' | 'ignored' | 'empty' | 'unlabelled';
export type MatchKey = 'code' | 'email' | 'mobile' | 'taxNumber' | 'loyaltyCardNumber';
export const matchKeys: MatchKey[] = ['code', 'email', 'mobile', 'taxNumber', 'loyaltyCardNumber'];

export interface ImportColumn {
  index: number;
  /** The column's name in a mapping: its header, or `#N` without one. */
  key: string;
  header: string;
  field: string | null;
  source: MappingSource | null;
  reason: UnmappedReason | null;
  sample: string[];
}

export interface ImportIssue {
  /** Line number as a spreadsheet shows it (0 for a file-level problem). */
  line: number;
  column: string | null;
  field: string | null;
  value: string | null;
  code: string;
  message: string;
}

export interface ImportTotals {
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  skipped: number;
}

/** Why an undo keeps a contact: history since the import, an edit, or a deletion. */
export type KeepReason = 'transactions' | 'loyalty' | 'edited' | 'deleted';

export interface KeptContact {
  id: string;
  code: string | null;
  name: string | null;
  reason: KeepReason;
}

export interface UndoResult {
  deleted: number;
  restored: number;
  kept: number;
  /** The first of the kept contacts; `kept` counts them all. */
  keptContacts: KeptContact[];
}

export interface ImportProgress {
  done: number;
  total: number | null;
}

export interface ImportRecord {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  message: string;
  fileName: string;
  fileSize: number;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  headerLine: number | null;
  columns: ImportColumn[];
  totals: ImportTotals;
  progress: ImportProgress;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  issuesTruncated: boolean;
  createdAt: string;
  committedAt: string | null;
  undoneAt: string | null;
  undo: UndoResult | null;
}

export type ImportSummary = Pick<
  ImportRecord,
  'id' | 'kind' | 'status' | 'fileName' | 'format' | 'totals' | 'createdAt' | 'committedAt' | 'undoneAt'
> & {
  /** The last run was a preview: an interrupted one needs its file again instead of a restart. */
  preview: boolean;
};

export interface ImportSettings {
  kind: ImportKind;
  /** Contacts only, like `matchOn`. */
  mode: 'create' | 'upsert';
  matchOn: MatchKey[];
  onInvalid: 'abort' | 'skip';
}

export interface MappableField {
  field: string;
  label: string;
}

export const transferKeys = {
  fields: (lang: string, kind: ImportKind) => ['imports', 'fields', lang, kind] as const,
  history: ['imports', 'history'] as const,
};

export function useMappableFields(lang: string, kind: ImportKind = 'contacts') {
  return useQuery({
    queryKey: transferKeys.fields(lang, kind),
    queryFn: ({ signal }) => api.get<{ items: MappableField[] }>('/imports/fields', { lang, kind }, signal),
    staleTime: 60_000,
  });
}

export function useImportHistory() {
  return useQuery({
    queryKey: transferKeys.history,
    queryFn: ({ signal }) => api.get<{ items: ImportSummary[] }>('/imports', { limit: 20 }, signal),
  });
}

/**
 * Undoes a committed import, whole or, with `keepChanged`, all but the
 * contacts used or changed since. Then refreshes the history, the contact
 * lists and the sales it voided.
 */
export function useUndoImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, keepChanged = false }: { id: string; keepChanged?: boolean }) =>
      api.delete<ImportRecord>(keepChanged ? `/imports/${id}?keepChanged=true` : `/imports/${id}`),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: transferKeys.history }),
        client.invalidateQueries({ queryKey: contactKeys.all }),
        client.invalidateQueries({ queryKey: documentKeys.all }),
      ]),
  });
}

/** Returns the options a preview sends; a sales import has no contact matching to choose. */
export function previewOptions(settings: ImportSettings): Record<string, unknown> {
  if (settings.kind === 'sales') return { kind: 'sales', onInvalid: settings.onInvalid };
  return { ...settings };
}

/** Drops a preview that will not be imported, so the server frees its stored file. */
export function discardPreview(id: string): Promise<unknown> {
  return api.post(`/imports/${id}/cancel`);
}

interface StreamRequest {
  csrfToken: string;
  onProgress: (progress: ImportProgress) => void;
  signal: AbortSignal;
}

/** Sends the file for a preview (dryRun) with the mapping and the settings. */
export function previewImport(
  file: File,
  settings: ImportSettings & { mapping?: Record<string, string | null> },
  request: StreamRequest,
): Promise<ImportRecord> {
  const body = new FormData();
  const { mapping, ...chosen } = settings;
  body.append('options', JSON.stringify({ ...previewOptions(chosen), ...(mapping ? { mapping } : {}), dryRun: true }));
  body.append('file', file, file.name);
  return streamImport('/imports', body, request);
}

/**
 * Imports a previewed file, or starts an interrupted import again.
 * `onInvalid` may differ from the preview's; without it the import keeps the
 * preview's choice.
 */
export function commitImport(id: string, onInvalid: ImportSettings['onInvalid'] | undefined, request: StreamRequest): Promise<ImportRecord> {
  return streamImport(`/imports/${id}/commit`, JSON.stringify(onInvalid ? { onInvalid } : {}), request);
}

async function streamImport(path: string, body: FormData | string, request: StreamRequest): Promise<ImportRecord> {
  const headers: Record<string, string> = {
    Accept: 'application/x-ndjson',
    'Accept-Language': currentLocale(),
    'X-CSRF-Token': request.csrfToken,
  };
  if (typeof body === 'string') headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(apiUrl(path), { method: 'POST', headers, body, credentials: 'same-origin', signal: request.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'network_error' });
  }
  if (!response.ok || !response.body) throw new ApiError(response.status, await problemOf(response));
  return readLines(response.body, request.onProgress);
}

async function problemOf(response: Response): Promise<Record<string, unknown>> {
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return {};
  }
}

interface StreamLine {
  progress?: ImportProgress;
  import?: ImportRecord;
  error?: Record<string, unknown>;
}

async function readLines(body: ReadableStream<Uint8Array>, onProgress: StreamRequest['onProgress']): Promise<ImportRecord> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffered += decoder.decode(value, { stream: !done });
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as StreamLine;
      if (line.progress) onProgress(line.progress);
      if (line.import) return line.import;
      // The status line has gone out before the run failed: 422 stands for "the file was refused".
      if (line.error) throw new ApiError(422, line.error);
    }
    if (done) break;
  }
  throw new ApiError(0, { code: 'network_error' });
}
