import type { Generated, Kysely } from 'kysely';

/**
 * The tables, as both dialects see them. Times are integer milliseconds since the epoch; JSON is
 * stored as text so SQLite and PostgreSQL share one codec.
 */
export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: number;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  client_id: string;
  secret_hash: string;
  scope: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface WorkflowsTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  current_version: number;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
  /** The current definition's `concurrency` (runs executing at once), for claims to honour. */
  max_concurrency: number | null;
}

export interface WorkflowVersionsTable {
  workflow_id: string;
  version: number;
  definition: string;
  created_at: number;
  created_by: string | null;
}

export interface RunsTable {
  id: string;
  workspace_id: string;
  workflow_id: string;
  workflow_version: number;
  status: string;
  input: string;
  output: string | null;
  error: string | null;
  trigger: string;
  batch_id: string | null;
  parent_run_id: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  callback_url: string | null;
  priority: number;
  /** When the run may next be claimed; null while leased or finished. The queue is `due_at <= now`. */
  due_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  updated_at: number;
  /** Set when a child finished while this run was running: its next park wakes it at once. */
  poked: number;
  /** 1: created with `?cache=bypass` (its cached steps execute anyway). */
  cache_bypass: number;
  /** A replay's source run: its steps whose resolved config is unchanged are not executed again. */
  replay_of: string | null;
  /** The run's spending limit on model calls (null: none). */
  budget_usd: number | null;
  budget_tokens: number | null;
  /** What its model calls cost, as of its last park or its end. */
  cost_usd: number;
  cost_tokens: number;
  /** Why a waiting run waits: `timer` or `budget_exceeded` (null otherwise). */
  wait_reason: string | null;
  /** The caller's metadata object as given, JSON (null: none); its pairs are also in `run_metadata`. */
  metadata: string | null;
  /** A webhook run's request, JSON `{ body, headers, query }` (headers without secrets): templates' `trigger`. */
  trigger_request: string | null;
  /** 1: a draft run (the editor's test; migration 027): no run list, metric or event endpoint sees it. */
  draft: number;
}

/** What a draft run runs (migration 027): its unsaved definition, never stored as a version. */
export interface DraftRunsTable {
  run_id: string;
  workspace_id: string;
  /** The draft definition, JSON. */
  definition: string;
  target: string;
  /** `step` or `upstream`. */
  mode: string;
  /** The step ids it executes, JSON array. */
  executes: string;
  /** `{ "<stepId>": { source, runId } }` of the outputs it was given, JSON. */
  provided: string;
}

/** A workflow's pinned sample input and step outputs, for draft runs (migration 027). */
export interface WorkflowSamplesTable {
  workflow_id: string;
  workspace_id: string;
  /** JSON object. */
  input: string;
  /** `{ "<stepId>": output }`, JSON. */
  outputs: string;
  updated_at: number;
}

/** A run's metadata pairs (values in their string form), for the run lists' `metadata.<key>=<value>` filters. */
export interface RunMetadataTable {
  run_id: string;
  workspace_id: string;
  key: string;
  value: string;
}

/** A signal sent to a run for its `wait.signal` step (one per run and name). */
export interface RunSignalsTable {
  run_id: string;
  name: string;
  workspace_id: string;
  /** The payload, JSON. */
  payload: string;
  created_at: number;
}

/** A run's request for a person's decision (its `approval` step), and the decision once made. */
export interface ApprovalsTable {
  id: string;
  workspace_id: string;
  run_id: string;
  step_id: string;
  workflow_id: string;
  status: string;
  /** What the step asked (title, instructions, show, value, schema, reviewers, onTimeout), JSON. */
  request: string;
  timeout_at: number;
  /** `{ approved, comment, value, by, edited }`, JSON; null while pending. */
  decision: string | null;
  created_at: number;
  decided_at: number | null;
}

/** An evaluation: its spec (versions, mapping, expected, scorers, concurrency, budget) and each version's batch. */
export interface EvaluationsTable {
  id: string;
  workspace_id: string;
  workflow_id: string;
  name: string;
  status: string;
  /** JSON. */
  spec: string;
  /** `{ "<version>": "<batch id>" }`, JSON. */
  batches: string;
  row_count: number;
  error: string | null;
  created_at: number;
  completed_at: number | null;
}

/** One row of an evaluation: its input, what was expected, each version's run and, once scored, the results. */
export interface EvaluationRowsTable {
  evaluation_id: string;
  row_index: number;
  input: string;
  expected: string;
  /** `{ "<version>": "<run id>" }`, JSON. */
  run_ids: string;
  /** Each version's outcome and scores, JSON; null until scored. */
  results: string | null;
  /** 1 when every version passed, 0 when one did not, null until scored. */
  passed: number | null;
  /** A worker scoring the row holds it until then. */
  claimed_until: number | null;
}

