import { templateCodeRegions } from '@assay/schema';

/**
 * What a template or expression field may refer to, offered as the user types: the workflow's inputs
 * and the outputs of the steps this step can see. Pure, so it is unit tested.
 */
export function referenceSuggestions(inputNames: readonly string[], stepIds: readonly string[]): string[] {
  return [...inputNames.map((name) => `input.${name}`), ...stepIds.flatMap((id) => [`steps.${id}.output`])];
}

export interface ReferenceQuery {
  /** The partial reference before the caret (e.g. `steps.lo`). */
  token: string;
  /** Where it starts in the text. */
  start: number;
}

/**
 * The reference being typed at `caret`, if any. In a Liquid template only where it is code (inside
 * `{{ … }}` or `{% … %}`, as the shared reference grammar finds them); in a JSONata expression anywhere.
 */
export function referenceAt(text: string, caret: number, mode: 'template' | 'expression'): ReferenceQuery | null {
  const before = text.slice(0, caret);
  if (mode === 'template' && !templateCodeRegions(text).some((region) => region.start <= caret && caret <= region.end)) return null;
  const match = /[A-Za-z_][\w.-]*$/.exec(before);
  if (!match) {
    // Just after `{{ ` (or at an expression's start) everything is on offer.
    return mode === 'template' && /\{[{%]\s*$/.test(before) ? { token: '', start: caret } : null;
  }
  return { token: match[0], start: caret - match[0].length };
}

/** The suggestions matching what was typed: prefix matches first, then the rest containing it. */
export function matchSuggestions(all: readonly string[], token: string, limit = 8): string[] {
  if (all.includes(token)) return [];
  const lower = token.toLowerCase();
  const prefix = all.filter((item) => item.toLowerCase().startsWith(lower));
  const inside = all.filter((item) => !item.toLowerCase().startsWith(lower) && item.toLowerCase().includes(lower));
  return [...prefix, ...inside].slice(0, limit);
}

/** Upstream steps of `id` (everything it needs, directly or not): the only outputs it can read. */
export function upstreamOf(id: string, edges: readonly { source: string; target: string }[]): string[] {
  const needs = new Map<string, string[]>();
  for (const edge of edges) needs.set(edge.target, [...(needs.get(edge.target) ?? []), edge.source]);
  const seen = new Set<string>();
  const stack = [...(needs.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next) || next === id) continue;
    seen.add(next);
    stack.push(...(needs.get(next) ?? []));
  }
  return [...seen];
}
