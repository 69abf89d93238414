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

export interface RunningImport {
  controller: AbortController;
  progress: Progress;
}

const running = new Map<string, RunningImport>();
/** Every import run of this process, from its start until its outcome is stored, responded to or not. */
const unsettled = new Set<Promise<unknown>>();

/**
 * Registers a run of this process. The caller registers it before it marks
 * the import running, and must not register an import that already runs here.
 */
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

/** Keeps `run` among the unsettled runs until it settles, so that a stopping server waits for it. Returns `run`. */
export function trackRun<T>(run: Promise<T>): Promise<T> {
  const settled: Promise<void> = run.then(
    () => undefined,
    () => undefined,
  ).finally(() => unsettled.delete(settled));
  unsettled.add(settled);
  return run;
}

/** Resolves when every run tracked so far, and every run they start meanwhile, has settled. */
export async function importsSettled(): Promise<void> {
  while (unsettled.size > 0) await Promise.all(unsettled);
}

export function runningImports(): number {
  return unsettled.size;
}

/** Cancels every import this process runs; each rolls back and stores its outcome. */
export function cancelAllJobs(): void {
  for (const job of running.values()) job.controller.abort();
}
