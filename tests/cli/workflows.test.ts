import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { startTestServer, type TestServer } from '../support/assay-server';
import { cli, UPPER, type CliResult } from './cli-harness';

describe('assay workflows', () => {
  let server: TestServer;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-'));
  beforeAll(async () => {
    server = await startTestServer();
    assay = cli(server);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a YAML definition, exports it as JSON identically, and saves version 2 with --id', async () => {
    const file = path.join(dir, 'upper.yaml');
    writeFileSync(file, YAML.stringify(UPPER));
    const imported = await assay(['workflows', 'import', file, '--json']);
    expect(imported.code).toBe(0);
    const workflow = JSON.parse(imported.stdout);
    expect(workflow).toMatchObject({ name: 'Upper', version: 1 });

    const out = path.join(dir, 'exported.json');
    const exported = await assay(['workflows', 'export', workflow.id, '--format', 'json', '--output', out]);
    expect(exported.code).toBe(0);
    const definition = JSON.parse(readFileSync(out, 'utf8'));
    expect(definition).toMatchObject(UPPER);
    // The definition only: nothing of the workflow record around it.
    expect(Object.keys(definition).sort()).toEqual(['inputs', 'name', 'output', 'steps']);

    const again = await assay(['workflows', 'import', out, '--id', workflow.id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`saved ${workflow.id} "Upper" version 2`);
    const versions = await server.api('GET', `/v1/workflows/${workflow.id}/versions`);
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const listed = await assay(['workflows', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`${workflow.id}\\s+Upper\\s+2\\s+1`));
    const shown = await assay(['workflows', 'get', workflow.id]);
    expect(shown.stdout).toMatch(/up\s+transform/);
  });

  it('exports YAML to stdout by default, which imports again as a new workflow', async () => {
    const file = path.join(dir, 'upper.json');
    writeFileSync(file, JSON.stringify(UPPER));
    const first = JSON.parse((await assay(['workflows', 'import', file, '--json'])).stdout);
    const yaml = await assay(['workflows', 'export', first.id]);
    expect(yaml.code).toBe(0);
    expect(YAML.parse(yaml.stdout)).toMatchObject(UPPER);
    const copy = path.join(dir, 'copy.yaml');
    writeFileSync(copy, yaml.stdout);
    const second = await assay(['workflows', 'import', copy]);
    expect(second.stdout).toMatch(/^created [0-9a-f]{24} "Upper" version 1/);
  });

  it('names the offending field of an invalid definition (exit 1) and refuses an unreadable file (exit 2)', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, YAML.stringify({ name: 'Bad', steps: [{ id: 'x', type: 'transform' }], extra: true }));
    const invalid = await assay(['workflows', 'import', file]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^error: /);
    expect(invalid.stderr).toContain('extra');

    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'name: [\n');
    expect((await assay(['workflows', 'import', broken])).code).toBe(2);
    const missing = await assay(['workflows', 'import', path.join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
  });
});
