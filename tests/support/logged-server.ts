import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, loadConfig, startAssay, type RunningAssay } from '@assay/runtime';
import { API_KEY, CLIENT_ID, request } from './assay-server';
import { createTestDatabase, databaseEnv, TEST_DB } from './test-database';

/** One line the process logger wrote, parsed (pino's JSON: `level`, `time`, `msg` and the fields). */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

/** A test server whose process logger writes into memory, so tests can read its lines. */
export interface LoggedServer {
  assay: RunningAssay;
  url: string;
  /** Every line written so far, as written. */
  text(): string;
  /** Every line written so far, parsed. */
  lines(): LogLine[];
  api(method: string, urlPath: string, body?: unknown, extraHeaders?: Record<string, string>): ReturnType<typeof request>;
  /** Stops the server (its shutdown lines are written), keeping what it logged readable. */
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

/**
 * Starts Assay in process on a fresh database (PostgreSQL with ASSAY_TEST_DB=postgres), logging at
 * `level` (`info` unless told) into memory.
 */
export async function startLoggedServer(env: Record<string, string> = {}, level: 'info' | 'debug' = 'info'): Promise<LoggedServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-logs-'));
  const database = TEST_DB === 'postgres' ? await createTestDatabase() : null;
  const written: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ASSAY_DATA_DIR: dataDir,
    ASSAY_CLIENT_ID: CLIENT_ID,
    ASSAY_API_KEY: API_KEY,
    ASSAY_DEMO: 'false',
    ASSAY_LOG_LEVEL: level,
    ...databaseEnv(database),
    ...env,
  });
  const assay = await startAssay(config, { logger: createLogger(level, sink) });
  const headers = { 'x-metal-client-id': CLIENT_ID, 'x-metal-api-key': API_KEY };
  const text = () => written.join('');
  return {
    assay,
    url: assay.url,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as LogLine),
    api: (method, urlPath, body, extraHeaders = {}) => request(assay.url, method, urlPath, { ...headers, ...extraHeaders }, body),
    stop: () => assay.close(),
    async close() {
      await assay.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
