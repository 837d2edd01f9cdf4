import { DELIVERABLE_EVENT_TYPES, type DeliverableEventType, type EventEndpoint } from '@assay/schema';
import { InvalidArgumentError, type Command } from 'commander';
import { clientFor, globals } from '../client';
import { apiFields } from '../flag-hints';
import { printJson, printRecord, printTable } from '../output';

/** `--events run.failed,run.completed`, checked before anything is sent. */
function eventTypes(value: string): DeliverableEventType[] {
  const list = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const unknown = list.filter((e) => !(DELIVERABLE_EVENT_TYPES as readonly string[]).includes(e));
  if (unknown.length || !list.length)
    throw new InvalidArgumentError(`expected one or more of ${DELIVERABLE_EVENT_TYPES.join(', ')} (comma-separated).`);
  return list as DeliverableEventType[];
}

function printEndpoint(endpoint: EventEndpoint & { secret?: string }): void {
  printRecord({
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events.join(', '),
    workflow: endpoint.workflowId ?? 'every workflow',
    description: endpoint.description,
    enabled: endpoint.enabled,
    ...(endpoint.disabledReason ? { disabledReason: endpoint.disabledReason } : {}),
    ...(endpoint.secret ? { secret: endpoint.secret } : {}),
  });
}

/** `assay endpoints list|create|delete`: URLs that receive signed event notifications (webhooks out). */
export function registerEndpointCommands(program: Command): void {
  const endpoints = program.command('endpoints').description('manage event endpoints: URLs Assay sends signed run and batch events to');

  endpoints
    .command('list')
    .description("list the workspace's event endpoints")
    .action(async (_options: unknown, command: Command) => {
      const page = await clientFor(command).eventEndpoints.list({ limit: 1000 });
      if (globals(command).json) return printJson(page.data);
      printTable(
        page.data.map((e) => ({ ...e, events: e.events.join(','), failures: e.consecutiveFailures })),
        ['id', 'url', 'events', 'workflowId', 'enabled', 'failures'],
      );
    });

  apiFields(
    endpoints
      .command('create <url>')
      .description('send events to a URL (needs an admin key); prints the signing secret, shown only this once')
      .requiredOption('--events <types>', `the events to send, comma-separated (${DELIVERABLE_EVENT_TYPES.join(', ')})`, eventTypes)
      .option('--workflow <id>', "only this workflow's events (default: every workflow)")
      .option('--description <text>', 'what the endpoint is for')
      .option('--disabled', 'create it disabled')
      .action(
        async (
          url: string,
          options: { events: DeliverableEventType[]; workflow?: string; description?: string; disabled?: boolean },
          command: Command,
        ) => {
          const endpoint = await clientFor(command).eventEndpoints.create({
            url,
            events: options.events,
            workflowId: options.workflow,
            description: options.description,
            enabled: !options.disabled,
          });
          if (globals(command).json) return printJson(endpoint);
          printEndpoint(endpoint);
          process.stdout.write(
            '\nStore the secret now: it is not shown again. Receivers verify each delivery with it (Standard Webhooks).\n',
          );
        },
      ),
    { url: '<url>', workflowId: '--workflow', enabled: '--disabled' },
  );

  endpoints
    .command('delete <id>')
    .description('delete an endpoint with its delivery log (needs an admin key)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const endpoint = await clientFor(command).eventEndpoints.delete(id);
      if (globals(command).json) return printJson(endpoint);
      process.stdout.write(`deleted ${endpoint.id} (${endpoint.url})\n`);
    });
}
