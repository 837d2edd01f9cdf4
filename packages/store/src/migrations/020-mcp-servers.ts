import type { Kysely, Migration } from 'kysely';

/**
 * MCP servers a workspace registers: a streamable HTTP URL or a stdio command, and the name of the
 * credential that authenticates to it. Steps and agents name them.
 */
export const mcpServers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('mcp_servers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('transport', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('command', 'text')
      .addColumn('args', 'text')
      .addColumn('env', 'text')
      .addColumn('credential', 'text')
      .addColumn('credential_header', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('mcp_servers_name', ['workspace_id', 'name'])
      .execute();
  },
};
