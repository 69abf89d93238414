/**
 * The process that runs an import, as the import row records it, and the
 * test of whether a recorded process still runs. On Linux a process is
 * named by the machine's boot id, its PID namespace, its pid and its start
 * time, so a pid reused by a later process, or the same pid in another
 * container, is not taken for it. Elsewhere the host name and the pid name it.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { newId } from '../../shared/ids.ts';

export interface Runner {
  /** Random id drawn at each start of a process. */
  id: string;
  host: string;
  pid: number;
  /** Linux boot id: equal only for processes of one machine since its last boot. */
  boot: string | null;
  /** Linux PID namespace, within which the pid means one process. */
  pidNamespace: string | null;
  /** Linux start time of the process, in clock ticks since boot. */
  startTicks: string | null;
}

/**
 * The relation of a recorded runner to this process. It is this process, or
 * a process of this machine that runs or has stopped. A process in another
 * PID namespace cannot be checked. The last case is another machine or an
 * earlier boot.
 */
export type RunnerState = 'this process' | 'running' | 'stopped' | 'unchecked' | 'other machine';

export const STALE_SECONDS_VARIABLE = 'COMPTOIR_IMPORT_STALE_SECONDS';
/** Default time after which a runner's missing heartbeat marks its import interrupted. */
const DEFAULT_STALE_SECONDS = 60;
/** Heartbeats sent per stale period, so that a few late ones are not taken for a stopped process. */
const HEARTBEATS_PER_STALE_PERIOD = 6;

/**
 * Returns the milliseconds without a heartbeat after which a PostgreSQL
 * import counts as interrupted, from COMPTOIR_IMPORT_STALE_SECONDS. Every
 * instance on one database needs the same value. Throws on a value that is
 * not a number of seconds above zero.
 */
export function importStaleMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[STALE_SECONDS_VARIABLE];
  if (text === undefined || text === '') return DEFAULT_STALE_SECONDS * 1000;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${STALE_SECONDS_VARIABLE} must be a number of seconds above 0 (got "${text}")`);
  }
  return seconds * 1000;
}

/** Milliseconds between two heartbeats of a running import. */
export function heartbeatMs(env: NodeJS.ProcessEnv = process.env): number {
  return importStaleMs(env) / HEARTBEATS_PER_STALE_PERIOD;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

function readLink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

/**
 * Reads the state letter and the start time of a Linux process from
 * `/proc/PID/stat`, or returns null when the process does not exist. The
 * command name in brackets may hold spaces, so the fields are counted from
 * the last closing bracket: state is field 3 and start time field 22.
 */
function readProcessStat(pid: number | 'self'): { state: string; startTicks: string } | null {
  const text = readText(`/proc/${pid}/stat`);
  if (text === null) return null;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTicks = fields[19];
  if (state === undefined || startTicks === undefined) return null;
  return { state, startTicks };
}

const onLinux = process.platform === 'linux';

function describeThisProcess(): Runner {
  return {
    id: newId(),
    host: hostname(),
    pid: process.pid,
    boot: onLinux ? readText('/proc/sys/kernel/random/boot_id') : null,
    pidNamespace: onLinux ? readLink('/proc/self/ns/pid') : null,
    startTicks: onLinux ? (readProcessStat('self')?.startTicks ?? null) : null,
  };
}

/** This process, as the imports it runs record it. */
export const thisRunner: Runner = describeThisProcess();
/** `thisRunner` as stored in `imports.runner`; the stored text is compared whole. */
export const thisRunnerJson = JSON.stringify(thisRunner);

/** Parses `imports.runner`; null for rows written before it existed or unreadable. */
export function parseRunner(text: string | null): Runner | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Runner>;
    if (typeof value.id !== 'string' || typeof value.pid !== 'number') return null;
    return {
      id: value.id,
      host: String(value.host ?? ''),
      pid: value.pid,
      boot: value.boot ?? null,
      pidNamespace: value.pidNamespace ?? null,
      startTicks: value.startTicks ?? null,
    };
  } catch {
    return null;
  }
}

function sameMachine(runner: Runner): boolean {
  if (runner.boot !== null || thisRunner.boot !== null) return runner.boot === thisRunner.boot;
  return runner.host === thisRunner.host;
}

/** Tells whether the process `pid` of this PID namespace runs, and is the one that started at `startTicks`. */
function processRuns(pid: number, startTicks: string | null): boolean {
  // This pid with another runner id: the recorded process ended and this one took its pid.
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!onLinux || startTicks === null) return true;

  const stat = readProcessStat(pid);
  // A /proc mounted with hidepid hides other users' processes: this one exists, unchecked.
  if (stat === null) return true;
  // A zombie (Z) or dead (X) process has ended, even while its parent has not collected it.
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return stat.startTicks === startTicks;
}

export function runnerState(runner: Runner): RunnerState {
  if (runner.id === thisRunner.id) return 'this process';
  if (!sameMachine(runner)) return 'other machine';
  if (runner.pidNamespace !== thisRunner.pidNamespace) return 'unchecked';
  return processRuns(runner.pid, runner.startTicks) ? 'running' : 'stopped';
}
