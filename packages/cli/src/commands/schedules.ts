import { SCHEDULE_MISSED, type Schedule, type ScheduleMissed } from '@assay/schema';
import { Option, type Command } from 'commander';
import { parseJsonObject, readText } from '../args';
import { clientFor, globals } from '../client';
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

/** `assay schedules list|create|delete`. */
export function registerScheduleCommands(program: Command): void {
  const schedules = program.command('schedules').description('run workflows on a cron schedule');

  schedules
    .command('list')
    .description("list the workspace's schedules (or one workflow's)")
    .option('--workflow <id>', "only this workflow's schedules")
    .action(async (options: { workflow?: string }, command: Command) => {
      const page = await clientFor(command).schedules.list({ limit: 1000, workflowId: options.workflow });
      if (globals(command).json) return printJson(page.data);
      printTable(page.data, ['id', 'workflowId', 'name', 'cron', 'timezone', 'enabled', 'nextFireAt', 'lastRunId']);
    });

  schedules
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

  schedules
    .command('delete <id>')
    .description('delete a schedule (needs an admin key; its runs stay)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const schedule = await clientFor(command).schedules.delete(id);
      if (globals(command).json) return printJson(schedule);
      process.stdout.write(`deleted ${schedule.id}${schedule.name ? ` (${schedule.name})` : ''}\n`);
    });
}
