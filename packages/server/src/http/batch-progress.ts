import type { Store } from '@assay/store';

/** What the open batches (status `running`) hold: how many there are, and their runs by status. */
export interface BatchProgress {
  open: number;
  runsByStatus: Record<string, number>;
}

/**
 * Counts the open batches and their runs by status, for the metrics' batch progress gauges. Two
 * aggregate reads (the runs' side walks the `runs_batch_status` index of each open batch), plain SQL
 * that reads the same on SQLite and PostgreSQL. It belongs beside `BatchStore.counts` in the store;
 * it lives here until the store offers it.
 */
export async function readBatchProgress(store: Store): Promise<BatchProgress> {
  const [open, runs] = await Promise.all([
    store.db
      .selectFrom('batches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'running')
      .executeTakeFirst(),
    store.db
      .selectFrom('runs')
      .innerJoin('batches', 'batches.id', 'runs.batch_id')
      .select(['runs.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('batches.status', '=', 'running')
      .groupBy('runs.status')
      .execute(),
  ]);
  return { open: Number(open?.n ?? 0), runsByStatus: Object.fromEntries(runs.map((row) => [row.status, Number(row.n)])) };
}
