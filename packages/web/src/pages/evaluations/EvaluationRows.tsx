import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Evaluation, EvaluationRow } from '@assay/schema';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { keys } from '../../ui/query/keys';
import { inputSummary, percent } from './evaluation-format';
import { RowDetail } from './RowDetail';

const PAGE_SIZE = 25;

interface Props {
  evaluation: Evaluation;
  /** Changes when more rows were scored: the shown page is read again. */
  reloadKey: string;
}

/** The rows in index order, page by page, each version's score and verdict; a click opens the row side by side. */
export function EvaluationRows({ evaluation, reloadKey }: Props) {
  const [failing, setFailing] = useState(false);
  // Page n starts after afters[n] (-1: from the first row).
  const [afters, setAfters] = useState<number[]>([-1]);
  const [pageIndex, setPageIndex] = useState(0);
  const [selected, setSelected] = useState<EvaluationRow | null>(null);
  const after = afters[pageIndex] ?? -1;
  // Keyed by the progress too: the page is read again as rows are scored, its rows staying on screen meanwhile.
  const page = useQuery({
    queryKey: keys.evaluations.rows(evaluation.id, { after, failing, reloadKey }),
    queryFn: () => api.evaluations.rows(evaluation.id, { after, limit: PAGE_SIZE, failing: failing || undefined }),
    placeholderData: keepPreviousData,
  });
  const rows = page.data?.data ?? [];
  // The open row as last read (it moves on while the evaluation runs).
  const open = selected ? (rows.find((row) => row.index === selected.index) ?? selected) : null;

  const filter = (on: boolean) => {
    setFailing(on);
    setAfters([-1]);
    setPageIndex(0);
  };
  const next = () => {
    const last = rows[rows.length - 1];
    if (!last) return;
    setAfters((current) => [...current.slice(0, pageIndex + 1), last.index]);
    setPageIndex(pageIndex + 1);
  };

  return (
    <section className="eval-rows">
      <div className="row">
        <h2>Rows</h2>
        <label className="inline">
          <input type="checkbox" name="failing-only" checked={failing} onChange={(e) => filter(e.target.checked)} /> Failing only
        </label>
        <span className="muted">{failing ? 'rows that did not pass on some version' : `${evaluation.rows} rows`}</span>
      </div>
      <ErrorNote error={page.error} />
      <div className="eval-table-wrap">
        <table className="table eval-rows-table" data-testid="evaluation-rows">
          <thead>
            <tr>
              <th>#</th>
              <th>Input</th>
              <th>Expected</th>
              {evaluation.versions.map((version) => (
                <th key={version.version}>v{version.version}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.index}
                className={`clickable ${open?.index === row.index ? 'selected' : ''}`}
                data-testid={`evaluation-row-${row.index}`}
                onClick={() => setSelected(row)}
              >
                <td>
                  <button className="link" onClick={() => setSelected(row)} aria-label={`Open row ${row.index}`}>
                    {row.index}
                  </button>
                </td>
                <td title={inputSummary(row.input, 2000)}>{inputSummary(row.input)}</td>
                <td title={inputSummary(row.expected, 2000)}>{inputSummary(row.expected, 40)}</td>
                {evaluation.versions.map((version) => {
                  const entry = row.versions.find((candidate) => candidate.version === version.version);
                  return (
                    <td
                      key={version.version}
                      data-version={version.version}
                      data-passed={entry?.passed === undefined || entry.passed === null ? '' : String(entry.passed)}
                    >
                      <Verdict entry={entry} />
                    </td>
                  );
                })}
              </tr>
            ))}
            {!page.isFetching && rows.length === 0 && (
              <tr>
                <td colSpan={3 + evaluation.versions.length} className="muted">
                  {failing ? 'No failing rows on this page.' : 'No rows on this page.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="row eval-pager">
        <button disabled={pageIndex === 0} onClick={() => setPageIndex(pageIndex - 1)}>
          Previous
        </button>
        <span className="muted">Page {pageIndex + 1}</span>
        <button disabled={!page.data?.hasMore} onClick={next}>
          Next
        </button>
        {page.isFetching && <span className="muted">Loading…</span>}
      </div>
      {open && <RowDetail evaluation={evaluation} row={open} onClose={() => setSelected(null)} />}
    </section>
  );
}

/** A version's result on a row: its score and pass or fail, or how far its run got. */
function Verdict({ entry }: { entry: EvaluationRow['versions'][number] | undefined }) {
  if (!entry) return <span className="muted">—</span>;
  if (entry.passed === null || entry.score === null)
    return <span className="muted">{entry.status === 'completed' ? 'scoring…' : entry.status}</span>;
  return (
    <span className={entry.passed ? 'eval-pass' : 'eval-fail'}>
      {entry.passed ? '✓' : '✗'} {percent(entry.score)}
    </span>
  );
}
