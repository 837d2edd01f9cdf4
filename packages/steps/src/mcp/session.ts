import type { CredentialReader } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { OutboundGuard } from '../net/outbound-guard';

/** How Assay reaches an MCP server (as the workspace registered it). */
export type McpServerTransport =
  { kind: 'http'; url: string } | { kind: 'stdio'; command: string; args: string[]; env: Record<string, string> };

/** A workspace's MCP server, as steps need it. */
export interface McpServerDefinition {
  name: string;
  transport: McpServerTransport;
  /** The workspace credential that authenticates: an HTTP header's value (`authorization`: `Bearer <value>`) or a stdio variable. */
  credential: { name: string; header: string } | null;
}

/** The MCP servers of workspaces (the composition root reads them from the store). */
export interface McpDirectory {
  get(workspaceId: string, name: string): Promise<McpServerDefinition | null>;
}

/** What the MCP steps need from the process. */
export interface McpDependencies {
  servers: McpDirectory;
  /** The outbound guard every streamable HTTP request goes through. */
  guard: OutboundGuard;
  /** Whether stdio servers may be started (ASSAY_MCP_STDIO): each is a process on this host. */
  allowStdio: boolean;
}

/** A tool a server offers (`tools/list`). */
export interface McpTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** A tool's answer (`tools/call`): its content items, its structured result if any, and whether it is an error. */
export interface McpToolResult {
  content: unknown[];
  structured?: unknown;
  isError: boolean;
  /** The text items joined (what a model reads when there is no structured result). */
  text: string;
}

/** An open connection to one MCP server, for one step. */
export interface McpSession {
  readonly server: string;
  listTools(signal: AbortSignal): Promise<McpTool[]>;
  callTool(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<McpToolResult>;
  close(): Promise<void>;
}

/** Tools listed from one server at most (pages of `tools/list` are followed up to this). */
const MAX_TOOLS = 200;
/** Longest a connection (initialize) may take; a tool call is bounded by its step's timeout. */
const CONNECT_TIMEOUT_MS = 30_000;
/** Largest answer read from a streamable HTTP server (a larger one fails the request). */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** A tool call without a step timeout waits at most this long. */
const CALL_TIMEOUT_MS = 10 * 60_000;

/**
 * Opens a session with a workspace's MCP server by name: over streamable HTTP through the
 * outbound guard (with its credential as a header), or as a stdio process when the operator
 * allows it (with its credential as a variable). The SDK is loaded on first use.
 */
export async function openMcpSession(
  deps: McpDependencies,
  workspaceId: string,
  name: string,
  credentials: CredentialReader,
  signal: AbortSignal,
): Promise<McpSession> {
  const server = await deps.servers.get(workspaceId, name);
  if (!server)
    throw new AssayError('invalid_input', `no MCP server named "${name}" in this workspace (register it with POST /v1/mcp-servers)`);
  const secret = server.credential ? await credentials.get(server.credential.name) : null;
  const [{ Client }, transport] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    connectTransport(deps, server, secret),
  ]);
  const client = new Client({ name: 'assay', version: '1' }, { capabilities: {} });
  try {
    await client.connect(transport, { signal, timeout: CONNECT_TIMEOUT_MS });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw mcpError(name, 'could not connect', error, signal);
  }
  return {
    server: name,
    async listTools(listSignal) {
      const tools: McpTool[] = [];
      let cursor: string | undefined;
      try {
        do {
          const page = await client.listTools(cursor ? { cursor } : undefined, { signal: listSignal, timeout: CONNECT_TIMEOUT_MS });
          for (const tool of page.tools) {
            if (tools.length >= MAX_TOOLS) break;
            tools.push({
              name: tool.name,
              description: (tool.description ?? tool.title ?? tool.name).slice(0, 4000),
              inputSchema: tool.inputSchema as Record<string, unknown>,
            });
          }
          cursor = page.nextCursor;
        } while (cursor && tools.length < MAX_TOOLS);
      } catch (error) {
        throw mcpError(name, 'could not list its tools', error, listSignal);
      }
      return tools;
    },
    async callTool(tool, args, callSignal) {
      let result: Awaited<ReturnType<typeof client.callTool>>;
      try {
        result = await client.callTool({ name: tool, arguments: args }, undefined, { signal: callSignal, timeout: CALL_TIMEOUT_MS });
      } catch (error) {
        throw mcpError(name, `tool "${tool}" failed`, error, callSignal);
      }
      const content = Array.isArray(result.content) ? (result.content as unknown[]) : [];
      return {
        content,
        ...(result.structuredContent !== undefined && { structured: result.structuredContent }),
        isError: result.isError === true,
        text: contentText(content),
      };
    },
    close: () => client.close().catch(() => undefined),
  };
}

