import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAssay } from './cli-harness';

/** Each script is checked by its own shell: a missing one fails the suite, naming what to install. */
function requireShell(shell: string): void {
  if (spawnSync(shell, ['-c', 'exit 0']).status !== 0) throw new Error(`${shell} is missing: apt-get install ${shell} (.ci/run does)`);
}

describe('assay --version and shell completion', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-completion-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The script `assay completion <shell>` prints, saved to a file. */
  async function script(shell: string): Promise<string> {
    const result = await runAssay(['completion', shell]);
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(dir, `assay.${shell}`);
    writeFileSync(file, result.stdout);
    return file;
  }

  it("prints the package's version with --version and -V", async () => {
    const { version } = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../packages/cli/package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const result = await runAssay([flag]);
      expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it('prints a bash script that is valid and completes subcommands, options and option values', async () => {
    requireShell('bash');
    const file = await script('bash');
    execFileSync('bash', ['-n', file]);
    /** What completing the last word of `words` offers, from the sourced script. */
    const complete = (...words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _assay; printf '%s\\n' "\${COMPREPLY[@]}"`,
          'bash',
          file,
          ...words,
        ],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean);
    expect(complete('assay', '')).toEqual(expect.arrayContaining(['runs', 'datasets', 'credentials', 'endpoints', 'login', 'completion']));
    expect(complete('assay', 'runs', '')).toEqual(expect.arrayContaining(['create', 'cancel', 'retry', 'rerun', 'watch']));
    expect(complete('assay', 'runs', 'c')).toEqual(['create', 'cancel']);
    // Options of the subcommand, and the global ones, also after an option that takes a value.
    expect(complete('assay', '--url', 'http://x', 'runs', 'create', 'wf', '--')).toEqual(
      expect.arrayContaining(['--wait', '--input-file', '--metadata', '--json', '--profile', '--url']),
    );
    expect(complete('assay', 'runs', 'create', 'wf', '--')).not.toContain('--version');
    expect(complete('assay', 'keys', 'create', '--scope', '')).toEqual(['read', 'run', 'edit', 'admin']);
    expect(complete('assay', 'schedules', '')).toEqual(expect.arrayContaining(['list', 'get', 'create', 'enable', 'disable', 'delete']));
  });

  it('prints a zsh script that is valid zsh and lists the subcommands', async () => {
    const file = await script('zsh');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^#compdef assay\n/);
    for (const entry of ["'runs:", "'datasets:", "'cancel:", "'--skip-invalid:"]) expect(text).toContain(entry);
    requireShell('zsh');
    execFileSync('zsh', ['-n', file]);
  });

  it('prints a fish script that is valid fish and completes subcommands', async () => {
    const file = await script('fish');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("-a 'rerun'");
    requireShell('fish');
    execFileSync('fish', ['--no-execute', file]);
    const offered = (line: string) =>
      execFileSync('fish', ['-c', `source "$argv[1]"; complete -C "$argv[2]"`, file, line], { encoding: 'utf8' })
        .split('\n')
        .map((entry) => entry.split('\t')[0]);
    expect(offered('assay runs ')).toEqual(expect.arrayContaining(['create', 'cancel', 'retry', 'rerun']));
    expect(offered('assay keys create --scope ')).toEqual(expect.arrayContaining(['read', 'admin']));
  });

  it('refuses an unknown shell (exit 2)', async () => {
    const result = await runAssay(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bash, zsh, fish');
  });
});
