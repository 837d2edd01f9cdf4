import { AssayError, invalidInput, type McpServer, type McpServerBody } from '@assay/schema';
import { createOutboundGuard, openMcpSession, type McpDependencies, type McpTool } from '@assay/steps';
import type { McpServerFields, McpServerRecord, Store } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import type { DestinationCheck } from './destination-check';
import type { SecretBox } from './secret-box';

/** Longest `GET /v1/mcp-servers/{id}/tools` waits for a server. */
const TOOLS_TIMEOUT_MS = 30_000;

/**
 * The MCP servers of a workspace: registered with their transport checked (an HTTP URL against the
 * outbound guard, a stdio command only where the operator allows it) and their credential named;
 * their tools listed live. Every change is recorded in the audit log.
 */
export class McpServerService {
  private readonly mcp: McpDependencies;

  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly options: { allowStdio: boolean; httpAllow: string[]; checkDestination: DestinationCheck },
  ) {
    this.mcp = {
      servers: { get: (workspaceId, name) => store.mcpServers.byName(workspaceId, name) },
      guard: createOutboundGuard({ allow: options.httpAllow }),
      allowStdio: options.allowStdio,
    };
  }

  list(workspaceId: string, query: { limit: number; lt?: string; direction: 'asc' | 'desc' }): Promise<McpServerRecord[]> {
    return this.store.mcpServers.list(workspaceId, { ...query, limit: query.limit + 1 });
  }

  async get(workspaceId: string, id: string): Promise<McpServerRecord> {
    const server = await this.store.mcpServers.get(workspaceId, id);
    if (!server) throw new AssayError('not_found', `MCP server ${id} not found`);
    return server;
  }

  async create(workspaceId: string, body: McpServerBody, by: Principal): Promise<McpServerRecord> {
    const fields = await this.fields(workspaceId, body);
    const created = await this.store.mcpServers.create(workspaceId, fields);
    if (!created) throw taken(body.name);
    await audit(this.store, by, 'mcp_server.created', { type: 'mcp_server', id: created.id }, summary(created));
    return created;
  }

  async update(workspaceId: string, id: string, body: McpServerBody, by: Principal): Promise<McpServerRecord> {
    const fields = await this.fields(workspaceId, body);
    const updated = await this.store.mcpServers.update(workspaceId, id, fields);
    if (updated === 'taken') throw taken(body.name);
    if (!updated) throw new AssayError('not_found', `MCP server ${id} not found`);
    await audit(this.store, by, 'mcp_server.updated', { type: 'mcp_server', id: updated.id }, summary(updated));
    return updated;
  }

  async remove(workspaceId: string, id: string, by: Principal): Promise<void> {
    const existing = await this.get(workspaceId, id);
    if (!(await this.store.mcpServers.remove(workspaceId, id))) throw new AssayError('not_found', `MCP server ${id} not found`);
    await audit(this.store, by, 'mcp_server.deleted', { type: 'mcp_server', id }, summary(existing));
  }

  /** The server's tools, asked of it now (`tools/list`): what agents and `mcp.call` steps may use. */
  async tools(workspaceId: string, id: string): Promise<McpTool[]> {
    const server = await this.get(workspaceId, id);
    const signal = AbortSignal.timeout(TOOLS_TIMEOUT_MS);
    const credentials = {
      get: async (name: string) => {
        const sealed = await this.store.credentials.sealedByName(workspaceId, name);
        if (sealed === null) throw invalidInput('credential.name', `no credential named "${name}" in this workspace`);
        return this.box.open(sealed, `credential "${name}"`);
      },
    };
    const session = await openMcpSession(this.mcp, workspaceId, server.name, credentials, signal);
    try {
      return await session.listTools(signal);
    } finally {
      await session.close();
    }
  }

  /** The body as stored, after the checks a save makes. */
  private async fields(workspaceId: string, body: McpServerBody): Promise<McpServerFields> {
    const { transport } = body;
    if (transport.type === 'stdio' && !this.options.allowStdio)
      throw invalidInput(
        'transport.type',
        'stdio MCP servers are off in this installation (the operator enables them with ASSAY_MCP_STDIO=true)',
      );
    if (transport.type === 'http') await this.options.checkDestination('transport.url', transport.url);
    if (body.credential && (await this.store.credentials.sealedByName(workspaceId, body.credential.name)) === null)
      throw invalidInput(
        'credential.name',
        `no credential named "${body.credential.name}" in this workspace (create it with POST /v1/credentials)`,
      );
    return {
      name: body.name,
      description: body.description ?? null,
      transport:
        transport.type === 'http'
          ? { kind: 'http', url: transport.url }
          : { kind: 'stdio', command: transport.command, args: transport.args, env: transport.env },
      credential: body.credential
        ? { name: body.credential.name, header: body.credential.header ?? (transport.type === 'http' ? 'authorization' : 'MCP_TOKEN') }
        : null,
    };
  }
}

/** An MCP server as the API shows it. */
export function presentMcpServer(server: McpServerRecord): McpServer {
  const { transport } = server;
  return {
    id: server.id,
    name: server.name,
    description: server.description,
    transport:
      transport.kind === 'http'
        ? { type: 'http', url: transport.url }
        : { type: 'stdio', command: transport.command, args: transport.args, env: transport.env },
    credential: server.credential,
    createdAt: new Date(server.createdAt).toISOString(),
    updatedAt: new Date(server.updatedAt).toISOString(),
  };
}

function summary(server: McpServerRecord): Record<string, unknown> {
  return { name: server.name, transport: server.transport.kind };
}

function taken(name: string): AssayError {
  return new AssayError('conflict', `an MCP server named "${name}" already exists`, {
    details: [{ path: 'name', message: 'already exists' }],
  });
}
