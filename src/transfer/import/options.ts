/**
 * The options of an import, as the API's `options` field and the command
 * line give them. Every option has a default, so `{}` imports a file with
 * its detected separator, encoding, header and mapping.
 */
import { z } from 'zod';
import { DELIMITERS } from '../formats/csv.ts';
import { type ImportField, importFields, isImportField } from '../mapping/fields.ts';
import { isSaleImportField, saleImportFields } from './sales/fields.ts';

/** Kinds of import: contacts (with their opening balances), or sales with their lines. */
export const importKinds = ['contacts', 'sales'] as const;
export type ImportKind = (typeof importKinds)[number];

export const matchKeys = ['code', 'email', 'mobile', 'taxNumber', 'loyaltyCardNumber'] as const;
export type MatchKey = (typeof matchKeys)[number];

export const importOptionsSchema = z
  .object({
    kind: z.enum(importKinds).default('contacts'),
    /** Contacts only: `create` skips rows that match an existing contact; `upsert` updates it. */
    mode: z.enum(['create', 'upsert']).default('create'),
    /** Contacts only: keys that identify an existing contact (and duplicate rows in the file). */
    matchOn: z.array(z.enum(matchKeys)).max(matchKeys.length).default([...matchKeys]),
    /** `abort` imports nothing unless every row is valid; `skip` imports the valid rows. */
    onInvalid: z.enum(['abort', 'skip']).default('abort'),
    /** Preview only: validate every row and roll back. */
    dryRun: z.boolean().default(false),
    /** Column key (header, or `#N` by position) → a field of the import's kind, or null to leave the column out. */
    mapping: z.record(z.string().max(200), z.string().max(40).nullable()).optional(),
    /** Keep the given mapping for the business's next files (on by default when a mapping is given). */
    saveMapping: z.boolean().optional(),
    delimiter: z.enum(DELIMITERS).optional(),
    encoding: z.string().max(40).optional(),
    /** 1-based line of the header row, 0 for a file without one; detected when absent. */
    headerLine: z.number().int().min(0).max(100).optional(),
    /** Order of day and month in slashed dates; day first by default. */
    dateOrder: z.enum(['dmy', 'mdy']).optional(),
    /** Decimal comma (`fr`) or point (`en`) in amounts written as text; the user's language by default. */
    numberLocale: z.enum(['fr', 'en']).optional(),
  })
  .strict()
  .superRefine((options, context) => {
    const known = options.kind === 'sales' ? isSaleImportField : isImportField;
    const allowed = options.kind === 'sales' ? saleImportFields : importFields;
    for (const [column, field] of Object.entries(options.mapping ?? {})) {
      if (field === null || known(field)) continue;
      context.addIssue({
        code: 'custom',
        path: ['mapping', column],
        message: `"${field}" is not a field of a ${options.kind} import: use one of ${allowed.join(', ')} or null`,
      });
    }
  });

export type ImportOptions = z.output<typeof importOptionsSchema>;

/** Returns the kind of a stored import; imports saved before sales could be imported have none and are contacts. */
export function importKindOf(options: Pick<ImportOptions, 'kind'>): ImportKind {
  return options.kind ?? 'contacts';
}

/** Returns the mapping of a contact import, whose fields the options schema has checked. */
export function contactMapping(options: ImportOptions): Record<string, ImportField | null> | undefined {
  return options.mapping as Record<string, ImportField | null> | undefined;
}
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

/** Options a commit may change after the preview without changing which rows are valid. */
export const commitBodySchema = z
  .object({
    onInvalid: z.enum(['abort', 'skip']).optional(),
    /** false: respond 202 at once and import in the background (follow it with GET). */
    wait: z.boolean().default(true),
  })
  .strict();
