import type { McpServer, McpServerBody } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** A tool an MCP server offers, as `tools/list` described it. */
export interface McpToolInfo {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** What registering a server takes (`args` and `env` of a stdio command may be left out). */
export type McpServerInput = Omit<McpServerBody, 'transport'> & {
  transport: { type: 'http'; url: string } | { type: 'stdio'; command: string; args?: string[]; env?: Record<string, string> };
};

/** `/v1/mcp-servers`: the workspace's MCP servers, for agents and `mcp.call` steps. Changes take an admin key. */
export class McpServers {
  constructor(private readonly http: HttpClient) {}

  async create(server: McpServerInput): Promise<McpServer> {
    return (await this.http.request<{ data: McpServer }>('POST', '/v1/mcp-servers', { body: server })).data;
  }

  list(query: ListOptions = {}): Promise<Page<McpServer>> {
    return this.http.request('GET', '/v1/mcp-servers', { query: { ...query } });
  }

  async get(id: string): Promise<McpServer> {
    return (await this.http.request<{ data: McpServer }>('GET', `/v1/mcp-servers/${segment(id)}`)).data;
  }

  async replace(id: string, server: McpServerInput): Promise<McpServer> {
    return (await this.http.request<{ data: McpServer }>('PUT', `/v1/mcp-servers/${segment(id)}`, { body: server })).data;
  }

  async delete(id: string): Promise<void> {
    await this.http.request('DELETE', `/v1/mcp-servers/${segment(id)}`);
  }

  /** The server's tools, asked of it now. */
  async tools(id: string): Promise<McpToolInfo[]> {
    return (await this.http.request<{ data: McpToolInfo[] }>('GET', `/v1/mcp-servers/${segment(id)}/tools`)).data;
  }
}
