import type { InputFieldInput, LatestStepOutput, WorkflowSample } from '@assay/schema';
import type { CodeContext } from '../ui/code/ExpressionInput';

/** The names every template and expression of a top-level step may start with (the run's scope). */
const ROOTS = ['input', 'steps', 'run', 'workflow', 'trigger', 'assay'] as const;

interface Sources {
  workflow: { id: string; version: number; name: string };
  inputs: Record<string, InputFieldInput>;
  /** The steps the selected one may read (all but itself and those after it). */
  readable: readonly string[];
  latest: Record<string, LatestStepOutput>;
  sample: WorkflowSample | null;
  /** Step id → its output's JSON Schema as the server knows it before a run (from validation). */
  outputSchemas: Record<string, Record<string, unknown>>;
}

/**
 * What a field's suggestions and preview draw on: the pinned sample input (declared inputs by their
 * defaults otherwise), each readable step's latest output (else its pinned one; else its schema), and
 * the run's own names. Pure, so it is unit tested.
 */
export function codeContextFor({ workflow, inputs, readable, latest, sample, outputSchemas }: Sources): CodeContext {
  const input: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(inputs).map(([name, field]) => [name, field.default ?? null])),
    ...sample?.input,
  };
  const outputs = new Map<string, unknown>();
  for (const id of readable) {
    const found = latest[id]?.status === 'completed' ? latest[id]!.output : sample?.outputs[id];
    if (found !== undefined) outputs.set(id, found);
  }
  const hasData = outputs.size > 0 || (sample !== null && Object.keys(sample.input).length > 0);
  return {
    roots: ROOTS,
    shapes: {
      samples: {
        input,
        steps: Object.fromEntries(readable.map((id) => [id, outputs.has(id) ? { output: outputs.get(id) } : { output: undefined }])),
        run: { id: '', createdAt: '' },
        workflow,
        trigger: { body: null, headers: {}, query: {} },
      },
      schemas: Object.fromEntries(
        Object.entries(outputSchemas)
          .filter(([id]) => readable.includes(id))
          .map(([id, schema]) => [`steps.${id}.output`, schema]),
      ),
    },
    previewScope: hasData ? { input, steps: Object.fromEntries([...outputs].map(([id, output]) => [id, { output }])) } : null,
  };
}
