import type { StepFamily, StepSyntax, StepSyntaxOf, StepTypeInfo } from '@assay/schema';

/** A step type as GET /v1/step-types describes it (the API's own type). */
export type { StepTypeInfo } from '@assay/schema';

/** The palette's groups, in the order a workflow usually reads: look up, reason, write, plus logic. */
export const FAMILIES: { family: StepFamily; label: string }[] = [
  { family: 'data', label: 'Data lookups' },
  { family: 'ai', label: 'AI reasoning' },
  { family: 'document', label: 'Documents' },
  { family: 'logic', label: 'Logic' },
  { family: 'outbound', label: 'Outbound' },
];

/** Each type's reference syntax, looked up by the shared grammar; a type not (yet) loaded gives none. */
export function stepSyntaxOf(types: Iterable<StepTypeInfo>): StepSyntaxOf {
  const byType = new Map<string, StepSyntax>();
  for (const type of types) byType.set(type.type, type);
  return (type) => byType.get(type);
}
