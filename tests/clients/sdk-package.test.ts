import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, startTestServer, type TestServer } from '../support/assay-server';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const SDK = path.join(ROOT, 'packages/sdk');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

/**
 * `@assay/sdk` as someone outside this repository gets it: `npm pack`, installed from the tarball into
 * an empty project (no network), used from plain JavaScript against
 * a live server and from TypeScript with Node's own module resolution.
 */
describe('the @assay/sdk package', () => {
  let server: TestServer;
  let project: string;
  let files: string[];

  beforeAll(async () => {
    if (!existsSync(path.join(SDK, 'dist/index.d.ts')))
      throw new Error('packages/sdk/dist/index.d.ts is missing: run `npm run build` first');
    server = await startTestServer();
    project = mkdtempSync(path.join(tmpdir(), 'assay-sdk-package-'));
    const packed = JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', project], { cwd: SDK })).stdout) as [
      { filename: string; files: { path: string }[] },
    ];
    files = packed[0].files.map((file) => file.path);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'sdk-user', private: true, type: 'module' }));
    // Its dependencies are packed from the copies this checkout installed (the registry is never asked).
    const fromSdk = createRequire(path.join(SDK, 'package.json'));
    const manifest = JSON.parse(readFileSync(path.join(SDK, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const tarballs = [path.join(project, packed[0].filename)];
    for (const name of Object.keys(manifest.dependencies)) {
      const folder = path.dirname(fromSdk.resolve(`${name}/package.json`));
      const [dependency] = JSON.parse(
        (await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project, folder])).stdout,
      ) as [{ filename: string }];
      tarballs.push(path.join(project, dependency.filename));
    }
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs], { cwd: project });
  });
  afterAll(async () => {
    await server?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('ships built JavaScript and one declaration file, and depends on no private package', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files.filter((file) => file.startsWith('src/') || (file.endsWith('.ts') && file !== 'dist/index.d.ts'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules/@assay/sdk/package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.private).toBeUndefined();
    expect(Object.keys((manifest.dependencies ?? {}) as object).filter((name) => name.startsWith('@assay/'))).toEqual([]);
    expect(readdirSync(path.join(project, 'node_modules/@assay'))).toEqual(['sdk']);
  });

  it('runs a workflow, a batch and a refused request from plain JavaScript', async () => {
    writeFileSync(
      path.join(project, 'use.mjs'),
      `import { AssayClient, AssayApiError } from '@assay/sdk';
const assay = new AssayClient({ baseUrl: process.env.URL, clientId: process.env.CLIENT_ID, apiKey: process.env.API_KEY });
const workflow = await assay.workflows.create({
  name: 'Upper', inputs: { name: { type: 'string', required: true } },
  steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } }],
  output: { upper: '{{ steps.up.output }}' },
});
const run = await assay.runs.createAndWait(workflow.id, { input: { name: 'acme' } });
const batch = await assay.batches.createFromCsv(workflow.id, 'name\\nglobex\\ninitech\\n');
const finished = await assay.batches.waitFor(batch.id, { intervalMs: 100 });
let refused;
try { await assay.runs.create(workflow.id, { input: {} }); } catch (error) { refused = error instanceof AssayApiError && { code: error.code, fields: error.details.map((d) => d.path) }; }
console.log(JSON.stringify({ status: run.status, output: run.output, batch: finished.status, results: await assay.batches.results(finished.id, 'csv'), refused }));
`,
    );
    const { stdout } = await run(process.execPath, ['use.mjs'], {
      cwd: project,
      env: { ...process.env, URL: server.url, CLIENT_ID, API_KEY },
    });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      status: 'completed',
      output: { upper: 'ACME' },
      batch: 'completed',
      refused: { code: 'invalid_input' },
    });
    expect(String(result.results)).toContain('GLOBEX');
    expect((result.refused as { fields: string[] }).fields.join()).toContain('input.name');
  });

  it("type-checks the README's examples under Node's module resolution, and its types catch a mistake", async () => {
    const readme = readFileSync(path.join(SDK, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const imports = new Set<string>();
    const bodies = blocks.map((block, index) => {
      const lines = block.split('\n');
      for (const line of lines.filter((l) => l.startsWith('import '))) imports.add(line);
      return `export async function example${index}() {\n${lines.filter((l) => !l.startsWith('import ')).join('\n')}\n}`;
    });
    const source = [
      ...imports,
      "import type { AssayClient as Client } from '@assay/sdk';",
      'declare const assay: Client, workflowId: string, token: string;',
      'declare const process: { env: Record<string, string | undefined> };',
      ...bodies,
    ].join('\n');
    mkdirSync(path.join(project, 'ts'), { recursive: true });
    writeFileSync(path.join(project, 'ts/readme.ts'), source);
    const tsconfig = (file: string) => ({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2022', 'dom', 'dom.iterable'],
        strict: true,
        noEmit: true,
        types: [],
      },
      files: [file],
    });
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig('ts/readme.ts')));
    const checked = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project }).then(
      () => 'ok',
      (error: { stdout: string }) => error.stdout,
    );
    expect(checked).toBe('ok');

    writeFileSync(
      path.join(project, 'ts/mistake.ts'),
      "import { AssayClient } from '@assay/sdk';\nexport const status: number = (await new AssayClient({ baseUrl: '' }).runs.get('x')).status;\n",
    );
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig('ts/mistake.ts')));
    const mistake = await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project }).then(
      () => 'compiled',
      (error: { stdout: string }) => error.stdout,
    );
    expect(mistake).toMatch(/TS2322: Type '.+' is not assignable to type 'number'/);
  });
});
