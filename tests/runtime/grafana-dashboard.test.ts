import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { scrape, type Scrape } from '../support/prometheus-text';

/** A node of the parsed query (the grammar's own type, without importing the parser's dependency). */
type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

const DASHBOARD = path.resolve(import.meta.dirname, '../../deploy/grafana/assay-dashboard.json');

/** Labels Prometheus adds to every series it scrapes (the target's), which `/metrics` itself never shows. */
const TARGET_LABELS = ['instance', 'job'];

/** Grafana's own interval variables, as Grafana would fill them in before Prometheus sees the query. */
const GRAFANA_INTERVALS = /\$__(rate_interval|interval|range)\b/g;

interface Panel {
  title?: string;
  type: string;
  datasource?: { type?: string; uid?: string };
  targets?: Array<{ expr?: string; refId?: string }>;
  panels?: Panel[];
}

interface Query {
  panel: string;
  expr: string;
}

/** What an expression asks Prometheus for: metric names, and the labels it filters and groups by. */
interface Reads {
  metrics: Set<string>;
  /** Each selector's metric and the labels its matchers name. */
  selectors: Array<{ metric: string; labels: string[] }>;
  /** Each aggregation's `by (…)` labels, and the metrics under it. */
  groupings: Array<{ labels: string[]; metrics: string[] }>;
}

function queriesOf(panels: Panel[]): Query[] {
  return panels.flatMap((panel) => [
    ...(panel.targets ?? []).map((target) => ({ panel: panel.title ?? panel.type, expr: target.expr ?? '' })),
    ...queriesOf(panel.panels ?? []),
  ]);
}

function childrenNamed(node: SyntaxNode | null, name: string): SyntaxNode[] {
  return node ? node.getChildren(name) : [];
}

/** Parses with Prometheus' own PromQL grammar; a syntax error fails. */
function readsOf(expr: string): Reads {
  const text = expr.replace(GRAFANA_INTERVALS, '5m');
  expect(text, 'a Grafana variable the test cannot fill in').not.toMatch(/\$/);
  const tree = parser.parse(text);
  const reads: Reads = { metrics: new Set(), selectors: [], groupings: [] };
  const slice = (node: SyntaxNode) => text.slice(node.from, node.to);
  const metricsUnder = (node: SyntaxNode) => {
    const names: string[] = [];
    const cursor = node.cursor();
    do {
      if (cursor.name === 'VectorSelector') {
        const identifier = cursor.node.getChild('Identifier');
        if (identifier) names.push(slice(identifier));
      }
    } while (cursor.next() && cursor.from < node.to);
    return names;
  };
  tree.iterate({
    enter: (ref) => {
      expect(ref.type.isError, `PromQL syntax error at ${ref.from} in: ${text}`).toBe(false);
      const node = ref.node;
      if (ref.name === 'VectorSelector') {
        const identifier = node.getChild('Identifier');
        expect(identifier, `a selector without a metric name in: ${text}`).not.toBeNull();
        const metric = slice(identifier!);
        reads.metrics.add(metric);
        const matchers = childrenNamed(node.getChild('LabelMatchers'), 'UnquotedLabelMatcher');
        reads.selectors.push({ metric, labels: matchers.map((m) => slice(m.getChild('LabelName')!)) });
      }
      if (ref.name === 'AggregateExpr') {
        const grouping = node.getChild('AggregateModifier')?.getChild('GroupingLabels') ?? null;
        const labels = childrenNamed(grouping, 'LabelName').map(slice);
        if (labels.length > 0) reads.groupings.push({ labels, metrics: metricsUnder(node) });
      }
    },
  });
  return reads;
}

/** Every metric name the scrape exposes (histogram families as their series' names) and the labels seen on each. */
function exposed(scraped: Scrape): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const [name, type] of scraped.types) {
    const series = type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    for (const s of series) names.set(s, new Set());
  }
  for (const sample of scraped.samples) {
    const labels = names.get(sample.name) ?? new Set<string>();
    for (const label of Object.keys(sample.labels)) labels.add(label);
    names.set(sample.name, labels);
  }
  return names;
}

