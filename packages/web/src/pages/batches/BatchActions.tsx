import { useState } from 'react';
import { batchFinished } from '@assay/sdk';
import type { Batch } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';

/** Export the results (a same-origin download the session cookie authenticates), retry the failed runs, cancel. */
export function BatchActions({ batch, onChanged }: { batch: Batch; onChanged(batch: Batch): void }) {
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = async (work: () => Promise<Batch>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await work());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const results = `/v1/batches/${encodeURIComponent(batch.id)}/results`;
  return (
    <>
      <a className="button" href={`${results}?format=csv`} download={`batch-${batch.id}.csv`} data-testid="batch-export">
        Export CSV
      </a>
      <a className="button" href={`${results}?format=jsonl`} download={`batch-${batch.id}.jsonl`}>
        Export JSONL
      </a>
      {/* The server queues failed and cancelled runs again, in a cancelled batch too. */}
      {can.run && batch.counts.failed + batch.counts.cancelled > 0 && (
        <button disabled={busy} onClick={() => void act(() => api.batches.retryFailed(batch.id))}>
          Retry failed
        </button>
      )}
      {can.run && batch.status === 'running' && !batchFinished(batch) && (
        <button className="danger" disabled={busy} onClick={() => void act(() => api.batches.cancel(batch.id))}>
          Cancel
        </button>
      )}
      {error !== null && <ErrorNote error={error} />}
    </>
  );
}
