import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ListQuery, McpServer, McpServerBody, McpToolInfo } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { conflict, data, errors, IdParam, json, list, page, security } from '../http/openapi';
import { presentMcpServer, type McpServerService } from '../services/mcp-server-service';

const tags = ['MCP servers'];
const body = { required: true, content: { 'application/json': { schema: McpServerBody } } } as const;

/**
 * `/v1/mcp-servers`: the workspace's MCP servers (register, list, read, replace, delete) and their
 * tools, listed live. Registering one is an admin's act: a stdio server is a process on this host.
 */
export function registerMcpServerRoutes(app: OpenAPIHono<AppEnv>, servers: McpServerService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/mcp-servers',
      operationId: 'listMcpServers',
      tags,
      security,
      summary: "List the workspace's MCP servers",
      request: { query: ListQuery },
      responses: { 200: json(list(McpServer), 'MCP servers'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(page((await servers.list(c.get('principal').workspaceId, q)).map(presentMcpServer), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/mcp-servers',
      operationId: 'createMcpServer',
      tags,
      security,
      summary: 'Register an MCP server (streamable HTTP, or a stdio command where ASSAY_MCP_STDIO allows it)',
      middleware: [requireScope('admin')] as const,
      request: { body },
      responses: { 201: json(data(McpServer), 'Registered'), ...errors, ...conflict },
    }),
    async (c) => {
      const principal = c.get('principal');
      return c.json({ data: presentMcpServer(await servers.create(principal.workspaceId, c.req.valid('json'), principal)) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/mcp-servers/{id}',
      operationId: 'getMcpServer',
      tags,
      security,
      summary: 'An MCP server',
      request: { params: IdParam },
      responses: { 200: json(data(McpServer), 'The MCP server'), ...errors },
    }),
    async (c) => c.json({ data: presentMcpServer(await servers.get(c.get('principal').workspaceId, c.req.valid('param').id)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/mcp-servers/{id}',
      operationId: 'replaceMcpServer',
      tags,
      security,
      summary: 'Replace an MCP server',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam, body },
      responses: { 200: json(data(McpServer), 'Replaced'), ...errors, ...conflict },
    }),
    async (c) => {
      const principal = c.get('principal');
      const updated = await servers.update(principal.workspaceId, c.req.valid('param').id, c.req.valid('json'), principal);
      return c.json({ data: presentMcpServer(updated) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/mcp-servers/{id}',
      operationId: 'deleteMcpServer',
      tags,
      security,
      summary: 'Delete an MCP server (steps naming it fail until one of that name is registered)',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      await servers.remove(principal.workspaceId, c.req.valid('param').id, principal);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/mcp-servers/{id}/tools',
      operationId: 'listMcpServerTools',
      tags,
      security,
      summary: 'The tools the server offers, asked of it now (tools/list)',
      middleware: [requireScope('edit')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(z.array(McpToolInfo)), 'Its tools'), ...errors },
    }),
    async (c) => c.json({ data: await servers.tools(c.get('principal').workspaceId, c.req.valid('param').id) }, 200),
  );
}
