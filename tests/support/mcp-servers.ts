import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
// @ts-expect-error: a plain ES module (the stdio server runs it with node alone), without types
import { researchServer } from './mcp-research-server.mjs';

/** The stdio server: `node <this file>` serves the research tools over stdin/stdout. */
export const STDIO_SERVER_SCRIPT = path.resolve('tests/support/mcp-research-server.mjs');

/** A real streamable HTTP MCP server on 127.0.0.1 (stateless: one SDK server per request). */
export interface McpHttpServer {
  url: string;
  /** Tool calls received: the tool, its arguments and the Authorization header it came with. */
  calls: Array<{ tool: string; args: unknown; authorization: string | undefined }>;
  close(): Promise<void>;
}

export async function startMcpHttpServer(): Promise<McpHttpServer> {
  const calls: McpHttpServer['calls'] = [];
  const http: Server = createServer(async (req: IncomingMessage, res) => {
    const authorization = req.headers.authorization;
    const server = researchServer(
      () => authorization ?? '(none)',
      (tool: string, args: unknown) => calls.push({ tool, args, authorization }),
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    calls,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
