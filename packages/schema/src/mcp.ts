import { z } from 'zod';
import { Id } from './ids';

const Timestamp = z.string().meta({ description: 'ISO 8601 time' });

/** How steps and agents name a server: lower-case letters, digits, `_` and `-`. */
export const McpServerName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, "_" or "-" (at most 64), starting with a letter or digit');

const McpTransportBody = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('http'),
      url: z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .meta({ description: "The server's streamable HTTP endpoint; reached through the outbound guard (ASSAY_HTTP_ALLOW)" }),
    })
    .strict(),
  z
    .object({
      type: z.literal('stdio'),
      command: z.string().min(1).max(1000).meta({ description: 'The executable to start (only where ASSAY_MCP_STDIO=true)' }),
      args: z.array(z.string().max(4000)).max(100).default([]),
      env: z
        .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name'), z.string().max(10_000))
        .default({})
        .meta({ description: 'Variables besides the default ones (PATH, HOME, …); never secrets: use `credential`' }),
    })
    .strict(),
]);

/** Headers a credential may not replace: the HTTP transport's own. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'accept', 'mcp-session-id']);

export const McpServerBody = z
  .object({
    name: McpServerName,
    description: z.string().max(2000).optional(),
    transport: McpTransportBody,
    credential: z
      .object({
        name: z.string().min(1).max(200).meta({ description: 'A credential of the workspace' }),
        header: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9_-]{0,127}$/, 'must be a header or variable name')
          .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'is a header the transport sets itself')
          .optional()
          .meta({
            description:
              'http: the header it is sent in (default `authorization`, sent as `Bearer <value>`); stdio: the environment variable (default `MCP_TOKEN`)',
          }),
      })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'McpServerBody' });
export type McpServerBody = z.infer<typeof McpServerBody>;

export const McpServer = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    transport: z.union([
      z.object({ type: z.literal('http'), url: z.string() }),
      z.object({ type: z.literal('stdio'), command: z.string(), args: z.array(z.string()), env: z.record(z.string(), z.string()) }),
    ]),
    credential: z.object({ name: z.string(), header: z.string() }).nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'McpServer' });
export type McpServer = z.infer<typeof McpServer>;

export const McpToolInfo = z
  .object({ name: z.string(), description: z.string(), inputSchema: z.record(z.string(), z.unknown()) })
  .meta({ id: 'McpTool' });