/**
 * deploy/grafana/assay-dashboard.json asks only for what `/metrics` really exposes: every PromQL
 * expression parses, and names metrics and labels that a live server's scrape holds.
 */
describe('the Grafana dashboard', () => {
  let server: TestServer;
  let openai: FakeLlmServer;
  let metrics: Map<string, Set<string>>;
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; title: string; panels: Panel[] };
  const queries = queriesOf(dashboard.panels);

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    server = await startTestServer({
      OPENAI_API_KEY: 'sk-test-dashboard',
      OPENAI_BASE_URL: openai.baseURL,
      ASSAY_HTTP_ALLOW: '127.0.0.1',
      ASSAY_AI_PRICES: JSON.stringify({ 'openai:gpt-4o-mini': { input: 1000, output: 1000 } }),
    });
    // Traffic, so that every labelled metric has series to show its labels: requests, a run with
    // a model call and a step.
    const workflowId = await createWorkflow(server, {
      name: 'Dashboard traffic',
      steps: [{ id: 'ask', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'Hello.' } }],
    });
    const run = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {});
    expect(run.body.data.status).toBe('completed');
    metrics = exposed(await scrape(server.url));
  });
  afterAll(async () => {
    await server?.close();
    await openai?.close();
  });

  it('is a dashboard whose panels query Prometheus through its datasource variable', () => {
    expect(dashboard.uid).toBe('assay-overview');
    expect(queries.length).toBeGreaterThanOrEqual(15);
    const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
    for (const panel of panels) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
  });

  it('names only metrics and labels a live server exposes', () => {
    const used = new Set<string>();
    for (const query of queries) {
      const reads = readsOf(query.expr);
      expect(reads.metrics.size, `${query.panel}: ${query.expr}`).toBeGreaterThan(0);
      for (const metric of reads.metrics) {
        used.add(metric);
        expect(metrics.has(metric), `${query.panel}: ${metric} is not exposed by /metrics`).toBe(true);
      }
      for (const { metric, labels } of reads.selectors)
        for (const label of labels)
          expect([...(metrics.get(metric) ?? []), ...TARGET_LABELS], `${query.panel}: ${metric} has no label ${label}`).toContain(label);
      for (const { labels, metrics: under } of reads.groupings) {
        const known = new Set([...TARGET_LABELS, ...under.flatMap((metric) => [...(metrics.get(metric) ?? [])])]);
        for (const label of labels) expect([...known], `${query.panel}: grouped by ${label}, which none of ${under} has`).toContain(label);
      }
    }
    // What the dashboard is for: each of these is charted.
    for (const metric of [
      'assay_http_request_duration_seconds_bucket',
      'assay_http_request_duration_seconds_count',
      'assay_runs',
      'assay_queue_depth',
      'assay_step_duration_seconds_bucket',
      'assay_ai_tokens_total',
      'assay_ai_cost_usd_total',
      'assay_batch_runs',
      'assay_delivery_backlog',
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(used, `the dashboard charts ${metric}`).toContain(metric);
  });

  it('would catch a metric or label the server does not expose', () => {
    // The check above is only as good as its parse: a typo must be seen.
    const reads = readsOf('sum by (rout) (rate(assay_http_request_duration_second_count{stauts="200"}[$__rate_interval]))');
    expect(reads.metrics).toEqual(new Set(['assay_http_request_duration_second_count']));
    expect(metrics.has('assay_http_request_duration_second_count')).toBe(false);
    expect(reads.selectors).toEqual([{ metric: 'assay_http_request_duration_second_count', labels: ['stauts'] }]);
    expect(reads.groupings).toEqual([{ labels: ['rout'], metrics: ['assay_http_request_duration_second_count'] }]);
  });
});
