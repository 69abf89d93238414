/**
 * Whether the signed-in session has ended on the server (it expired, or the
 * user signed out in another tab) while this page still shows its screens.
 * The page stays as it is, so a form keeps what was typed, and a sign-in
 * dialog opens over it.
 */
import { useSyncExternalStore } from 'react';

let ended = false;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function markSessionEnded(): void {
  if (ended) return;
  ended = true;
  emit();
}

export function clearSessionEnded(): void {
  if (!ended) return;
  ended = false;
  emit();
}

export function useSessionEnded(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => ended,
  );
}
