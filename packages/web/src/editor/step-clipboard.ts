import { parse, stringify } from 'yaml';
import { renameInStep, type StepSyntaxOf, type WorkflowDefinitionInput } from '@assay/schema';
import { freshStepId } from '../ui/canvas/graph';

/**
 * Steps on the clipboard, as YAML: `steps:` and a list of step definitions (the format of a
 * workflow file, so steps copied from one workflow paste into another, or into a definition file, and
 * YAML written by hand pastes too). Pure, so it is unit tested.
 */

export type ClipboardStep = WorkflowDefinitionInput['steps'][number];

/** What one paste may bring: text and steps a person could have copied, no more. */
export const CLIPBOARD_LIMITS = { chars: 512 * 1024, steps: 100 };

/** The YAML of `steps` (their `needs` kept only among themselves: the rest are not on the clipboard). */
export function stepsToYaml(steps: readonly ClipboardStep[]): string {
  const ids = new Set(steps.map((step) => step.id));
  const copied = steps.map(({ needs, ...step }) => {
    const kept = (needs ?? []).filter((id) => ids.has(id));
    return kept.length > 0 ? { ...step, needs: kept } : step;
  });
  return stringify({ steps: copied });
}

export type ParsedClipboard = { steps: ClipboardStep[] } | { error: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The steps in pasted text: `steps: [...]` (a copy, or a whole workflow), a list of steps, or one step.
 * Null when the text is not steps at all (a paste meant for something else); an error naming what is
 * wrong when it looks like steps but is not usable.
 */
export function parseStepsYaml(text: string): ParsedClipboard | null {
  if (text.length > CLIPBOARD_LIMITS.chars)
    return { error: `The clipboard holds more than ${CLIPBOARD_LIMITS.chars / 1024} KB: paste fewer steps.` };
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 100 });
  } catch {
    return null;
  }
  const list =
    isRecord(value) && Array.isArray(value.steps)
      ? value.steps
      : Array.isArray(value)
        ? value
        : isRecord(value) && 'type' in value
          ? [value]
          : null;
  if (!list || list.length === 0) return null;
  if (list.length > CLIPBOARD_LIMITS.steps)
    return { error: `At most ${CLIPBOARD_LIMITS.steps} steps can be pasted at once (the clipboard has ${list.length}).` };
  const steps: ClipboardStep[] = [];
  for (const [index, item] of list.entries()) {
    const problem = stepProblem(item);
    if (problem) return { error: `Pasted step ${index + 1}: ${problem}.` };
    steps.push(item as ClipboardStep);
  }
  return { steps };
}

function stepProblem(item: unknown): string | null {
  if (!isRecord(item)) return 'not a step (expected an object with a type)';
  if (typeof item.type !== 'string' || item.type.trim() === '' || item.type.length > 200) return 'type must be a step type name';
  if (item.id !== undefined && (typeof item.id !== 'string' || item.id.length > 200)) return 'id must be text';
  if (item.with !== undefined && !isRecord(item.with)) return 'with must be an object';
  if (item.needs !== undefined && !(Array.isArray(item.needs) && item.needs.every((id) => typeof id === 'string')))
    return 'needs must be a list of step ids';
  if (item.position !== undefined && !(isRecord(item.position) && Number.isFinite(item.position.x) && Number.isFinite(item.position.y)))
    return 'position must have numbers x and y';
  return null;
}

/** A free id for a copy of `id`: the id itself when free, else `id_2`, `id_3`… (a copy of `a_2` is `a_3`, not `a_2_2`). */
export function freshCopyId(id: string | undefined, type: string, taken: ReadonlySet<string>): string {
  const clean = (id ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60);
  if (!clean) return freshStepId(type, taken);
  if (!taken.has(clean)) return clean;
  const base = clean.replace(/_\d+$/, '') || clean;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

/**
 * Copies ready to add beside `taken` ids: each gets a fresh id, and the references among the copies
 * (templates, expressions, conditions, `needs`) follow the new ids through the shared reference
 * grammar. References to steps outside the copies are left as they are.
 */
export function prepareCopies(steps: readonly ClipboardStep[], taken: Iterable<string>, syntaxOf: StepSyntaxOf): ClipboardStep[] {
  const used = new Set(taken);
  const renames = new Map<string, string>();
  const withIds = steps.map((step) => {
    const id = freshCopyId(step.id, step.type, used);
    used.add(id);
    if (step.id) renames.set(step.id, id);
    return { ...step, id, with: step.with ?? {}, originalId: step.id };
  });
  // Two passes through placeholders, so renaming a → b and b → c in one paste cannot chain a into c.
  const placeholder = (index: number) => `__assay_copy_${index}__`;
  const pairs = [...renames.entries()].filter(([from, to]) => from !== to);
  return withIds.map(({ originalId: _originalId, ...step }) => {
    let renamed = step;
    pairs.forEach(([from], index) => (renamed = renameInStep(renamed, syntaxOf, from, placeholder(index))));
    pairs.forEach(([, to], index) => (renamed = renameInStep(renamed, syntaxOf, placeholder(index), to)));
    const needs = (step.needs ?? []).filter((id) => renames.has(id)).map((id) => renames.get(id)!);
    const { needs: _needs, ...rest } = renamed;
    return needs.length > 0 ? { ...rest, needs } : rest;
  });
}
