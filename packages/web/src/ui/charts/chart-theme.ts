import type { ThemeColors } from './use-theme-colors';

/** Axis, grid and tooltip styles for recharts in the theme's colours. */
export function chartTheme(colors: ThemeColors) {
  return {
    tick: { fontSize: 12, fill: colors['--muted'] },
    axisLine: { stroke: colors['--line'] },
    grid: colors['--line'],
    tooltip: {
      contentStyle: { background: colors['--panel'], border: `1px solid ${colors['--line']}`, color: colors['--text'], fontSize: 12 },
      labelStyle: { color: colors['--text'] },
      itemStyle: { color: colors['--text'] },
    },
    legend: { fontSize: 12, color: colors['--text'] },
  };
}
