import type { WorkflowDefinition } from '@assay/schema';
import { sql } from 'kysely';
import type { Db, WorkflowsTable } from '../database';
import { toJson } from '../codec';
import { newId } from '../ids';
import { param, prepareQuery } from '../prepared-query';
import type { WriteBatcher } from '../write-batcher';

/** A workflow row with its current definition. */
export interface WorkflowRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  version: number;
  definition: WorkflowDefinition;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
}

export interface VersionRecord {
  workflowId: string;
  version: number;
  definition: WorkflowDefinition;
  createdAt: number;
  createdBy: string | null;
}

/** Which workflows a list holds: not archived, only archived, or both. */
export type WorkflowArchiveFilter = 'active' | 'archived' | 'all';

export interface PageOptions {
  limit: number;
  offset: number;
  lt?: string;
  gt?: string;
  direction: 'asc' | 'desc';
}

function toRecord(row: WorkflowsTable & { definition: string }): WorkflowRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    description: row.description,
    version: Number(row.current_version),
    definition: JSON.parse(row.definition) as WorkflowDefinition,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    archivedAt: row.archived_at === null ? null : Number(row.archived_at),
  };
}

/** Workflows and their immutable versions. */
export class WorkflowStore {
  // Every run creation reads its workflow: the lookups are prepared once, and the definition (the
  // bulk of the row, immutable per version) is read only when this process has not parsed it yet.
  private readonly getQuery;
  private readonly definitionQuery;
  private readonly definitions = new Map<string, WorkflowDefinition>();

  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    /** A definition with a concurrency limit was saved: claims in this process must see it at once. */
    private readonly limitsChanged: () => void = () => undefined,
  ) {
    this.getQuery = prepareQuery<{ workspaceId: string; id: string }, WorkflowsTable>(
      db.selectFrom('workflows').selectAll().where('workspace_id', '=', param<string>('workspaceId')).where('id', '=', param<string>('id')),
    );
    this.definitionQuery = prepareQuery<{ workflowId: string; version: number }, { definition: string }>(
      db
        .selectFrom('workflow_versions')
        .select('definition')
        .where('workflow_id', '=', param<string>('workflowId'))
        .where('version', '=', param<number>('version')),
    );
  }

  /** Creates version 1 (with a chosen `id` only for seeded demo content). */
  create(options: { workspaceId: string; definition: WorkflowDefinition; createdBy: string | null; id?: string }): Promise<WorkflowRecord> {
    const now = Date.now();
    const id = options.id ?? newId(now);
    const { definition } = options;
    return this.writes
      .write(async (trx) => {
        await trx
          .insertInto('workflows')
          .values({
            id,
            workspace_id: options.workspaceId,
            name: definition.name,
            description: definition.description ?? null,
            current_version: 1,
            created_at: now,
            updated_at: now,
            archived_at: null,
            max_concurrency: definition.concurrency ?? null,
          })
          .execute();
        await trx
          .insertInto('workflow_versions')
          .values({ workflow_id: id, version: 1, definition: toJson(definition) as string, created_at: now, created_by: options.createdBy })
          .execute();
        return {
          id,
          workspaceId: options.workspaceId,
          name: definition.name,
          description: definition.description ?? null,
          version: 1,
          definition,
          createdAt: now,
          updatedAt: now,
          archivedAt: null,
        };
      })
      .finally(() => definition.concurrency !== undefined && this.limitsChanged());
  }

  private selectWithDefinition() {
    return this.db
      .selectFrom('workflows as w')
      .innerJoin('workflow_versions as v', (join) => join.onRef('v.workflow_id', '=', 'w.id').onRef('v.version', '=', 'w.current_version'))
      .selectAll('w')
      .select('v.definition');
  }

  async get(workspaceId: string, id: string): Promise<WorkflowRecord | null> {
    const [row] = (await this.getQuery.execute(this.db, { workspaceId, id })).rows;
    if (!row) return null;
    const version = Number(row.current_version);
    // Versions are immutable, so a parsed definition can be reused for every run of that version.
    const key = `${row.id}@${version}`;
    let definition = this.definitions.get(key);
    if (!definition) {
      const [stored] = (await this.definitionQuery.execute(this.db, { workflowId: row.id, version })).rows;
      if (!stored) return null; // deleted between the two reads
      definition = JSON.parse(stored.definition) as WorkflowDefinition;
      if (this.definitions.size >= 1000) this.definitions.clear();
      this.definitions.set(key, definition);
    }
    return { ...toRecord({ ...row, definition: 'null' }), definition };
  }

  /**
   * A page of workflows. `archived`: `active` (not archived), `archived` (only archived) or `all`;
   * `search`: a case-insensitive substring of the name (`%` and `_` match themselves).
   */
  async list(workspaceId: string, page: PageOptions & { archived: WorkflowArchiveFilter; search?: string }): Promise<WorkflowRecord[]> {
    let query = this.selectWithDefinition().where('w.workspace_id', '=', workspaceId);
    if (page.archived === 'active') query = query.where('w.archived_at', 'is', null);
    if (page.archived === 'archived') query = query.where('w.archived_at', 'is not', null);
    if (page.search) {
      const pattern = `%${page.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      // The same on SQLite and PostgreSQL: the database lower-cases both sides; `\` escapes the wildcards.
      query = query.where(sql<boolean>`lower(${sql.ref('w.name')}) like lower(${pattern}) escape '\\'`);
    }
    if (page.lt) query = query.where('w.id', '<', page.lt);
    if (page.gt) query = query.where('w.id', '>', page.gt);
    const rows = await query.orderBy('w.id', page.direction).limit(page.limit).offset(page.offset).execute();
    return rows.map(toRecord);
  }

  /** Saves `definition` as the next version and makes it current. Null if the workflow is not there. */
  saveVersion(options: {
    workspaceId: string;
    id: string;
    definition: WorkflowDefinition;
    createdBy: string | null;
  }): Promise<WorkflowRecord | null> {
    const { definition } = options;
    return this.writes.write(async (trx) => {
      const current = await trx
        .selectFrom('workflows')
        .selectAll()
        .where('workspace_id', '=', options.workspaceId)
        .where('id', '=', options.id)
        .executeTakeFirst();
      if (!current) return null;
      const now = Date.now();
      const version = Number(current.current_version) + 1;
      await trx
        .insertInto('workflow_versions')
        .values({
          workflow_id: options.id,
          version,
          definition: toJson(definition) as string,
          created_at: now,
          created_by: options.createdBy,
        })
        .execute();
      await trx
        .updateTable('workflows')
        .set({
          current_version: version,
          name: definition.name,
          description: definition.description ?? null,
          updated_at: now,
          max_concurrency: definition.concurrency ?? null,
        })
        .where('id', '=', options.id)
        .execute();
      if (definition.concurrency !== undefined || current.max_concurrency !== null) this.limitsChanged();
      return {
        ...toRecord({ ...current, definition: '{}' }),
        version,
        definition,
        name: definition.name,
        description: definition.description ?? null,
        updatedAt: now,
      };
    });
  }

  /** Archives a workflow (its runs stay readable). Null if it is not there. */
  archive(workspaceId: string, id: string): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const result = await trx
        .updateTable('workflows')
        .set((eb) => ({ archived_at: eb.fn.coalesce('archived_at', eb.val(now)), updated_at: now }))
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  async listVersions(workflowId: string, page: PageOptions): Promise<VersionRecord[]> {
    const query = this.db.selectFrom('workflow_versions').selectAll().where('workflow_id', '=', workflowId);
    const rows = await query.orderBy('version', page.direction).limit(page.limit).offset(page.offset).execute();
    return rows.map((row) => ({
      workflowId: row.workflow_id,
      version: Number(row.version),
      definition: JSON.parse(row.definition) as WorkflowDefinition,
      createdAt: Number(row.created_at),
      createdBy: row.created_by,
    }));
  }

  async getVersion(workflowId: string, version: number): Promise<VersionRecord | null> {
    const row = await this.db
      .selectFrom('workflow_versions')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row
      ? {
          workflowId,
          version,
          definition: JSON.parse(row.definition) as WorkflowDefinition,
          createdAt: Number(row.created_at),
          createdBy: row.created_by,
        }
      : null;
  }
}
