import { RUN_STATUSES, type FieldChanges, type Run, type RunDiff, type RunStatus } from '@assay/schema';
import { AssayApiError, AssayConnectionError, AssayTimeoutError, TERMINAL_STATUSES } from '@assay/sdk';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { integer, parseJson, parseJsonObject, readText, seconds } from '../args';
import { clientFor, globals } from '../client';
import { apiFields } from '../flag-hints';
import { statusColour } from '../colour';
import { printJson, printJsonLine, printRecord, printTable } from '../output';

/** A run's fields, then a table of its steps. */
function printRun(run: Run): void {
  printRecord({
    id: run.id,
    workflow: `${run.workflowId} v${run.workflowVersion}`,
    status: run.status,
    created: run.createdAt,
    completed: run.completedAt,
    error: run.error ? `${run.error.stepId ? `${run.error.stepId}: ` : ''}${run.error.message}` : null,
    metadata:
      Object.entries(run.metadata ?? {})
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(' ') || null,
    output: run.output,
  });
  process.stdout.write('\n');
  printTable(
    run.steps.map((s) => ({ ...s, error: s.error?.message ?? null })),
    ['id', 'type', 'status', 'attempts', 'durationMs', 'error'],
  );
}

/** One value of a change, on one line: JSON, cut at 200 characters. */
function shown(value: unknown): string {
  const text = value === undefined ? '(none)' : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** `path: before → after` for each changed field, indented. */
function printChanges(fields: FieldChanges, indent: string): void {
  for (const change of fields.changes)
    process.stdout.write(`${indent}${change.path || '(whole value)'}: ${shown(change.before)} → ${shown(change.after)}\n`);
  if (fields.truncated) process.stdout.write(`${indent}… more changes (see --json)\n`);
}

/** A run comparison for people: the runs, then what changed in the run, each step and each document. */
function printDiff(diff: RunDiff): void {
  const sides = { a: diff.a, b: diff.b };
  for (const [label, side] of Object.entries(sides))
    process.stdout.write(`run ${label}  ${side.id}  ${side.workflowId} v${side.workflowVersion}  ${side.status}\n`);
  if (diff.identical) {
    process.stdout.write('\nno differences\n');
    return;
  }
  if (diff.statusChanged) process.stdout.write(`\nstatus: ${diff.a.status} → ${diff.b.status}\n`);
  const values = { input: diff.input, output: diff.output };
  for (const [label, fields] of Object.entries(values)) {
    if (fields.changes.length === 0 && !fields.truncated) continue;
    process.stdout.write(`\n${label}\n`);
    printChanges(fields, '  ');
  }
  for (const step of diff.steps) {
    if (step.change === 'unchanged') continue;
    const was = step.before;
    const is = step.after;
    let what: string = step.change;
    if (was && is) {
      const notes = [
        was.type !== is.type ? `type ${was.type} → ${is.type}` : null,
        was.status !== is.status ? `${was.status} → ${is.status}` : null,
        was.error !== is.error ? `error ${shown(was.error)} → ${shown(is.error)}` : null,
      ].filter(Boolean);
      if (notes.length) what += `: ${notes.join(', ')}`;
    } else {
      const only = (was ?? is)!;
      what += `: ${only.type}, ${only.status}`;
    }
    process.stdout.write(`\nstep ${step.id} (${what})\n`);
    printChanges(step.output, '  ');
  }
  for (const document of diff.documents) {
    if (document.change === 'unchanged') continue;
    const sizes = document.before && document.after ? `: ${document.before.bytes} → ${document.after.bytes} bytes` : '';
    const how = document.comparedBy === 'hash' && document.change === 'changed' ? ', SHA-256 differs' : '';
    process.stdout.write(`\ndocument ${document.name} (${document.change}${sizes}${how})\n`);
    if (document.patch) process.stdout.write(document.patch.endsWith('\n') ? document.patch : `${document.patch}\n`);
    if (document.patchTruncated) process.stdout.write('… the patch stops here (about 200 KB)\n');
  }
  if (diff.documentsTruncated) process.stdout.write('\n… only the first 50 documents were compared\n');
}

/** `--status completed,failed`, checked before anything is sent. */
function statuses(value: string): RunStatus[] {
  const list = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = list.filter((s) => !(RUN_STATUSES as readonly string[]).includes(s));
  if (unknown.length || !list.length)
    throw new InvalidArgumentError(`expected one or more of ${RUN_STATUSES.join(', ')} (comma-separated).`);
  return list as RunStatus[];
}

/** `--metadata key=value`, repeatable: the pairs collected into one object (values as strings). */
function metadataPair(value: string, previous?: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected key=value.');
  const key = value.slice(0, at);
  if (previous && Object.hasOwn(previous, key)) throw new InvalidArgumentError(`"${key}" given twice.`);
  return { ...previous, [key]: value.slice(at + 1) };
}

/** `--version 3` or `--version current` for a rerun. */
function rerunVersion(value: string): number | 'current' {
  if (value === 'current') return value;
  try {
    return integer(1)(value);
  } catch {
    throw new InvalidArgumentError('expected a workflow version number ≥ 1, or "current".');
  }
}

/** A run that ended without completing: `runs create --wait` and `runs watch` exit 1 for it. */
function endedBadly(run: Run): boolean {
  return run.status === 'failed' || run.status === 'cancelled';
}

/** `assay runs create|get|list|signal|diff|watch|cancel|retry|rerun`. */
export function registerRunCommands(program: Command): void {
  const runs = program.command('runs').description('create, read, list, compare, watch, cancel, retry and rerun runs');

  runs
    .command('create <workflowId>')
    .description("start a run of the workflow's current version (with --wait: print it once finished)")
    .addOption(new Option('--input <json>', 'the run input as a JSON object').conflicts('inputFile'))
    .option('--input-file <file>', 'read the input (a JSON object) from a file')
    .option('--wait <seconds>', 'wait up to this many seconds for the run to finish (exit 1 if it fails or is cancelled)', seconds)
    .option('--idempotency-key <key>', 'a repeated key returns the original run instead of starting another')
    .option('--metadata <key=value>', 'your own key kept beside the run, filterable in `runs list` (repeatable)', metadataPair)
    .action(
      async (
        workflowId: string,
        options: { input?: string; inputFile?: string; wait?: number; idempotencyKey?: string; metadata?: Record<string, string> },
        command: Command,
      ) => {
        const input =
          options.inputFile !== undefined
            ? parseJsonObject(await readText(options.inputFile), options.inputFile)
            : options.input !== undefined
              ? parseJsonObject(options.input, '--input')
              : {};
        const client = clientFor(command);
        const body = { input, idempotencyKey: options.idempotencyKey, metadata: options.metadata };
        let run: Run;
        if (options.wait) {
          // The server holds its answer for at most 60 s; longer waits go on by polling.
          run = await client.runs
            .createAndWait(workflowId, { ...body, wait: options.wait }, { timeoutMs: options.wait * 1000, intervalMs: 500 })
            .catch((error: unknown) => {
              if (error instanceof AssayTimeoutError) return error.run;
              throw error;
            });
        } else {
          run = await client.runs.create(workflowId, body);
        }
        // A script waiting for the run learns how it ended from the exit code; the run is shown either way.
        if (options.wait && endedBadly(run)) process.exitCode = 1;
        if (globals(command).json) return printJson(run);
        printRun(run);
      },
    );

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
    .option('--status <status>', `only runs in these statuses, comma-separated (${RUN_STATUSES.join(', ')})`, statuses)
    .option('--metadata <key=value>', 'only runs whose metadata has this value (repeatable: all must match)', metadataPair)
    .option('--limit <n>', 'how many (1-1000)', integer(1, 1000), 50)
    .action(
      async (options: { workflow?: string; status?: RunStatus[]; metadata?: Record<string, string>; limit: number }, command: Command) => {
        const page = await clientFor(command).runs.list({
          workflowId: options.workflow,
          status: options.status,
          metadata: options.metadata,
          limit: options.limit,
        });
        if (globals(command).json) return printJson(page.data);
        printTable(page.data, ['id', 'workflowId', 'status', 'trigger', 'createdAt', 'completedAt']);
      },
    );

  runs
    .command('signal <id> <name>')
    .description("send a run the signal its wait.signal step of that name waits for (the payload becomes the step's output)")
    .addOption(new Option('--payload <json>', 'the payload, JSON (default null)').conflicts('payloadFile'))
    .option('--payload-file <file>', 'read the payload (JSON) from a file')
    .action(async (id: string, name: string, options: { payload?: string; payloadFile?: string }, command: Command) => {
      const text = options.payloadFile !== undefined ? await readText(options.payloadFile) : options.payload;
      const payload = text === undefined ? null : parseJson(text, options.payloadFile ?? '--payload');
      const sent = await clientFor(command).runs.signal(id, name, payload);
      if (globals(command).json) return printJson(sent);
      process.stdout.write(`sent "${sent.name}" to run ${sent.runId}\n`);
    });

  runs
    .command('diff <a> <b>')
    .description('compare two runs (e.g. the same input on two versions): changed fields, per step, and documents as unified diffs')
    .action(async (a: string, b: string, _options: unknown, command: Command) => {
      const diff = await clientFor(command).runs.diff(a, b);
      if (globals(command).json) return printJson(diff);
      printDiff(diff);
    });

  runs
    .command('cancel <id>')
    .description('cancel a queued, running or waiting run (the step in flight is aborted)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const run = await clientFor(command).runs.cancel(id);
      if (globals(command).json) return printJson(run);
      process.stdout.write(`run ${run.id} ${statusColour(run.status)}\n`);
    });

  runs
    .command('retry <id>')
    .description("resume a failed or cancelled run from the step that failed, keeping completed steps' outputs")
    .action(async (id: string, _options: unknown, command: Command) => {
      const run = await clientFor(command).runs.retry(id);
      if (globals(command).json) return printJson(run);
      printRun(run);
    });

  // Not `--version`: that is the program's own flag, wherever it is typed.
  apiFields(
    runs
      .command('rerun <id>')
      .description("start a new run with a finished run's input (on the original's version unless --workflow-version says otherwise)")
      .option('--workflow-version <n>', 'the workflow version to run: a number, or "current"', rerunVersion)
      .action(async (id: string, options: { workflowVersion?: number | 'current' }, command: Command) => {
        const run = await clientFor(command).runs.rerun(id, { version: options.workflowVersion });
        if (globals(command).json) return printJson(run);
        printRun(run);
      }),
    { version: '--workflow-version' },
  );

  runs
    .command('watch <id>')
    .description('follow a run live, printing each step and run event, until it finishes (exit 0 if completed, 1 if failed or cancelled)')
    .option('--interval <ms>', 'polling interval in milliseconds, when the event stream cannot be used', integer(10), 500)
    .option('--timeout <seconds>', 'give up (exit 1) after this long (default: never)', seconds)
    .action(async (id: string, options: { interval: number; timeout?: number }, command: Command) => {
      const json = globals(command).json;
      const client = clientFor(command);
      // Each line carries the time the event happened (its own timestamp), not the time it was printed:
      // the history replayed at the start, or a stream read late, must not all show "now".
      const print = (at: string, name: string, status: string, attempts: number) =>
        process.stdout.write(`${at}  ${name.padEnd(20)} ${statusColour(status)}${attempts > 1 ? ` (attempt ${attempts})` : ''}\n`);
      const timeoutMs = options.timeout === undefined ? Infinity : options.timeout * 1000;
      let run: Run;
      try {
        // The run's event stream: its history first, then each event as it happens.
        const signal = Number.isFinite(timeoutMs) ? AbortSignal.timeout(timeoutMs) : undefined;
        for await (const event of client.runs.events(id, { signal })) {
          if (json) printJsonLine(event);
          else if (event.stepId) print(event.createdAt, event.stepId, String(event.data.status), Number(event.data.attempt ?? 0));
          else if (!event.type.startsWith('batch.')) print(event.createdAt, '(run)', String(event.data.status), 0);
        }
        run = await client.runs.get(id);
        if (!TERMINAL_STATUSES.has(run.status)) throw new AssayTimeoutError(run, timeoutMs);
      } catch (error) {
        if (error instanceof AssayApiError || error instanceof AssayConnectionError || error instanceof AssayTimeoutError) throw error;
        // No usable event stream (e.g. a proxy that buffers it): poll instead.
        run = await pollRun(client, id, { intervalMs: options.interval, timeoutMs, json: Boolean(json), print });
      }
      if (json) printJsonLine(run);
      else process.stdout.write(`run ${run.id} ${statusColour(run.status)}${run.error ? `: ${run.error.message}` : ''}\n`);
      if (run.status !== 'completed') process.exitCode = 1;
    });
}

