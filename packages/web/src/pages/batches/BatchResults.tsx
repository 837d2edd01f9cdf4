import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { StatusBadge } from '../../ui/StatusBadge';
import { duration } from '../../ui/format';
import { keys } from '../../ui/query/keys';
import { shortId, shortTime } from '../../ui/run-time';
import { cellText, durationOf, flattenOutput, outputColumns, sortRows, type Direction, type SortKey } from './results-table';

const PAGE_SIZE = 50;

interface Props {
  batchId: string;
  /** Changes when more runs finished: the shown page is read again. */
  version: number;
}

/** The batch's runs in input order, page by page; a click on a column header sorts the page by it. */
export function BatchResults({ batchId, version }: Props) {
  // Cursors of the pages seen so far: page n starts after cursors[n] (undefined: the first page).
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const [sort, setSort] = useState<{ key: SortKey | null; direction: Direction }>({ key: null, direction: 'asc' });
  const cursor = cursors[pageIndex];
  // Keyed by how many runs finished too: the page is read again as they finish, the rows on
  // screen staying until the new ones arrive.
  const page = useQuery({
    queryKey: keys.batches.runs(batchId, { cursor, version }),
    queryFn: () => api.batches.runs(batchId, { limit: PAGE_SIZE, direction: 'asc', gt: cursor }),
    placeholderData: keepPreviousData,
  });

  const rows = useMemo(() => page.data?.data ?? [], [page.data]);
  const columns = useMemo(() => outputColumns(rows), [rows]);
  const sorted = useMemo(() => sortRows(rows, sort.key, sort.direction), [rows, sort]);

  const sortBy = (key: SortKey) =>
    setSort((current) =>
      current.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' },
    );
  const header = (key: SortKey, label: string) => (
    <th
      key={key}
      className={`sortable ${sort.key === key ? 'sorted' : ''}`}
      data-arrow={sort.direction === 'asc' ? '▲' : '▼'}
      aria-sort={sort.key === key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      onClick={() => sortBy(key)}
    >
      {label}
    </th>
  );
  const next = () => {
    const nextCursor = page.data?.nextCursor;
    if (!nextCursor) return;
    setCursors((current) => [...current.slice(0, pageIndex + 1), nextCursor]);
    setPageIndex(pageIndex + 1);
  };

  return (
    <section className="batch-results">
      <ErrorNote error={page.error} />
      <div className="batch-table-wrap">
        <table className="table" data-testid="batch-results">
          <thead>
            <tr>
              <th>Run</th>
              {header('status', 'Status')}
              {header('createdAt', 'Created')}
              {header('duration', 'Duration')}
              {columns.map((column) => header(`output:${column}`, column))}
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => {
              const cells = flattenOutput(row.output);
              return (
                <tr key={row.id}>
                  <td>
                    <Link href={`/runs/${row.id}`}>
                      <code>{shortId(row.id)}</code>
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={row.status} />
                  </td>
                  <td title={row.createdAt}>{shortTime(row.createdAt)}</td>
                  <td>{duration(durationOf(row))}</td>
                  {columns.map((column) => {
                    const text = cellText(cells[column]);
                    return (
                      <td key={column} title={text}>
                        {text}
                      </td>
                    );
                  })}
                  <td className="muted" title={row.error?.message ?? ''}>
                    {row.error?.message ?? ''}
                  </td>
                </tr>
              );
            })}
            {!page.isFetching && rows.length === 0 && (
              <tr>
                <td colSpan={5 + columns.length} className="muted">
                  No runs on this page.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="row batch-pager">
        <button disabled={pageIndex === 0} onClick={() => setPageIndex(pageIndex - 1)}>
          Previous
        </button>
        <span className="muted">
          Page {pageIndex + 1}
          {sort.key ? ' · sorted within the page' : ' · in input order'}
        </span>
        <button disabled={!page.data?.hasMore} onClick={next}>
          Next
        </button>
        {page.isFetching && <span className="muted">Loading…</span>}
      </div>
    </section>
  );
}
