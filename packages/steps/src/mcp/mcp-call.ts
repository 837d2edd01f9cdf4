import { defineStepType, type StepType } from '@assay/engine';
import { AssayError, McpServerName } from '@assay/schema';
import { z } from 'zod';
import { openMcpSession, type McpDependencies } from './session';

/** A server's name as registered (`/v1/mcp-servers`). */

const Config = z
  .object({
    server: McpServerName.describe('The name of one of the workspace’s MCP servers'),
    tool: z.string().min(1).max(200).describe('The tool to call, as the server lists it'),
    arguments: z.record(z.string(), z.unknown()).default({}).describe('The tool’s arguments'),
  })
  .strict();

/**
 * `mcp.call`: calls one tool of a workspace's MCP server. The output is the tool's answer:
 * `{ content, structured?, text }`; a tool that answers with an error fails the step with its text.
 */
export function createMcpCallStep(deps: McpDependencies): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'mcp.call',
    example: { id: 'ticket', with: { server: 'tracker', tool: 'create_issue', arguments: { title: 'Review {{ input.company }}' } } },
    family: 'outbound',
    description: "Call a tool of one of the workspace's MCP servers.",
    config: Config,
    async execute(config, context) {
      const session = await openMcpSession(deps, context.workspaceId, config.server, context.credentials, context.signal);
      try {
        const result = await session.callTool(config.tool, config.arguments, context.signal);
        if (result.isError)
          throw new AssayError(
            'step_failed',
            `MCP tool "${config.tool}" of "${config.server}" answered with an error: ${result.text.slice(0, 2000)}`,
          );
        const output = {
          content: result.content,
          ...(result.structured !== undefined && { structured: result.structured }),
          text: result.text,
        };
        return { kind: 'completed', output: context.scrub(output) };
      } finally {
        await session.close();
      }
    },
  });
}
