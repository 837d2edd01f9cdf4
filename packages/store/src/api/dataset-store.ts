import type { DatasetsTable, Db } from '../database';
import { newId } from '../ids';
import type { WriteBatcher } from '../write-batcher';

export type ColumnType = 'string' | 'number' | 'integer' | 'boolean' | 'json';

/** A dataset's description: typed columns, indexed key columns and its size. */
export interface DatasetRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  columns: Record<string, ColumnType>;
  keys: string[];
  rowCount: number;
  createdAt: number;
  updatedAt: number;
}

export type Row = Record<string, unknown>;

function toRecord(row: DatasetsTable): DatasetRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    description: row.description,
    columns: JSON.parse(row.columns) as Record<string, ColumnType>,
    keys: JSON.parse(row.keys) as string[],
    rowCount: Number(row.row_count),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Rows are written in transactions of this many while an upload streams in. */
const CHUNK = 1000;

/**
 * Loads rows into a dataset without holding them all: rows are staged under a fresh id chunk by
 * chunk, and `finish` swaps them in (replace) or adds them (append) in one transaction, so readers
 * never see a half-loaded dataset.
 */
export class DatasetLoader {
  private readonly stagingId = `staging-${newId()}`;
  private pending: Row[] = [];
  private count = 0;

  constructor(
    private readonly db: Db,
    private readonly dataset: DatasetRecord,
    private readonly mode: 'replace' | 'append',
  ) {}

  /** Adds rows (already typed); writes a chunk whenever enough have arrived. */
  async add(rows: Row[]): Promise<void> {
    this.pending.push(...rows);
    while (this.pending.length >= CHUNK) await this.flush(this.pending.splice(0, CHUNK));
  }

  private async flush(rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    const start = (this.mode === 'append' ? this.dataset.rowCount : 0) + this.count;
    this.count += rows.length;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('dataset_rows')
        .values(rows.map((row, i) => ({ dataset_id: this.stagingId, row_number: start + i, data: JSON.stringify(row) })))
        .execute();
      const keys = rows.flatMap((row, i) =>
        this.dataset.keys
          .filter((key) => row[key] !== null && row[key] !== undefined)
          .map((key) => ({ dataset_id: this.stagingId, column_name: key, value: String(row[key]), row_number: start + i })),
      );
      for (let i = 0; i < keys.length; i += CHUNK)
        await trx
          .insertInto('dataset_keys')
          .values(keys.slice(i, i + CHUNK))
          .execute();
    });
  }

  /** Makes the staged rows the dataset's (replace) or adds them to it (append). */
  async finish(): Promise<DatasetRecord> {
    await this.flush(this.pending.splice(0));
    const { id } = this.dataset;
    const rowCount = this.mode === 'append' ? this.dataset.rowCount + this.count : this.count;
    const updatedAt = Date.now();
    await this.db.transaction().execute(async (trx) => {
      if (this.mode === 'replace') {
        await trx.deleteFrom('dataset_rows').where('dataset_id', '=', id).execute();
        await trx.deleteFrom('dataset_keys').where('dataset_id', '=', id).execute();
      }
      await trx.updateTable('dataset_rows').set({ dataset_id: id }).where('dataset_id', '=', this.stagingId).execute();
      await trx.updateTable('dataset_keys').set({ dataset_id: id }).where('dataset_id', '=', this.stagingId).execute();
      await trx
        .updateTable('datasets')
        .set({
          row_count: rowCount,
          updated_at: updatedAt,
          columns: JSON.stringify(this.dataset.columns),
          keys: JSON.stringify(this.dataset.keys),
        })
        .where('id', '=', id)
        .execute();
    });
    return { ...this.dataset, rowCount, updatedAt };
  }

  /** Drops what was staged (the upload failed). */
  async abandon(): Promise<void> {
    await this.db.deleteFrom('dataset_rows').where('dataset_id', '=', this.stagingId).execute();
    await this.db.deleteFrom('dataset_keys').where('dataset_id', '=', this.stagingId).execute();
  }
}

