import type { Dataset } from '@assay/schema';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { keys } from '../../ui/query/keys';

const PREVIEW_ROWS = 50;

/** The first rows of a dataset, in upload order, under its declared columns. */
export function DatasetPreview({ dataset, onClose }: { dataset: Dataset; onClose(): void }) {
  const rows = useQuery({
    queryKey: keys.datasets.rows(dataset.id, PREVIEW_ROWS),
    queryFn: () => api.datasets.rows(dataset.id, { limit: PREVIEW_ROWS }),
  });
  // Declared columns first; a column only some rows carry still gets shown.
  const columns = [...new Set([...Object.keys(dataset.columns), ...(rows.data ?? []).flatMap((row) => Object.keys(row))])];
  return (
    <div className="card" data-testid="dataset-preview">
      <div className="section-head">
        <h2>
          {dataset.name}{' '}
          <span className="muted">
            — first {Math.min(PREVIEW_ROWS, dataset.rowCount)} of {dataset.rowCount} rows
          </span>
        </h2>
        <button className="small" onClick={onClose}>
          Close preview
        </button>
      </div>
      <ErrorNote error={rows.error} />
      {rows.isPending && <p className="muted">Loading rows…</p>}
      <div className="settings-table-wrap">
        <table className="table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} title={dataset.columns[column]}>
                  {column}
                  {dataset.keys.includes(column) && <span className="muted"> (key)</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(rows.data ?? []).map((row, index) => (
              <tr key={index}>
                {columns.map((column) => (
                  <td key={column}>{cell(row[column])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
