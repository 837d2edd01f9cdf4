import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { McpServer } from '@assay/schema';
import type { McpToolInfo } from '@assay/sdk';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { timeAgo } from '../../ui/format';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { confirmed, useAction } from '../../ui/use-action';
import { AdminOnly } from './AdminOnly';

/** MCP servers: register one (streamable HTTP, or a stdio command where the operator allows it), list its tools, delete. */
export function McpServersTab() {
  return (
    <AdminOnly what="register MCP servers">
      <McpServersManager />
    </AdminOnly>
  );
}

function McpServersManager() {
  const servers = useQuery({ queryKey: keys.mcpServers.list({ limit: 500 }), queryFn: () => api.mcpServers.list({ limit: 500 }) });
  const credentials = useQuery({ queryKey: keys.credentials.list({ limit: 500 }), queryFn: () => api.credentials.list({ limit: 500 }) });
  const invalidate = useInvalidate();
  const action = useAction();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'http' | 'stdio'>('http');
  const [url, setUrl] = useState('');
  const [command, setCommand] = useState('');
  const [args, setArgs] = useState('');
  const [credential, setCredential] = useState('');
  const [tools, setTools] = useState<{ server: string; tools: McpToolInfo[] } | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api.mcpServers.create({
        name: name.trim(),
        transport:
          kind === 'http'
            ? { type: 'http', url: url.trim() }
            : { type: 'stdio', command: command.trim(), args: args.split('\n').filter((line) => line.trim() !== '') },
        ...(credential && { credential: { name: credential } }),
      });
      setName('');
      setUrl('');
      setCommand('');
      setArgs('');
      setCredential('');
      invalidate(keys.mcpServers.all);
    });
  };

  const listTools = (server: McpServer) => {
    setTools(null);
    void action.run(async () => setTools({ server: server.name, tools: await api.mcpServers.tools(server.id) }));
  };

  const remove = (server: McpServer) => {
    if (!confirmed(`Delete the MCP server "${server.name}"? Steps and agents that name it will fail until one of that name exists again.`))
      return;
    void action.run(async () => {
      await api.mcpServers.delete(server.id);
      if (tools?.server === server.name) setTools(null);
      invalidate(keys.mcpServers.all);
    });
  };

  return (
    <div>
      <form className="card settings-form" onSubmit={save} aria-label="Register an MCP server">
        <h3 className="wide">New MCP server</h3>
        <label>
          Name <span className="hint">steps and agents name it</span>
          <input
            name="mcp-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            pattern="[a-z0-9][a-z0-9_\-]{0,63}"
            title='lower-case letters, digits, "_" or "-"'
          />
        </label>
        <label>
          Transport
          <select name="mcp-transport" value={kind} onChange={(e) => setKind(e.target.value as 'http' | 'stdio')}>
            <option value="http">streamable HTTP</option>
            <option value="stdio">stdio command (where the operator allows it)</option>
          </select>
        </label>
        {kind === 'http' ? (
          <label className="wide">
            URL
            <input name="mcp-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} required placeholder="https://…/mcp" />
          </label>
        ) : (
          <>
            <label>
              Command
              <input name="mcp-command" value={command} onChange={(e) => setCommand(e.target.value)} required />
            </label>
            <label>
              Arguments <span className="hint">one per line</span>
              <textarea name="mcp-args" value={args} onChange={(e) => setArgs(e.target.value)} rows={3} />
            </label>
          </>
        )}
        <label>
          Credential <span className="hint">{kind === 'http' ? 'sent as Authorization: Bearer' : 'as MCP_TOKEN'}</span>
          <select name="mcp-credential" value={credential} onChange={(e) => setCredential(e.target.value)}>
            <option value="">(none)</option>
            {(credentials.data?.data ?? []).map((c) => (
              <option key={c.id} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <div className="buttons">
          <button className="primary" type="submit" disabled={action.busy || !name.trim()}>
            Register server
          </button>
        </div>
      </form>
      <ErrorNote error={action.error ?? servers.error} />
      <table className="table" data-testid="mcp-server-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Transport</th>
            <th>Credential</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(servers.data?.data ?? []).map((server) => (
            <tr key={server.id}>
              <td>
                <code>{server.name}</code>
              </td>
              <td>
                {server.transport.type === 'http' ? server.transport.url : `${server.transport.command} ${server.transport.args.join(' ')}`}
              </td>
              <td>{server.credential ? <code>{server.credential.name}</code> : <span className="muted">none</span>}</td>
              <td title={server.updatedAt}>{timeAgo(server.updatedAt)}</td>
              <td className="actions">
                <button className="small" disabled={action.busy} onClick={() => listTools(server)}>
                  Tools
                </button>{' '}
                <button className="small danger" disabled={action.busy} onClick={() => remove(server)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {!servers.isFetching && servers.data?.data.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No MCP servers yet. Agents offer their tools to the model (<code>mcp</code>), and <code>mcp.call</code> calls one.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {tools && (
        <div className="card" data-testid="mcp-tools">
          <h3>
            Tools of <code>{tools.server}</code>
          </h3>
          <ul>
            {tools.tools.map((tool) => (
              <li key={tool.name}>
                <code>{tool.name}</code> — {tool.description}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