async function connectTransport(deps: McpDependencies, server: McpServerDefinition, secret: string | null) {
  const { transport } = server;
  if (transport.kind === 'stdio') {
    if (!deps.allowStdio)
      throw new AssayError(
        'invalid_input',
        `MCP server "${server.name}" is a stdio command, and this installation does not start them (set ASSAY_MCP_STDIO=true to allow it)`,
      );
    const { StdioClientTransport, getDefaultEnvironment } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    const env = {
      ...getDefaultEnvironment(),
      ...transport.env,
      ...(server.credential && secret !== null && { [server.credential.header]: secret }),
    };
    return new StdioClientTransport({ command: transport.command, args: transport.args, env, stderr: 'ignore' });
  }
  const url = new URL(transport.url);
  deps.guard.checkUrl(url);
  const headers: Record<string, string> = {};
  if (server.credential && secret !== null)
    headers[server.credential.header] = server.credential.header.toLowerCase() === 'authorization' ? `Bearer ${secret}` : secret;
  const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
  return new StreamableHTTPClientTransport(url, { fetch: guardedFetch(deps.guard), requestInit: { headers } });
}

/** A fetch for the SDK that goes through the outbound guard (every address checked) and caps what it reads. */
function guardedFetch(guard: OutboundGuard) {
  return async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    if (init?.body !== undefined && init.body !== null && typeof init.body !== 'string')
      throw new AssayError('internal', 'MCP: only text request bodies are sent');
    const { response } = await guard.fetch(String(url), {
      method: init?.method ?? 'GET',
      headers,
      body: init?.body ?? undefined,
      signal: init?.signal ?? new AbortController().signal,
      maxRedirects: 0,
    });
    const empty = [101, 204, 205, 304].includes(response.status) || response.body === null;
    const answer = new Headers();
    response.headers.forEach((value, key) => answer.append(key, value));
    return new Response(empty ? null : capped(response.body as ReadableStream<Uint8Array>, MAX_RESPONSE_BYTES), {
      status: response.status,
      statusText: response.statusText,
      headers: answer,
    });
  };
}

/** The stream, failing once more than `max` bytes went through it. */
function capped(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(new AssayError('output_too_large', `the MCP server answered more than ${max} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/** The text items of a tool's content joined; other items named by kind (an image's bytes are not text for a model). */
function contentText(content: unknown[]): string {
  return content
    .map((item) => {
      const entry = item as { type?: string; text?: string; mimeType?: string; resource?: { uri?: string; text?: string }; uri?: string };
      if (entry.type === 'text') return entry.text ?? '';
      if (entry.type === 'resource') return entry.resource?.text ?? `[resource ${entry.resource?.uri ?? ''}]`;
      if (entry.type === 'resource_link') return `[resource ${entry.uri ?? ''}]`;
      return `[${entry.type ?? 'content'}${entry.mimeType ? ` ${entry.mimeType}` : ''}]`;
    })
    .join('\n');
}

/** An MCP failure as a step error naming the server; a run stop is passed on as it is. */
function mcpError(server: string, what: string, error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason ?? error;
  if (error instanceof AssayError)
    return new AssayError(error.code, `MCP server "${server}": ${what}: ${error.message}`, { retryable: error.retryable });
  const message = error instanceof Error ? error.message : String(error);
  return new AssayError('step_failed', `MCP server "${server}": ${what}: ${message}`, { retryable: true });
}
