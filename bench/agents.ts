import { builtInSteps, createModelResolver } from '@assay/steps';
import { startFakeOpenAI, type FakeReply } from '../tests/support/fake-llm-servers';
import { finishedCounter, startEngineHarness } from './support/engine-harness';
import { log, median, round } from './support/stats';
import { noApprovals } from './support/no-approvals';

/**
 * What agents and cached steps cost the engine, against a fake OpenAI server on 127.0.0.1 that answers
 * at once. Each figure is the median over sequential runs, created and finished in process:
 *  - a plain step (one `transform`) and one model call (`ai.generate`);
 *  - an agent that answers at once, and one that makes TOOL_CALLS calls (one per turn) to a
 *    `transform` tool: the overhead per tool call is what a call adds beyond the model turn it
 *    takes (each turn's own request time, as the transcript records it, subtracted);
 *  - a cached `ai.generate`, hit: next to the plain step, what reusing an output costs.
 */
export interface AgentsResult {
  samples: number;
  plainStepMs: number;
  modelCallMs: number;
  agentAnswerMs: number;
  agentToolsMs: number;
  /** The median model turn inside the agent (its request to the fake model, through the AI SDK). */
  modelTurnMs: number;
  toolCalls: number;
  overheadPerToolCallMs: number;
  cacheHitMs: number;
}

const TOOL_CALLS = 10;

export async function run(): Promise<AgentsResult> {
  const fake = await startFakeOpenAI();
  const registry = builtInSteps({
    ai: createModelResolver({ openai: { apiKey: 'sk-bench', baseURL: fake.baseURL } }),
    httpAllow: [],
    mcpServers: { get: async () => null },
    documents: { search: async () => [] },
    mcpStdio: false,
    sqliteRoot: '/nonexistent',
    datasets: { find: async () => null },
    children: { start: async () => Promise.reject(new Error('no child runs in the bench')), get: async () => null },
    signals: { get: async () => null },
    approvals: noApprovals,
  });
  const harness = await startEngineHarness({ concurrency: 10, registry, label: 'agents' });
  try {
    const finished = finishedCounter(harness.engine);
    const model = 'openai:gpt-4o-mini';
    const tool = {
      name: 'score',
      description: 'Scores a number',
      parameters: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
      step: { type: 'transform', with: { expression: 'args.n * 2' } },
    };
    const workflows = {
      plain: await harness.addWorkflow({ name: 'plain', steps: [{ id: 's', type: 'transform', with: { expression: '1 + 1' } }] }),
      model: await harness.addWorkflow({ name: 'model', steps: [{ id: 's', type: 'ai.generate', with: { model, prompt: 'Hi' } }] }),
      agent: await harness.addWorkflow({
        name: 'agent',
        steps: [{ id: 's', type: 'ai.agent', with: { model, prompt: 'Score', tools: [tool], maxToolCalls: 50, maxSteps: 50 } }],
      }),
      cached: await harness.addWorkflow({
        name: 'cached',
        steps: [{ id: 's', type: 'ai.generate', with: { model, prompt: 'Cached' }, cache: { ttlSeconds: 3600 } }],
      }),
    };
    const turnTimes: number[] = [];
    /** The median time of `samples` runs, one at a time, each after `replies` were queued for it. */
    const time = async (workflow: (typeof workflows)[keyof typeof workflows], replies: () => FakeReply[], samples: number) => {
      const times: number[] = [];
      for (let i = 0; i < samples + 3; i++) {
        fake.reply(...replies());
        const target = finished.total() + 1;
        const t0 = performance.now();
        const runId = await harness.createRun(workflow, {});
        await finished.wait(target);
        if (i < 3) continue; // the first three warm up
        times.push(performance.now() - t0);
        // An agent's model turns, each as long as its request took (the model's latency, not the engine's).
        const [step] = await harness.store.runs.steps(runId);
        const transcript = (step?.output as { transcript?: Array<{ kind: string; ms: number }> } | null)?.transcript ?? [];
        for (const entry of transcript.slice(1)) if (entry.kind === 'model') turnTimes.push(entry.ms);
      }
      return round(median(times), 3);
    };
    const samples = Number(process.env.BENCH_AGENT_SAMPLES ?? 30);
    const calls = (n: number): FakeReply[] => [
      ...Array.from({ length: n }, (_, i) => ({ text: '', toolCalls: [{ name: 'score', args: { n: i } }] })),
      { text: 'done' },
    ];
    const plainStepMs = await time(workflows.plain, () => [], samples);
    const modelCallMs = await time(workflows.model, () => [{ text: 'ok' }], samples);
    const agentAnswerMs = await time(workflows.agent, () => calls(0), samples);
    const agentToolsMs = await time(workflows.agent, () => calls(TOOL_CALLS), samples);
    await time(workflows.cached, () => [{ text: 'cached' }], 0); // fills the cache
    const cacheHitMs = await time(workflows.cached, () => [], samples);
    // Each call takes one more model turn; what is left is the engine's: the tool step, two checkpoints, the events.
    const modelTurnMs = round(median(turnTimes), 3);
    const overheadPerToolCallMs = round((agentToolsMs - agentAnswerMs) / TOOL_CALLS - modelTurnMs, 3);
    const result = {
      samples,
      plainStepMs,
      modelCallMs,
      agentAnswerMs,
      agentToolsMs,
      modelTurnMs,
      toolCalls: TOOL_CALLS,
      overheadPerToolCallMs,
      cacheHitMs,
    };
    log(`agents: ${JSON.stringify(result)}`);
    return result;
  } finally {
    await harness.close();
    await fake.close();
  }
}
