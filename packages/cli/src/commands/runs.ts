import { readFile } from 'node:fs/promises';
import type { Run } from '@assay/schema';
import type { Command } from 'commander';
import { clientFor, globals, UsageError } from '../client';
import { printJson, printRecord, printTable } from '../output';

function parseInput(text: string, source: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${source} must be a JSON object`);
  return value as Record<string, unknown>;
}

function printRun(run: Run): void {
  printRecord({ id: run.id, workflow: `${run.workflowId} v${run.workflowVersion}`, status: run.status, created: run.createdAt, completed: run.completedAt, error: run.error?.message ?? null, output: run.output });
  process.stdout.write('\n');
  printTable(run.steps, ['id', 'type', 'status', 'attempts', 'durationMs']);
}

/** `assay runs create|get|list|watch`. */
export function registerRunCommands(program: Command): void {
  const runs = program.command('runs').description('create, read, list and watch runs');

  runs
    .command('create <workflowId>')
    .description('start a run')
    .option('--input <json>', 'the run input as a JSON object')
    .option('--input-file <file>', 'read the input from a JSON file')
    .option('--wait <seconds>', 'wait up to this many seconds (at most 60) for the run to finish', Number)
    .option('--idempotency-key <key>', 'a repeated key returns the original run')
    .action(async (workflowId: string, options: { input?: string; inputFile?: string; wait?: number; idempotencyKey?: string }, command: Command) => {
      const input = options.inputFile ? parseInput(await readFile(options.inputFile, 'utf8'), options.inputFile) : options.input ? parseInput(options.input, '--input') : {};
      const run = await clientFor(command).runs.create(workflowId, { input, wait: options.wait, idempotencyKey: options.idempotencyKey });
      if (globals(command).json) return printJson(run);
      printRun(run);
    });

  runs
    .command('get <id>')
    .description('show a run with its steps')
    .action(async (id: string, _options: unknown, command: Command) => {
      const run = await clientFor(command).runs.get(id);
      if (globals(command).json) return printJson(run);
      printRun(run);
    });

  runs
    .command('list')
    .description('list runs, newest first')
    .option('--workflow <id>', "only this workflow's runs")
    .option('--status <status>', 'only runs in these statuses (comma-separated)')
    .option('--limit <n>', 'how many', Number, 50)
    .action(async (options: { workflow?: string; status?: string; limit: number }, command: Command) => {
      const page = await clientFor(command).runs.list({ workflowId: options.workflow, status: options.status, limit: options.limit });
      if (globals(command).json) return printJson(page.data);
      printTable(page.data, ['id', 'workflowId', 'status', 'trigger', 'createdAt', 'completedAt']);
    });

  runs
    .command('watch <id>')
    .description('follow a run until it finishes (exit 0 if completed, 1 otherwise)')
    .option('--interval <ms>', 'polling interval', Number, 500)
    .action(async (id: string, options: { interval: number }, command: Command) => {
      const json = globals(command).json;
      const seen = new Map<string, string>();
      const run = await clientFor(command).runs.waitFor(id, {
        intervalMs: options.interval,
        onChange: (current) => {
          for (const step of current.steps) {
            const state = `${step.status}/${step.attempts}`;
            if (seen.get(step.id) === state) continue;
            seen.set(step.id, state);
            if (json) printJson({ event: 'step', runId: id, step: step.id, status: step.status, attempts: step.attempts });
            else process.stdout.write(`${new Date().toISOString()}  ${step.id.padEnd(20)} ${step.status}${step.attempts > 1 ? ` (attempt ${step.attempts})` : ''}\n`);
          }
        },
      });
      if (json) printJson(run);
      else process.stdout.write(`run ${run.id} ${run.status}${run.error ? `: ${run.error.message}` : ''}\n`);
      if (run.status !== 'completed') process.exitCode = 1;
    });
}
