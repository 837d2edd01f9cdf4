import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, startTestServer, type TestServer } from '../support/assay-server';
import { capture, installPythonClient, offlinePythonEnv } from '../support/python';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLIENT_DIR = path.join(ROOT, 'clients', 'python');

/**
 * The Python client (clients/python) as a user gets it: pip-installed offline into a fresh venv
 * that sees Debian's httpx and pytest, then its own pytest suite against a live server (workflows,
 * runs followed on the event stream and by polling, CSV and JSON batches with results, datasets,
 * events, typed errors; sync and async).
 */
describe('the Python client', () => {
  let server: TestServer;
  let workDir: string;
  let venvPython: Promise<string> | undefined;
  /** One venv for the file: installed by the first test that needs it. */
  const installed = () => (venvPython ??= installPythonClient(CLIENT_DIR, workDir));

  beforeAll(async () => {
    server = await startTestServer();
    workDir = mkdtempSync(path.join(tmpdir(), 'assay-python-client-'));
  });
  afterAll(async () => {
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('installs offline into a venv and passes its pytest suite against a live server', async () => {
    const python = await installed();

    const location = await capture(python, ['-c', 'import assay, os; print(os.path.dirname(assay.__file__))'], { env: offlinePythonEnv() });
    expect(location.code, location.output).toBe(0);
    // The suite must exercise the installed package (with its py.typed), not the source tree.
    expect(location.output.trim().startsWith(workDir)).toBe(true);

    const suite = await capture(python, ['-m', 'pytest', 'clients/python/tests', '-q', '-p', 'no:cacheprovider'], {
      cwd: ROOT,
      env: offlinePythonEnv({ ASSAY_URL: server.url, ASSAY_CLIENT_ID: CLIENT_ID, ASSAY_API_KEY: API_KEY }),
    });
    expect(suite.code, `pytest failed:\n${suite.output}`).toBe(0);
    expect(suite.output).toMatch(/\b\d+ passed\b/);
    expect(suite.output, suite.output).not.toMatch(/\b(skipped|failed|errors?)\b/);
  });

  it("type-checks strictly with Pyright (the package ships py.typed: its hints are its users' types)", async () => {
    const python = await installed();
    const pyright = path.join(ROOT, 'node_modules', '.bin', 'pyright');
    const checked = await capture(pyright, ['--pythonpath', python, '-p', CLIENT_DIR], { cwd: ROOT });
    expect(checked.code, `pyright found problems:\n${checked.output}`).toBe(0);
    expect(checked.output).toContain('0 errors');
  });

  it('fails every test, naming the variables, when no server is given', async () => {
    const python = await installed();
    const env = offlinePythonEnv();
    delete env.ASSAY_URL;
    delete env.ASSAY_CLIENT_ID;
    delete env.ASSAY_API_KEY;
    const suite = await capture(python, ['-m', 'pytest', 'clients/python/tests/test_workflows.py', '-q', '-p', 'no:cacheprovider'], {
      cwd: ROOT,
      env,
    });
    expect(suite.code).not.toBe(0);
    expect(suite.output).toContain('set ASSAY_URL, ASSAY_CLIENT_ID, ASSAY_API_KEY');
    expect(suite.output).not.toMatch(/\bskipped\b/);
  });
});
