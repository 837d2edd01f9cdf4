import { useState } from 'react';
import { diffLines } from 'diff';
import { stringify } from 'yaml';
import type { WorkflowDefinitionInput, WorkflowVersion } from '@assay/schema';
import { api } from '../api';
import { ErrorNote } from '../ui/ErrorNote';
import { useAction } from '../ui/use-action';
import { timeAgo } from '../ui/format';
import { useQuery } from '@tanstack/react-query';
import { keys } from '../ui/query/keys';

/** Positions change on every drag; a readable diff leaves them out. */
function readable(definition: WorkflowDefinitionInput): string {
  return stringify({ ...definition, steps: definition.steps.map(({ position: _position, ...step }) => step) });
}

/** Version history: pick a version to see what changed against the current one, and restore it. */
export function VersionsPanel({
  workflowId,
  current,
  currentVersion,
  canRestore,
  onRestored,
}: {
  workflowId: string;
  current: WorkflowDefinitionInput;
  currentVersion: number;
  canRestore: boolean;
  onRestored(): void;
}) {
  const versions = useQuery({
    // The current version is part of the key: a save or a restore makes a new list.
    queryKey: [...keys.workflows.versions(workflowId), currentVersion],
    queryFn: () => api.workflows.versions(workflowId, { limit: 100 }),
  });
  const [picked, setPicked] = useState<WorkflowVersion | null>(null);
  const action = useAction();

  const restore = (version: number) =>
    action.run(async () => {
      await api.workflows.restore(workflowId, version);
      setPicked(null);
      onRestored();
    });

  return (
    <div data-testid="versions-panel">
      <h2>Versions</h2>
      <ErrorNote error={action.error ?? versions.error} />
      <table className="table">
        <tbody>
          {(versions.data?.data ?? []).map((version) => (
            <tr key={version.version} className="clickable" onClick={() => setPicked(version)} data-version={version.version}>
              <td>
                v{version.version}
                {version.version === currentVersion ? ' (current)' : ''}
              </td>
              <td className="muted">{timeAgo(version.createdAt)}</td>
              <td className="muted">{version.createdBy ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {picked && (
        <>
          <h3>
            v{picked.version} → current (v{currentVersion})
          </h3>
          <div className="diff" data-testid="version-diff">
            {diffLines(readable(picked.definition), readable(current)).map((part, index) => (
              <span key={index} className={part.added ? 'added' : part.removed ? 'removed' : ''}>
                {part.value
                  .replace(/\n$/, '')
                  .split('\n')
                  .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}`)
                  .join('\n') + '\n'}
              </span>
            ))}
          </div>
          {canRestore && picked.version !== currentVersion && (
            <button className="primary" onClick={() => void restore(picked.version)}>
              Restore v{picked.version}
            </button>
          )}
        </>
      )}
    </div>
  );
}
