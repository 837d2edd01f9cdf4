import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  AssayError,
  Batch,
  BatchListQuery,
  BatchResultsQuery,
  BatchRunsQuery,
  CreateBatchBody,
  CreateBatchQuery,
  ErrorEnvelope,
  InvalidRow,
  MAX_BATCH_ROWS,
  SetBudgetBody,
  MAX_LISTED_INVALID_ROWS,
  Run,
} from '@assay/schema';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { jsonDepthLimit } from '../http/json-depth';
import { conflict, data, errors, IdParam, json, list, page, security } from '../http/openapi';
import { InvalidRowsError } from '../services/batch-input';
import type { ResultsFormat } from '../services/batch-results';
import type { BatchService, BatchInput, BatchOptions } from '../services/batch-service';
import { presentRunSummary } from '../services/presenters';
import type { RunService } from '../services/run-service';

const tags = ['Batches'];
const RunSummary = Run.omit({ steps: true, artifacts: true });

/** The 400 for invalid rows: the usual envelope plus the refused rows. */
const InvalidRowsAnswer = ErrorEnvelope.extend({
  invalid: z.array(InvalidRow).meta({
    description: `The refused rows (the first ${MAX_LISTED_INVALID_ROWS}); rows are numbered from 1 (the first input, CSV data row or dataset row)`,
  }),
  invalidCount: z.number().int(),
}).meta({ id: 'InvalidRowsError' });

const createDescription = [
  'One run per row, from a JSON list (`{ "inputs": [...] }`), a `text/csv` body (a header row naming the inputs, then one row per run; cells are typed by',
  'the inputs\' declared types; options as query parameters) or a dataset (`{ "datasetId", "mapping": { input: column } }`).',
  `At most ${MAX_BATCH_ROWS} rows. Every row is validated first, as a single run's input is: invalid rows refuse the batch with a 400 whose`,
  '`details` name `rows[<n>].<field>` and whose `invalid` lists `{ row, field, reason }`, where rows are numbered from 1 (data rows: a CSV header is not counted).',
  'With `skipInvalid`, the valid rows run and the invalid ones are reported on the batch. Runs start in input order; `concurrency` caps how many run at once.',
].join(' ');

/** How the results are asked for: `?format=`, else the Accept header, else CSV. */
function resultsFormat(c: Context<AppEnv>, format: ResultsFormat | undefined): ResultsFormat {
  if (format) return format;
  const accept = c.req.header('accept') ?? '';
  return /application\/(x-)?(nd)?jsonl?|application\/x-ndjson/.test(accept) && !/text\/csv/.test(accept) ? 'jsonl' : 'csv';
}

function isCsv(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'text/csv' || type === 'application/csv';
}

