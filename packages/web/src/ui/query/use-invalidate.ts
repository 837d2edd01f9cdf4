import { useCallback } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';

/**
 * Marks the queries under each prefix stale and refetches the ones on screen (after a change the
 * page made). Not awaited: the action's button frees up as soon as the change itself succeeded.
 */
export function useInvalidate(): (...prefixes: QueryKey[]) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (...prefixes: QueryKey[]) => {
      for (const queryKey of prefixes) void queryClient.invalidateQueries({ queryKey });
    },
    [queryClient],
  );
}
