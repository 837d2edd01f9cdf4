// A real MCP server built with the official SDK, for tests: research tools over a few companies.
// Imported by tests/support/mcp-servers.ts (streamable HTTP); run as a program it serves over stdio.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';

/**
 * The server: `company_facts` (structured facts), `registry_status` (always answers with an error),
 * and `token_check` (says which token it was given: the credential a workspace registered).
 * `token()` reads the credential as the transport delivers it; `onCall` counts calls.
 */
export function researchServer(token, onCall = () => {}) {
  const server = new McpServer({ name: 'research', version: '1.0.0' });
  server.registerTool(
    'company_facts',
    {
      description: 'Facts about a company by its id: revenue and employees',
      inputSchema: { id: z.string() },
      outputSchema: { id: z.string(), revenue: z.number(), employees: z.number() },
    },
    async ({ id }, extra) => {
      onCall('company_facts', { id }, extra);
      const facts = { id, revenue: id.length * 10, employees: 42 };
      return { content: [{ type: 'text', text: JSON.stringify(facts) }], structuredContent: facts };
    },
  );
  server.registerTool('registry_status', { description: 'The company registry' }, async (extra) => {
    onCall('registry_status', {}, extra);
    return { content: [{ type: 'text', text: 'the registry is down for maintenance' }], isError: true };
  });
  server.registerTool('token_check', { description: 'Which token this server was given' }, async (extra) => {
    onCall('token_check', {}, extra);
    return { content: [{ type: 'text', text: `token:${token(extra)}` }] };
  });
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = researchServer(() => process.env.MCP_TOKEN ?? '(none)');
  await server.connect(new StdioServerTransport());
}
