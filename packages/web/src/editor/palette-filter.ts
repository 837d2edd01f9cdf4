/** Step types matching a search: every word of it in the type's name or description (any case). Pure. */
export function filterStepTypes<T extends { type: string; description?: string }>(types: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...types];
  return types.filter((type) => {
    const text = `${type.type} ${type.description ?? ''}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
