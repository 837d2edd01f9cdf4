import { KEY_SCOPES, type KeyScope } from '@assay/schema';
import { Option, type Command } from 'commander';
import { clientFor, globals } from '../client';
import { printJson, printRecord, printTable } from '../output';

/** `assay keys create|list|revoke|current`. */
export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('manage API keys');

  keys
    .command('create')
    .description('create an API key (its secret is printed only this once; needs an admin key)')
    .requiredOption('--name <name>', 'what the key is for')
    .addOption(new Option('--scope <scope>', 'what the key may do').choices(KEY_SCOPES).default('run'))
    .action(async (options: { name: string; scope: KeyScope }, command: Command) => {
      const key = await clientFor(command).keys.create({ name: options.name, scope: options.scope });
      if (globals(command).json) return printJson(key);
      printRecord({ id: key.id, name: key.name, scope: key.scope, clientId: key.clientId, secret: key.secret });
      process.stdout.write(
        `\nStore the secret now: it is not shown again.\n  export ASSAY_CLIENT_ID=${key.clientId} ASSAY_API_KEY=${key.secret}\n`,
      );
    });

  keys
    .command('list')
    .description("list the workspace's keys (needs an admin key)")
    .action(async (_options: unknown, command: Command) => {
      const page = await clientFor(command).keys.list({ limit: 1000 });
      if (globals(command).json) return printJson(page.data);
      printTable(page.data, ['id', 'name', 'scope', 'clientId', 'createdAt', 'lastUsedAt']);
    });

  keys
    .command('current')
    .description('show the key these commands use')
    .action(async (_options: unknown, command: Command) => {
      const key = await clientFor(command).keys.current();
      if (globals(command).json) return printJson(key);
      printRecord({
        id: key.id,
        name: key.name,
        scope: key.scope,
        clientId: key.clientId,
        workspace: key.workspaceId,
        created: key.createdAt,
        lastUsed: key.lastUsedAt,
      });
    });

  keys
    .command('revoke <id>')
    .description('revoke a key (needs an admin key)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const key = await clientFor(command).keys.revoke(id);
      if (globals(command).json) return printJson(key);
      process.stdout.write(`revoked ${key.id} (${key.name})\n`);
    });
}
