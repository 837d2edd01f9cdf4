/** The steps `id` depends on, directly or not (what it needs): the outputs ready when it runs. */
export function upstreamOf(id: string, edges: readonly { source: string; target: string }[]): string[] {
  return reachable(id, edges, (edge) => [edge.target, edge.source]);
}

/** The steps that depend on `id`, directly or not: reading one of their outputs would close a cycle. */
export function downstreamOf(id: string, edges: readonly { source: string; target: string }[]): string[] {
  return reachable(id, edges, (edge) => [edge.source, edge.target]);
}

/** Everything reachable from `id` along `step(edge)` = [from, to] pairs, not `id` itself. */
function reachable(
  id: string,
  edges: readonly { source: string; target: string }[],
  step: (edge: { source: string; target: string }) => [string, string],
) {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const [from, to] = step(edge);
    next.set(from, [...(next.get(from) ?? []), to]);
  }
  const seen = new Set<string>();
  const stack = [...(next.get(id) ?? [])];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current) || current === id) continue;
    seen.add(current);
    stack.push(...(next.get(current) ?? []));
  }
  return [...seen];
}
