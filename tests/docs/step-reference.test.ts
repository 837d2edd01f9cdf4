import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StepDefinition } from '@assay/schema';
import { builtInSteps, createModelResolver, type ApprovalDesk } from '@assay/steps';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** docs/steps.md: the reference of every step type, generated from the step types and checked to be current. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = 'packages/steps/scripts/write-step-reference.ts';
const REFERENCE = path.join(ROOT, 'docs/steps.md');
// The workspace packages' `exports` send this condition to their TypeScript sources.
const NODE_ARGS = ['--conditions=@assay/source', '--import', 'tsx'];
const REGENERATE = `node ${NODE_ARGS.join(' ')} ${SCRIPT}`;

function writeReference(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...NODE_ARGS, SCRIPT, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The registry a process builds; the ports are never called, since nothing executes. */
function registry() {
  const never = async (): Promise<never> => {
    throw new Error('not called: the test only reads the step types');
  };
  const approvals: ApprovalDesk = { request: never, timeOut: never, mintLink: never };
  return builtInSteps({
    ai: createModelResolver({ compatible: {} }),
    httpAllow: [],
    mcpServers: { get: never },
    documents: { search: never },
    mcpStdio: false,
    sqliteRoot: '/nonexistent',
    datasets: { find: never },
    children: { start: never, get: never },
    signals: { get: never },
    approvals,
  });
}

/** Each `### `type`` section of the reference, with the YAML of its example. */
function sections(markdown: string): Map<string, string> {
  const byType = new Map<string, string>();
  for (const part of markdown.split(/^### /m).slice(1)) {
    const type = /^`([^`]+)`/.exec(part)?.[1];
    if (type) byType.set(type, part);
  }
  return byType;
}

describe('the step reference (docs/steps.md)', () => {
  let markdown: string;
  let scratch: string;
  beforeAll(async () => {
    markdown = await readFile(REFERENCE, 'utf8').catch(() => {
      throw new Error(`docs/steps.md is missing: generate it with \`${REGENERATE}\``);
    });
    scratch = await mkdtemp(path.join(tmpdir(), 'assay-step-reference-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('is what the generator renders from the step types now', async () => {
    const check = await writeReference('--check');
    // The generator's own message names the command that regenerates the file.
    expect(check.code, `${check.stderr}\n(regenerate with \`${REGENERATE}\`)`).toBe(0);
  });

  it('is reported stale, with the command to regenerate it, when it differs', async () => {
    const stale = path.join(scratch, 'steps.md');
    await writeFile(stale, markdown.replace('| `url`', '| `address`'));
    const check = await writeReference('--check', '--file', stale);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('differs from what the step types describe now');
    expect(check.stderr).toContain(REGENERATE);

    const written = await writeReference('--file', stale);
    expect(written.code, written.stderr).toBe(0);
    expect(await readFile(stale, 'utf8')).toBe(markdown);
  });

  it('has a section for every registered step type, listed in its contents', () => {
    const registered = registry()
      .list()
      .map((type) => type.type)
      .sort();
    expect([...sections(markdown).keys()].sort()).toEqual(registered);
    for (const type of registered) expect(markdown).toContain(`[\`${type}\`](#${type.replace(/\./g, '')})`);
  });

  it("shows in each section an example step that its type's config schema accepts", () => {
    const types = registry();
    for (const [type, section] of sections(markdown)) {
      const yaml = /\*\*Example\*\*:\n\n```yaml\n([\s\S]*?)```/.exec(section)?.[1];
      expect(yaml, `the section of ${type} has no YAML example`).toBeDefined();
      const step = StepDefinition.parse(parse(yaml as string));
      expect(step.type).toBe(type);
      const config = types.get(type)?.config.safeParse(step.with);
      expect(config?.success, `${type}: ${JSON.stringify(config?.error?.issues)}`).toBe(true);
    }
  });

  it('documents each config field of a type with its type, whether it is required, and its default', () => {
    const http = sections(markdown).get('http.request') ?? '';
    expect(http).toMatch(/\| `url` +\| string \(1–8,192 chars\) +\| yes +\| +\|/);
    expect(http).toMatch(/\| `timeoutMs` +\| integer \(1–300,000\) +\| no +\| `30000` +\| Time allowed/);
    expect(http).toMatch(/\| `status` +\| number +\|/);
  });
});
