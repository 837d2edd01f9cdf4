import { isRunFinished, type Engine } from '@assay/engine';
import type { Store } from '@assay/store';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Database-backed gauges are recounted at most this often, however often Prometheus scrapes. */
const RECOUNT_MS = 5000;

/** Prometheus metrics for one process: runs by status, step durations, queue depth, lease recoveries. */
export function createMetrics(store: Store, engine: Engine): Registry {
  const registry = new Registry();
  let counted: { at: number; byStatus: Record<string, number>; depth: number; backlog: number } = {
    at: 0,
    byStatus: {},
    depth: 0,
    backlog: 0,
  };
  const recount = async () => {
    if (Date.now() - counted.at < RECOUNT_MS) return counted;
    const now = Date.now();
    const [byStatus, depth, backlog] = await Promise.all([
      store.runs.countByStatus(),
      store.runs.queueDepth(now),
      store.deliveries.backlog(now),
    ]);
    counted = { at: Date.now(), byStatus, depth, backlog };
    return counted;
  };

  new Gauge({
    name: 'assay_runs',
    help: 'Runs stored, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { byStatus } = await recount();
      for (const status of ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'])
        this.set({ status }, byStatus[status] ?? 0);
    },
  });
  new Gauge({
    name: 'assay_queue_depth',
    help: 'Runs due to be claimed now',
    registers: [registry],
    async collect() {
      this.set((await recount()).depth);
    },
  });
  new Gauge({
    name: 'assay_runs_active',
    help: 'Runs executing in this process',
    registers: [registry],
    collect() {
      this.set(engine.activeRuns);
    },
  });
  const finished = new Counter({
    name: 'assay_runs_finished_total',
    help: 'Runs finished by this process, by status',
    labelNames: ['status'],
    registers: [registry],
  });
  const steps = new Histogram({
    name: 'assay_step_duration_seconds',
    help: 'Step execution time, by status',
    labelNames: ['status'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [registry],
  });
  const recoveries = new Counter({
    name: 'assay_lease_recoveries_total',
    help: 'Runs resumed after their worker lost its lease (crash or restart)',
    registers: [registry],
  });

  engine.onRunEvent((event) => {
    if (isRunFinished(event)) finished.inc({ status: event.status });
    else if ('stepId' in event && event.durationMs !== undefined) steps.observe({ status: event.stepStatus }, event.durationMs / 1000);
  });
  engine.events.on('lease.recovered', (count) => recoveries.inc(count));
  const claims = new Counter({
    name: 'assay_runs_claimed_total',
    help: 'Runs claimed by this process (a resumed run counts again)',
    registers: [registry],
  });
  engine.events.on('runs.claimed', (count) => claims.inc(count));
  const aiCost = new Counter({
    name: 'assay_ai_cost_usd_total',
    help: "US dollars of model calls made by this process's steps, by model (models without a known price count 0)",
    labelNames: ['model'],
    registers: [registry],
  });
  const aiTokens = new Counter({
    name: 'assay_ai_tokens_total',
    help: "Tokens (input and output) of model calls made by this process's steps, by model",
    labelNames: ['model'],
    registers: [registry],
  });
  // Model names come from workflows: past a hundred distinct ones, the rest are counted as "other".
  const models = new Set<string>();
  engine.events.on('ai.spent', (spent) => {
    if (!models.has(spent.model) && models.size < 100) models.add(spent.model);
    const model = models.has(spent.model) ? spent.model : 'other';
    aiCost.inc({ model }, spent.usd);
    aiTokens.inc({ model }, spent.tokens);
  });
  new Gauge({
    name: 'assay_delivery_backlog',
    help: 'Event deliveries due to be sent now (all processes)',
    registers: [registry],
    async collect() {
      this.set((await recount()).backlog);
    },
  });
  return registry;
}
