import type { EventEndpoint } from '@assay/schema';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { StatusBadge } from '../../ui/StatusBadge';
import { timeAgo } from '../../ui/format';
import { keys } from '../../ui/query/keys';
import { useAction } from '../../ui/use-action';

/** One endpoint's delivery log, newest first, with a Redeliver button per delivery. */
export function EndpointDeliveries({
  endpoint,
  canRedeliver,
  onClose,
}: {
  endpoint: EventEndpoint;
  canRedeliver: boolean;
  onClose(): void;
}) {
  const deliveries = useQuery({
    queryKey: keys.endpoints.deliveries(endpoint.id, { limit: 100 }),
    queryFn: () => api.eventEndpoints.deliveries(endpoint.id, { limit: 100 }),
  });
  const action = useAction();

  const redeliver = (deliveryId: string) =>
    void action.run(async () => {
      await api.eventEndpoints.redeliver(endpoint.id, deliveryId);
      void deliveries.refetch();
    });

  return (
    <div className="card" data-testid="delivery-log">
      <div className="section-head">
        <h2>
          Deliveries to <code>{endpoint.url}</code>
        </h2>
        <div className="row">
          <button className="small" onClick={() => void deliveries.refetch()} disabled={deliveries.isFetching}>
            Refresh
          </button>
          <button className="small" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      {!endpoint.enabled && (
        <p className="notice">
          This endpoint is disabled{endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ''}: enable it to redeliver.
        </p>
      )}
      <ErrorNote error={action.error ?? deliveries.error} />
      <table className="table">
        <thead>
          <tr>
            <th>Event</th>
            <th>Status</th>
            <th>Attempts</th>
            <th>Response</th>
            <th>Time</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(deliveries.data?.data ?? []).map((delivery) => (
            <tr key={delivery.id}>
              <td>
                <code>{delivery.eventType}</code>
                {delivery.runId && (
                  <div>
                    <Link href={`/runs/${delivery.runId}`}>run {delivery.runId.slice(-6)}</Link>
                  </div>
                )}
              </td>
              <td>
                <StatusBadge status={delivery.status} />
              </td>
              <td>{delivery.attemptCount}</td>
              <td title={delivery.lastError ?? undefined}>
                {delivery.lastStatusCode ?? <span className="muted">—</span>}
                {delivery.lastError && <div className="muted">{delivery.lastError}</div>}
              </td>
              <td title={delivery.createdAt}>
                {timeAgo(delivery.deliveredAt ?? delivery.createdAt)}
                {delivery.status === 'pending' && delivery.nextAttemptAt && (
                  <div className="muted">next try {new Date(delivery.nextAttemptAt).toLocaleTimeString()}</div>
                )}
              </td>
              <td className="actions">
                {canRedeliver && (
                  <button className="small" disabled={action.busy || !endpoint.enabled} onClick={() => redeliver(delivery.id)}>
                    Redeliver
                  </button>
                )}
              </td>
            </tr>
          ))}
          {!deliveries.isFetching && deliveries.data?.data.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                Nothing delivered yet: deliveries appear when a subscribed event happens.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
