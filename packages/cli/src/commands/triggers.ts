import type { Command } from 'commander';
import { clientFor, globals } from '../client';
import { printJson, printRecord, printTable } from '../output';

/** `assay triggers list|get`: the workflows' webhook triggers (configured in the web app or the API). */
export function registerTriggerCommands(program: Command): void {
  const triggers = program.command('triggers').description("list and show workflows' webhook triggers");

  triggers
    .command('list')
    .description('list the webhook triggers of active workflows')
    .action(async (_options: unknown, command: Command) => {
      const page = await clientFor(command).workflows.list({ limit: 1000 });
      const found = page.data.flatMap((w) => (w.trigger ? [{ workflowId: w.id, workflow: w.name, ...w.trigger }] : []));
      if (globals(command).json) return printJson(found);
      printTable(found, ['workflowId', 'workflow', 'enabled', 'verification', 'url']);
    });

  triggers
    .command('get <workflowId>')
    .description("show a workflow's webhook trigger (never its secret)")
    .action(async (workflowId: string, _options: unknown, command: Command) => {
      const trigger = await clientFor(command).triggers.get(workflowId);
      if (globals(command).json) return printJson(trigger);
      printRecord({
        workflow: workflowId,
        url: trigger.url,
        enabled: trigger.enabled,
        verification: trigger.verification,
        strict: trigger.strict,
        inputMapping: trigger.inputMapping,
        callbackUrl: trigger.callbackUrl,
      });
    });
}