/** A signed single-use link to an approval, for someone without an account. */
export interface ApprovalLinksTable {
  id: string;
  approval_id: string;
  run_id: string;
  recipient: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

/** Step outputs kept for reuse (`cache` on a step), by workspace and key, until they expire. */
export interface StepCacheTable {
  workspace_id: string;
  key: string;
  output: string | null;
  usage: string | null;
  run_id: string;
  step_id: string;
  created_at: number;
  expires_at: number;
}

export interface StepRunsTable {
  run_id: string;
  step_id: string;
  type: string;
  status: string;
  attempts: number;
  config: string | null;
  output: string | null;
  error: string | null;
  usage: string | null;
  wake_at: number | null;
  started_at: number | null;
  completed_at: number | null;
  suspended: number;
}

export interface WorkflowTriggersTable {
  workflow_id: string;
  workspace_id: string;
  slug: string;
  secret: string;
  enabled: number;
  verification: string;
  callback_url: string | null;
  created_at: number;
  updated_at: number;
  previous_secret: string | null;
  previous_valid_until: number | null;
  /** A JSONata expression over `{ body, headers, query }` yielding the run input; null: the body's declared fields. */
  input_mapping: string | null;
  /** 1: a body field the workflow does not declare is refused (without a mapping). */
  strict_inputs: number;
}

export interface CredentialsTable {
  id: string;
  workspace_id: string;
  name: string;
  type: string;
  sealed: string;
  created_at: number;
  updated_at: number;
}

export interface ArtifactsTable {
  run_id: string;
  name: string;
  workspace_id: string;
  step_id: string | null;
  content_type: string;
  bytes: number;
  data: Uint8Array;
  created_at: number;
}

export interface DatasetsTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  columns: string;
  keys: string;
  row_count: number;
  created_at: number;
  updated_at: number;
}

export interface DatasetRowsTable {
  dataset_id: string;
  row_number: number;
  data: string;
}

export interface DatasetKeysTable {
  dataset_id: string;
  column_name: string;
  value: string;
  row_number: number;
}

export interface StepItemsTable {
  run_id: string;
  step_id: string;
  item_index: number;
  status: string;
  output: string | null;
  error: string | null;
}

export interface EventsTable {
  /** Assigned by the database on insert; orders every event. */
  seq: Generated<number>;
  workspace_id: string;
  type: string;
  run_id: string | null;
  workflow_id: string | null;
  batch_id: string | null;
  step_id: string | null;
  data: string;
  created_at: number;
}

export interface EventCursorsTable {
  name: string;
  seq: number;
}

export interface EventEndpointsTable {
  id: string;
  workspace_id: string;
  url: string;
  description: string | null;
  /** JSON array of event types. */
  events: string;
  workflow_id: string | null;
  /** Sealed signing secret. */
  secret: string;
  enabled: number;
  disabled_reason: string | null;
  consecutive_failures: number;
  created_at: number;
  updated_at: number;
  /** When a delivery last succeeded (migration 010). */
  last_success_at: number | null;
}

export interface EventDeliveriesTable {
  id: string;
  workspace_id: string;
  /** Null for a run's callback URL. */
  endpoint_id: string | null;
  run_id: string | null;
  url: string;
  event_seq: number;
  event_type: string;
  /** pending | delivered | failed */
  status: string;
  attempts: number;
  due_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
  /** Attempts in the current series (a redelivery starts a new one; migration 010). */
  series_attempts: number;
  /** When the current series began (null: at `created_at`). */
  series_started_at: number | null;
}

/** The secret signing a workspace's run callbacks that no webhook trigger started (sealed). */
export interface CallbackSecretsTable {
  workspace_id: string;
  secret: string;
  created_at: number;
  updated_at: number;
}

export interface DeliveryAttemptsTable {
  delivery_id: string;
  attempt: number;
  started_at: number;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string | null;
  error: string | null;
}

export interface BatchesTable {
  id: string;
  workspace_id: string;
  workflow_id: string;
  workflow_version: number;
  /** running | completed | cancelled */
  status: string;
  /** json | csv | dataset */
  source: string;
  total: number;
  /** JSON array of rows refused by validation (when skipInvalid was set). */
  invalid: string | null;
  concurrency: number | null;
  priority: number;
  created_at: number;
  completed_at: number | null;
  updated_at: number;
  /** The batch's spending limit on model calls, over all its runs (null: none). */
  budget_usd: number | null;
  budget_tokens: number | null;
  /** What its finished runs' model calls cost. */
  cost_usd: number;
  cost_tokens: number;
  /** When its cost reached its budget (its queued runs are held until it is raised); null otherwise. */
  budget_exceeded_at: number | null;
}

