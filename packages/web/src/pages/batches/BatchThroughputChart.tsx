import { Area, ComposedChart, CartesianGrid, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { secondsTick } from '../../ui/charts/chart-format';
import { chartTheme } from '../../ui/charts/chart-theme';
import { useThemeColors } from '../../ui/charts/use-theme-colors';
import { throughputSeries } from './throughput';
import { MAX_FINISHED, useBatchFinishes } from './use-batch-finishes';

/** How runs ended, each drawn (only when some did) in its status colour. */
const ENDINGS = ['completed', 'failed', 'cancelled'] as const;
const ENDING_COLOR = { completed: '--ok', failed: '--danger', cancelled: '--muted' } as const;

/** Runs finished over time since the batch started: stacked by how they ended, with the rate per minute. */
export function BatchThroughputChart({ batchId, startedAt, inProgress }: { batchId: string; startedAt: string; inProgress: boolean }) {
  const colors = useThemeColors();
  const theme = chartTheme(colors);
  const finishes = useBatchFinishes(batchId, inProgress);
  const points = finishes ? throughputSeries(Date.parse(startedAt), finishes.runs) : [];
  const last = points[points.length - 1];
  if (!last) return null;
  return (
    <section className="card batch-chart" data-testid="batch-throughput">
      <h3>
        Throughput {finishes?.partial && <span className="muted">(the first {MAX_FINISHED.toLocaleString('en-US')} finished runs)</span>}
      </h3>
      <ComposedChart responsive style={{ width: '100%', height: 220 }} data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" vertical={false} />
        <XAxis
          type="number"
          dataKey="t"
          domain={[0, 'dataMax']}
          tick={theme.tick}
          axisLine={theme.axisLine}
          tickFormatter={(value: number) => `+${secondsTick(value)}`}
        />
        <YAxis yAxisId="runs" tick={theme.tick} axisLine={theme.axisLine} allowDecimals={false} width={48} />
        <YAxis yAxisId="rate" orientation="right" tick={theme.tick} axisLine={theme.axisLine} width={48} />
        <Tooltip
          {...theme.tooltip}
          labelFormatter={(value) => `+${secondsTick(Number(value))}`}
          formatter={(value, name) => (name === 'runs / s' ? Number(value).toFixed(1) : String(value))}
        />
        <Legend wrapperStyle={theme.legend} />
        {ENDINGS.filter((ending) => last[ending] > 0).map((ending) => (
          <Area
            key={ending}
            yAxisId="runs"
            type="stepAfter"
            dataKey={ending}
            stackId="done"
            stroke={colors[ENDING_COLOR[ending]]}
            fill={colors[ENDING_COLOR[ending]]}
            fillOpacity={0.35}
            isAnimationActive={false}
          />
        ))}
        <Line
          yAxisId="rate"
          type="monotone"
          dataKey="rate"
          name="runs / s"
          stroke={colors['--accent']}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </section>
  );
}
