import type { Command } from 'commander';

/** API fields a command sets through a flag of another name (e.g. `enabled` through `--disabled`). */
const extraFields = new WeakMap<Command, Record<string, string>>();

/**
 * Declares API fields of a command's request that its flags do not name the same way, so an API
 * error about them names the flag (or argument) instead: `apiFields(cmd, { workflowId: '--workflow' })`.
 * Fields spelled like a flag's own name (`skipInvalid` for `--skip-invalid`) need no declaration.
 */
export function apiFields<C extends Command>(command: C, fields: Record<string, string>): C {
  extraFields.set(command, { ...extraFields.get(command), ...fields });
  return command;
}

/** API field → the flag that sets it, for a command: its options' own names, then the declared ones. */
export function fieldsToFlags(command: Command): Map<string, string> {
  const flags = new Map<string, string>();
  for (const option of command.options) if (option.long && !option.negate) flags.set(option.attributeName(), option.long);
  for (const [field, flag] of Object.entries(extraFields.get(command) ?? {})) flags.set(field, flag);
  return flags;
}

/**
 * The API's wording with its field names as flags. In a detail's path (`asPath`) only a whole field
 * (or an item of one, `events[1]`) is replaced: `input.name` names a field inside the input, not a flag.
 * In prose only camelCase identifiers are replaced, never ordinary words such as "input" or "name".
 */
export function hintFlags(text: string, flags: ReadonlyMap<string, string>, asPath = false): string {
  if (flags.size === 0) return text;
  if (asPath) {
    const field = /^[A-Za-z]+/.exec(text)?.[0];
    const rest = field ? text.slice(field.length) : '';
    return field && flags.has(field) && (rest === '' || rest.startsWith('[')) ? `${flags.get(field)}${rest}` : text;
  }
  return text.replace(/\b(send|set)? ?\b([a-z]+[A-Z][A-Za-z]*)\b/g, (whole, verb: string | undefined, field: string) => {
    const flag = flags.get(field);
    if (!flag) return whole;
    // "send skipInvalid to …" is advice to an API caller; on the command line one adds a flag.
    return verb ? `add ${flag}` : whole.replace(field, flag);
  });
}
