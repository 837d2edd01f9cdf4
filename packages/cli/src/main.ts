import { Command } from 'commander';
import { ConfigError } from '@assay/server';
import { migrateCommand } from './commands/migrate';
import { serveCommand } from './commands/serve';

const program = new Command('assay').description('Assay: a workflow engine for repeatable research').showHelpAfterError();

program.command('serve').description('serve the API, the web app and the workers (embedded SQLite by default)').action(serveCommand);
program.command('migrate').description('apply pending database migrations').action(migrateCommand);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `error: ${error instanceof Error ? error.message : String(error)}`}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
