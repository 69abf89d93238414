/**
 * A background job that runs at start and then at a fixed interval, one run
 * at a time, and that a stopping server can wait for.
 */

export interface PeriodicJob {
  /** Stops starting new runs and resolves when the run in progress, if any, has ended. */
  stop(): Promise<void>;
}

/** Runs `tick` now and every `everyMs`; a tick due while the previous one still runs is skipped. `tick` must catch its own errors. */
export function runPeriodically(tick: () => Promise<void>, everyMs: number): PeriodicJob {
  let current: Promise<void> | null = null;
  let stopped = false;
  const start = () => {
    if (stopped || current) return;
    current = tick().finally(() => {
      current = null;
    });
  };
  start();
  const timer = setInterval(start, everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
