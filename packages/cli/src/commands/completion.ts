import { Argument, type Command } from 'commander';
import { completionScript, SHELLS, type Shell } from '../completion';

/** `assay completion bash|zsh|fish`: prints the shell's completion script, read from the command tree. */
export function registerCompletionCommand(program: Command): void {
  program
    .command('completion')
    .description(
      'print a shell completion script (bash: `source <(assay completion bash)` in ~/.bashrc; fish: `assay completion fish | source`)',
    )
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action((shell: Shell) => {
      process.stdout.write(completionScript(program, shell));
    });
}
