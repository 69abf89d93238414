/**
 * Imports running in this process: their live progress and the controller
 * that cancels them. The database row has the same progress on PostgreSQL,
 * where other instances read it; this registry serves the process that runs
 * the import.
 */

export interface Progress {
  done: number;
  total: number | null;
}

interface RunningImport {
  controller: AbortController;
  progress: Progress;
}

const running = new Map<string, RunningImport>();

export function registerJob(importId: string, total: number | null): RunningImport {
  const job = { controller: new AbortController(), progress: { done: 0, total } };
  running.set(importId, job);
  return job;
}

export function finishJob(importId: string): void {
  running.delete(importId);
}

export function liveProgress(importId: string): Progress | null {
  return running.get(importId)?.progress ?? null;
}

/** Cancels the import if this process runs it; returns whether it did. */
export function cancelJob(importId: string): boolean {
  const job = running.get(importId);
  if (!job) return false;
  job.controller.abort();
  return true;
}

export function isRunningHere(importId: string): boolean {
  return running.has(importId);
}
