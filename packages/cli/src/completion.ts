import type { Command, Option } from 'commander';

/** One level of the command tree, as the completion scripts need it. */
interface Node {
  /** The subcommands typed to get here, space-separated ('' for `assay` itself). */
  path: string;
  commands: Array<{ name: string; description: string }>;
  options: Array<{ long?: string; short?: string; description: string; takesValue: boolean; choices: string[] }>;
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/**
 * Every level of the program's command tree, read from commander itself (the commands and options
 * `--help` shows, the program's global options at every level), so a new command or flag completes
 * without anyone keeping a list.
 */
export function commandTree(program: Command): Node[] {
  const nodes: Node[] = [];
  const visit = (command: Command, path: string) => {
    const help = command.createHelp();
    help.showGlobalOptions = true;
    // --version belongs to `assay` alone; the other global options work after any subcommand.
    const inherited = help.visibleGlobalOptions(command).filter((o) => o.long !== '--version');
    const options = [...help.visibleOptions(command), ...inherited].map((o: Option) => ({
      long: o.long,
      short: o.short,
      description: o.description,
      takesValue: o.required || o.optional,
      choices: o.argChoices ?? [],
    }));
    const commands = help.visibleCommands(command).map((c) => ({ name: c.name(), description: c.summary() || c.description() }));
    nodes.push({ path, commands, options });
    for (const sub of command.commands) visit(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  visit(program, '');
  return nodes;
}

/** The completion script for a shell. */
export function completionScript(program: Command, shell: Shell): string {
  const nodes = commandTree(program);
  const name = program.name();
  switch (shell) {
    case 'bash':
      return bashScript(name, nodes);
    case 'zsh':
      return zshScript(name, nodes);
    case 'fish':
      return fishScript(name, nodes);
  }
}

/** A word quoted for bash and zsh: single quotes, each inner quote closed, escaped and reopened. */
const sh = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
/** A word quoted for fish, whose single quotes take `\'` and `\\`. */
const fish = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
/** Descriptions on one line, without the trailing period help text has. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

type NodeOption = Node['options'][number];
type NodeCommand = Node['commands'][number];

/** Each option's flags (long, then short), as `word` writes them (zsh adds the description). */
const flagsOf = (options: NodeOption[], word: (flag: string, option: NodeOption) => string = (flag) => flag) =>
  options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f)).map((flag) => word(flag, o)));
/** The flags of a node's options that take a value (the word after one is its value, not a subcommand). */
const valueFlagsOf = (node: Node) => flagsOf(node.options.filter((o) => o.takesValue));

/** A shell `case` over the node paths, each printing `lines(node)` (nodes with nothing are left out). */
function caseOver(nodes: Node[], lines: (node: Node) => string[], quote: (text: string) => string, indent = '    '): string {
  return nodes
    .map((node) => ({ node, words: lines(node) }))
    .filter(({ words }) => words.length > 0)
    .map(({ node, words }) => `${indent}${sh(node.path)}) printf '%s\\n' ${words.map(quote).join(' ')} ;;`)
    .join('\n');
}

/**
 * The lookups the bash and zsh scripts share, each a \`case\` over the command path: its subcommands,
 * its options, the options that take a value, and an option's choices. The words are written by
 * \`subcommand\` and \`option\` (zsh's carry descriptions).
 */
function lookups(
  fn: string,
  nodes: Node[],
  subcommand: (command: NodeCommand) => string,
  option: (flag: string, option: NodeOption) => string,
): string {
  const choiceCases = nodes
    .flatMap((node) =>
      node.options
        .filter((o) => o.choices.length)
        .flatMap((o) => flagsOf([o]).map((flag) => `    ${sh(`${node.path}|${flag}`)}) printf '%s\\n' ${o.choices.map(sh).join(' ')} ;;`)),
    )
    .join('\n');
  return `${fn}_subcommands() {
  case "$1" in
${caseOver(nodes, (n) => n.commands.map(subcommand), sh)}
  esac
}

${fn}_options() {
  case "$1" in
${caseOver(nodes, (n) => flagsOf(n.options, option), sh)}
  esac
}

${fn}_value_options() {
  case "$1" in
${caseOver(nodes, valueFlagsOf, sh)}
  esac
}

${fn}_choices() {
  case "$1|$2" in
${choiceCases}
  esac
}`;
}

function bashScript(name: string, nodes: Node[]): string {
  const fn = `_${name.replace(/\W/g, '_')}`;
  return `# ${name} completion for bash. Load it with
#   source <(${name} completion bash)
# in ~/.bashrc, or save it as ~/.local/share/bash-completion/completions/${name}.

${lookups(
  fn,
  nodes,
  (c) => c.name,
  (flag) => flag,
)}

${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" word i skip=0
  # The subcommands typed so far, skipping options and the values they take.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ $word == -* ]]; then
      [[ $word != *=* && $'\\n'"$(${fn}_value_options "$path")"$'\\n' == *$'\\n'"$word"$'\\n'* ]] && skip=1
      continue
    fi
    if [[ $'\\n'"$(${fn}_subcommands "$path")"$'\\n' == *$'\\n'"$word"$'\\n'* ]]; then path="\${path:+$path }$word"; fi
  done
  local IFS=$'\\n'
  if ((COMP_CWORD > 1)) && [[ $prev == -* && $'\\n'"$(${fn}_value_options "$path")"$'\\n' == *$'\\n'"$prev"$'\\n'* ]]; then
    COMPREPLY=($(compgen -W "$(${fn}_choices "$path" "$prev")" -- "$cur"))
    ((\${#COMPREPLY[@]})) || COMPREPLY=($(compgen -f -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(${fn}_options "$path")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(${fn}_subcommands "$path")" -- "$cur"))
    # No subcommand here: the arguments are ids or files.
    ((\${#COMPREPLY[@]})) || COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

complete -F ${fn} ${name}
`;
}

