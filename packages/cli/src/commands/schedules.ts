import { SCHEDULE_MISSED, type Schedule, type ScheduleMissed } from '@assay/schema';
import { Option, type Command } from 'commander';
import { parseJsonObject, readText } from '../args';
import { clientFor, globals } from '../client';
import { apiFields } from '../flag-hints';
import { printJson, printRecord, printTable } from '../output';

function printSchedule(schedule: Schedule): void {
  printRecord({
    id: schedule.id,
    workflow: schedule.workflowId,
    name: schedule.name,
    cron: schedule.cron,
    timezone: schedule.timezone,
    input: JSON.stringify(schedule.input),
    enabled: schedule.enabled,
    missed: schedule.missed,
    next: schedule.nextFireTimes.join(', ') || '—',
    lastFire: schedule.lastFireAt,
    lastRun: schedule.lastRunId,
  });
}

/** `assay schedules list|get|create|enable|disable|delete`. */
export function registerScheduleCommands(program: Command): void {
  const schedules = program.command('schedules').description('run workflows on a cron schedule');

  const list = schedules
    .command('list')
    .description("list the workspace's schedules (or one workflow's)")
    .option('--workflow <id>', "only this workflow's schedules")
    .action(async (options: { workflow?: string }, command: Command) => {
      const page = await clientFor(command).schedules.list({ limit: 1000, workflowId: options.workflow });
      if (globals(command).json) return printJson(page.data);
      printTable(page.data, ['id', 'workflowId', 'name', 'cron', 'timezone', 'enabled', 'nextFireAt', 'lastRunId']);
    });
  apiFields(list, { workflowId: '--workflow' });

  schedules
    .command('get <id>')
    .description('show a schedule with its next fire times')
    .action(async (id: string, _options: unknown, command: Command) => {
      const schedule = await clientFor(command).schedules.get(id);
      if (globals(command).json) return printJson(schedule);
      printSchedule(schedule);
    });

  const create = schedules
    .command('create <workflowId>')
    .description('schedule a workflow (needs an admin key); prints the next fire times')
    .requiredOption('--cron <expression>', 'cron expression: "minute hour day-of-month month day-of-week" (6 fields: seconds first)')
    .option('--timezone <zone>', 'IANA time zone the expression is read in', 'UTC')
    .addOption(new Option('--input <json>', 'the run input as a JSON object').conflicts('inputFile'))
    .option('--input-file <file>', 'read the input (a JSON object) from a file')
    .option('--name <name>', 'what the schedule is for')
    .option('--disabled', 'create it disabled')
    .addOption(
      new Option('--missed <policy>', 'after downtime: run the latest missed fire once, or skip missed fires')
        .choices(SCHEDULE_MISSED)
        .default('run_once'),
    )
    .action(
      async (
        workflowId: string,
        options: {
          cron: string;
          timezone: string;
          input?: string;
          inputFile?: string;
          name?: string;
          disabled?: boolean;
          missed: ScheduleMissed;
        },
        command: Command,
      ) => {
        const input =
          options.inputFile !== undefined
            ? parseJsonObject(await readText(options.inputFile), options.inputFile)
            : options.input !== undefined
              ? parseJsonObject(options.input, '--input')
              : {};
        const schedule = await clientFor(command).schedules.create(workflowId, {
          cron: options.cron,
          timezone: options.timezone,
          input,
          name: options.name,
          enabled: !options.disabled,
          missed: options.missed,
        });
        if (globals(command).json) return printJson(schedule);
        printSchedule(schedule);
      },
    );

  apiFields(create, { enabled: '--disabled' });

  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    schedules
      .command(`${verb} <id>`)
      .description(
        enabled
          ? 'enable a schedule: it fires again from its next time (needs an admin key)'
          : 'pause a schedule: it fires no more until enabled (needs an admin key)',
      )
      .action(async (id: string, _options: unknown, command: Command) => {
        const schedule = await clientFor(command).schedules.update(id, { enabled });
        if (globals(command).json) return printJson(schedule);
        process.stdout.write(
          `${enabled ? 'enabled' : 'disabled'} ${schedule.id}${schedule.name ? ` (${schedule.name})` : ''}${enabled && schedule.nextFireTimes[0] ? `: next at ${schedule.nextFireTimes[0]}` : ''}\n`,
        );
      });
  }

  schedules
    .command('delete <id>')
    .description('delete a schedule (needs an admin key; its runs stay)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const schedule = await clientFor(command).schedules.delete(id);
      if (globals(command).json) return printJson(schedule);
      process.stdout.write(`deleted ${schedule.id}${schedule.name ? ` (${schedule.name})` : ''}\n`);
    });
}
