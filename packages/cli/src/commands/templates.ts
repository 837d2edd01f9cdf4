import type { Command } from 'commander';
import { clientFor, globals } from '../client';
import { printJson, printRecord, printTable } from '../output';

/** `assay templates list|create`: the gallery of research workflow templates. */
export function registerTemplateCommands(program: Command): void {
  const templates = program.command('templates').description('research workflow templates: list them, create a workflow from one');

  templates
    .command('list')
    .description('list the templates and what each needs')
    .action(async (_options: unknown, command: Command) => {
      const list = await clientFor(command).templates.list();
      if (globals(command).json) return printJson(list);
      printTable(
        list.map((t) => ({ ...t, needs: t.needs.join(', '), sampleInput: JSON.stringify(t.sampleInput) })),
        ['id', 'name', 'category', 'needs', 'sampleInput'],
      );
    });

  templates
    .command('create <id>')
    .description('create a workflow from a template (needs an edit key), with its sample data and its schedules (disabled)')
    .option('--name <name>', "the new workflow's name (default: the template's)")
    .action(async (id: string, options: { name?: string }, command: Command) => {
      const made = await clientFor(command).templates.create(id, { name: options.name });
      if (globals(command).json) return printJson(made);
      const { workflow, created } = made;
      printRecord({
        id: workflow.id,
        name: workflow.name,
        version: workflow.version,
        inputs: Object.keys(workflow.definition.inputs).join(', ') || null,
        datasets: created.datasets.map((d) => `${d.name} (${d.rowCount} rows)`).join(', ') || null,
        documents: created.documents.map((d) => `${d.title} (${d.collection})`).join(', ') || null,
        schedules: created.schedules.map((s) => `${s.cron} ${s.timezone} (disabled)`).join(', ') || null,
      });
    });
}
