import { AssayError } from '@assay/schema';
import type { ColumnType, DatasetRecord, Row, Store } from '@assay/store';
import { loadRows, type RowSource } from './dataset-upload';

/** A dataset to create, as the request described it (keys undefined: inferred from the first rows). */
export interface DatasetSpec {
  name: string;
  description?: string | null;
  columns?: Record<string, ColumnType>;
  keys?: string[];
}

/** Datasets: created from uploaded rows (streamed), read, replaced or appended to, deleted. */
export class DatasetService {
  constructor(private readonly store: Store) {}

  /** A page plus one (to know whether more follow). */
  list(workspaceId: string, query: { limit: number; lt?: string; direction: 'asc' | 'desc' }): Promise<DatasetRecord[]> {
    return this.store.datasets.list(workspaceId, { ...query, limit: query.limit + 1 });
  }

  async require(workspaceId: string, id: string): Promise<DatasetRecord> {
    const dataset = await this.store.datasets.get(workspaceId, id);
    if (!dataset) throw new AssayError('not_found', `dataset ${id} not found`);
    return dataset;
  }

  /** Creates the dataset and loads its rows; 409 when the name is taken. A failed load leaves no dataset behind. */
  async create(workspaceId: string, spec: DatasetSpec, source: RowSource): Promise<DatasetRecord> {
    const dataset = await this.store.datasets.create({
      workspaceId,
      name: spec.name,
      description: spec.description ?? null,
      columns: spec.columns ?? {},
      keys: spec.keys ?? [],
    });
    if (!dataset)
      throw new AssayError('conflict', `a dataset named "${spec.name}" already exists`, {
        details: [{ path: 'name', message: 'already exists' }],
      });
    try {
      // Without declared keys, id-like columns become keys once the first rows show the columns.
      return await loadRows({
        dataset,
        loader: this.store.datasets.loader(dataset, 'replace'),
        source,
        inferKeys: spec.keys === undefined,
      });
    } catch (error) {
      await this.store.datasets.remove(workspaceId, dataset.id);
      throw error;
    }
  }

  /** Rows in upload order. */
  async rows(workspaceId: string, id: string, page: { offset: number; limit: number }): Promise<Row[]> {
    const dataset = await this.require(workspaceId, id);
    return this.store.datasets.rows(dataset.id, page);
  }

  /**
   * Replaces or appends to the dataset's rows. The rows are read (`source()`) only once the dataset
   * is known to exist: a missing dataset is a 404 whatever was sent, and its upload is not read.
   */
  async load(workspaceId: string, id: string, mode: 'replace' | 'append', source: () => Promise<RowSource>): Promise<DatasetRecord> {
    const dataset = await this.require(workspaceId, id);
    const rows = await source();
    return loadRows({ dataset, loader: this.store.datasets.loader(dataset, mode), source: rows });
  }

  /** The deleted dataset (as it was). */
  async remove(workspaceId: string, id: string): Promise<DatasetRecord> {
    const dataset = await this.require(workspaceId, id);
    await this.store.datasets.remove(workspaceId, dataset.id);
    return dataset;
  }
}
