import { z } from 'zod';
import { Id } from './ids';

/** A dataset column's type (declared, or inferred from the rows). */
export const DatasetColumnType = z.enum(['string', 'number', 'integer', 'boolean', 'json']);
export type DatasetColumnType = z.infer<typeof DatasetColumnType>;

export const DatasetName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be 1-100 letters, digits, ".", "_" or "-"');

export const Dataset = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    columns: z.record(z.string(), DatasetColumnType),
    keys: z.array(z.string()),
    rowCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Dataset' });
export type Dataset = z.infer<typeof Dataset>;

/** A dataset created from JSON (CSV and NDJSON uploads take the same fields as query parameters). */
export const CreateDatasetJson = z
  .object({
    name: DatasetName,
    description: z.string().max(2000).optional(),
    columns: z.record(z.string(), DatasetColumnType).optional().meta({ description: 'Declared column types (others are inferred)' }),
    keys: z.array(z.string().min(1)).max(20).optional().meta({ description: 'Columns looked up by (indexed); default: id-like columns' }),
    rows: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .strict();
export type CreateDatasetJson = z.input<typeof CreateDatasetJson>;
