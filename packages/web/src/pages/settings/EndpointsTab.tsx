import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { EventEndpoint } from '@assay/schema';
import { Link } from 'wouter';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { EnabledPill } from '../../ui/EnabledPill';
import { EndpointDeliveries } from './EndpointDeliveries';
import { EndpointForm } from './EndpointForm';
import { SecretOnce } from '../../ui/SecretOnce';
import { confirmed, useAction } from '../../ui/use-action';
import { useWorkflows } from '../../ui/use-workflows';

/** Event endpoints: list, create (secret shown once), enable/disable, rotate, delete, delivery logs. */
export function EndpointsTab() {
  const { can } = useSession();
  const endpoints = useQuery({ queryKey: keys.endpoints.list({ limit: 500 }), queryFn: () => api.eventEndpoints.list({ limit: 500 }) });
  const invalidate = useInvalidate();
  const changed = () => invalidate(keys.endpoints.all);
  const workflows = useWorkflows();
  const action = useAction();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [logId, setLogId] = useState<string | null>(null);
  const list = endpoints.data?.data ?? [];
  const logged = list.find((endpoint) => endpoint.id === logId);

  const change = (work: () => Promise<unknown>) =>
    void action.run(async () => {
      await work();
      changed();
    });
  const setEnabled = (endpoint: EventEndpoint, enabled: boolean) => change(() => api.eventEndpoints.update(endpoint.id, { enabled }));
  const rotate = (endpoint: EventEndpoint) => {
    if (
      !confirmed(
        `Issue a new signing secret for ${endpoint.url}? Deliveries are signed with the new secret at once; the receiver must be updated.`,
      )
    )
      return;
    change(async () => {
      const rotated = await api.eventEndpoints.rotateSecret(endpoint.id);
      setSecret({ url: rotated.url, secret: rotated.secret });
    });
  };
  const remove = (endpoint: EventEndpoint) => {
    if (!confirmed(`Delete the endpoint ${endpoint.url} and its delivery log?`)) return;
    change(async () => {
      await api.eventEndpoints.delete(endpoint.id);
      if (logId === endpoint.id) setLogId(null);
    });
  };

  return (
    <div>
      {can.admin ? (
        <EndpointForm
          workflows={workflows.workflows}
          onCreated={(created) => {
            setSecret({ url: created.url, secret: created.secret });
            changed();
          }}
        />
      ) : (
        <p className="notice">Only admins can create or change event endpoints; you can read them and their deliveries.</p>
      )}
      {secret && <SecretOnce title={`Signing secret of ${secret.url}`} secret={secret.secret} onDismiss={() => setSecret(null)} />}
      <ErrorNote error={action.error ?? endpoints.error} />
      <table className="table" data-testid="endpoint-list">
        <thead>
          <tr>
            <th>URL</th>
            <th>Events</th>
            <th>Workflow</th>
            <th>Enabled</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((endpoint) => (
            <tr key={endpoint.id} className={endpoint.id === logId ? 'selected' : ''}>
              <td>
                <code>{endpoint.url}</code>
                {endpoint.description && <div className="muted">{endpoint.description}</div>}
              </td>
              <td>{endpoint.events.join(', ')}</td>
              <td>
                {endpoint.workflowId ? (
                  <Link href={`/workflows/${endpoint.workflowId}`}>{workflows.names.get(endpoint.workflowId) ?? endpoint.workflowId}</Link>
                ) : (
                  <span className="muted">every workflow</span>
                )}
              </td>
              <td>
                <EnabledPill enabled={endpoint.enabled} title={endpoint.disabledReason ?? undefined} />
                {endpoint.disabledReason && <div className="muted">{endpoint.disabledReason}</div>}
                {endpoint.consecutiveFailures > 0 && <div className="muted">{endpoint.consecutiveFailures} failed attempts in a row</div>}
              </td>
              <td className="actions">
                <button className="small" onClick={() => setLogId(endpoint.id === logId ? null : endpoint.id)}>
                  {endpoint.id === logId ? 'Hide deliveries' : 'Deliveries'}
                </button>{' '}
                {can.admin && (
                  <>
                    <button className="small" disabled={action.busy} onClick={() => setEnabled(endpoint, !endpoint.enabled)}>
                      {endpoint.enabled ? 'Disable' : 'Enable'}
                    </button>{' '}
                    <button className="small" disabled={action.busy} onClick={() => rotate(endpoint)}>
                      Rotate secret
                    </button>{' '}
                    <button className="small danger" disabled={action.busy} onClick={() => remove(endpoint)}>
                      Delete
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
          {!endpoints.isFetching && list.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No event endpoints yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {logged && <EndpointDeliveries endpoint={logged} canRedeliver={can.admin} onClose={() => setLogId(null)} />}
    </div>
  );
}
