/**
 * TanStack Query's `useMutation`, guarded against sending one change twice.
 * `isPending`, and the disabled button that follows it, take effect only
 * after the query client notifies its observers (with setTimeout by default)
 * and React renders again. Until then a second click, or Enter pressed
 * again, would start the same request a second time.
 */
import {
  type DefaultError,
  type UseMutateAsyncFunction,
  type UseMutationOptions,
  type UseMutationResult,
  useMutation as useQueryMutation,
} from '@tanstack/react-query';
import { useCallback, useRef } from 'react';

/**
 * Same as TanStack's `useMutation`, except that a call made with the same
 * variables while an earlier one is still running sends nothing. Then
 * `mutate` returns at once and `mutateAsync` returns a promise that never
 * settles, so the caller's follow-up (a notification, a navigation) runs
 * once, for the first call. Calls with other variables (another row's button) still run.
 */
export function useMutation<TData = unknown, TError = DefaultError, TVariables = void, TOnMutateResult = unknown>(
  options: UseMutationOptions<TData, TError, TVariables, TOnMutateResult>,
): UseMutationResult<TData, TError, TVariables, TOnMutateResult> {
  const mutation = useQueryMutation(options);
  const running = useRef(new Set<string>());
  const startMutation = mutation.mutateAsync;

  type Arguments = Parameters<UseMutateAsyncFunction<TData, TError, TVariables, TOnMutateResult>>;

  const mutateAsync = useCallback(
    async (...args: Arguments): Promise<TData> => {
      const key = variablesKey(args[0]);
      if (running.current.has(key)) return new Promise<TData>(() => {});
      running.current.add(key);
      try {
        return await startMutation(...args);
      } finally {
        running.current.delete(key);
      }
    },
    [startMutation],
  );

  const mutate = useCallback(
    (...args: Arguments) => {
      // The mutation's own callbacks and the MutationCache report the error, as TanStack's `mutate` does.
      mutateAsync(...args).catch(() => {});
    },
    [mutateAsync],
  );

  return { ...mutation, mutate, mutateAsync };
}

/**
 * Returns a key equal for the same variables. A `File` serialises as `{}`,
 * so two uploads of different files count as the same call while the first
 * one runs.
 */
function variablesKey(variables: unknown): string {
  if (variables === undefined) return '';
  try {
    return JSON.stringify(variables);
  } catch {
    // Circular or BigInt values: one call at a time.
    return '?';
  }
}