/** Datasets and their rows, with indexed lookups on key columns. */
export class DatasetStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
  ) {}

  /** Creates an empty dataset; null if the name is taken in the workspace. */
  create(dataset: {
    workspaceId: string;
    name: string;
    description: string | null;
    columns: Record<string, ColumnType>;
    keys: string[];
  }): Promise<DatasetRecord | null> {
    return this.writes.write(async (trx) => {
      const taken = await trx
        .selectFrom('datasets')
        .select('id')
        .where('workspace_id', '=', dataset.workspaceId)
        .where('name', '=', dataset.name)
        .executeTakeFirst();
      if (taken) return null;
      const now = Date.now();
      const row: DatasetsTable = {
        id: newId(now),
        workspace_id: dataset.workspaceId,
        name: dataset.name,
        description: dataset.description,
        columns: JSON.stringify(dataset.columns),
        keys: JSON.stringify(dataset.keys),
        row_count: 0,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('datasets').values(row).execute();
      return toRecord(row);
    });
  }

  async get(workspaceId: string, id: string): Promise<DatasetRecord | null> {
    const row = await this.db
      .selectFrom('datasets')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byName(workspaceId: string, name: string): Promise<DatasetRecord | null> {
    const row = await this.db
      .selectFrom('datasets')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async list(workspaceId: string, page: { limit: number; lt?: string; direction: 'asc' | 'desc' }): Promise<DatasetRecord[]> {
    let query = this.db.selectFrom('datasets').selectAll().where('workspace_id', '=', workspaceId);
    if (page.lt) query = query.where('id', '<', page.lt);
    return (await query.orderBy('id', page.direction).limit(page.limit).execute()).map(toRecord);
  }

  /** Updates the declared column types (before rows are loaded with them). */
  async setColumns(id: string, columns: Record<string, ColumnType>): Promise<void> {
    await this.db
      .updateTable('datasets')
      .set({ columns: JSON.stringify(columns) })
      .where('id', '=', id)
      .execute();
  }

  loader(dataset: DatasetRecord, mode: 'replace' | 'append'): DatasetLoader {
    return new DatasetLoader(this.db, dataset, mode);
  }

  /** Rows in order, a page at a time. */
  async rows(datasetId: string, page: { offset: number; limit: number }): Promise<Row[]> {
    const rows = await this.db
      .selectFrom('dataset_rows')
      .select('data')
      .where('dataset_id', '=', datasetId)
      .where('row_number', '>=', page.offset)
      .orderBy('row_number')
      .limit(page.limit)
      .execute();
    return rows.map((r) => JSON.parse(r.data) as Row);
  }

  /**
   * Rows whose columns equal `where` (compared as text, so "42" finds 42), at most `limit`. Key
   * columns are looked up through their index; other conditions filter the candidates. Without any
   * key column in `where`, the rows are scanned (declare the columns you look up by as keys). A
   * `filter` (any predicate) is applied to the rows `where` leaves.
   */
  async find(
    dataset: DatasetRecord,
    where: Record<string, unknown>,
    limit: number,
    filter?: (row: Row) => Promise<boolean>,
  ): Promise<Row[]> {
    const keyed = Object.entries(where).filter(([column]) => dataset.keys.includes(column));
    const others = Object.entries(where).filter(([column]) => !dataset.keys.includes(column));
    const matches = (row: Row) =>
      others.every(([column, value]) => row[column] !== undefined && row[column] !== null && String(row[column]) === String(value));
    const found: Row[] = [];
    let after = -1;
    const [first, ...rest] = keyed;
    for (;;) {
      // Driven by the key index when there is a key condition: cost follows the matches, not the table.
      let query = first
        ? this.db
            .selectFrom('dataset_keys as k')
            .innerJoin('dataset_rows as r', (join) =>
              join.onRef('r.dataset_id', '=', 'k.dataset_id').onRef('r.row_number', '=', 'k.row_number'),
            )
            .select(['r.row_number', 'r.data'])
            .where('k.dataset_id', '=', dataset.id)
            .where('k.column_name', '=', first[0])
            .where('k.value', '=', String(first[1]))
            .where('k.row_number', '>', after)
        : this.db
            .selectFrom('dataset_rows as r')
            .select(['r.row_number', 'r.data'])
            .where('r.dataset_id', '=', dataset.id)
            .where('r.row_number', '>', after);
      for (const [column, value] of rest) {
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('dataset_keys as k2')
              .select('k2.row_number')
              .where('k2.dataset_id', '=', dataset.id)
              .where('k2.column_name', '=', column)
              .where('k2.value', '=', String(value))
              .whereRef('k2.row_number', '=', 'r.row_number'),
          ),
        );
      }
      // Ordered by the driving table's row number so the key index is walked in order.
      const batch = await (first ? query.orderBy('k.row_number') : query.orderBy('r.row_number')).limit(CHUNK).execute();
      for (const { data } of batch) {
        const row = JSON.parse(data) as Row;
        if (matches(row) && (!filter || (await filter(row)))) found.push(row);
        if (found.length >= limit) return found;
      }
      if (batch.length < CHUNK) return found;
      after = Number(batch[batch.length - 1]?.row_number);
    }
  }

  remove(workspaceId: string, id: string): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const result = await trx.deleteFrom('datasets').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await trx.deleteFrom('dataset_rows').where('dataset_id', '=', id).execute();
      await trx.deleteFrom('dataset_keys').where('dataset_id', '=', id).execute();
      return true;
    });
  }
}