/** A document a workspace uploaded as a source: the original file and what it was read as. */
export interface DocumentsTable {
  id: string;
  workspace_id: string;
  collection: string;
  title: string;
  filename: string | null;
  content_type: string;
  /** pdf | docx | html | markdown | text */
  kind: string;
  bytes: number;
  page_count: number;
  data: Uint8Array;
  created_at: number;
}

/** A document's pages (a PDF's pages, another kind's sections under their headings). */
export interface DocumentPagesTable {
  document_id: string;
  number: number;
  heading: string | null;
  text: string;
}

/** Passages full-text search reads (FTS5 on SQLite; a `tsvector` column with a GIN index on PostgreSQL). */
export interface PassagesTable {
  workspace_id: string;
  collection: string;
  document_id: string;
  page: number;
  text: string;
}

/** An MCP server registered by a workspace (`/v1/mcp-servers`). */
export interface McpServersTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  /** http | stdio */
  transport: string;
  /** http: the streamable HTTP endpoint. */
  url: string | null;
  /** stdio: the executable and its arguments (JSON array), and environment variables (JSON object). */
  command: string | null;
  args: string | null;
  env: string | null;
  /** The workspace credential that authenticates: an HTTP header's value, or a stdio variable's. */
  credential: string | null;
  /** http: the header the credential goes in (`authorization` sends `Bearer <value>`); stdio: the variable. */
  credential_header: string | null;
  created_at: number;
  updated_at: number;
}

export interface SchedulesTable {
  id: string;
  workspace_id: string;
  workflow_id: string;
  name: string | null;
  cron: string;
  timezone: string;
  input: string;
  enabled: number;
  /** What a fire missed during downtime does: run_once | skip */
  missed: string;
  /** The workflow version every fire runs; null: the current one at each fire. */
  workflow_version: number | null;
  next_fire_at: number | null;
  last_fire_at: number | null;
  last_run_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface AiSlotsTable {
  provider: string;
  holder: string;
  expires_at: number;
}

export interface AuditLogTable {
  id: string;
  workspace_id: string;
  actor: string;
  actor_name: string | null;
  action: string;
  target_type: string;
  target_id: string;
  details: string | null;
  created_at: number;
}

export interface UsersTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  /** Argon2id in PHC form (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), or the legacy `scrypt$N$r$p$salt$hash`. */
  password_hash: string;
  created_at: number;
}

export interface MembershipsTable {
  user_id: string;
  workspace_id: string;
  /** admin | editor | viewer */
  role: string;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 (hex) of the cookie's token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  workspace_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

/** A failed sign-in counter: attempts counted for one key in the window ending at `window_ends_at`. */
export interface SignInThrottleTable {
  /** `account:<sha-256 of the email>` or `address:<client address or IPv6 /64>`. */
  key: string;
  count: number;
  window_ends_at: number;
}

/** Installation-wide settings by name (migration 017): the secret key's salt and key check. */
export interface SettingsTable {
  name: string;
  value: string;
  created_at: number;
}

export interface Database {
  workspaces: WorkspacesTable;
  api_keys: ApiKeysTable;
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  runs: RunsTable;
  step_runs: StepRunsTable;
  run_metadata: RunMetadataTable;
  draft_runs: DraftRunsTable;
  workflow_samples: WorkflowSamplesTable;
  run_signals: RunSignalsTable;
  approvals: ApprovalsTable;
  approval_links: ApprovalLinksTable;
  evaluations: EvaluationsTable;
  evaluation_rows: EvaluationRowsTable;
  workflow_triggers: WorkflowTriggersTable;
  credentials: CredentialsTable;
  step_cache: StepCacheTable;
  artifacts: ArtifactsTable;
  datasets: DatasetsTable;
  dataset_rows: DatasetRowsTable;
  dataset_keys: DatasetKeysTable;
  step_items: StepItemsTable;
  events: EventsTable;
  event_cursors: EventCursorsTable;
  event_endpoints: EventEndpointsTable;
  event_deliveries: EventDeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  callback_secrets: CallbackSecretsTable;
  batches: BatchesTable;
  schedules: SchedulesTable;
  mcp_servers: McpServersTable;
  documents: DocumentsTable;
  document_pages: DocumentPagesTable;
  passages: PassagesTable;
  ai_slots: AiSlotsTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  settings: SettingsTable;
}

export type Db = Kysely<Database>;
