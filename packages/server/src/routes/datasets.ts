import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AssayError, CreateDatasetJson, Dataset, DatasetName, ListQuery } from '@assay/schema';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { data, errors, IdParam, json, list, page, security } from '../http/openapi';
import type { DatasetService } from '../services/dataset-service';
import { presentDataset } from '../services/presenters';
import { sourceKind, type RowSource } from '../services/dataset-upload';

const tags = ['Datasets'];
const CreateDatasetQuery = z.object({
  name: DatasetName.optional().meta({ description: 'With a CSV or NDJSON body: the dataset name' }),
  keys: z.string().optional().meta({ description: 'With a CSV or NDJSON body: comma-separated key columns' }),
  description: z.string().max(2000).optional(),
});
const uploadBody = {
  required: false,
  description: 'JSON `{ name, columns?, keys?, rows? }`, or rows as `text/csv` (header row) or `application/x-ndjson` with `?name=`',
  content: {
    'application/json': { schema: CreateDatasetJson },
    'text/csv': { schema: z.string() },
    'application/x-ndjson': { schema: z.string() },
  },
};
const RowsJson = z.union([
  z.array(z.record(z.string(), z.unknown())),
  z.object({ rows: z.array(z.record(z.string(), z.unknown())) }).strict(),
]);
const rowsBody = {
  required: false,
  description: 'Rows as a JSON array (or `{ rows }`), `text/csv` (header row) or `application/x-ndjson`',
  content: { 'application/json': { schema: RowsJson }, 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() } },
};
const RowsQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce
    .number()
    .int()
    .optional()
    .transform((n) => Math.min(1000, Math.max(1, n ?? 100))),
});

/** The rows of a request, streamed for CSV and NDJSON; JSON bodies are `{ rows }` or an array. */
async function rowSource(c: Context<AppEnv>): Promise<{ source: RowSource; json: unknown }> {
  const kind = sourceKind(c.req.header('content-type'));
  if (kind === 'csv' || kind === 'ndjson') {
    if (!c.req.raw.body) throw new AssayError('invalid_input', '(body): no rows were sent');
    return { source: { kind, stream: c.req.raw.body }, json: null };
  }
  if (kind !== 'json') throw new AssayError('unsupported_media_type', 'send rows as application/json, text/csv or application/x-ndjson');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AssayError('invalid_input', 'Malformed JSON in request body');
  }
  const rows = Array.isArray(body)
    ? body
    : body !== null && typeof body === 'object' && Array.isArray((body as { rows?: unknown }).rows)
      ? (body as { rows: unknown[] }).rows
      : null;
  return { source: { kind: 'rows', rows: rows ?? [] }, json: body };
}

/** `/v1/datasets`: upload (CSV, NDJSON or JSON, streamed), list, read, replace or append rows, delete. */
export function registerDatasetRoutes(app: OpenAPIHono<AppEnv>, datasets: DatasetService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets',
      operationId: 'listDatasets',
      tags,
      security,
      summary: 'List datasets',
      request: { query: ListQuery },
      responses: { 200: json(list(Dataset), 'Datasets'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(page((await datasets.list(c.get('principal').workspaceId, q)).map(presentDataset), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/datasets',
      operationId: 'createDataset',
      tags,
      security,
      summary: 'Create a dataset from JSON, CSV or NDJSON rows',
      middleware: [requireScope('edit')] as const,
      request: { query: CreateDatasetQuery, body: uploadBody },
      responses: { 201: json(data(Dataset), 'Created'), ...errors },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const q = c.req.valid('query');
      const { source, json: body } = await rowSource(c);
      let spec: z.infer<typeof CreateDatasetJson>;
      if (source.kind === 'rows') {
        const parsed = CreateDatasetJson.safeParse(body);
        if (!parsed.success)
          throw new AssayError(
            'invalid_input',
            parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)[0] ?? 'invalid body',
            { details: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })) },
          );
        spec = parsed.data;
      } else {
        if (!q.name)
          throw new AssayError('invalid_input', 'name: required (as ?name=) with a CSV or NDJSON body', {
            details: [{ path: 'name', message: 'required' }],
          });
        spec = {
          name: q.name,
          description: q.description,
          keys: q.keys
            ?.split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        };
      }
      return c.json({ data: presentDataset(await datasets.create(workspaceId, spec, source)) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets/{id}',
      operationId: 'getDataset',
      tags,
      security,
      summary: 'A dataset: columns, keys and size',
      request: { params: IdParam },
      responses: { 200: json(data(Dataset), 'The dataset'), ...errors },
    }),
    async (c) => c.json({ data: presentDataset(await datasets.require(c.get('principal').workspaceId, c.req.valid('param').id)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/datasets/{id}/rows',
      operationId: 'listDatasetRows',
      tags,
      security,
      summary: 'Rows, in upload order',
      request: { params: IdParam, query: RowsQuery },
      responses: { 200: json(z.object({ data: z.array(z.record(z.string(), z.unknown())) }), 'Rows'), ...errors },
    }),
    async (c) => c.json({ data: await datasets.rows(c.get('principal').workspaceId, c.req.valid('param').id, c.req.valid('query')) }, 200),
  );

  for (const [method, mode] of [
    ['put', 'replace'],
    ['post', 'append'],
  ] as const) {
    app.openapi(
      createRoute({
        method,
        path: '/v1/datasets/{id}/rows',
        operationId: mode === 'replace' ? 'replaceDatasetRows' : 'appendDatasetRows',
        tags,
        security,
        summary: mode === 'replace' ? "Replace the dataset's rows" : 'Append rows',
        middleware: [requireScope('edit')] as const,
        request: { params: IdParam, body: rowsBody },
        responses: { 200: json(data(Dataset), mode === 'replace' ? 'Replaced' : 'Appended'), ...errors },
      }),
      async (c) => {
        // The body is read only once the dataset is found (a missing one is a 404 whatever was sent).
        const loaded = await datasets.load(
          c.get('principal').workspaceId,
          c.req.valid('param').id,
          mode,
          async () => (await rowSource(c)).source,
        );
        return c.json({ data: presentDataset(loaded) }, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/datasets/{id}',
      operationId: 'deleteDataset',
      tags,
      security,
      summary: 'Delete a dataset',
      middleware: [requireScope('edit')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Dataset), 'Deleted'), ...errors },
    }),
    async (c) => c.json({ data: presentDataset(await datasets.remove(c.get('principal').workspaceId, c.req.valid('param').id)) }, 200),
  );
}
