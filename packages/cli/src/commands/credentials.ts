import { CREDENTIAL_TYPES } from '@assay/schema';
import { Option, type Command } from 'commander';
import { readText } from '../args';
import { clientFor, globals, UsageError } from '../client';
import { apiFields } from '../flag-hints';
import { printJson, printRecord, printTable } from '../output';
import { ask, canAsk, readStdin, withoutFinalNewline } from '../prompt';

type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/**
 * The secret's value: from --value-file, else typed (not shown) on a terminal, else piped on stdin.
 * Never a flag's value: that would sit in the shell's history and in every `ps` listing.
 */
async function secretValue(valueFile: string | undefined): Promise<string> {
  const value = withoutFinalNewline(
    valueFile !== undefined ? await readText(valueFile) : canAsk() ? await ask('value (not shown)', { secret: true }) : await readStdin(),
  );
  if (!value)
    throw new UsageError(
      `the value is empty: ${valueFile !== undefined ? `${valueFile} holds nothing` : 'pipe it on stdin or give --value-file'}`,
    );
  return value;
}

/** `assay credentials list|create|delete`: named secrets steps use (values are write-only). */
export function registerCredentialCommands(program: Command): void {
  const credentials = program.command('credentials').description('manage the secrets steps use (values can be written, never read back)');

  credentials
    .command('list')
    .description("list the workspace's credentials: names and types, never values (needs an admin key)")
    .action(async (_options: unknown, command: Command) => {
      const page = await clientFor(command).credentials.list({ limit: 1000 });
      if (globals(command).json) return printJson(page.data);
      printTable(page.data, ['id', 'name', 'type', 'createdAt', 'updatedAt']);
    });

  apiFields(
    credentials
      .command('create')
      .description('store a secret: its value from --value-file, typed (not shown), or piped on stdin (needs an admin key)')
      .requiredOption('--name <name>', 'how steps refer to it (letters, digits, ".", "_", "-")')
      .addOption(new Option('--type <type>', 'what kind of secret').choices(CREDENTIAL_TYPES).default('secret'))
      .option('--value-file <file>', 'read the value from this file (one final line break is dropped)')
      .action(async (options: { name: string; type: CredentialType; valueFile?: string }, command: Command) => {
        const client = clientFor(command);
        const value = await secretValue(options.valueFile);
        const credential = await client.credentials.create({ name: options.name, type: options.type, value });
        if (globals(command).json) return printJson(credential);
        printRecord({ id: credential.id, name: credential.name, type: credential.type, created: credential.createdAt });
      }),
    { value: 'the value (stdin or --value-file)' },
  );

  credentials
    .command('delete <id>')
    .description('delete a credential (steps using it fail from then on; needs an admin key)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const credential = await clientFor(command).credentials.delete(id);
      if (globals(command).json) return printJson(credential);
      process.stdout.write(`deleted ${credential.id} (${credential.name})\n`);
    });
}
