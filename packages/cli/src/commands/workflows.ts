import { writeFile } from 'node:fs/promises';
import type { DefinitionProblem, WorkflowDefinitionInput } from '@assay/schema';
import { Option, type Command } from 'commander';
import YAML from 'yaml';
import { readObjectFile } from '../args';
import { clientFor, globals } from '../client';
import { out } from '../colour';
import { printJson, printRecord, printTable } from '../output';

/** `assay workflows list|get|import|export|validate`. */
export function registerWorkflowCommands(program: Command): void {
  const workflows = program.command('workflows').description('list, read, import, export and validate workflows');

  workflows
    .command('list')
    .description('list workflows, newest first')
    .option('--search <text>', 'only names containing this')
    .option('--archived', 'include archived workflows')
    .action(async (options: { search?: string; archived?: boolean }, command: Command) => {
      const page = await clientFor(command).workflows.list({ limit: 1000, search: options.search, archived: options.archived });
      if (globals(command).json) return printJson(page.data);
      printTable(
        page.data.map((w) => ({ ...w, steps: w.definition.steps.length })),
        ['id', 'name', 'version', 'steps', 'updatedAt', 'archivedAt'],
      );
    });

  workflows
    .command('get <id>')
    .description('show a workflow and the steps of its current definition')
    .action(async (id: string, _options: unknown, command: Command) => {
      const workflow = await clientFor(command).workflows.get(id);
      if (globals(command).json) return printJson(workflow);
      printRecord({
        id: workflow.id,
        name: workflow.name,
        version: workflow.version,
        inputs: Object.keys(workflow.definition.inputs).join(', ') || null,
        updated: workflow.updatedAt,
        archived: workflow.archivedAt,
        webhook: workflow.trigger?.url ?? null,
      });
      process.stdout.write('\n');
      printTable(
        workflow.definition.steps.map((s) => ({ id: s.id, type: s.type, needs: s.needs.join(', ') || null, if: s.if ?? null })),
        ['id', 'type', 'needs', 'if'],
      );
    });

  workflows
    .command('import <file>')
    .description('create a workflow from a JSON or YAML definition (with --id: save it as a new version of that workflow)')
    .option('--id <workflowId>', 'save as a new version of this workflow')
    .action(async (file: string, options: { id?: string }, command: Command) => {
      const definition = (await readObjectFile(file)) as WorkflowDefinitionInput;
      const client = clientFor(command);
      const workflow = options.id ? await client.workflows.update(options.id, definition) : await client.workflows.create(definition);
      if (globals(command).json) return printJson(workflow);
      process.stdout.write(`${options.id ? 'saved' : 'created'} ${workflow.id} "${workflow.name}" version ${workflow.version}\n`);
    });

  workflows
    .command('export <id>')
    .description('print (or write) the current definition only, ready to import again')
    .addOption(new Option('--format <format>', 'output format (--json implies json)').choices(['json', 'yaml']).default('yaml'))
    .option('--output <file>', 'write to this file instead of stdout')
    .action(async (id: string, options: { format: 'json' | 'yaml'; output?: string }, command: Command) => {
      const { definition } = await clientFor(command).workflows.get(id);
      const asJson = options.format === 'json' || globals(command).json === true;
      const text = asJson ? `${JSON.stringify(definition, null, 2)}\n` : YAML.stringify(definition);
      if (!options.output) return void process.stdout.write(text);
      await writeFile(options.output, text);
      process.stderr.write(`wrote ${options.output}\n`);
    });

  workflows
    .command('validate <file>')
    .description('check a JSON or YAML definition as saving it would, without saving (exit 1 when a save would refuse it)')
    .action(async (file: string, _options: unknown, command: Command) => {
      const definition = await readObjectFile(file);
      const validation = await clientFor(command).workflows.validate(definition);
      if (!validation.valid) process.exitCode = 1;
      if (globals(command).json) return printJson(validation);
      const place = (p: DefinitionProblem) => (p.path ? `${p.path}: ` : '');
      for (const problem of validation.errors) process.stdout.write(`${out.red('error')}  ${place(problem)}${problem.message}\n`);
      for (const problem of validation.warnings) process.stdout.write(`${out.yellow('warning')}  ${place(problem)}${problem.message}\n`);
      const counts = `${validation.errors.length} errors, ${validation.warnings.length} warnings`;
      process.stdout.write(
        validation.valid ? `${out.green('valid')} ${file} (${counts})\n` : `${out.red('invalid')} ${file} (${counts})\n`,
      );
    });
}
