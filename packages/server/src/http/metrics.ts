import { isRunFinished, type Engine } from '@assay/engine';
import type { OpenBatchProgress, Store } from '@assay/store';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Database-backed gauges are recounted at most this often, however often Prometheus scrapes. */
const RECOUNT_MS = 5000;

const RUN_STATUSES = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;

/** Model names come from workflows: past this many distinct ones, the rest are counted as "other". */
const MAX_MODELS = 100;

interface Counted {
  at: number;
  byStatus: Record<string, number>;
  depth: number;
  backlog: number;
  batches: OpenBatchProgress;
}

/**
 * Prometheus metrics for one process: Node's and the process's own (memory, CPU, event loop lag),
 * runs by status, step durations by type, queue depth, lease recoveries, model tokens and cost,
 * batch progress and the delivery backlog. HTTP requests are added by `observeRequests`.
 */
export function createMetrics(store: Store, engine: Engine): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  let counted: Counted = { at: 0, byStatus: {}, depth: 0, backlog: 0, batches: { open: 0, runsByStatus: {} } };
  const recount = async () => {
    if (Date.now() - counted.at < RECOUNT_MS) return counted;
    const now = Date.now();
    const [byStatus, depth, backlog, batches] = await Promise.all([
      store.runs.countByStatus(),
      store.runs.queueDepth(now),
      store.deliveries.backlog(now),
      store.batches.openProgress(),
    ]);
    counted = { at: Date.now(), byStatus, depth, backlog, batches };
    return counted;
  };

  new Gauge({
    name: 'assay_runs',
    help: 'Runs stored, by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { byStatus } = await recount();
      for (const status of RUN_STATUSES) this.set({ status }, byStatus[status] ?? 0);
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
    help: 'Step execution time, by step type and status',
    labelNames: ['type', 'status'],
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
    // Step types come from the engine's registry (a bounded set), never from the workflow's text.
    else if ('stepId' in event && event.durationMs !== undefined)
      steps.observe({ type: event.stepType, status: event.stepStatus }, event.durationMs / 1000);
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
    help: "US dollars of model calls made by this process's steps, by provider and model (models without a known price count 0)",
    labelNames: ['provider', 'model'],
    registers: [registry],
  });
  const aiTokens = new Counter({
    name: 'assay_ai_tokens_total',
    help: "Tokens (input and output) of model calls made by this process's steps, by provider and model",
    labelNames: ['provider', 'model'],
    registers: [registry],
  });
  const models = new Set<string>();
  engine.events.on('ai.spent', (spent) => {
    if (!models.has(spent.model) && models.size < MAX_MODELS) models.add(spent.model);
    // `model` stays the name as the step writes it (`openai:gpt-4o-mini`), so a query by model
    // names one model whichever provider serves it; `provider` is its part before the first colon.
    const model = models.has(spent.model) ? spent.model : 'other';
    const colon = model.indexOf(':');
    const labels = { provider: colon > 0 ? model.slice(0, colon) : 'other', model };
    aiCost.inc(labels, spent.usd);
    aiTokens.inc(labels, spent.tokens);
  });
  new Gauge({
    name: 'assay_delivery_backlog',
    help: 'Event deliveries due to be sent now (all processes)',
    registers: [registry],
    async collect() {
      this.set((await recount()).backlog);
    },
  });
  new Gauge({
    name: 'assay_batches_open',
    help: 'Batches whose runs have not all finished (all processes)',
    registers: [registry],
    async collect() {
      this.set((await recount()).batches.open);
    },
  });
  new Gauge({
    name: 'assay_batch_runs',
    help: 'Runs of the open batches, by status (all processes): their progress is the finished share',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { runsByStatus } = (await recount()).batches;
      for (const status of RUN_STATUSES) this.set({ status }, runsByStatus[status] ?? 0);
    },
  });
  return registry;
}
