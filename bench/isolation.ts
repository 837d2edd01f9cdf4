import { HttpClient } from './support/http-client';
import { AUTH_HEADERS, startServerProcess } from './support/server-process';
import { log, median, percentile, round, scaled, sleep } from './support/stats';
import { tempDir } from './support/temp';

/**
 * Expression isolation, against the real server (`assay serve` in a child process):
 *  - what an expression evaluated in an isolate (a worker thread) costs over one the main thread
 *    evaluates: `?wait` runs one after another of a one-step transform with a regular expression
 *    (always isolated) against the same step without one;
 *  - /healthz latency, and plain runs, while catastrophic regular expressions occupy every isolate
 *    thread, against the same with the server idle.
 */
export interface IsolationResult {
  plainRunP50Ms: number;
  isolatedRunP50Ms: number;
  /** isolated − plain, p50: the price of the isolate round trip. */
  isolateOverheadMs: number;
  healthIdle: { p50Ms: number; p99Ms: number; maxMs: number; samples: number };
  healthUnderAttack: { p50Ms: number; p99Ms: number; maxMs: number; samples: number };
  /** Plain runs completed (one after another) while the attacks ran, and their p50. */
  plainRunsDuringAttack: number;
  plainRunDuringAttackP50Ms: number;
  attacks: number;
}

async function timeRuns(api: HttpClient, workflowId: string, count: number, input: Record<string, unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const answer = await api.request('POST', `/v1/workflows/${workflowId}/runs?wait=30`, { input });
    if (answer.body?.data?.status !== 'completed') throw new Error(`run did not complete: ${JSON.stringify(answer.body).slice(0, 300)}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function sampleHealth(url: string, ms: number): Promise<number[]> {
  const health = new HttpClient(url, {}, 1);
  const samples: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const started = performance.now();
    await health.request('GET', '/healthz');
    samples.push(performance.now() - started);
    await sleep(10);
  }
  return samples;
}

const summary = (samples: number[]) => ({
  p50Ms: round(median(samples), 2),
  p99Ms: round(percentile(samples, 99), 2),
  maxMs: round(Math.max(...samples), 2),
  samples: samples.length,
});

export async function run(): Promise<IsolationResult> {
  const temp = tempDir('isolation');
  const server = await startServerProcess({ dataDir: temp.dir, env: { ASSAY_EXPRESSION_TIMEOUT_MS: '120000', ASSAY_DEMO: 'false' } });
  const api = new HttpClient(server.url, AUTH_HEADERS, 8);
  try {
    const create = async (definition: unknown) => {
      const answer = await api.request('POST', '/v1/workflows', definition);
      if (answer.status !== 201) throw new Error(`workflow not created: ${JSON.stringify(answer.body)}`);
      return answer.body.data.id as string;
    };
    const inputs = { s: { type: 'string', required: true } };
    const plain = await create({
      name: 'plain',
      inputs,
      steps: [{ id: 't', type: 'transform', with: { expression: '$uppercase(input.s)' } }],
    });
    const isolated = await create({
      name: 'isolated',
      inputs,
      steps: [{ id: 't', type: 'transform', with: { expression: '$match(input.s, /b+/).match' } }],
    });
    const attack = await create({
      name: 'attack',
      inputs,
      steps: [{ id: 't', type: 'transform', with: { expression: '$match(input.s, /(a+)+$/)' } }],
    });
    const samples = scaled(200, 20);

    log('isolation: warm-up (the first isolated call starts a worker thread)');
    await timeRuns(api, isolated, 20, { s: 'abbbc' });
    await timeRuns(api, plain, 20, { s: 'abbbc' });
    const plainMs: number[] = [];
    const isolatedMs: number[] = [];
    for (let r = 0; r < 4; r++) {
      plainMs.push(...(await timeRuns(api, plain, samples / 4, { s: 'abbbc' })));
      isolatedMs.push(...(await timeRuns(api, isolated, samples / 4, { s: 'abbbc' })));
    }
    log(`isolation: ?wait run p50 ${round(median(plainMs), 2)} ms on the main thread, ${round(median(isolatedMs), 2)} ms isolated`);

    const idle = await sampleHealth(server.url, scaled(3000, 500));
    // One catastrophic regex per isolate thread (2 on a 2-core machine, up to 4).
    const attacks = 4;
    const attackRuns: string[] = [];
    for (let i = 0; i < attacks; i++) {
      const answer = await api.request('POST', `/v1/workflows/${attack}/runs`, { input: { s: `${'a'.repeat(40 + i)}!` } });
      attackRuns.push(answer.body.data.id as string);
    }
    await sleep(500);
    const duringAttack: number[] = [];
    const [underAttack] = await Promise.all([
      sampleHealth(server.url, scaled(5000, 1000)),
      (async () => {
        const until = performance.now() + scaled(5000, 1000);
        while (performance.now() < until) duringAttack.push(...(await timeRuns(api, plain, 1, { s: 'x' })));
      })(),
    ]);
    for (const id of attackRuns) {
      const status = (await api.request('GET', `/v1/workflow-runs/${id}`)).body.data.status;
      if (status !== 'running') throw new Error(`attack run ${id} is ${status}, not running: the measurement would not be under attack`);
      await api.request('POST', `/v1/workflow-runs/${id}/cancel`);
    }
    const result: IsolationResult = {
      plainRunP50Ms: round(median(plainMs), 2),
      isolatedRunP50Ms: round(median(isolatedMs), 2),
      isolateOverheadMs: round(median(isolatedMs) - median(plainMs), 2),
      healthIdle: summary(idle),
      healthUnderAttack: summary(underAttack),
      plainRunsDuringAttack: duringAttack.length,
      plainRunDuringAttackP50Ms: round(median(duringAttack), 2),
      attacks,
    };
    log(
      `isolation: /healthz idle p99 ${result.healthIdle.p99Ms} ms, under ${attacks} catastrophic regexes p99 ${result.healthUnderAttack.p99Ms} ms (max ${result.healthUnderAttack.maxMs}); ${duringAttack.length} plain runs meanwhile, p50 ${result.plainRunDuringAttackP50Ms} ms`,
    );
    return result;
  } finally {
    await server.stop();
    temp.cleanup();
  }
}
