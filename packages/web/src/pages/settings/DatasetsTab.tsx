import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Dataset } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { timeAgo } from '../../ui/format';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { DatasetPreview } from './DatasetPreview';
import { DatasetUpload } from './DatasetUpload';
import { confirmed, useAction } from '../../ui/use-action';

/** Datasets: list, upload, preview, delete. Everyone reads them; editors and admins change them. */
export function DatasetsTab() {
  const { can } = useSession();
  const datasets = useQuery({ queryKey: keys.datasets.list({ limit: 500 }), queryFn: () => api.datasets.list({ limit: 500 }) });
  const action = useAction();
  const invalidate = useInvalidate();
  // The lists, and the previews of a dataset uploaded again under its name, change.
  const changed = () => invalidate(keys.datasets.all);
  const [previewId, setPreviewId] = useState<string | null>(null);
  const list = datasets.data?.data ?? [];
  const previewed = list.find((dataset) => dataset.id === previewId);

  const remove = (dataset: Dataset) => {
    if (!confirmed(`Delete the dataset "${dataset.name}" and its ${dataset.rowCount} rows? Lookup steps naming it will fail.`)) return;
    void action.run(async () => {
      await api.datasets.delete(dataset.id);
      if (previewId === dataset.id) setPreviewId(null);
      changed();
    });
  };

  return (
    <div>
      {can.edit ? (
        <DatasetUpload onUploaded={changed} />
      ) : (
        <p className="notice">Only editors and admins can upload or delete datasets; you can read them.</p>
      )}
      <ErrorNote error={action.error ?? datasets.error} />
      <table className="table" data-testid="dataset-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Rows</th>
            <th>Columns</th>
            <th>Key</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((dataset) => (
            <tr key={dataset.id} className={dataset.id === previewId ? 'selected' : ''}>
              <td>
                <code>{dataset.name}</code>
                {dataset.description && <div className="muted">{dataset.description}</div>}
              </td>
              <td>{dataset.rowCount}</td>
              <td>{Object.keys(dataset.columns).join(', ') || <span className="muted">—</span>}</td>
              <td>{dataset.keys.join(', ') || <span className="muted">none</span>}</td>
              <td title={dataset.updatedAt}>{timeAgo(dataset.updatedAt)}</td>
              <td className="actions">
                <button className="small" onClick={() => setPreviewId(dataset.id === previewId ? null : dataset.id)}>
                  {dataset.id === previewId ? 'Hide rows' : 'Preview'}
                </button>{' '}
                {can.edit && (
                  <button className="small danger" disabled={action.busy} onClick={() => remove(dataset)}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
          {!datasets.isFetching && list.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No datasets yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {previewed && <DatasetPreview dataset={previewed} onClose={() => setPreviewId(null)} />}
    </div>
  );
}
