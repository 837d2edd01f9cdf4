import { useEffect, useState } from 'react';
import type { InputFieldInput, WorkflowSample } from '@assay/schema';
import { useAction } from '../ui/use-action';
import { ErrorNote } from '../ui/ErrorNote';
import { JsonField } from './SchemaForm';

interface Props {
  inputs: Record<string, InputFieldInput>;
  sample: WorkflowSample | null;
  readOnly: boolean;
  onPin(input: Record<string, unknown>): Promise<void>;
}

/**
 * The workflow's pinned sample input: what "Test step" and "Run to here" run with, and what the
 * fields' previews are computed on. Starts from the inputs' defaults.
 */
export function SampleInput({ inputs, sample, readOnly, onPin }: Props) {
  const defaults = Object.fromEntries(Object.entries(inputs).map(([name, field]) => [name, field.default ?? null]));
  const [value, setValue] = useState<unknown>(sample?.updatedAt ? sample.input : defaults);
  useEffect(() => {
    if (sample?.updatedAt) setValue(sample.input);
  }, [sample]);
  const pinning = useAction();
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  return (
    <section className="sample-input" data-testid="sample-input">
      <h3>Sample input</h3>
      <p className="hint">
        What &quot;Test step&quot; and &quot;Run to here&quot; run with, and what previews are computed on.{' '}
        {sample?.updatedAt ? `Pinned ${new Date(sample.updatedAt).toLocaleString()}.` : 'Not pinned yet.'}
      </p>
      <JsonField name="sample-input" value={value} onChange={setValue} disabled={readOnly} />
      {!readOnly && (
        <button
          type="button"
          disabled={!isObject || pinning.busy}
          onClick={() => void pinning.run(() => onPin(value as Record<string, unknown>))}
        >
          Pin sample input
        </button>
      )}
      <ErrorNote error={pinning.error} />
    </section>
  );
}
