import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { Evaluation, EvaluationRow } from '@assay/schema';
import { costBars, latencyBars, scoreBars } from './chart-data';
import { usd } from './evaluation-format';
import { latencySeries } from './histogram';
import { versionColor } from './version-colors';

const CHART_STYLE = { width: '100%', height: 220 };
const AXIS_TICK = { fontSize: 12 };

interface Props {
  evaluation: Evaluation;
  /** Rows read for the latency distribution (all of them, or the first few thousand). */
  rows: readonly EvaluationRow[];
  /** More rows exist than `rows` holds. */
  partial: boolean;
}

/** Score and cost per version as bars, and how long each version's runs took as a histogram. */
export function EvaluationCharts({ evaluation, rows, partial }: Props) {
  const versions = evaluation.versions.map((version) => version.version);
  const scores = scoreBars(evaluation);
  const cost = costBars(evaluation);
  const latency = latencyBars(latencySeries(rows, versions), versions);
  const costLabel = (value: unknown) => (cost.unit === 'usd' ? usd(Number(value)) : `${Number(value).toLocaleString('en-US')} tokens`);
  return (
    <div className="eval-charts">
      <section className="card eval-chart" data-testid="chart-score">
        <h3>Score per version</h3>
        <BarChart responsive style={CHART_STYLE} data={scores} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={AXIS_TICK} />
          <YAxis domain={[0, 100]} tick={AXIS_TICK} unit="%" />
          <Tooltip formatter={(value) => `${String(value)}%`} />
          <Bar dataKey="score" name="Score" isAnimationActive={false}>
            {scores.map((entry, index) => (
              <Cell key={entry.name} fill={versionColor(index)} />
            ))}
          </Bar>
        </BarChart>
      </section>
      <section className="card eval-chart" data-testid="chart-cost">
        <h3>
          Cost per version{' '}
          {cost.unit === 'tokens' && (
            <span className="muted">
              {cost.bars.some((bar) => bar.runs + bar.judge > 0) ? '(tokens)' : '(nothing spent: no model calls)'}
            </span>
          )}
        </h3>
        <BarChart responsive style={CHART_STYLE} data={cost.bars} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={AXIS_TICK} />
          <YAxis tick={AXIS_TICK} tickFormatter={(value: number) => (cost.unit === 'usd' ? usd(value) : value.toLocaleString('en-US'))} />
          <Tooltip formatter={costLabel} />
          <Legend wrapperStyle={AXIS_TICK} />
          <Bar dataKey="runs" name="Runs" stackId="cost" fill="#3559e0" isAnimationActive={false} />
          <Bar dataKey="judge" name="AI judges" stackId="cost" fill="#b7791f" isAnimationActive={false} />
        </BarChart>
      </section>
      <section className="card eval-chart eval-chart-wide" data-testid="chart-latency">
        <h3>Latency distribution {partial && <span className="muted">(the first {rows.length.toLocaleString('en-US')} rows)</span>}</h3>
        {latency.length === 0 ? (
          <p className="muted">No run has finished yet.</p>
        ) : (
          <BarChart responsive style={CHART_STYLE} data={latency} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={AXIS_TICK} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} />
            <Tooltip formatter={(value) => `${String(value)} runs`} />
            <Legend wrapperStyle={AXIS_TICK} />
            {versions.map((version, index) => (
              <Bar key={version} dataKey={`v${version}`} name={`Version ${version}`} fill={versionColor(index)} isAnimationActive={false} />
            ))}
          </BarChart>
        )}
      </section>
    </div>
  );
}
