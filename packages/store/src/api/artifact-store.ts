import type { ArtifactsTable, Db } from '../database';
import { param, prepareQuery } from '../prepared-query';

/** A stored file's description (without its bytes). */
export interface ArtifactRecord {
  runId: string;
  name: string;
  stepId: string | null;
  contentType: string;
  bytes: number;
  createdAt: number;
}

/**
 * The files runs produce, kept in the database with the run, so any process on any machine can
 * serve them. A step that runs again (a retry) replaces its file of the same name.
 */
export class ArtifactStore {
  /** Every run read lists its files: built once (see `prepareQuery`). */
  private readonly listQuery;

  constructor(private readonly db: Db) {
    this.listQuery = prepareFileList(db);
  }

  async put(artifact: {
    runId: string;
    workspaceId: string;
    stepId: string | null;
    name: string;
    contentType: string;
    data: Uint8Array;
  }): Promise<ArtifactRecord> {
    const row: ArtifactsTable = {
      run_id: artifact.runId,
      name: artifact.name,
      workspace_id: artifact.workspaceId,
      step_id: artifact.stepId,
      content_type: artifact.contentType,
      bytes: artifact.data.byteLength,
      data: artifact.data,
      created_at: Date.now(),
    };
    await this.db
      .insertInto('artifacts')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['run_id', 'name']).doUpdateSet({
          content_type: row.content_type,
          bytes: row.bytes,
          data: row.data,
          step_id: row.step_id,
          created_at: row.created_at,
        }),
      )
      .execute();
    return {
      runId: row.run_id,
      name: row.name,
      stepId: row.step_id,
      contentType: row.content_type,
      bytes: row.bytes,
      createdAt: row.created_at,
    };
  }

  /** A run's files, oldest first. */
  async list(runId: string): Promise<ArtifactRecord[]> {
    return toArtifactRecords((await this.listQuery.execute(this.db, { runId })).rows);
  }

  /** One file with its bytes, if it belongs to a run of this workspace. */
  async get(workspaceId: string, runId: string, name: string): Promise<(ArtifactRecord & { data: Uint8Array }) | null> {
    const row = await this.db
      .selectFrom('artifacts')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('run_id', '=', runId)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) return null;
    return {
      runId: row.run_id,
      name: row.name,
      stepId: row.step_id,
      contentType: row.content_type,
      bytes: Number(row.bytes),
      createdAt: Number(row.created_at),
      data: row.data,
    };
  }
}

type FileRow = Pick<ArtifactsTable, 'run_id' | 'name' | 'step_id' | 'content_type' | 'bytes' | 'created_at'>;

/**
 * A run's files (without their bytes). Unordered: a run has a few, and sorting them here costs far
 * less than the sort SQLite sets up for an ORDER BY (a third of the run record's reads).
 */
export function prepareFileList(db: Db) {
  return prepareQuery<{ runId: string }, FileRow>(
    db
      .selectFrom('artifacts')
      .select(['run_id', 'name', 'step_id', 'content_type', 'bytes', 'created_at'])
      .where('run_id', '=', param<string>('runId')),
  );
}

/** Rows of `prepareFileList` as records, oldest first. */
export function toArtifactRecords(rows: FileRow[]): ArtifactRecord[] {
  return rows
    .map((r) => ({
      runId: r.run_id,
      name: r.name,
      stepId: r.step_id,
      contentType: r.content_type,
      bytes: Number(r.bytes),
      createdAt: Number(r.created_at),
    }))
    .sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : 1));
}
