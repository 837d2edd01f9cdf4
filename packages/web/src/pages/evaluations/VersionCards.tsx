import type { Evaluation, EvaluationVersion } from '@assay/schema';
import { duration } from '../../ui/format';
import { bestVersion, costText, finishedRuns, percent, versionProgress } from './evaluation-format';
import { versionColor } from './version-colors';

/** One card per version: score, pass rate, runs, cost, the judges' cost, latency and each scorer's score. */
export function VersionCards({ evaluation }: { evaluation: Evaluation }) {
  const best = bestVersion(evaluation);
  const compared = evaluation.versions.filter((version) => version.score !== null).length > 1;
  return (
    <div className="eval-cards" data-testid="version-cards">
      {evaluation.versions.map((version, index) => (
        <VersionCard
          key={version.version}
          version={version}
          color={versionColor(index)}
          rows={evaluation.rows}
          best={compared && best?.version === version.version}
          baseline={index === 0 && evaluation.versions.length > 1}
        />
      ))}
    </div>
  );
}

interface CardProps {
  version: EvaluationVersion;
  color: string;
  rows: number;
  best: boolean;
  baseline: boolean;
}

function VersionCard({ version, color, rows, best, baseline }: CardProps) {
  const progress = versionProgress(version);
  const inFlight = version.runs.total - finishedRuns(version);
  return (
    <section className="card eval-card" data-testid={`version-card-${version.version}`} style={{ borderTopColor: color }}>
      <h3>
        Version {version.version}
        {best && <span className="eval-tag best">best</span>}
        {baseline && <span className="eval-tag">baseline</span>}
      </h3>
      <div className="eval-figures">
        <div>
          <strong data-testid="version-score">{percent(version.score)}</strong>
          <span>score</span>
        </div>
        <div>
          <strong data-testid="version-pass-rate">{percent(version.passRate)}</strong>
          <span>pass rate</span>
        </div>
      </div>
      {progress < 1 && (
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={version.runs.total}
          aria-valuenow={finishedRuns(version)}
        >
          <div className="done" style={{ width: `${(version.runs.completed / Math.max(1, version.runs.total)) * 100}%` }} />
          <div className="bad" style={{ width: `${(version.runs.failed / Math.max(1, version.runs.total)) * 100}%` }} />
        </div>
      )}
      <dl className="eval-facts">
        <dt>Runs</dt>
        <dd data-testid="version-runs">
          {version.runs.completed} ok · {version.runs.failed} failed
          {inFlight > 0 && <> · {inFlight} to go</>} <span className="muted">of {version.runs.total}</span>
        </dd>
        <dt>Scored</dt>
        <dd>
          {version.scored} of {rows} rows
        </dd>
        <dt>Cost</dt>
        <dd data-testid="version-cost">{costText(version.cost)}</dd>
        <dt>Judge cost</dt>
        <dd>{costText(version.judgeCost)}</dd>
        <dt>Latency</dt>
        <dd data-testid="version-latency">
          {version.latencyMs ? (
            <>
              p50 {duration(version.latencyMs.p50)} · p95 {duration(version.latencyMs.p95)}
            </>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      {version.scorers.length > 0 && (
        <table className="table eval-scorers" data-testid="version-scorers">
          <thead>
            <tr>
              <th>Scorer</th>
              <th>Score</th>
              <th>Pass rate</th>
            </tr>
          </thead>
          <tbody>
            {version.scorers.map((scorer) => (
              <tr key={scorer.scorer}>
                <td>
                  <code>{scorer.scorer}</code>
                </td>
                <td>{percent(scorer.score)}</td>
                <td>{percent(scorer.passRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