function zshScript(name: string, nodes: Node[]): string {
  const fn = `_${name.replace(/\W/g, '_')}`;
  // _describe takes "word:description"; a colon inside the word is escaped.
  const described = (word: string, description: string) => `${word.replace(/:/g, '\\:')}:${oneLine(description)}`;
  return `#compdef ${name}
# ${name} completion for zsh. Load it with
#   source <(${name} completion zsh)
# in ~/.zshrc (after compinit), or save it as _${name} in a directory of your fpath.

${lookups(
  fn,
  nodes,
  (c) => described(c.name, c.description),
  (flag, o) => described(flag, o.description),
)}

${fn}() {
  local cmdpath='' word i skip=0
  local -a subs opts valueopts choices
  # The subcommands typed so far, skipping options and the values they take.
  for ((i = 2; i < CURRENT; i++)); do
    word=\${words[i]}
    if ((skip)); then skip=0; continue; fi
    if [[ $word == -* ]]; then
      valueopts=(\${(f)"$(${fn}_value_options "$cmdpath")"})
      [[ $word != *=* ]] && ((\${valueopts[(Ie)$word]})) && skip=1
      continue
    fi
    subs=(\${(f)"$(${fn}_subcommands "$cmdpath")"})
    if ((\${subs[(I)\${(b)word}:*]})); then cmdpath=\${cmdpath:+$cmdpath }$word; fi
  done
  local prev=\${words[CURRENT-1]}
  valueopts=(\${(f)"$(${fn}_value_options "$cmdpath")"})
  if ((CURRENT > 2)) && [[ $prev == -* ]] && ((\${valueopts[(Ie)$prev]})); then
    choices=(\${(f)"$(${fn}_choices "$cmdpath" "$prev")"})
    if ((\${#choices})); then compadd -a choices; else _files; fi
  elif [[ \${words[CURRENT]} == -* ]]; then
    opts=(\${(f)"$(${fn}_options "$cmdpath")"})
    _describe -t options option opts
  else
    subs=(\${(f)"$(${fn}_subcommands "$cmdpath")"})
    # No subcommand here: the arguments are ids or files.
    if ((\${#subs})); then _describe -t commands command subs; else _files; fi
  fi
}

if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${name}
fi
`;
}

function fishScript(name: string, nodes: Node[]): string {
  const fn = `__${name.replace(/\W/g, '_')}`;
  const switchOver = (lines: (node: Node) => string[]) =>
    nodes
      .map((node) => ({ node, words: lines(node) }))
      .filter(({ words }) => words.length > 0)
      .map(({ node, words }) => `    case ${fish(node.path)}\n      printf '%s\\n' ${words.map(fish).join(' ')}`)
      .join('\n');
  const completions = nodes.flatMap((node) => {
    const at = fish(`${fn}_at ${fish(node.path)}`);
    const commands = node.commands.map((c) => `complete -c ${name} -f -n ${at} -a ${fish(c.name)} -d ${fish(oneLine(c.description))}`);
    const options = node.options.map((o) => {
      const flags = [o.long && `-l ${fish(o.long.replace(/^--/, ''))}`, o.short && `-s ${fish(o.short.replace(/^-/, ''))}`].filter(Boolean);
      const value = o.choices.length ? `-x -a ${fish(o.choices.join(' '))}` : o.takesValue ? '-r' : '';
      return `complete -c ${name} -n ${at} ${flags.join(' ')} ${value} -d ${fish(oneLine(o.description))}`.replace(/ {2,}/g, ' ');
    });
    return [...commands, ...options];
  });
  return `# ${name} completion for fish. Load it with
#   ${name} completion fish | source
# or save it as ~/.config/fish/completions/${name}.fish.

function ${fn}_subcommands
  switch $argv[1]
${switchOver((n) => n.commands.map((c) => c.name))}
  end
end

function ${fn}_value_options
  switch $argv[1]
${switchOver(valueFlagsOf)}
  end
end

# The subcommands typed so far, space-separated, skipping options and the values they take.
function ${fn}_path
  set -l cmdpath
  set -l skip 0
  for word in (commandline -opc)[2..-1]
    if test $skip = 1
      set skip 0
      continue
    end
    if string match -q -- '-*' $word
      if not string match -q -- '*=*' $word; and contains -- $word (${fn}_value_options (string join ' ' $cmdpath))
        set skip 1
      end
      continue
    end
    if contains -- $word (${fn}_subcommands (string join ' ' $cmdpath))
      set -a cmdpath $word
    end
  end
  string join ' ' $cmdpath
end

function ${fn}_at
  set -l typed (${fn}_path)
  test "$typed" = "$argv[1]"
end

complete -c ${name} -e
${completions.join('\n')}
`;
}
