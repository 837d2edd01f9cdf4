import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger, loadConfig, startAssay, type RunningAssay } from '@assay/runtime';
import { untilDone } from './progress';
import { createTestDatabase, databaseEnv, TEST_DB, type TestDatabase } from './test-database';

/** An Assay server started in this process on a fresh database (SQLite, or PostgreSQL with ASSAY_TEST_DB=postgres), with a known admin key. */
export interface TestServer {
  assay: RunningAssay;
  url: string;
  headers: Record<string, string>;
  /** fetch against the server with the admin key's headers (JSON body when given). */
  api(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export const CLIENT_ID = 'test-client';
export const API_KEY = 'test-secret-0123456789abcdef';

/** Starts Assay in process. `env` overrides settings (e.g. ASSAY_BODY_LIMIT). */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-test-'));
  const server = await startTestServerIn(dataDir, env);
  return {
    ...server,
    async close() {
      await server.close();
      await databases.get(dataDir)?.drop();
      databases.delete(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** On PostgreSQL, the database of each data directory (a restart on the directory finds its data). */
const databases = new Map<string, TestDatabase>();

/** The database settings for a data directory: its own PostgreSQL database, created on first use. */
export async function testDatabaseEnv(dataDir: string): Promise<Record<string, string>> {
  if (TEST_DB !== 'postgres') return {};
  let database = databases.get(dataDir);
  if (!database) {
    database = await createTestDatabase();
    databases.set(dataDir, database);
  }
  return databaseEnv(database);
}

/** Starts Assay on an existing data directory and leaves it in place on close (to restart on it). */
export async function startTestServerIn(dataDir: string, env: Record<string, string> = {}): Promise<TestServer> {
  const database = await testDatabaseEnv(dataDir);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ASSAY_DATA_DIR: dataDir,
    ASSAY_CLIENT_ID: CLIENT_ID,
    ASSAY_API_KEY: API_KEY,
    ASSAY_LOG_LEVEL: 'silent',
    ASSAY_DEMO: 'false',
    ...database,
    ...env,
  });
  const assay = await startAssay(config, { logger: createLogger(config.logLevel) });
  const headers = { 'x-metal-client-id': CLIENT_ID, 'x-metal-api-key': API_KEY };
  return {
    assay,
    url: assay.url,
    headers,
    api: (method, urlPath, body, extraHeaders = {}) => request(assay.url, method, urlPath, { ...headers, ...extraHeaders }, body),
    close: () => assay.close(),
  };
}

/** One HTTP request; the body is parsed as JSON when it is JSON. */
export async function request(
  base: string,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: any; headers: Headers }> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const response = await fetch(base + urlPath, init);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

/**
 * Polls a run until it is terminal and returns it. It fails only when the run shows no progress (its
 * status, or a step's status or attempts) for `stallMs`: a slow machine is not a failure.
 */
export async function waitForRun(server: TestServer, runId: string, stallMs = 30_000): Promise<any> {
  return untilDone(
    async () => {
      const { body } = await server.api('GET', `/v1/workflow-runs/${runId}`);
      const run = body.data;
      const done = ['completed', 'failed', 'cancelled'].includes(run?.status) ? run : null;
      return {
        done,
        progress: [
          run?.status,
          ...(run?.steps ?? []).map((s: { id: string; status: string; attempts: number }) => `${s.id}:${s.status}:${s.attempts}`),
        ],
      };
    },
    { what: `run ${runId}`, stallMs, intervalMs: 20 },
  );
}

/** Creates a workflow and returns its id. */
export async function createWorkflow(server: TestServer, definition: unknown): Promise<string> {
  const { status, body } = await server.api('POST', '/v1/workflows', definition);
  if (status !== 201) throw new Error(`workflow not created: ${status} ${JSON.stringify(body)}`);
  return body.data.id as string;
}
