/** How long a run (or batch) took, or has been going for while it is still in progress. */
export function elapsedMs(startedAt: string | null | undefined, completedAt: string | null | undefined, now = Date.now()): number | null {
  if (!startedAt) return null;
  const end = completedAt ? Date.parse(completedAt) : now;
  return Math.max(0, end - Date.parse(startedAt));
}

/** Terse local date and time for tables (the full ISO time goes in the title). */
export function shortTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function shortId(id: string): string {
  return id.slice(-8);
}
