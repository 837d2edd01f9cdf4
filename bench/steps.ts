import { builtInSteps, createModelResolver } from '@assay/steps';
import { renderDocument } from '../packages/steps/src/documents/document-render';
import { parseMarkdown } from '../packages/steps/src/documents/markdown-tokens';
import { sampleMemo } from '../tests/support/sample-memo';
import type { Store } from '@assay/store';
import { finishedCounter, startEngineHarness } from './support/engine-harness';
import { log, median, rate, round } from './support/stats';
import { noApprovals } from './support/no-approvals';

/** The step library's own costs: map fan-out, document rendering and dataset lookups. */
export interface StepsResult {
  mapItems: number;
  mapItemsPerSec: number;
  separateRunsPerSec: number;
  /** map items/s ÷ separate runs/s for the same work. */
  mapVsRuns: number;
  memoPages: number;
  pdfMs: number;
  docxMs: number;
  lookupsPerSec1k: number;
  lookupsPerSec100k: number;
  /** 100k ÷ 1k: near 1 means lookups do not slow down with dataset size. */
  lookupScale: number;
}

export async function run(): Promise<StepsResult> {
  let store: Store | null = null;
  const registry = builtInSteps({
    ai: createModelResolver({ compatible: {} }),
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
  const harness = await startEngineHarness({ concurrency: 100, registry, label: 'steps' });
  store = harness.store;
  try {
    // ---- map over 1,000 items vs 1,000 separate runs of the same step ----
    const items = 1000;
    const mapWf = await harness.addWorkflow({
      name: 'map',
      steps: [
        {
          id: 'each',
          type: 'map',
          with: {
            items: `[0..${items - 1}]`,
            concurrency: 20,
            steps: [{ id: 'double', type: 'transform', with: { expression: 'item * 2' } }],
          },
        },
      ],
    });
    const oneWf = await harness.addWorkflow({
      name: 'one',
      inputs: { n: { type: 'number' } },
      steps: [{ id: 'double', type: 'transform', with: { expression: 'input.n * 2' } }],
    });
    const finished = finishedCounter(harness.engine);
    const timeMap = async () => {
      const t0 = performance.now();
      await harness.createRun(mapWf, {});
      await finished.wait(finished.total() + 1);
      return performance.now() - t0;
    };
    const timeRuns = async () => {
      const t0 = performance.now();
      const target = finished.total() + items;
      for (let i = 0; i < items; i++) void harness.createRun(oneWf, { n: i });
      await finished.wait(target);
      return performance.now() - t0;
    };
    await timeMap(); // warm-up
    await timeRuns();
    const mapMs = median([await timeMap(), await timeMap(), await timeMap()]);
    const runsMs = median([await timeRuns(), await timeRuns(), await timeRuns()]);
    finished.stop();
    log(`steps: map of ${items} items ${round(mapMs, 0)} ms, ${items} separate runs ${round(runsMs, 0)} ms`);

    // ---- document.render of a 10-page memo ----
    const memo = parseMarkdown(sampleMemo('Northwind Analytics', 10));
    const time = async (format: 'pdf' | 'docx') => {
      await renderDocument(memo, format);
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await renderDocument(memo, format);
        samples.push(performance.now() - t0);
      }
      return median(samples);
    };
    const pdfMs = await time('pdf');
    const docxMs = await time('docx');
    log(`steps: 10-page memo PDF ${round(pdfMs, 1)} ms, DOCX ${round(docxMs, 1)} ms`);

    // ---- dataset lookups by key: 1,000 rows vs 100,000 rows ----
    const lookups = async (rows: number) => {
      const dataset = await store!.datasets.create({
        workspaceId: harness.workspaceId,
        name: `d${rows}`,
        description: null,
        columns: { id: 'string', n: 'integer' },
        keys: ['id'],
      });
      if (!dataset) throw new Error('dataset exists');
      const loader = store!.datasets.loader(dataset, 'replace');
      for (let i = 0; i < rows; i += 5000)
        await loader.add(Array.from({ length: Math.min(5000, rows - i) }, (_, j) => ({ id: `k${i + j}`, n: i + j })));
      const loaded = await loader.finish();
      const count = 3000;
      const t0 = performance.now();
      for (let i = 0; i < count; i++) {
        const found = await store!.datasets.find(loaded, { id: `k${(i * 7919) % rows}` }, 1);
        if (found.length !== 1) throw new Error('lookup missed');
      }
      return rate(count, performance.now() - t0);
    };
    const lookupsPerSec1k = await lookups(1000);
    const lookupsPerSec100k = await lookups(100_000);
    log(`steps: lookups/s on 1k rows ${lookupsPerSec1k}, on 100k rows ${lookupsPerSec100k}`);

    return {
      mapItems: items,
      mapItemsPerSec: rate(items, mapMs),
      separateRunsPerSec: rate(items, runsMs),
      mapVsRuns: round(runsMs / mapMs, 2),
      memoPages: 10,
      pdfMs: round(pdfMs, 1),
      docxMs: round(docxMs, 1),
      lookupsPerSec1k,
      lookupsPerSec100k,
      lookupScale: round(lookupsPerSec100k / lookupsPerSec1k, 2),
    };
  } finally {
    await harness.close();
  }
}
