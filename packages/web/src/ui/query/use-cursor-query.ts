import { useMemo } from 'react';
import { keepPreviousData, useInfiniteQuery, useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import type { Page } from '@assay/sdk';

type Pages<T> = InfiniteData<Page<T>, string | undefined>;

interface Options<T> {
  /** While only the first page is open: how often to read it again given its items (false: not). */
  refetchInterval?: (items: T[]) => number | false;
}

/**
 * A newest-first list read with the API's `lt` cursor: the first page under `queryKey`, `older()`
 * appends the next one. Changing the key (the filters) keeps the rows on screen until the new
 * ones arrive; Refresh reads the first page again and closes the older ones.
 */
export function useCursorQuery<T>(queryKey: QueryKey, load: (lt: string | undefined) => Promise<Page<T>>, options: Options<T> = {}) {
  const queryClient = useQueryClient();
  const { refetchInterval } = options;
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => load(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<T>) => (last.hasMore && last.nextCursor ? last.nextCursor : undefined),
    placeholderData: keepPreviousData,
    refetchInterval: refetchInterval
      ? (current) => {
          const pages = current.state.data?.pages;
          return pages?.length === 1 && pages[0] ? refetchInterval(pages[0].data) : false;
        }
      : undefined,
  });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.data) ?? [], [query.data]);
  return {
    items,
    loading: query.isFetching,
    error: query.error,
    hasOlder: query.hasNextPage,
    older: () => void query.fetchNextPage(),
    reload: () => {
      // Refetching every open page would keep them; the Refresh button means "show me the newest".
      queryClient.setQueryData<Pages<T>>(
        queryKey,
        (data) => data && { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) },
      );
      void query.refetch();
    },
  };
}
