/**
 * The append-only audit log: who changed what, from what to what, and when.
 * Writers call `recordAudit` inside the transaction of the change itself.
 */
import { insertRows } from '../db/batches.ts';
import type { Executor } from '../db/database.ts';
import { newId, nowIso } from '../shared/ids.ts';

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface AuditEntry {
  businessId: string;
  userId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  /** Field changes for updates, or a small detail object for other actions. */
  changes: FieldChange[] | Record<string, unknown>;
}

export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await recordAudits(db, [entry]);
}

/** Records many entries with as few INSERTs as the engine's parameter limit allows. */
export async function recordAudits(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  const createdAt = nowIso();
  await insertRows(
    db,
    'audit_log',
    entries.map((entry) => ({
      id: newId(),
      business_id: entry.businessId,
      user_id: entry.userId,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      changes: JSON.stringify(entry.changes),
      created_at: createdAt,
    })),
  );
}

/** Lists the fields whose values differ between two plain objects. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  }
  return changes;
}
