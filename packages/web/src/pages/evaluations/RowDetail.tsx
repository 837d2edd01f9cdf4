import { Link } from 'wouter';
import type { Evaluation, EvaluationRow, FieldChange } from '@assay/schema';
import { StatusBadge } from '../../ui/StatusBadge';
import { duration } from '../../ui/format';
import { shortId } from '../../ui/run-time';
import { costText, jsonText, percent, valueText } from './evaluation-format';
import { changeAt, changedPaths, changeText, flattenValue } from './row-diff';
import { versionColor } from './version-colors';

type RowVersion = EvaluationRow['versions'][number];

interface Props {
  evaluation: Evaluation;
  row: EvaluationRow;
  onClose(): void;
}

/** One row on every version side by side: outputs with what differs from the first version marked, each scorer's verdict, the runs. */
export function RowDetail({ evaluation, row, onClose }: Props) {
  const entries = evaluation.versions.map((version) => row.versions.find((entry) => entry.version === version.version));
  const baseline = entries[0];
  // The first version's fields that another version changed: marked on its side too.
  const changedElsewhere = changedPaths(entries.slice(1).map((entry) => entry?.diff ?? []));
  const baselineDiff: FieldChange[] = changedElsewhere.map((path) => ({ path, type: 'changed' }));
  return (
    <section className="card eval-row-detail" data-testid="row-detail">
      <div className="row">
        <h2>Row {row.index}</h2>
        <span className="spacer" />
        <button className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="grid-2">
        <div>
          <h3>Input</h3>
          <FieldTable value={row.input} diff={[]} testId="row-input" />
        </div>
        <div>
          <h3>Expected</h3>
          {Object.keys(row.expected).length === 0 ? (
            <p className="muted">Nothing expected.</p>
          ) : (
            <FieldTable value={row.expected} diff={[]} />
          )}
        </div>
      </div>
      <div className="eval-side-by-side" style={{ gridTemplateColumns: `repeat(${Math.max(1, entries.length)}, minmax(0, 1fr))` }}>
        {evaluation.versions.map((version, index) => {
          const entry = entries[index];
          return (
            <div
              key={version.version}
              className="eval-side"
              style={{ borderTopColor: versionColor(index) }}
              data-testid={`row-version-${version.version}`}
            >
              <h3>
                Version {version.version} {index === 0 && entries.length > 1 && <span className="eval-tag">baseline</span>}
              </h3>
              {entry ? (
                <VersionResult
                  entry={entry}
                  diff={index === 0 ? baselineDiff : entry.diff}
                  baselineVersion={index === 0 ? null : (baseline?.version ?? null)}
                />
              ) : (
                <p className="muted">Not run yet.</p>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

function VersionResult({
  entry,
  diff,
  baselineVersion,
}: {
  entry: RowVersion;
  diff: readonly FieldChange[];
  baselineVersion: number | null;
}) {
  return (
    <>
      <div className="row eval-side-head">
        <StatusBadge status={entry.status} />
        {entry.passed !== null && (
          <span className={entry.passed ? 'eval-pass' : 'eval-fail'} data-testid="row-verdict">
            {entry.passed ? '✓ passed' : '✗ failed'}
          </span>
        )}
        <span>
          score <strong>{percent(entry.score)}</strong>
        </span>
      </div>
      <p className="muted">
        {entry.runId ? (
          <Link href={`/runs/${entry.runId}`} data-testid="row-run-link">
            Run {shortId(entry.runId)}
          </Link>
        ) : (
          'No run yet'
        )}{' '}
        · {duration(entry.latencyMs)} · {costText(entry.cost)}
      </p>
      {entry.error && (
        <div className="error-note" data-testid="row-error">
          {entry.error}
        </div>
      )}
      <h4>Output</h4>
      {entry.output === undefined || entry.output === null ? (
        <p className="muted">{entry.output === null ? 'null' : 'No output.'}</p>
      ) : (
        <FieldTable value={entry.output} diff={diff} testId="row-output" />
      )}
      {baselineVersion !== null && (
        <>
          <h4>Compared with version {baselineVersion}</h4>
          {entry.diff.length === 0 ? (
            <p className="muted" data-testid="row-same">
              The same output.
            </p>
          ) : (
            <ul className="eval-diff" data-testid="row-diff">
              {entry.diff.map((change, index) => (
                <li key={index} className={`eval-change-${change.type}`}>
                  <code>{changeText(change)}</code>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {entry.scores.length > 0 && (
        <>
          <h4>Scorers</h4>
          <table className="table eval-verdicts" data-testid="row-scores">
            <tbody>
              {entry.scores.map((score) => (
                <tr key={score.scorer}>
                  <td>
                    <code>{score.scorer}</code>
                  </td>
                  <td className={score.passed ? 'eval-pass' : 'eval-fail'}>
                    {score.passed ? '✓' : '✗'} {percent(score.score)}
                  </td>
                  <td className="muted">{score.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/** A value as path → value lines; those the diff touches are marked (added, removed or changed). */
function FieldTable({ value, diff, testId }: { value: unknown; diff: readonly FieldChange[]; testId?: string }) {
  const fields = flattenValue(value);
  return (
    <table className="eval-fields" data-testid={testId}>
      <tbody>
        {fields.map((field) => {
          const change = changeAt(field.path, diff);
          return (
            <tr
              key={field.path}
              className={change ? `eval-changed eval-change-${change.type}` : ''}
              data-changed={change ? change.type : undefined}
            >
              <th>{field.path === '' ? '(value)' : field.path}</th>
              <td title={jsonText(field.value)}>{valueText(field.value)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
