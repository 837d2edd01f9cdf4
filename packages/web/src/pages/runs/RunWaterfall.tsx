import { useMemo } from 'react';
import type { Run } from '@assay/schema';
import { duration } from '../../ui/format';
import { isTerminal } from './use-live-run';
import { useWaterfallEvents } from './use-waterfall-events';
import { axisTicks, buildWaterfall, type AttemptBar, type WaitSpan } from './waterfall';

const KIND_LABEL = { running: 'running', completed: 'completed', failed: 'failed', retried: 'failed, retried', cancelled: 'cancelled' };

/**
 * The run's steps on one time axis from its start: a bar per attempt coloured by how it ended,
 * retries as further bars on the step's row with the wait before each drawn hatched, and the time
 * the run was parked shaded across every row. Hovering a bar tells its attempt, start and duration.
 */
export function RunWaterfall({ run, onSelect }: { run: Run; onSelect(stepId: string): void }) {
  const { events, complete } = useWaterfallEvents(run.id, !isTerminal(run));
  const waterfall = useMemo(() => buildWaterfall(run, events, Date.now()), [run, events]);
  const span = waterfall.end - waterfall.origin;
  const left = (at: number) => `${(((at - waterfall.origin) / span) * 100).toFixed(3)}%`;
  const width = (start: number, end: number | null) => `${((Math.max(0, (end ?? waterfall.end) - start) / span) * 100).toFixed(3)}%`;
  const ticks = axisTicks(span);
  const since = (at: number) => `+${duration(at - waterfall.origin)}`;

  const barTitle = (stepId: string, bar: AttemptBar) =>
    `${stepId} · attempt ${bar.attempt} · ${KIND_LABEL[bar.kind]}\nstarted ${since(bar.start)} · ` +
    (bar.end === null ? 'still going' : `took ${duration(bar.end - bar.start)}`) +
    (bar.error ? `\n${bar.error}` : '');
  const waitTitle = (wait: WaitSpan) =>
    `${wait.kind === 'retry' ? 'waiting to retry' : 'run parked'} from ${since(wait.start)}` +
    (wait.end === null ? '' : ` for ${duration(wait.end - wait.start)}`);

  return (
    <section className="card waterfall" data-testid="run-waterfall" data-complete={complete}>
      <h3>Timeline</h3>
      <div className="waterfall-grid">
        <div className="waterfall-axis" aria-hidden="true">
          {ticks.map((tick) => (
            <span key={tick} style={{ left: left(waterfall.origin + tick) }}>
              {duration(tick)}
            </span>
          ))}
        </div>
        {waterfall.rows.map((row) => (
          <div className="waterfall-row" key={row.stepId} data-step={row.stepId}>
            <button className="link waterfall-label" onClick={() => onSelect(row.stepId)} title={row.type}>
              {row.stepId}
            </button>
            <div className="waterfall-track">
              {waterfall.parked.map((wait, index) => (
                <div
                  key={`p${index}`}
                  className="waterfall-parked"
                  style={{ left: left(wait.start), width: width(wait.start, wait.end) }}
                  title={waitTitle(wait)}
                />
              ))}
              {row.waits.map((wait, index) => (
                <div
                  key={`w${index}`}
                  className="waterfall-wait"
                  style={{ left: left(wait.start), width: width(wait.start, wait.end) }}
                  title={waitTitle(wait)}
                />
              ))}
              {row.bars.map((bar) => (
                <div
                  key={bar.attempt}
                  className={`waterfall-bar bar-${bar.kind}`}
                  data-attempt={bar.attempt}
                  style={{ left: left(bar.start), width: width(bar.start, bar.end) }}
                  title={barTitle(row.stepId, bar)}
                />
              ))}
              {row.skipped && row.bars.length === 0 && <span className="waterfall-note">skipped</span>}
            </div>
          </div>
        ))}
      </div>
      <p className="waterfall-legend muted">
        <span className="swatch bar-completed" /> completed <span className="swatch bar-failed" /> failed{' '}
        <span className="swatch bar-retried" /> retried <span className="swatch bar-running" /> running{' '}
        <span className="swatch waterfall-wait" /> waiting to retry <span className="swatch waterfall-parked" /> run parked
      </p>
    </section>
  );
}
