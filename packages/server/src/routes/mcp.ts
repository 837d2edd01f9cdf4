import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { AssayError, SCOPE_RANK, type Run } from '@assay/schema';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv, Principal } from '../http/app-env';
import { jsonDepth, MAX_JSON_DEPTH } from '../http/json-depth';
import {
  isTextType,
  MAX_WORKFLOW_TOOLS,
  TOOL_WAIT_SECONDS,
  type ToolCatalogue,
  type WorkflowToolService,
} from '../services/workflow-tools';

/** `_meta` key of a tools/call request that shortens the wait for the run (0 to TOOL_WAIT_SECONDS). */
export const WAIT_SECONDS_META = 'assay/waitSeconds';
/** Resource links to a finished run's files, at most this many per answer. */
const MAX_ARTIFACT_LINKS = 20;
/**
 * At most this many messages in one JSON-RPC batch (protocol versions before 2025-06-18 allow them):
 * each tool call creates a run, and a request takes one token of the rate limit.
 */
const MAX_BATCH_MESSAGES = 10;
/** JSON-RPC's "resource not found" (MCP). */
const RESOURCE_NOT_FOUND = -32002;

const RUN_URI = /^assay:\/\/runs\/([0-9a-f]{24})$/;
const ARTIFACT_URI = /^assay:\/\/runs\/([0-9a-f]{24})\/artifacts\/([^/]{1,600})$/;

/** The SDK's server side, loaded with the first `/mcp` request (most processes never serve one). */
type Sdk = Awaited<ReturnType<typeof importSdk>>;
async function importSdk() {
  const [server, transport, types, ajv] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/index.js'),
    import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
    import('@modelcontextprotocol/sdk/validation/ajv'),
  ]);
  // One validator for every request's server (building one per request costs more than the request).
  return { ...server, ...transport, ...types, validator: new ajv.AjvJsonSchemaValidator() };
}
let sdk: Promise<Sdk> | undefined;
const loadSdk = () => (sdk ??= importSdk());

interface McpEndpointDeps {
  tools: WorkflowToolService;
  version: string;
}

/**
 * `/mcp`: the workspace's workflows as MCP tools, over streamable HTTP (stateless: a new SDK server
 * and transport per request, so any API process can answer any request; answers are JSON, not SSE).
 * Authenticated as the API is (`x-metal-client-id` + `x-metal-api-key`, the session cookie, or
 * `Authorization: Bearer <client id>:<secret>`, what MCP clients usually send); listing needs `read`,
 * calling a tool `run`.
 */
export function registerMcpEndpoint(
  app: Hono<AppEnv>,
  /** The API's own authentication and rate limit, in that order (the same key cache and buckets as `/v1`). */
  guard: MiddlewareHandler<AppEnv>[],
  tools: WorkflowToolService,
  version: string,
): void {
  const deps: McpEndpointDeps = { tools, version };
  app.all('/mcp', challenge, ...guard, async (c) => {
    if (c.req.method !== 'POST')
      return c.json(rpcError(-32000, 'Method not allowed: this server is stateless, send each request as a POST'), 405, { Allow: 'POST' });
    const text = await c.req.text();
    if (jsonDepth(text) > MAX_JSON_DEPTH)
      return c.json(rpcError(-32600, `Invalid Request: JSON nested deeper than ${MAX_JSON_DEPTH} levels`), 400);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return c.json(rpcError(-32700, 'Parse error: Invalid JSON'), 400);
    }
    if (Array.isArray(body) && body.length > MAX_BATCH_MESSAGES)
      return c.json(rpcError(-32600, `Invalid Request: at most ${MAX_BATCH_MESSAGES} messages in a batch`), 400);
    const mcp = await loadSdk();
    const principal = c.get('principal');
    // The instructions (which say whether the catalogue is capped) are only read on initialize.
    const initializing = (Array.isArray(body) ? body : [body]).some((message) => mcp.isInitializeRequest(message));
    const catalogue = initializing ? await deps.tools.catalogue(principal.workspaceId) : null;
    const server = mcpServer(mcp, deps, principal, catalogue);
    const transport = new mcp.WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    // A client that goes away aborts what its request is doing (a tool call waiting for its run).
    const signal = c.req.raw.signal;
    const close = () => void server.close();
    signal.addEventListener('abort', close, { once: true });
    try {
      return await transport.handleRequest(c.req.raw, { parsedBody: body });
    } finally {
      signal.removeEventListener('abort', close);
      await server.close();
    }
  });
}

