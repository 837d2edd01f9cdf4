import path from 'node:path';
import type { CreateDatasetJson, Dataset } from '@assay/schema';
import { Option, type Command } from 'commander';
import { integer, parseJson, readText } from '../args';
import { clientFor, globals, UsageError } from '../client';
import { apiFields } from '../flag-hints';
import { printJson, printRecord, printTable } from '../output';

type FileFormat = 'csv' | 'json';

/** `--keys id,domain`: the columns looked up by. */
function keyList(value: string): string[] {
  return value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}

/** The format a file's extension says, for `--format auto`. */
function formatOf(file: string, format: FileFormat | 'auto'): FileFormat {
  if (format !== 'auto') return format;
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.json') return 'json';
  throw new UsageError(`cannot tell the format of ${file} from its name: give --format csv or --format json`);
}

/**
 * The body of a JSON upload: the file holds the rows (an array of objects), or a whole dataset
 * (`{ "rows": [...], "columns": {...}, "keys": [...] }`); the flags win over the file's fields.
 */
function jsonBody(text: string, file: string, flags: { name?: string; keys?: string[]; description?: string }): CreateDatasetJson {
  const value = parseJson(text, file);
  const fromFile: Partial<CreateDatasetJson> = Array.isArray(value)
    ? { rows: value as CreateDatasetJson['rows'] }
    : value !== null && typeof value === 'object'
      ? (value as Partial<CreateDatasetJson>)
      : (() => {
          throw new UsageError(`${file} must hold an array of rows or a dataset object`);
        })();
  const name = flags.name ?? fromFile.name ?? path.basename(file, path.extname(file));
  return {
    ...fromFile,
    name,
    ...(flags.keys ? { keys: flags.keys } : {}),
    ...(flags.description !== undefined ? { description: flags.description } : {}),
  };
}

function printDataset(dataset: Dataset): void {
  printRecord({
    id: dataset.id,
    name: dataset.name,
    description: dataset.description,
    rows: dataset.rowCount,
    keys: dataset.keys.join(', ') || null,
    columns: Object.entries(dataset.columns)
      .map(([column, type]) => `${column}:${type}`)
      .join(' '),
    created: dataset.createdAt,
    updated: dataset.updatedAt,
  });
}

/** `assay datasets list|get|create|delete`: tables for lookup steps and batches. */
export function registerDatasetCommands(program: Command): void {
  const datasets = program.command('datasets').description('list, read, create (from CSV or JSON) and delete datasets');

  datasets
    .command('list')
    .description("list the workspace's datasets")
    .action(async (_options: unknown, command: Command) => {
      const page = await clientFor(command).datasets.list({ limit: 1000 });
      if (globals(command).json) return printJson(page.data);
      printTable(
        page.data.map((d) => ({ ...d, rows: d.rowCount, keys: d.keys.join(',') || null })),
        ['id', 'name', 'rows', 'keys', 'updatedAt'],
      );
    });

  datasets
    .command('get <id>')
    .description('show a dataset: its columns and keys, then its first rows')
    .option('--rows <n>', 'how many rows to show (0-1000)', integer(0, 1000), 20)
    .action(async (id: string, options: { rows: number }, command: Command) => {
      const client = clientFor(command);
      const dataset = await client.datasets.get(id);
      const rows = options.rows > 0 ? await client.datasets.rows(id, { limit: options.rows }) : [];
      if (globals(command).json) return printJson({ ...dataset, rows });
      printDataset(dataset);
      if (options.rows === 0) return;
      process.stdout.write('\n');
      printTable(rows, Object.keys(dataset.columns));
      if (dataset.rowCount > rows.length) process.stdout.write(`… ${dataset.rowCount - rows.length} more rows (--rows, or --json)\n`);
    });

  apiFields(
    datasets
      .command('create <file>')
      .description('create a dataset from a CSV file (a header row, types inferred) or a JSON file (an array of rows, or a dataset object)')
      .option('--name <name>', "the dataset's name (default: the file's name without its extension)")
      .option('--keys <columns>', 'columns looked up by, comma-separated (default: id-like columns)', keyList)
      .option('--description <text>', 'what the dataset holds')
      .addOption(
        new Option('--format <format>', 'the file format (default: from its extension)').choices(['auto', 'csv', 'json']).default('auto'),
      )
      .action(
        async (
          file: string,
          options: { name?: string; keys?: string[]; description?: string; format: FileFormat | 'auto' },
          command: Command,
        ) => {
          const format = formatOf(file, options.format);
          const text = await readText(file);
          const client = clientFor(command);
          const dataset =
            format === 'csv'
              ? await client.datasets.createFromCsv(text, {
                  name: options.name ?? path.basename(file, path.extname(file)),
                  keys: options.keys,
                  description: options.description,
                })
              : await client.datasets.create(jsonBody(text, file, options));
          if (globals(command).json) return printJson(dataset);
          printDataset(dataset);
        },
      ),
    { rows: '<file>' },
  );

  datasets
    .command('delete <id>')
    .description('delete a dataset (needs an admin key)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const dataset = await clientFor(command).datasets.delete(id);
      if (globals(command).json) return printJson(dataset);
      process.stdout.write(`deleted ${dataset.id} (${dataset.name})\n`);
    });
}
