import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Batch } from '@assay/schema';
import type { AssayClient, ResultsFormat } from '@assay/sdk';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { integer, readText } from '../args';
import { clientFor, globals, UsageError } from '../client';
import { printJson, printRecord } from '../output';

/** Without a terminal, the progress line is printed at most this often. */
const PLAIN_PROGRESS_EVERY_MS = 3000;

/** `--priority`, a whole number from -100 to 100. */
function priority(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < -100 || n > 100)
    throw new InvalidArgumentError('expected a whole number from -100 to 100.');
  return n;
}

const finished = (b: Batch) => b.counts.completed + b.counts.failed + b.counts.cancelled;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${s}s`;
}

/** One line about a batch: a bar, done/total, failures, rate and time left. */
export function progressLine(batch: Batch): string {
  const done = finished(batch);
  const width = 20;
  const filled = Math.round(batch.progress * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const left = batch.total - done;
  const eta = batch.completedAt ? 'done' : batch.throughput > 0 ? `ETA ${duration(left / batch.throughput)}` : 'ETA ?';
  const problems = [batch.counts.failed && `${batch.counts.failed} failed`, batch.counts.cancelled && `${batch.counts.cancelled} cancelled`]
    .filter(Boolean)
    .join(', ');
  return `[${bar}] ${String(Math.floor(batch.progress * 100)).padStart(3)}% ${done}/${batch.total} done${problems ? ` (${problems})` : ''}  ${batch.throughput.toFixed(1)} runs/s  ${eta}`;
}

/**
 * The live progress on stderr: redrawn in place on a terminal, else a line every few seconds (logs
 * and CI keep a readable history), and always the final state.
 */
function progressReporter(): { update(batch: Batch): void; end(batch: Batch): void } {
  const tty = process.stderr.isTTY === true;
  let lastPrinted = 0;
  return {
    update(batch) {
      if (tty) {
        process.stderr.write(`\r${progressLine(batch)}\x1b[K`);
      } else if (Date.now() - lastPrinted >= PLAIN_PROGRESS_EVERY_MS) {
        lastPrinted = Date.now();
        process.stderr.write(`${progressLine(batch)}\n`);
      }
    },
    end(batch) {
      process.stderr.write(tty ? `\r${progressLine(batch)}\x1b[K\n` : `${progressLine(batch)}\n`);
    },
  };
}

/** The closing line, and exit code 1 when any run did not complete. */
function summarize(batch: Batch): void {
  const { completed, failed, cancelled } = batch.counts;
  const skipped = batch.invalidCount ? `, ${batch.invalidCount} invalid rows skipped` : '';
  process.stderr.write(
    `batch ${batch.id} ${batch.status}: ${completed} completed, ${failed} failed, ${cancelled} cancelled of ${batch.total}${skipped}\n`,
  );
  if (failed > 0 || cancelled > 0) process.exitCode = 1;
}

/** Follows a batch with the progress line until every run of it finished. */
async function follow(client: AssayClient, id: string, intervalMs: number): Promise<Batch> {
  const progress = progressReporter();
  const batch = await client.batches.waitFor(id, { intervalMs, onProgress: (b) => (b.completedAt ? undefined : progress.update(b)) });
  progress.end(batch);
  return batch;
}

/** Writes the results to a file, or to stdout without one. */
async function writeResults(client: AssayClient, id: string, format: ResultsFormat, out: string | undefined): Promise<void> {
  const body = Readable.fromWeb((await client.batches.resultsStream(id, format)) as WebReadableStream<Uint8Array>);
  if (out) {
    await pipeline(body, createWriteStream(out));
    process.stderr.write(`results written to ${out}\n`);
  } else {
    // stdout is not ended: the summary and the exit follow.
    await pipeline(
      body,
      new Writable({
        write: (chunk: Buffer, _encoding, done) => (process.stdout.write(chunk) ? done() : process.stdout.once('drain', () => done())),
      }),
    );
  }
}

function printBatch(batch: Batch): void {
  printRecord({
    id: batch.id,
    workflow: `${batch.workflowId} v${batch.workflowVersion}`,
    status: batch.status,
    source: batch.source,
    progress: progressLine(batch),
    runs: Object.entries(batch.counts)
      .map(([status, n]) => `${status} ${n}`)
      .join(', '),
    invalid: batch.invalidCount || null,
    concurrency: batch.concurrency,
    priority: batch.priority,
    created: batch.createdAt,
    started: batch.startedAt,
    finished: batch.completedAt,
  });
  for (const row of batch.invalid.slice(0, 20)) process.stdout.write(`  row ${row.row} ${row.field}: ${row.reason}\n`);
}

const formatOption = () => new Option('--format <format>', 'results format').choices(['csv', 'jsonl']).default('csv');
const intervalOption = () => new Option('--interval <ms>', 'how often to read the progress').argParser(integer(100)).default(1000);

/**
 * `assay batch run|watch|get|results|cancel`. `run` and `watch` exit 0 once the batch finished with
 * every run completed, 1 when any run failed or was cancelled (the results are written either way).
 */
export function registerBatchCommands(program: Command): void {
  const batch = program.command('batch').description('run a workflow over a list (a CSV file), follow it and export its results');

  batch
    .command('run <workflowId>')
    .description('run the workflow once per CSV row, show live progress on stderr, then write the results (exit 1 if any run failed)')
    .requiredOption('--csv <file>', 'the rows: a header naming the inputs, then one row per run')
    .option('--out <file>', 'write the results here (default: stdout)')
    .addOption(formatOption())
    .option('--concurrency <n>', 'run at most this many at once', integer(1, 10_000))
    .option('--priority <n>', 'priority of the runs, -100..100 (default 0)', priority)
    .option('--skip-invalid', 'run the valid rows and report the invalid ones, instead of refusing the file')
    .addOption(intervalOption())
    .action(
      async (
        workflowId: string,
        options: {
          csv: string;
          out?: string;
          format: ResultsFormat;
          concurrency?: number;
          priority?: number;
          skipInvalid?: boolean;
          interval: number;
        },
        command: Command,
      ) => {
        const csv = await readText(options.csv);
        if (!csv.trim()) throw new UsageError(`${options.csv} is empty`);
        const client = clientFor(command);
        const created = await client.batches.createFromCsv(workflowId, csv, {
          concurrency: options.concurrency,
          priority: options.priority,
          skipInvalid: options.skipInvalid,
        });
        process.stderr.write(
          `batch ${created.id}: ${created.total} runs${created.invalidCount ? ` (${created.invalidCount} invalid rows skipped)` : ''}\n`,
        );
        for (const row of created.invalid.slice(0, 20)) process.stderr.write(`  skipped row ${row.row} ${row.field}: ${row.reason}\n`);
        const done = await follow(client, created.id, options.interval);
        if (options.out || !globals(command).json) await writeResults(client, done.id, options.format, options.out);
        if (globals(command).json) printJson(done);
        summarize(done);
      },
    );

  batch
    .command('watch <id>')
    .description('follow a batch with a live progress line until it finishes (exit 1 if any run failed)')
    .addOption(intervalOption())
    .action(async (id: string, options: { interval: number }, command: Command) => {
      const done = await follow(clientFor(command), id, options.interval);
      if (globals(command).json) printJson(done);
      summarize(done);
    });

  batch
    .command('get <id>')
    .description('show a batch: counts per status, progress, times')
    .action(async (id: string, _options: unknown, command: Command) => {
      const found = await clientFor(command).batches.get(id);
      if (globals(command).json) return printJson(found);
      printBatch(found);
    });

  batch
    .command('results <id>')
    .description("write a batch's results (one line per run, in input order)")
    .option('--out <file>', 'write the results here (default: stdout)')
    .addOption(formatOption())
    .action(async (id: string, options: { out?: string; format: ResultsFormat }, command: Command) => {
      await writeResults(clientFor(command), id, options.format, options.out);
    });

  batch
    .command('cancel <id>')
    .description("cancel a batch's queued and waiting runs (running ones finish)")
    .action(async (id: string, _options: unknown, command: Command) => {
      const cancelled = await clientFor(command).batches.cancel(id);
      if (globals(command).json) return printJson(cancelled);
      process.stdout.write(
        `batch ${cancelled.id} cancelled: ${cancelled.counts.cancelled} runs cancelled, ${cancelled.counts.running + cancelled.counts.waiting} still finishing\n`,
      );
    });
}
