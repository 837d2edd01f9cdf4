import { HttpClient, type ClientOptions } from './http';
import { Keys } from './keys';
import { Batches } from './batches';
import { Runs } from './runs';
import { Schedules } from './schedules';
import { Workflows } from './workflows';
import { Events } from './events';
import { Datasets } from './datasets';
import { Credentials } from './credentials';
import { McpServers } from './mcp-servers';
import { Documents } from './documents';
import { EventEndpoints } from './event-endpoints';
import { Auth } from './auth';
import { Users } from './users';
import { StepTypes } from './step-types';
import { Expressions } from './expressions';
import { Triggers } from './triggers';
import { Audit } from './audit';
import { Approvals } from './approvals';
import { Evaluations } from './evaluations';
import { DraftRuns } from './drafts';
import { Templates } from './templates';

export { AssayApiError, AssayConnectionError, AssayTimeoutError } from './errors';
export type { ClientOptions } from './http';
export type { StreamOptions, EventFilterOptions } from './events';
export type { CreatedApiKey } from './keys';
export type { ListOptions, Page } from './page';
export { TERMINAL_STATUSES, type CreateRunOptions, type RunListOptions, type RunSummary, type WaitOptions } from './runs';
export type { WorkflowListOptions, ListedWorkflow } from './workflows';
export { StepTypes } from './step-types';
export { Expressions } from './expressions';
export { Triggers, type TriggerSettings, type WebhookTrigger, type WebhookTriggerWithSecret } from './triggers';
export { Audit, type AuditListOptions } from './audit';
export { Approvals, type ApprovalListOptions, type DecisionOptions } from './approvals';
export {
  Evaluations,
  type EvaluationListOptions,
  type EvaluationOptions,
  type EvaluationRowOptions,
  type EvaluationWaitOptions,
} from './evaluations';
export { McpServers, type McpServerInput, type McpToolInfo } from './mcp-servers';
export { Documents, type DocumentUploadOptions } from './documents';
export { Auth } from './auth';
export { DraftRuns, type DraftRunRequest } from './drafts';
export { Templates } from './templates';
export { Users } from './users';
export { EventEndpoints, type DeliveryListOptions, type EventEndpointWithSecret } from './event-endpoints';
export {
  Batches,
  BatchTimeoutError,
  batchFinished,
  type BatchListOptions,
  type BatchOptions,
  type BatchRunListOptions,
  type BatchWaitOptions,
  type ResultsFormat,
} from './batches';
export type { CreateScheduleOptions, UpdateScheduleOptions } from './schedules';
export { Credentials, Datasets, Events, Keys, Runs, Schedules, Workflows };
export type { UploadOptions } from './datasets';

/**
 * The typed client of the Assay HTTP API (global fetch, no dependencies):
 * `new AssayClient({ baseUrl, clientId, apiKey }).runs.createAndWait(workflowId, { input })`.
 * In a browser on Assay's origin, leave the key out: `new AssayClient({ baseUrl, csrfToken: () => token })`.
 */
export class AssayClient {
  /** Workflows and their versions. */
  readonly workflows: Workflows;
  /** Runs: create, read, list, retry, rerun, cancel, wait. */
  readonly runs: Runs;
  /** API keys. */
  readonly keys: Keys;
  /** Batches: run a workflow over a list (JSON, CSV, dataset), follow, export, cancel, retry. */
  readonly batches: Batches;
  /** Cron schedules of workflows. */
  readonly schedules: Schedules;
  /** The workspace's live event stream. */
  readonly events: Events;
  /** Datasets (tables for lookups and batches). */
  readonly datasets: Datasets;
  /** Credentials (write-only secrets). */
  readonly credentials: Credentials;
  /** MCP servers for agents and `mcp.call` steps. */
  readonly mcpServers: McpServers;
  /** Documents: upload sources, read their pages, search their passages. */
  readonly documents: Documents;
  /** Event endpoints (signed webhooks out), their deliveries and redelivery; the run callback secret. */
  readonly eventEndpoints: EventEndpoints;
  /** The step types the server knows (for editors). */
  readonly stepTypes: StepTypes;
  readonly expressions: Expressions;
  /** Each workflow's webhook trigger: read, configure, rotate its secret. */
  readonly triggers: Triggers;
  /** The workspace's audit log. */
  readonly audit: Audit;
  /** Runs waiting for a person: the Inbox, decisions, signed single-use links. */
  readonly approvals: Approvals;
  /** Evaluations: every row on several workflow versions, scored and compared. */
  readonly evaluations: Evaluations;
  /** The gallery of research workflow templates; create a workflow from one. */
  readonly templates: Templates;

  /** Draft runs ("Test step", "Run to here" on an unsaved definition), pinned samples, steps' latest outputs. */
  readonly drafts: DraftRuns;

  /** Browser sign-in: setup, sign-in, sign-out, the current session (session mode). */
  readonly auth: Auth;
  /** The workspace's users and their roles. */
  readonly users: Users;

  constructor(options: ClientOptions) {
    const http = new HttpClient(options);
    this.workflows = new Workflows(http);
    this.runs = new Runs(http);
    this.drafts = new DraftRuns(http);
    this.keys = new Keys(http);
    this.batches = new Batches(http);
    this.schedules = new Schedules(http);
    this.events = new Events(http);
    this.datasets = new Datasets(http);
    this.credentials = new Credentials(http);
    this.mcpServers = new McpServers(http);
    this.documents = new Documents(http);
    this.eventEndpoints = new EventEndpoints(http);
    this.auth = new Auth(http);
    this.users = new Users(http);
    this.stepTypes = new StepTypes(http);
    this.expressions = new Expressions(http);
    this.triggers = new Triggers(http);
    this.audit = new Audit(http);
    this.approvals = new Approvals(http);
    this.evaluations = new Evaluations(http);
    this.templates = new Templates(http);
  }
}
