/** Tick labels for time axes: the clock time for spans within a day, else the date. */
export function clockTick(ms: number, spanMs: number): string {
  const date = new Date(ms);
  if (spanMs > 86_400_000) return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', ...(spanMs < 600_000 && { second: '2-digit' }) });
}

/** A duration for an axis or a tooltip, in seconds (ms under one second). */
export function secondsTick(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${Number(seconds.toFixed(1))} s`;
  return `${Math.round(seconds / 60)} min`;
}
