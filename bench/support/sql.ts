/**
 * The hot-path statements as Kysely compiles them in packages/store/src (run-store.ts `create`,
 * run-queue.ts `claimRuns`, `recordStep`, `finishRun`), for the raw floor.
 */
export const INSERT_RUN = `insert into "runs" ("id", "workspace_id", "workflow_id", "workflow_version", "status", "input", "output", "error", "trigger", "batch_id", "parent_run_id", "idempotency_key", "request_hash", "callback_url", "priority", "due_at", "lease_owner", "lease_expires_at", "created_at", "started_at", "completed_at", "updated_at")
  values (?, ?, ?, ?, 'queued', ?, null, null, 'api', null, null, null, null, null, 0, ?, null, null, ?, null, null, ?)`;
export const CLAIM = `update "runs" set "status" = 'running', "due_at" = null, "lease_owner" = ?, "lease_expires_at" = ?, "started_at" = coalesce("started_at", ?), "updated_at" = ?
  where "id" in (select "id" from "runs" where "due_at" <= ? order by "priority" desc, "due_at", "id" limit ?)
  returning "id", "workspace_id", "workflow_id", "workflow_version", "input", "created_at", "started_at", "batch_id"`;
export const CHECKPOINT = `insert into "step_runs" ("run_id", "step_id", "type", "status", "attempts", "config", "output", "error", "usage", "wake_at", "started_at", "completed_at")
  select ? as "run_id", ? as "step_id", ? as "type", ? as "status", ? as "attempts", ? as "config", ? as "output", ? as "error", ? as "usage", ? as "wake_at", ? as "started_at", ? as "completed_at"
  where exists (select "id" from "runs" where "id" = ? and "lease_owner" = ? and "status" = 'running')
  on conflict ("run_id", "step_id") do update set "type" = "excluded"."type", "status" = "excluded"."status", "attempts" = "excluded"."attempts", "config" = "excluded"."config", "output" = "excluded"."output", "error" = "excluded"."error", "usage" = "excluded"."usage", "wake_at" = "excluded"."wake_at", "started_at" = "excluded"."started_at", "completed_at" = "excluded"."completed_at"`;
export const COMPLETE = `update "runs" set "status" = 'completed', "output" = ?, "error" = null, "completed_at" = ?, "updated_at" = ?, "due_at" = null, "lease_owner" = null, "lease_expires_at" = null
  where "id" = ? and "lease_owner" = ? and "status" = 'running'`;

/** event-log.ts: every state change above also appends to the event log (multi-row when grouped). */
export const INSERT_EVENT = `insert into "events" ("workspace_id", "type", "run_id", "workflow_id", "batch_id", "step_id", "data", "created_at") values (?, ?, ?, ?, ?, ?, ?, ?)`;

/** run-queue.ts `loadStepRecords`. */
export const LOAD_STEPS = `select * from "step_runs" where "run_id" = ?`;
