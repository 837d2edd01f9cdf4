/**
 * Finds the `steps.<id>` and `input.<name>` references in template or JSONata text, so a workflow
 * can be checked (and its implicit dependencies derived) when it is saved, not when it runs.
 */
const STEP_REFERENCE = /(?<![\w$.])steps\s*(?:\.\s*`([^`]+)`|\.\s*([A-Za-z0-9_-]*[A-Za-z0-9_])|\[\s*["']([^"']+)["']\s*\])/g;
const INPUT_REFERENCE = /(?<![\w$.])input\s*(?:\.\s*`([^`]+)`|\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*["']([^"']+)["']\s*\])/g;

function collect(pattern: RegExp, text: string, into: Set<string>): void {
  for (const match of text.matchAll(pattern)) {
    const name = match[1] ?? match[2] ?? match[3];
    if (name) into.add(name);
  }
}

export interface References {
  steps: Set<string>;
  inputs: Set<string>;
}

/** Collects references from every string inside `value` (walked recursively). */
export function findReferences(value: unknown, into: References = { steps: new Set(), inputs: new Set() }): References {
  if (typeof value === 'string') {
    collect(STEP_REFERENCE, value, into.steps);
    collect(INPUT_REFERENCE, value, into.inputs);
  } else if (Array.isArray(value)) {
    for (const item of value) findReferences(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) findReferences(item, into);
  }
  return into;
}
