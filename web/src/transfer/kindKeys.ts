/**
 * The wizard's wording for a sales import. Each contact-import key that a
 * sales import words differently maps to its sales key; the other keys
 * serve both kinds.
 */
import type { ImportKind } from './api.ts';

const salesKeys: Record<string, string> = {
  'transfer.import.title': 'transfer.import.sales.title',
  'transfer.import.description': 'transfer.import.sales.description',
  'transfer.import.upload.formats': 'transfer.import.sales.formats',
  'transfer.import.upload.templateHint': 'transfer.import.sales.templateHint',
  'transfer.import.options.onInvalid': 'transfer.import.sales.onInvalid',
  'transfer.import.options.skip': 'transfer.import.sales.skip',
  'transfer.import.mapping.nothingMapped': 'transfer.import.sales.nothingMapped',
  'transfer.import.preview.blocked': 'transfer.import.sales.blocked',
  'transfer.import.preview.skipInstead': 'transfer.import.sales.skipInstead',
  'transfer.import.preview.nothingToImport': 'transfer.import.sales.nothingToImport',
  'transfer.import.preview.totals.created': 'transfer.import.sales.toCreate',
  'transfer.import.preview.import': 'transfer.import.sales.import',
  'transfer.import.result.created': 'transfer.import.sales.created',
  'transfer.import.undo.confirm': 'transfer.import.sales.undoConfirm',
  'transfer.import.undo.blockedHint': 'transfer.import.sales.undoBlockedHint',
  'transfer.import.history.counts': 'transfer.import.sales.counts',
};

/** Returns the translation key of `key` for an import of `kind`. */
export function kindKey(kind: ImportKind, key: string): string {
  return kind === 'sales' ? (salesKeys[key] ?? key) : key;
}