/**
 * A JSON-RPC error from a handler. The SDK's McpError puts "MCP error <code>:" in its message, which
 * the client then repeats; the protocol only reads `code`, `message` and `data`.
 */
function rpcFailure(code: number, message: string, data?: unknown): Error {
  return Object.assign(new Error(message), { code, data });
}

/** A JSON-RPC error answer to a request that never reached the MCP server. */
function rpcError(code: number, message: string) {
  return { jsonrpc: '2.0' as const, error: { code, message }, id: null };
}

/** A 401 from `/mcp` says how to authenticate (MCP clients look for the challenge). */
const challenge: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.status === 401) c.header('WWW-Authenticate', 'Bearer realm="assay"');
};

/** The server's instructions for the agent, saying so when not every workflow is a tool. */
function instructions(catalogue: ToolCatalogue | null): string {
  const lines = [
    "Each tool runs one workflow of this Assay workspace with the tool's arguments as its input, and answers with the run's output (JSON).",
    `A run still going after ${TOOL_WAIT_SECONDS} seconds is answered with its id and a link to read it later: assay://runs/{id} (the run as JSON), and its files at assay://runs/{id}/artifacts/{name}.`,
  ];
  if (catalogue?.capped)
    lines.push(
      `This workspace has more than ${MAX_WORKFLOW_TOOLS} active workflows: only the ${MAX_WORKFLOW_TOOLS} newest are offered as tools.`,
    );
  return lines.join('\n');
}

/** One request's MCP server: tools and resources over the services, in the principal's workspace. */
function mcpServer(mcp: Sdk, deps: McpEndpointDeps, principal: Principal, catalogue: ToolCatalogue | null): Server {
  const { workspaceId } = principal;
  const server = new mcp.Server(
    { name: 'assay', title: 'Assay workflows', version: deps.version },
    {
      capabilities: { tools: {}, resources: {} },
      instructions: instructions(catalogue),
      jsonSchemaValidator: mcp.validator,
    },
  );
  server.onerror = () => undefined; // a client gone mid-answer is not the server's error

  server.setRequestHandler(mcp.ListToolsRequestSchema, async () => ({
    tools: (catalogue ?? (await deps.tools.catalogue(workspaceId))).tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
    })),
  }));

  server.setRequestHandler(mcp.CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = await deps.tools.find(workspaceId, request.params.name);
    if (!tool) throw rpcFailure(mcp.ErrorCode.InvalidParams, `unknown tool "${request.params.name}"`);
    if (SCOPE_RANK[principal.scope] < SCOPE_RANK.run)
      return errorResult(`${who(principal)} does not allow running workflows; it needs "run"`);
    const asked = request.params._meta?.[WAIT_SECONDS_META];
    const waitSeconds = typeof asked === 'number' && Number.isFinite(asked) ? asked : TOOL_WAIT_SECONDS;
    let run: Run;
    try {
      run = await deps.tools.call(workspaceId, tool, request.params.arguments ?? {}, waitSeconds, extra.signal);
    } catch (error) {
      // Arguments the workflow refuses (or a workflow archived since it was listed) are the tool's answer.
      if (error instanceof AssayError && error.code !== 'internal') return errorResult(error.message);
      throw error;
    }
    return toolResult(run, waitSeconds);
  });

  server.setRequestHandler(mcp.ListResourcesRequestSchema, () => ({ resources: [] }));
  server.setRequestHandler(mcp.ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [
      {
        uriTemplate: 'assay://runs/{id}',
        name: 'run',
        title: 'A workflow run',
        description: 'A run with its status, input, output or error, steps and files (as GET /v1/workflow-runs/{id} answers)',
        mimeType: 'application/json',
      },
      {
        uriTemplate: 'assay://runs/{id}/artifacts/{name}',
        name: 'artifact',
        title: 'A file a run produced',
        description: 'A generated document: text types as text, others as base64',
      },
    ],
  }));

  server.setRequestHandler(mcp.ReadResourceRequestSchema, async (request): Promise<ReadResourceResult> => {
    const { uri } = request.params;
    try {
      const runMatch = RUN_URI.exec(uri);
      if (runMatch) {
        const run = await deps.tools.run(workspaceId, runMatch[1] as string);
        return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(run, null, 2) }] };
      }
      const artifactMatch = ARTIFACT_URI.exec(uri);
      const name = artifactMatch && decodeName(artifactMatch[2] as string);
      if (artifactMatch && name) {
        const artifact = await deps.tools.artifact(workspaceId, artifactMatch[1] as string, name);
        const text = isTextType(artifact.contentType) ? utf8(artifact.data) : null;
        return {
          contents: [
            text === null
              ? { uri, mimeType: artifact.contentType, blob: Buffer.from(artifact.data).toString('base64') }
              : { uri, mimeType: artifact.contentType, text },
          ],
        };
      }
    } catch (error) {
      if (error instanceof AssayError && error.code === 'not_found')
        throw rpcFailure(RESOURCE_NOT_FOUND, `Resource not found: ${error.message}`, { uri });
      throw error;
    }
    throw rpcFailure(RESOURCE_NOT_FOUND, `Resource not found: ${uri} (assay://runs/{id} or assay://runs/{id}/artifacts/{name})`, {
      uri,
    });
  });

  return server;
}