/** `/v1/workflows/{id}/batches` and `/v1/batches…`: run over a list, follow it, export its results, cancel or retry it. */
export function registerBatchRoutes(app: OpenAPIHono<AppEnv>, deps: { batches: BatchService; runs: RunService }) {
  const { batches, runs } = deps;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/workflows/{id}/batches',
      operationId: 'createBatch',
      tags,
      security,
      summary: 'Run the workflow over a list (JSON inputs, a CSV upload or a dataset)',
      description: createDescription,
      middleware: [requireScope('run'), jsonDepthLimit()] as const,
      request: {
        params: IdParam,
        query: CreateBatchQuery,
        body: {
          required: false,
          description: 'JSON (`inputs`, or `datasetId` + `mapping`) or `text/csv`',
          content: { 'application/json': { schema: CreateBatchBody }, 'text/csv': { schema: z.string() } },
        },
      },
      responses: {
        201: json(data(Batch), 'Created: the runs are queued'),
        ...errors,
        400: json(InvalidRowsAnswer, 'Invalid body or rows; `details` names each `rows[<n>].<field>` (rows numbered from 1)'),
        ...conflict,
      },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const workflowId = c.req.valid('param').id;
      const query = c.req.valid('query');
      let input: BatchInput;
      const queryBudget =
        query.budgetUsd !== undefined || query.budgetTokens !== undefined
          ? { usd: query.budgetUsd, tokens: query.budgetTokens }
          : undefined;
      let options: BatchOptions = { ...query, budget: queryBudget };
      if (isCsv(c.req.header('content-type'))) {
        if (!c.req.raw.body)
          throw new AssayError('invalid_input', 'the CSV is empty: send a header row naming the inputs, then one row per run', {
            details: [{ path: '(body)', message: 'empty' }],
          });
        input = { kind: 'csv', stream: c.req.raw.body };
      } else {
        const body = c.req.valid('json') as Partial<CreateBatchBody>;
        options = {
          concurrency: body.concurrency ?? query.concurrency,
          priority: body.priority ?? query.priority,
          skipInvalid: body.skipInvalid ?? query.skipInvalid,
          cache: query.cache,
          budget: body.budget ?? queryBudget,
          version: body.version ?? query.version,
        };
        if ((body.inputs === undefined) === (body.datasetId === undefined)) {
          throw new AssayError('invalid_input', 'send either inputs or datasetId', {
            details: [{ path: 'inputs', message: 'send either inputs or datasetId (or a text/csv body)' }],
          });
        }
        if (body.mapping !== undefined && body.datasetId === undefined)
          throw new AssayError('invalid_input', 'mapping: only with datasetId', {
            details: [{ path: 'mapping', message: 'only with datasetId' }],
          });
        input =
          body.inputs !== undefined
            ? { kind: 'json', inputs: body.inputs }
            : { kind: 'dataset', datasetId: body.datasetId as string, mapping: body.mapping };
      }
      try {
        return c.json({ data: await batches.create(workspaceId, workflowId, input, options) }, 201);
      } catch (error) {
        if (!(error instanceof InvalidRowsError)) throw error;
        return c.json(
          { error: error.message, code: error.code, details: error.details ?? [], invalid: error.rows, invalidCount: error.invalidCount },
          400,
        );
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/batches',
      operationId: 'listBatches',
      tags,
      security,
      summary: 'List batches, newest first',
      request: { query: BatchListQuery },
      responses: { 200: json(list(Batch), 'Batches'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(page(await batches.list(c.get('principal').workspaceId, q), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/batches/{id}',
      operationId: 'getBatch',
      tags,
      security,
      summary: 'A batch: counts per status, progress, times and throughput',
      request: { params: IdParam },
      responses: { 200: json(data(Batch), 'The batch'), ...errors },
    }),
    async (c) => c.json({ data: await batches.get(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/batches/{id}/runs',
      operationId: 'listBatchRuns',
      tags,
      security,
      summary: "The batch's runs (filter by status)",
      request: { params: IdParam, query: BatchRunsQuery },
      responses: { 200: json(list(RunSummary), 'Runs (without steps)'), ...errors },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const batch = await batches.require(workspaceId, c.req.valid('param').id);
      const q = c.req.valid('query');
      const rows = await runs.list(workspaceId, { ...q, batchId: batch.id });
      return c.json(page(rows.map(presentRunSummary), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/batches/{id}/results',
      operationId: 'getBatchResults',
      tags,
      security,
      summary: 'Export the results: one line per run, in input order (CSV or JSON Lines, streamed)',
      description:
        "Columns: the workflow's inputs, its output flattened (nested objects as dotted keys, lists as JSON text in CSV), then `status`, `error` (the message) and `runId`. " +
        "Output columns come from the output mapping of the workflow (or the first completed run's output); one named like an input is called `output.<name>`. " +
        'Format: `?format=csv|jsonl`, else `Accept: application/x-ndjson` for JSON Lines, else CSV. ' +
        "In CSV, a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so spreadsheets do not run it as a formula (numbers keep their sign); JSON Lines carry the values unchanged.",
      request: { params: IdParam, query: BatchResultsQuery },
      responses: {
        200: {
          description: 'The results',
          content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const format = resultsFormat(c, c.req.valid('query').format);
      const { batch, stream } = await batches.results(c.get('principal').workspaceId, c.req.valid('param').id, format);
      return c.body(stream, 200, {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="batch-${batch.id}.${format}"`,
        'x-content-type-options': 'nosniff',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/batches/{id}/cancel',
      operationId: 'cancelBatch',
      tags,
      security,
      summary: 'Cancel the batch: its queued and waiting runs are cancelled, runs already running finish',
      description:
        'Runs outside the batch are untouched. No `run.cancelled` event is recorded per cancelled run (a batch may hold 100,000); `batch.completed` (status `cancelled`) is recorded once nothing of the batch is left running. 409 if the batch already finished or was cancelled.',
      middleware: [requireScope('run')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Batch), 'Cancelled'), ...errors, ...conflict },
    }),
    async (c) => c.json({ data: await batches.cancel(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/batches/{id}/retry-failed',
      operationId: 'retryFailedBatchRuns',
      tags,
      security,
      summary: "Queue the batch's failed and cancelled runs again (each resumes from the step that failed)",
      middleware: [requireScope('run')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Batch), 'Queued again'), ...errors, ...conflict },
    }),
    async (c) => c.json({ data: await batches.retryFailed(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/batches/{id}/budget',
      operationId: 'setBatchBudget',
      tags,
      security,
      summary: "Change the batch's budget; a batch held by its budget and now within it releases its runs",
      middleware: [requireScope('run')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: SetBudgetBody } } } },
      responses: { 200: json(data(Batch), 'The batch with its new budget'), ...errors },
    }),
    async (c) =>
      c.json({ data: await batches.setBudget(c.get('principal').workspaceId, c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
}
