import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@assay/sdk';

/**
 * A newest-first list read with the API's `lt` cursor: the first page loads whenever `deps` change,
 * `older()` appends the next page. An answer for filters that changed meanwhile is dropped.
 */
export function useCursorPages<T>(load: (lt: string | undefined) => Promise<Page<T>>, deps: readonly unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const fetchPage = useCallback((lt: string | undefined) => {
    const mine = lt === undefined ? ++generation.current : generation.current;
    setLoading(true);
    setError(null);
    load(lt).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((previous) => (lt === undefined ? page.data : [...previous, ...page.data]));
        setCursor(page.hasMore ? page.nextCursor : null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(failure);
        setLoading(false);
      },
    );
    // The caller names what the load depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => fetchPage(undefined), [fetchPage]);
  return {
    items,
    loading,
    error,
    hasOlder: cursor !== null,
    older: () => {
      if (cursor) fetchPage(cursor);
    },
    reload: () => fetchPage(undefined),
  };
}
