import { Command } from 'commander';
import { addGlobalOptions, UsageError } from './client';
import { registerApprovalCommands } from './commands/approvals';
import { registerBatchCommands } from './commands/batch';
import { registerEvalCommands } from './commands/eval';
import { registerKeyCommands } from './commands/keys';
import { registerRunCommands } from './commands/runs';
import { registerScheduleCommands } from './commands/schedules';
import { registerTemplateCommands } from './commands/templates';
import { registerUserCommands } from './commands/users';
import { registerWorkflowCommands } from './commands/workflows';
import { registerCompletionCommand } from './commands/completion';
import { registerCredentialCommands } from './commands/credentials';
import { registerDatasetCommands } from './commands/datasets';
import { registerEndpointCommands } from './commands/endpoints';
import { registerProfileCommands } from './commands/profiles';
import { registerTriggerCommands } from './commands/triggers';
import { describeError } from './output';
import { cliVersion } from './version';

const program = addGlobalOptions(
  new Command('assay')
    .description('Assay: a workflow engine for repeatable research')
    .version(cliVersion(), '-V, --version', 'print the version')
    .showHelpAfterError(),
)
  // Usage mistakes commander catches (unknown option, bad value, missing argument) exit 2, like missing
  // credentials, so scripts can tell them from failed API calls (1). Subcommands inherit this.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

// The server is loaded only by the commands that run it, so client commands start quickly.
program
  .command('serve')
  .description('serve the API, the web app and the workers (embedded SQLite by default)')
  .action(async () => (await import('./commands/serve')).serveCommand('all'));
program
  .command('api')
  .description('serve the API only (scale-out: runs are executed by `assay worker` processes on the same DATABASE_URL)')
  .action(async () => (await import('./commands/serve')).serveCommand('api'));
program
  .command('worker')
  .description('execute runs, fire schedules and deliver events, without HTTP (scale-out: any number, on the same DATABASE_URL)')
  .action(async () => (await import('./commands/serve')).serveCommand('worker'));
program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => (await import('./commands/migrate')).migrateCommand());
registerKeyCommands(program);
registerWorkflowCommands(program);
registerRunCommands(program);
registerBatchCommands(program);
registerApprovalCommands(program);
registerEvalCommands(program);
registerScheduleCommands(program);
registerTemplateCommands(program);
registerUserCommands(program);
registerDatasetCommands(program);
registerCredentialCommands(program);
registerTriggerCommands(program);
registerEndpointCommands(program);
registerProfileCommands(program);
// Last: the completion scripts are read from the whole command tree.
registerCompletionCommand(program);

/** The command whose action is running, so an error can name its flags. */
let running: Command | undefined;
program.hook('preAction', (_program, actionCommand) => {
  running = actionCommand;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Configuration problems and usage mistakes exit 2; failed API calls exit 1.
  const isConfig = error instanceof Error && error.name === 'ConfigError';
  process.stderr.write(`${isConfig ? (error as Error).message : describeError(error, running)}\n`);
  process.exit(isConfig || error instanceof UsageError ? 2 : 1);
}
