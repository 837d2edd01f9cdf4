import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, testDatabaseEnv, waitForRun, type TestServer } from '../support/assay-server';
import { freePort, startChildServer, type ChildServer } from '../support/child-server';

/**
 * Issue 11, item 2: no cap on a step's output. A `code` step returning 'x'.repeat(60e6) completed:
 * the server's RSS went from 520 MB to 1.35 GB and stayed there, /healthz timed out, and GET of the
 * run returned 120 MB; a 2,000,000-element array took 25 s. Now every step output, map result, run
 * output and resolved config is capped (ASSAY_MAX_OUTPUT_BYTES) before it is stored or held.
 */

const LIMIT = 100_000;

async function runOnce(server: TestServer, definition: unknown, input: Record<string, unknown> = {}): Promise<any> {
  const wf = await createWorkflow(server, definition);
  const created = await server.api('POST', `/v1/workflows/${wf}/runs`, { input });
  expect(created.status).toBe(201);
  return waitForRun(server, created.body.data.id, 120_000);
}

describe('step outputs are capped (ASSAY_MAX_OUTPUT_BYTES)', () => {
  let server: TestServer;
  let receiver: Server;
  let receiverUrl: string;
  beforeAll(async () => {
    receiver = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('y'.repeat(LIMIT * 2));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/big`;
    server = await startTestServer({ ASSAY_MAX_OUTPUT_BYTES: String(LIMIT), ASSAY_HTTP_ALLOW: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    receiver?.close();
  });

  it('a code step returning a string over the limit fails with output_too_large naming the size and the limit', async () => {
    const run = await runOnce(server, {
      name: 'big string',
      steps: [{ id: 'big', type: 'code', with: { code: `return 'x'.repeat(${LIMIT * 3})`, timeoutMs: 30000 } }],
    });
    expect(run.status).toBe('failed');
    expect(run.error).toEqual({
      code: 'output_too_large',
      stepId: 'big',
      message: `code step result is 300,002 characters of JSON, over the limit of 100,000 bytes (ASSAY_MAX_OUTPUT_BYTES)`,
    });
    expect(JSON.stringify(run).length).toBeLessThan(10_000);
  });

  it('a code step returning a long array fails the same way', async () => {
    const run = await runOnce(server, {
      name: 'big array',
      steps: [
        { id: 'big', type: 'code', with: { code: 'return Array.from({ length: 200000 }, (_, i) => i)', memoryMb: 128, timeoutMs: 30000 } },
      ],
    });
    expect(run.error).toMatchObject({ code: 'output_too_large', stepId: 'big' });
    expect(run.error.message).toMatch(/over the limit of 100,000 bytes \(ASSAY_MAX_OUTPUT_BYTES\)$/);
  });

  it('a transform building a large value fails with output_too_large', async () => {
    const run = await runOnce(server, {
      name: 'big transform',
      steps: [{ id: 't', type: 'transform', with: { expression: '$join([1..20000].("xxxxxxxxxx"))' } }],
    });
    expect(run.error).toMatchObject({ code: 'output_too_large', stepId: 't' });
    expect(run.error.message).toMatch(/bytes or more.*over the limit of 100,000 bytes \(ASSAY_MAX_OUTPUT_BYTES\)$/);
  });

  it('an http.request response over the limit is refused while it is read', async () => {
    const run = await runOnce(server, {
      name: 'big response',
      steps: [{ id: 'get', type: 'http.request', with: { url: receiverUrl, responseType: 'text' } }],
    });
    expect(run.status).toBe('failed');
    expect(run.error.stepId).toBe('get');
    expect(run.error.message).toContain('100000 bytes');
  });

  it('a map whose item results add up past the limit fails with output_too_large', async () => {
    const run = await runOnce(server, {
      name: 'big map',
      steps: [
        {
          id: 'm',
          type: 'map',
          with: {
            items: '[1..30]',
            concurrency: 4,
            steps: [{ id: 'chunk', type: 'code', with: { code: "return 'z'.repeat(5000)", timeoutMs: 30000 } }],
          },
        },
      ],
    });
    expect(run.error).toMatchObject({ code: 'output_too_large', stepId: 'm' });
    expect(run.error.message).toMatch(/over the limit of 100,000 bytes \(ASSAY_MAX_OUTPUT_BYTES\)$/);
  });

  it("a run's output mapping over the limit fails the run", async () => {
    const run = await runOnce(server, {
      name: 'big output',
      steps: [
        { id: 'a', type: 'code', with: { code: "return 'q'.repeat(60000)", timeoutMs: 30000 } },
        { id: 'b', type: 'code', needs: ['a'], with: { code: "return 'r'.repeat(60000)", timeoutMs: 30000 } },
      ],
      output: { a: '{{ steps.a.output }}', b: '{{ steps.b.output }}' },
    });
    expect(run.status).toBe('failed');
    expect(run.error).toMatchObject({ code: 'output_too_large', stepId: null });
    expect(run.error.message).toMatch(
      /^output: the run's output is [\d,]+ bytes or more of JSON, over the limit of 100,000 bytes \(ASSAY_MAX_OUTPUT_BYTES\)$/,
    );
  });

  it('a config that templates blow up past the limit fails before the step runs', async () => {
    const run = await runOnce(server, {
      name: 'big config',
      steps: [
        { id: 'a', type: 'code', with: { code: "return 'q'.repeat(60000)", timeoutMs: 30000 } },
        { id: 'b', type: 'fail', needs: ['a'], with: { message: '{{ steps.a.output }}{{ steps.a.output }}' } },
      ],
    });
    expect(run.error).toMatchObject({ code: 'output_too_large', stepId: 'b' });
    expect(run.error.message).toMatch(/^steps\.b\.with: its config after templates is [\d,]+ bytes or more of JSON/);
  });

  it('outputs within the limit are stored as before', async () => {
    const run = await runOnce(server, {
      name: 'fits',
      steps: [{ id: 'ok', type: 'code', with: { code: "return 'x'.repeat(50000)", timeoutMs: 30000 } }],
    });
    expect(run.status).toBe('completed');
    expect(run.output).toHaveLength(50_000);
  });
});

/** Peak resident memory of a process (VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024;
}

describe('server memory stays bounded (a real `assay serve` process, default limits)', () => {
  let child: ChildServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'assay-rss-'));
    child = await startChildServer({ dataDir, port: await freePort(), env: await testDatabaseEnv(dataDir) });
  });
  afterAll(async () => {
    child?.process.kill('SIGKILL');
    await child?.exited();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a 60 MB string and a 2,000,000-element array from `code` steps fail without the server's memory following them", async () => {
    const wf = (
      await child.api('POST', '/v1/workflows', {
        name: 'memory',
        steps: [
          { id: 'string', type: 'code', with: { code: "return 'x'.repeat(60 * 1000 * 1000)", memoryMb: 256, timeoutMs: 30000 } },
          {
            id: 'array',
            type: 'code',
            needs: [],
            with: { code: 'return Array.from({ length: 2000000 }, (_, i) => i)', memoryMb: 256, timeoutMs: 30000 },
          },
        ],
      })
    ).body.data.id as string;
    const before = peakRssMiB(child.process.pid!);
    const runId = (await child.api('POST', `/v1/workflows/${wf}/runs`, { input: {} })).body.data.id as string;
    let run: any;
    const deadline = Date.now() + 240_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      run = (await child.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
    } while (!['completed', 'failed', 'cancelled'].includes(run.status) && Date.now() < deadline);
    expect(run.status).toBe('failed');
    const steps = Object.fromEntries(run.steps.map((s: any) => [s.id, s]));
    expect(steps.string.error?.code ?? run.error.code).toBe('output_too_large');
    expect(JSON.stringify(run).length).toBeLessThan(100_000);
    // The sandbox may use its own 256 MB; nothing of the result's size reaches the server's heap
    // (it used to grow by more than 800 MB and stay there).
    const grew = peakRssMiB(child.process.pid!) - before;
    expect(grew).toBeLessThan(450);
    expect((await fetch(`${child.url}/healthz`)).status).toBe(200);
  }, 300_000);
});
