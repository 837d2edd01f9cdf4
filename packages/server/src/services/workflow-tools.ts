import { TERMINAL_RUN_STATUSES, type InputField, type Run } from '@assay/schema';
import type { ArtifactRecord, Store, WorkflowRecord } from '@assay/store';
import { ArtifactService } from './artifact-service';
import type { RunService } from './run-service';

/** At most this many workflows (the newest) are offered as tools. */
export const MAX_WORKFLOW_TOOLS = 200;
/** How long a tool call waits for its run before answering with the run's id. */
export const TOOL_WAIT_SECONDS = 30;

/** The JSON Schema of a tool's arguments, built from the workflow's declared inputs. */
export interface ToolInputSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  additionalProperties: false;
  [key: string]: unknown;
}

/** One active workflow as an MCP tool. */
export interface WorkflowTool {
  name: string;
  workflowId: string;
  title: string;
  description: string;
  inputSchema: ToolInputSchema;
}

/** The workspace's tools, and whether it has more active workflows than are offered. */
export interface ToolCatalogue {
  tools: WorkflowTool[];
  capped: boolean;
}

const TOOL_NAME_MAX = 64;

/** The workflow's name made a valid MCP tool name (`^[a-zA-Z0-9_-]{1,64}$`): `Screen a company` → `screen_a_company`. */
export function toolSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, TOOL_NAME_MAX)
    .replace(/[_-]+$/, '');
  return slug || 'workflow';
}

/**
 * Unique tool names for workflows: each its name's slug; where slugs collide, the oldest workflow
 * keeps the plain slug and the others get a short id suffix (the last 8 hex of their id), so a tool's
 * name does not change when a newer workflow with the same name appears. Keyed by workflow id.
 */
export function toolNames(workflows: ReadonlyArray<Pick<WorkflowRecord, 'id' | 'name'>>): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const oldestFirst = [...workflows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const slugs = oldestFirst.map((w) => toolSlug(w.name));
  // Plain slugs are reserved first, so a suffixed name never takes one another workflow has as its own.
  const plain = new Set<string>();
  oldestFirst.forEach((workflow, i) => {
    const slug = slugs[i] as string;
    if (!plain.has(slug)) {
      plain.add(slug);
      names.set(workflow.id, slug);
    }
  });
  for (const name of names.values()) taken.add(name);
  oldestFirst.forEach((workflow, i) => {
    if (names.has(workflow.id)) return;
    const slug = slugs[i] as string;
    const suffixed = (suffix: string) => `${slug.slice(0, TOOL_NAME_MAX - suffix.length - 1).replace(/[_-]+$/, '')}_${suffix}`;
    let name = suffixed(workflow.id.slice(-8));
    for (let n = 2; taken.has(name); n++) name = suffixed(`${workflow.id.slice(-8)}${n}`);
    taken.add(name);
    names.set(workflow.id, name);
  });
  return names;
}

/** A tool's arguments as JSON Schema: each declared input with its type, enum, description and default. */
export function toolInputSchema(inputs: Record<string, InputField>): ToolInputSchema {
  const properties: Record<string, Record<string, unknown>> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(inputs)) {
    properties[name] = {
      type: field.type,
      ...(field.description !== undefined && { description: field.description }),
      ...(field.enum !== undefined && { enum: field.enum }),
      ...(field.default !== undefined && { default: field.default }),
    };
    // A required input with a default is filled in when left out, so callers need not give it.
    if (field.required && field.default === undefined) required.push(name);
  }
  return { type: 'object', properties, ...(required.length > 0 && { required }), additionalProperties: false };
}

/** How a workflow presents itself as a tool: its description (or name) and its id. */
function toolDescription(workflow: WorkflowRecord): string {
  const about = workflow.description?.trim() || workflow.name;
  return `${about}\n\n(Assay workflow ${workflow.id})`;
}

/** Which artifact types are read as text; the rest as base64. */
export function isTextType(contentType: string): boolean {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type.endsWith('+json') ||
    type.endsWith('+xml') ||
    ['application/json', 'application/xml', 'application/yaml', 'application/x-yaml', 'application/x-ndjson'].includes(type)
  );
}

/**
 * A workspace's workflows as MCP tools (`/mcp`): the catalogue (active workflows, newest first, at
 * most MAX_WORKFLOW_TOOLS), calls (a run created through the RunService as `POST
 * /v1/workflows/{id}/runs` does, waited for a while), and the run and artifact reads behind its
 * resources. Everything is scoped to the caller's workspace.
 */
export class WorkflowToolService {
  constructor(
    private readonly store: Store,
    private readonly runs: RunService,
    private readonly artifacts = new ArtifactService(store),
  ) {}

  /** The workspace's tools (one query: the newest active workflows with their definitions). */
  async catalogue(workspaceId: string): Promise<ToolCatalogue> {
    const rows = await this.store.workflows.list(workspaceId, {
      archived: 'active',
      direction: 'desc',
      limit: MAX_WORKFLOW_TOOLS + 1,
      offset: 0,
    });
    const workflows = rows.slice(0, MAX_WORKFLOW_TOOLS);
    const names = toolNames(workflows);
    return {
      tools: workflows.map((workflow) => ({
        name: names.get(workflow.id) as string,
        workflowId: workflow.id,
        title: workflow.name,
        description: toolDescription(workflow),
        inputSchema: toolInputSchema(workflow.definition.inputs),
      })),
      capped: rows.length > MAX_WORKFLOW_TOOLS,
    };
  }

  /** The tool of that name, or null. */
  async find(workspaceId: string, name: string): Promise<WorkflowTool | null> {
    return (await this.catalogue(workspaceId)).tools.find((tool) => tool.name === name) ?? null;
  }

  /**
   * Runs the tool's workflow with `args` as its input (checked against its inputs: an `invalid_input`
   * error names the field) and waits up to `waitSeconds` (at most TOOL_WAIT_SECONDS) for it to
   * finish, or until `signal` aborts. Returns the run as `GET /v1/workflow-runs/{id}` shows it.
   */
  async call(
    workspaceId: string,
    tool: WorkflowTool,
    args: Record<string, unknown>,
    waitSeconds: number,
    signal: AbortSignal,
  ): Promise<Run> {
    const { run } = await this.runs.create({ workspaceId, workflowId: tool.workflowId, input: args, trigger: 'api' });
    const seconds = Math.min(Math.max(0, waitSeconds), TOOL_WAIT_SECONDS);
    if (seconds > 0 && !TERMINAL_RUN_STATUSES.has(run.status) && !signal.aborted) {
      let stop = () => {};
      const aborted = new Promise<void>((resolve) => {
        stop = resolve;
        signal.addEventListener('abort', stop, { once: true });
      });
      await Promise.race([this.runs.waitForTerminal(run, seconds), aborted]);
      signal.removeEventListener('abort', stop);
    }
    return this.runs.get(workspaceId, run.id);
  }

  /** A run of the workspace with its steps and artifacts (`not_found` for another workspace's). */
  run(workspaceId: string, runId: string): Promise<Run> {
    return this.runs.get(workspaceId, runId);
  }

  /** A file a run of the workspace produced, with its bytes (`not_found` when there is none). */
  artifact(workspaceId: string, runId: string, name: string): Promise<ArtifactRecord & { data: Uint8Array }> {
    return this.artifacts.get(workspaceId, runId, name);
  }
}
