import { defineStepType, evaluateExpression, type StepType } from '@assay/engine';
import { AssayError } from '@assay/schema';
import { z } from 'zod';

/** What `dataset.lookup` needs from the store: rows of a workspace's dataset matching `where`. */
export interface DatasetReader {
  /** Matching rows (at most `limit`), or null when the workspace has no dataset of that name. */
  find(options: {
    workspaceId: string;
    dataset: string;
    where: Record<string, unknown>;
    limit: number;
    filter?: (row: Record<string, unknown>) => Promise<boolean>;
  }): Promise<Array<Record<string, unknown>> | null>;
}

const Config = z
  .object({
    dataset: z.string().min(1).max(100).describe('The name of a dataset of the workspace'),
    where: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .describe('Column → value rows must equal (key columns use an index)'),
    limit: z.number().int().min(1).max(1000).default(100).describe('Rows returned at most'),
    filter: z.string().min(1).max(10_000).optional().describe('JSONata over each row that must hold, e.g. `revenue > 1000`'),
    onMissing: z
      .enum(['empty', 'error'])
      .default('empty')
      .describe('Finding nothing: an empty result (`empty`) or a failed step (`error`)'),
  })
  .strict();

/**
 * `dataset.lookup`: rows of an uploaded dataset whose columns equal `where` (key columns use an
 * index) and, optionally, for which the JSONata `filter` holds. Output `{ row, rows, count }` with `row` the first match or null; with `onMissing: error`
 * finding nothing fails the step.
 */
export function createDatasetLookupStep(reader: DatasetReader): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'dataset.lookup',
    example: { id: 'company', with: { dataset: 'companies', where: { domain: '{{ input.domain }}' }, limit: 1 } },
    // Side-effect free: a step may reuse an earlier output (`cache`).
    cacheable: () => true,
    family: 'data',
    outputSchema: (config, known) => {
      // With the dataset's columns known (a literal name), a row lists them; else a row is open.
      const columns = typeof config.dataset === 'string' ? known.datasetColumns?.get(config.dataset) : undefined;
      const row = columns?.length ? { type: 'object', properties: Object.fromEntries(columns.map((column) => [column, {}])) } : {};
      return { type: 'object', properties: { row, rows: { type: 'array', items: row }, count: { type: 'number' } } };
    },
    description: 'Find rows in an uploaded dataset by column values.',
    config: Config,
    // `filter` is JSONata over each row (e.g. `revenue > 1000 and sector = "Software"`).
    expressionKeys: ['filter'],
    async execute(config, context) {
      const path = `steps.${context.stepId}.with.filter`;
      const filter =
        config.filter === undefined
          ? undefined
          : async (row: Record<string, unknown>) =>
              Boolean(await evaluateExpression(config.filter as string, row, path, { signal: context.signal }));
      const rows = await reader.find({
        workspaceId: context.workspaceId,
        dataset: config.dataset,
        where: config.where,
        limit: config.limit,
        filter,
      });
      if (rows === null)
        throw new AssayError(
          'invalid_input',
          `dataset "${config.dataset}" does not exist in this workspace; upload it with POST /v1/datasets`,
        );
      if (rows.length === 0 && config.onMissing === 'error') {
        throw new AssayError('step_failed', `no row of dataset "${config.dataset}" matches ${JSON.stringify(config.where)}`);
      }
      return { kind: 'completed', output: { row: rows[0] ?? null, rows, count: rows.length } };
    },
  });
}
