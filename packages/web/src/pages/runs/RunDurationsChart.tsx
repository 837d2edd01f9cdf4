import { CartesianGrid, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useLocation } from 'wouter';
import type { Run } from '@assay/schema';
import { clockTick, secondsTick } from '../../ui/charts/chart-format';
import { chartTheme } from '../../ui/charts/chart-theme';
import { statusColor, useThemeColors } from '../../ui/charts/use-theme-colors';
import { durationSeries, type DurationPoint } from './duration-points';

type Listed = Pick<Run, 'id' | 'status' | 'createdAt' | 'startedAt' | 'completedAt'>;

/** How long the listed runs took, by when they were created, one colour per status; a point opens its run. */
export function RunDurationsChart({ runs }: { runs: readonly Listed[] }) {
  const colors = useThemeColors();
  const theme = chartTheme(colors);
  const [, navigate] = useLocation();
  const series = durationSeries(runs, Date.now());
  if (series.length === 0) return null;
  const times = series.flatMap((entry) => entry.points.map((point) => point.x));
  const span = Math.max(...times) - Math.min(...times);
  return (
    <section className="card runs-chart" data-testid="runs-durations" data-series={series.map((entry) => entry.status).join(',')}>
      <h3>Duration by creation time</h3>
      <ScatterChart responsive style={{ width: '100%', height: 220 }} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={theme.grid} strokeDasharray="3 3" />
        <XAxis
          type="number"
          dataKey="x"
          name="Created"
          domain={['dataMin', 'dataMax']}
          tick={theme.tick}
          axisLine={theme.axisLine}
          tickFormatter={(value: number) => clockTick(value, span)}
        />
        <YAxis
          type="number"
          dataKey="y"
          name="Duration"
          tick={theme.tick}
          axisLine={theme.axisLine}
          tickFormatter={secondsTick}
          width={56}
        />
        <Tooltip
          {...theme.tooltip}
          formatter={(value, name) => (name === 'Duration' ? secondsTick(Number(value)) : new Date(Number(value)).toLocaleString())}
        />
        <Legend wrapperStyle={theme.legend} />
        {series.map((entry) => (
          <Scatter
            key={entry.status}
            name={entry.status}
            data={entry.points}
            fill={statusColor(colors, entry.status)}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(point: { payload?: DurationPoint }) => point.payload && navigate(`/runs/${point.payload.id}`)}
          />
        ))}
      </ScatterChart>
    </section>
  );
}
