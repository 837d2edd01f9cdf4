import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import type { Workflow, WorkflowDefinitionInput } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { StatusBadge } from '../../ui/StatusBadge';
import { timeAgo } from '../../ui/format';
import { useAction } from '../../ui/use-action';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { downloadDefinition, parseDefinition } from '../../ui/definition-files';
import { ExportMenu } from '../../ui/ExportMenu';

type ListedWorkflow = Workflow & { stats?: { runCount: number; lastRun: { id: string; status: string; createdAt: string } | null } };

/** The workspace's workflows: search, last run, run counts; create, import, export, duplicate, archive. */
export function WorkflowsPage() {
  const { can } = useSession();
  const [, navigate] = useLocation();
  const [search, setSearch] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const importInput = useRef<HTMLInputElement>(null);
  const filters = { search: search.trim() || undefined, archived: showArchived, limit: 200 };
  // Read again each time the page opens (the cached list shows meanwhile): the editor changes
  // workflows outside the cache. Runs move the last-run column through the live events.
  const list = useQuery({ queryKey: keys.workflows.list(filters), queryFn: () => api.workflows.list(filters), refetchOnMount: 'always' });
  const invalidate = useInvalidate();

  const action = useAction();
  const act = action.run;

  const [newName, setNewName] = useState<string | null>(null);
  const create = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/workflows/new?name=${encodeURIComponent(newName?.trim() || 'Untitled workflow')}`);
  };

  const importFile = (file: File) =>
    act(async () => {
      const definition = parseDefinition(await file.text());
      const workflow = await api.workflows.create(definition);
      navigate(`/workflows/${workflow.id}`);
    });

  const duplicate = (workflow: Workflow) =>
    act(async () => {
      const copy: WorkflowDefinitionInput = { ...workflow.definition, name: `${workflow.name} (copy)` };
      await api.workflows.create(copy);
      invalidate(keys.workflows.all);
    });

  const archive = (workflow: Workflow) =>
    act(async () => {
      if (!window.confirm(`Archive "${workflow.name}"? It will take no new runs; its runs stay readable.`)) return;
      await api.workflows.archive(workflow.id);
      invalidate(keys.workflows.all);
    });

  const workflows = (list.data?.data ?? []) as ListedWorkflow[];
  return (
    <div>
      <PageHeader title="Workflows">
        <input
          type="search"
          placeholder="Search by name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 220 }}
          aria-label="Search workflows"
        />
        <label className="inline">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Archived
        </label>
        {can.edit && (
          <>
            <button onClick={() => importInput.current?.click()}>Import JSON/YAML</button>
            <input
              ref={importInput}
              type="file"
              accept=".json,.yaml,.yml,application/json,application/yaml"
              hidden
              data-testid="import-file"
              onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
            />
            <Link className="button" href="/templates">
              New from template
            </Link>
            <button className="primary" onClick={() => setNewName('')}>
              New workflow
            </button>
          </>
        )}
      </PageHeader>
      {newName !== null && (
        <form className="card row" onSubmit={(e) => void create(e)} aria-label="New workflow">
          <input
            autoFocus
            placeholder="Name of the new workflow"
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            style={{ maxWidth: 360 }}
            name="workflow-name"
          />
          <button className="primary" type="submit">
            Open editor
          </button>
          <button type="button" onClick={() => setNewName(null)}>
            Cancel
          </button>
        </form>
      )}
      <ErrorNote error={action.error ?? list.error} />
      <table className="table" data-testid="workflow-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Version</th>
            <th>Last run</th>
            <th>Runs</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {workflows.map((workflow) => (
            <tr key={workflow.id}>
              <td>
                <Link href={`/workflows/${workflow.id}`}>{workflow.name}</Link>
                {workflow.archivedAt && <span className="muted"> (archived)</span>}
                {workflow.description && <div className="muted">{workflow.description}</div>}
              </td>
              <td>v{workflow.version}</td>
              <td>
                {workflow.stats?.lastRun ? (
                  <Link href={`/runs/${workflow.stats.lastRun.id}`}>
                    <StatusBadge status={workflow.stats.lastRun.status} /> {timeAgo(workflow.stats.lastRun.createdAt)}
                  </Link>
                ) : (
                  <span className="muted">never</span>
                )}
              </td>
              <td>
                <Link href={`/runs?workflowId=${workflow.id}`}>{workflow.stats?.runCount ?? 0}</Link>
              </td>
              <td>{timeAgo(workflow.updatedAt)}</td>
              <td>
                <div className="row">
                  {can.run && !workflow.archivedAt && (
                    <Link className="button small" href={`/workflows/${workflow.id}/run`}>
                      Run
                    </Link>
                  )}
                  <ExportMenu onPick={(format) => downloadDefinition(workflow.definition, format)} />
                  {can.edit && (
                    <button className="small" onClick={() => void duplicate(workflow)}>
                      Duplicate
                    </button>
                  )}
                  {can.edit && !workflow.archivedAt && (
                    <button className="small danger" onClick={() => void archive(workflow)}>
                      Archive
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
          {!list.isFetching && workflows.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {search ? 'No workflow matches.' : 'No workflows yet.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
