import { z } from 'zod';
import { createStepRegistry, defineStepType, isRunFinished, type RunEvent } from '@assay/engine';
import { conditionStep, failStep, transformStep, waitStep } from '@assay/steps';
import { startEngineHarness } from './support/engine-harness';
import { log, median, percentile, round, scaled } from './support/stats';
import { chain } from './support/workflows';

/**
 * Unloaded latency, in process (engine as in engine-throughput, default concurrency), one run at a
 * time:
 *  - create → first step: from just before `store.runs.create` to the moment the first step's
 *    executor runs (a `probe` step type records performance.now());
 *  - per-step overhead: whole-run time of a 21-step chain minus a 1-step chain of trivial
 *    transforms, divided by 20 (the two kinds interleaved so drift hits both alike).
 */
export interface LatencyResult {
  firstStepSamples: number;
  firstStepP50Ms: number;
  firstStepP90Ms: number;
  firstStepP99Ms: number;
  chainSamples: number;
  run1P50Ms: number;
  run21P50Ms: number;
  run1P99Ms: number;
  run21P99Ms: number;
  perStepOverheadMs: number;
  /** The same estimate from the median of paired (t21 − t1) / 20 differences. */
  perStepOverheadPairedMs: number;
}

const probeHits = new Map<string, number>();
const probeStep = defineStepType<Record<string, never>>({
  type: 'probe',
  family: 'logic',
  description: 'Benchmark probe: records when it starts executing.',
  config: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  async execute(_config, context) {
    probeHits.set(context.runId, performance.now());
    return { kind: 'completed', output: null };
  },
});

export async function run(): Promise<LatencyResult> {
  const registry = createStepRegistry([transformStep, conditionStep, waitStep, failStep, probeStep]);
  const harness = await startEngineHarness({ concurrency: 100, registry, label: 'latency' });
  try {
    const probe = await harness.addWorkflow({ name: 'bench-probe', steps: [{ id: 'probe', type: 'probe' }] });
    const chain1 = await harness.addWorkflow(chain(1));
    const chain21 = await harness.addWorkflow(chain(21));

    // One run at a time: resolve when the run we are waiting for finishes.
    let waiting: { runId: string | null; resolve: (at: number) => void; finished: Map<string, number> } = {
      runId: null,
      resolve: () => undefined,
      finished: new Map(),
    };
    harness.engine.onRunEvent((event: RunEvent) => {
      if (!isRunFinished(event)) return;
      const at = performance.now();
      if (event.status !== 'completed') throw new Error(`latency run ${event.runId} ended ${event.status}`);
      if (event.runId === waiting.runId) waiting.resolve(at);
      else waiting.finished.set(event.runId, at); // finished before create() returned its id
    });
    const runOnce = async (workflow: typeof probe): Promise<{ t0: number; runId: string; end: number }> => {
      const finished = new Map<string, number>();
      let resolve!: (at: number) => void;
      const done = new Promise<number>((r) => (resolve = r));
      waiting = { runId: null, resolve, finished };
      const t0 = performance.now();
      const runId = await harness.createRun(workflow, { n: 1 });
      const early = finished.get(runId);
      waiting.runId = runId;
      const end = early ?? (await done);
      return { t0, runId, end };
    };

    const warmup = 50;
    const firstSamples = scaled(500, 50);
    log(`latency: create → first step, ${firstSamples} sequential runs`);
    const firstStep: number[] = [];
    for (let i = 0; i < warmup + firstSamples; i++) {
      const { t0, runId } = await runOnce(probe);
      const hit = probeHits.get(runId);
      if (hit === undefined) throw new Error('probe did not run');
      probeHits.delete(runId);
      if (i >= warmup) firstStep.push(hit - t0);
    }

    const chainSamples = scaled(150, 20);
    log(`latency: whole runs of 1-step vs 21-step chains, ${chainSamples} each, interleaved`);
    const t1: number[] = [];
    const t21: number[] = [];
    const paired: number[] = [];
    for (let i = 0; i < 20 + chainSamples; i++) {
      const a = await runOnce(chain1);
      const b = await runOnce(chain21);
      if (i < 20) continue; // warm-up
      t1.push(a.end - a.t0);
      t21.push(b.end - b.t0);
      paired.push((b.end - b.t0 - (a.end - a.t0)) / 20);
    }
    const result: LatencyResult = {
      firstStepSamples: firstStep.length,
      firstStepP50Ms: round(median(firstStep), 3),
      firstStepP90Ms: round(percentile(firstStep, 90), 3),
      firstStepP99Ms: round(percentile(firstStep, 99), 3),
      chainSamples,
      run1P50Ms: round(median(t1), 3),
      run21P50Ms: round(median(t21), 3),
      run1P99Ms: round(percentile(t1, 99), 3),
      run21P99Ms: round(percentile(t21, 99), 3),
      perStepOverheadMs: round((median(t21) - median(t1)) / 20, 3),
      perStepOverheadPairedMs: round(median(paired), 3),
    };
    log(
      `latency: create→first step p50 ${result.firstStepP50Ms} ms p99 ${result.firstStepP99Ms} ms; per-step overhead ${result.perStepOverheadMs} ms`,
    );
    return result;
  } finally {
    await harness.close();
  }
}
