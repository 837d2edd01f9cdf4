import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { findPython } from '../support/python';

const run = promisify(execFile);

/**
 * The public API page Assay must stay wire-compatible with (shared/seed/automate-workflows.txt):
 * its curl commands and its Python polling loop, copied verbatim with only the base URL and the ids
 * changed and the polling interval shortened.
 */
describe('the seed page works unmodified against a local Assay', () => {
  let server: TestServer;
  let workflowId: string;
  const env = () => ({ ...process.env, METAL_CLIENT_ID: CLIENT_ID, METAL_API_KEY: API_KEY });

  // A fresh server seeds the demo under the page's own ids: only the host changes in its commands.
  beforeAll(async () => {
    server = await startTestServer({ ASSAY_DEMO: 'true' });
    workflowId = '665f1c2a9b1e4a0012a3b4c5';
  });
  afterAll(() => server.close());

  it('lists workflows with the first curl command', async () => {
    const { stdout } = await run(
      'bash',
      [
        '-c',
        `curl -s ${server.url}/v1/workflows \\
  -H "x-metal-client-id: $METAL_CLIENT_ID" \\
  -H "x-metal-api-key: $METAL_API_KEY"`,
      ],
      { env: env() },
    );
    const body = JSON.parse(stdout);
    expect(body.data.map((w: { id: string }) => w.id)).toContain(workflowId);
  });

  it('creates a run with the second curl command and answers at once with the run record', async () => {
    const { stdout } = await run(
      'bash',
      [
        '-c',
        `curl -X POST ${server.url}/v1/workflows/665f1c2a9b1e4a0012a3b4c5/runs \\
  -H "x-metal-client-id: $METAL_CLIENT_ID" \\
  -H "x-metal-api-key: $METAL_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{ "input": { "companyId": "665f1c2a9b1e4a0012a3b4c6" } }'`,
      ],
      { env: env() },
    );
    const body = JSON.parse(stdout);
    expect(body.data.id).toMatch(/^[0-9a-f]{24}$/);
    expect(body.data.workflowId).toBe(workflowId);
    expect(['queued', 'running', 'completed']).toContain(body.data.status);
  });

  it('starts a run from an external system with the third curl command (the demo trigger, verification none)', async () => {
    const { stdout } = await run('bash', [
      '-c',
      `curl -X POST ${server.url}/webhooks/workflows/your-workflow-slug \\
  -H "Content-Type: application/json" \\
  -d '{ "companyId": "665f1c2a9b1e4a0012a3b4c6" }'`,
    ]);
    const body = JSON.parse(stdout);
    expect(body.data).toMatchObject({ workflowId, trigger: 'webhook', input: { companyId: '665f1c2a9b1e4a0012a3b4c6' } });
    // Its memo renders a PDF: one step with no status change for a while on a busy core.
    const finished = await waitForRun(server, body.data.id, 180_000);
    expect(finished.output).toMatchObject({ company: 'Northwind Analytics' });
  });

  it('runs the Python run_workflow loop to a completed run with its output', async () => {
    const python = await findPython();
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-seed-'));
    const script = path.join(dir, 'seed.py');
    writeFileSync(
      script,
      `import os
import time
import requests

BASE = "${server.url}/v1"
headers = {
    "x-metal-client-id": os.environ["METAL_CLIENT_ID"],
    "x-metal-api-key": os.environ["METAL_API_KEY"],
    "Content-Type": "application/json",
}

def run_workflow(workflow_id, input_payload, interval=0.05, timeout=600):
    run = requests.post(
        f"{BASE}/workflows/{workflow_id}/runs",
        headers=headers,
        json={"input": input_payload},
    ).json()["data"]

    terminal = {"completed", "failed", "cancelled"}
    deadline = time.time() + timeout
    while time.time() < deadline:
        run = requests.get(f"{BASE}/workflow-runs/{run['id']}", headers=headers).json()["data"]
        if run["status"].lower() in terminal:
            return run
        time.sleep(interval)
    raise TimeoutError(f"Run {run['id']} did not finish in {timeout}s")

import json
print(json.dumps(run_workflow("665f1c2a9b1e4a0012a3b4c5", { "companyId": "665f1c2a9b1e4a0012a3b4c6" })))
`,
    );
    const { stdout } = await run(python, [script], { env: env() });
    const finished = JSON.parse(stdout);
    expect(finished.status).toBe('completed');
    expect(finished.output).toMatchObject({ company: 'Northwind Analytics', memo: `/v1/workflow-runs/${finished.id}/artifacts/memo.pdf` });
    expect(typeof finished.output.score).toBe('number');
    expect(finished.steps.map((s: { status: string }) => s.status)).toEqual([
      'completed',
      'completed',
      'completed',
      'skipped',
      'completed',
    ]);
    expect(finished.artifacts.map((a: { name: string }) => a.name).sort()).toEqual(['memo.md', 'memo.pdf']);
    const memo = await fetch(`${server.url}/v1/workflow-runs/${finished.id}/artifacts/memo.md`, { headers: server.headers }).then((r) =>
      r.text(),
    );
    expect(memo).toContain('# Northwind Analytics');
    expect(memo).toContain('Screen score');
  });
});