/** `runs watch` without an event stream: polls and prints each step status change. */
async function pollRun(
  client: ReturnType<typeof clientFor>,
  id: string,
  options: {
    intervalMs: number;
    timeoutMs: number;
    json: boolean;
    print(at: string, name: string, status: string, attempts: number): void;
  },
): Promise<Run> {
  const seen = new Map<string, string>();
  let runStatus = '';
  return client.runs.poll(id, {
    intervalMs: options.intervalMs,
    timeoutMs: options.timeoutMs,
    onChange: (current) => {
      if (current.status !== runStatus && !TERMINAL_STATUSES.has(current.status)) {
        if (options.json) printJsonLine({ type: `run.${current.status}`, runId: id, data: { status: current.status } });
        // Polling sees states, not events: the time is the state's own (when it started), else when it was seen.
        else options.print(current.startedAt ?? current.createdAt, '(run)', current.status, 0);
      }
      runStatus = current.status;
      for (const step of current.steps) {
        const state = `${step.status}/${step.attempts}`;
        if (seen.get(step.id) === state) continue;
        // Steps not reached yet are not news: print them once they move.
        if (!seen.has(step.id) && step.status === 'pending' && step.attempts === 0) continue;
        seen.set(step.id, state);
        if (options.json)
          printJsonLine({ type: `step.${step.status}`, runId: id, stepId: step.id, data: { status: step.status, attempt: step.attempts } });
        else options.print(step.completedAt ?? step.startedAt ?? new Date().toISOString(), step.id, step.status, step.attempts);
      }
    },
  });
}