/** A tool's answer from its run: the output when it completed, the error when it failed, else where to look later. */
function toolResult(run: Run, waitSeconds: number): CallToolResult {
  const link = (uri: string, name: string, mimeType?: string, description?: string) => ({
    type: 'resource_link' as const,
    uri,
    name,
    ...(mimeType && { mimeType }),
    ...(description && { description }),
  });
  const runUri = `assay://runs/${run.id}`;
  const _meta = { 'assay/runId': run.id, 'assay/status': run.status };
  switch (run.status) {
    case 'completed': {
      const output = run.output === undefined ? null : run.output;
      const structured = output !== null && typeof output === 'object' && !Array.isArray(output);
      const files = run.artifacts
        .slice(0, MAX_ARTIFACT_LINKS)
        .map((a) => link(`${runUri}/artifacts/${encodeURIComponent(a.name)}`, a.name, a.contentType, `a file run ${run.id} produced`));
      return {
        content: [{ type: 'text', text: JSON.stringify(output) }, ...files],
        ...(structured && { structuredContent: output as Record<string, unknown> }),
        _meta,
      };
    }
    case 'failed': {
      const where = run.error?.stepId ? ` at step "${run.error.stepId}"` : '';
      return { ...errorResult(`run ${run.id} failed${where}: ${run.error?.message ?? 'unknown error'}`), _meta };
    }
    case 'cancelled':
      return { ...errorResult(`run ${run.id} was cancelled`), _meta };
    default: {
      const waited = Math.min(Math.max(0, waitSeconds), TOOL_WAIT_SECONDS);
      return {
        content: [
          {
            type: 'text',
            text: `Run ${run.id} is still ${run.status} after ${waited} seconds. Read ${runUri} later for its status and output.`,
          },
          link(runUri, `run ${run.id}`, 'application/json', 'the run: status, output or error, steps and files'),
        ],
        _meta,
      };
    }
  }
}

function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

function who(principal: Principal): string {
  return principal.userId ? `your role's scope "${principal.scope}"` : `this API key's scope "${principal.scope}"`;
}

/** An artifact name from its URI segment (percent-encoded), or null when it does not decode. */
function decodeName(segment: string): string | null {
  try {
    const name = decodeURIComponent(segment);
    return name.length > 0 && name.length <= 200 ? name : null;
  } catch {
    return null;
  }
}

/** The bytes as UTF-8 text, or null when they are not valid UTF-8 (then they go as base64). */
function utf8(data: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return null;
  }
}
