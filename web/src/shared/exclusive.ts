/**
 * A guard against sending one change twice. A mutation's `isPending`, and
 * the disabled button that follows it, take effect only after the query
 * client notifies its observers (with setTimeout by default) and React
 * renders again, so both clicks of a double click can start the request.
 */
import { useCallback, useRef } from 'react';

/** Returns a runner that starts `action` unless the previous action it started has not settled yet. */
export function useExclusive(): (action: () => Promise<void>) => Promise<void> {
  const running = useRef(false);
  return useCallback(async (action) => {
    if (running.current) return;
    running.current = true;
    try {
      await action();
    } finally {
      running.current = false;
    }
  }, []);
}
