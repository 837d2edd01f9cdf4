import { useEffect, useState } from 'react';
import type { StepFields } from '../ui/canvas/graph';
import { SchemaForm, type JsonSchema } from './SchemaForm';
import { ReferenceField } from './ReferenceField';
import type { StepTypeInfo } from '../ui/step-types';

interface Props {
  step: StepFields;
  stepType: StepTypeInfo | undefined;
  /** Validation messages of this step by field (`template`, `.if`, `` for the step as a whole). */
  errors: Map<string, string[]>;
  suggestions: readonly string[];
  readOnly: boolean;
  onChange(fields: Partial<StepFields>): void;
  onRename(to: string): void;
  onRemove(): void;
}

/** The selected step: its id and label, its config as a form from the type's schema, and run options. */
export function StepPanel({ step, stepType, errors, suggestions, readOnly, onChange, onRename, onRemove }: Props) {
  const [id, setId] = useState(step.id);
  useEffect(() => setId(step.id), [step.id]);
  const stepErrors = errors.get('') ?? [];
  const conditionErrors = errors.get('.if') ?? [];
  const otherErrors = [...errors.entries()]
    .filter(([field]) => field.startsWith('.') && field !== '.if')
    .flatMap(([field, messages]) => messages.map((message) => `${field.slice(1)}: ${message}`));
  return (
    <div data-testid="step-panel">
      <h2>{step.label || step.id}</h2>
      <p className="muted">
        {step.type}
        {stepType ? ` — ${stepType.description}` : ' (unknown step type)'}
      </p>
      {[...stepErrors, ...otherErrors].map((message, index) => (
        <div className="error-note" key={index}>
          {message}
        </div>
      ))}
      <label>
        Step id <span className="hint">References use it: steps.{step.id}.output</span>
        <input
          name="step-id"
          value={id}
          disabled={readOnly}
          onChange={(e) => setId(e.target.value)}
          onBlur={() => id !== step.id && onRename(id)}
          onKeyDown={(e) => e.key === 'Enter' && id !== step.id && onRename(id)}
        />
      </label>
      <label>
        Label
        <input
          name="step-label"
          value={step.label ?? ''}
          disabled={readOnly}
          onChange={(e) => onChange({ label: e.target.value || undefined })}
        />
      </label>
      <h3>Configuration</h3>
      {stepType ? (
        <SchemaForm
          schema={stepType.configSchema as JsonSchema}
          value={step.with}
          onChange={(value) => onChange({ with: value })}
          errors={errors}
          suggestions={suggestions}
          expressionKeys={stepType.expressionKeys ?? []}
          disabled={readOnly}
        />
      ) : (
        <p className="field-error">Unknown step type "{step.type}".</p>
      )}
      <h3>Options</h3>
      <label>
        Run only if <span className="hint">A JSONata condition; the step is skipped when it is false.</span>
        <ReferenceField
          name="step-if"
          value={step.if ?? ''}
          onChange={(value) => onChange({ if: value || undefined })}
          suggestions={suggestions}
          mode="expression"
          invalid={conditionErrors.length > 0}
          disabled={readOnly}
        />
        {conditionErrors.map((message, index) => (
          <span className="field-error" key={index}>
            {message}
          </span>
        ))}
      </label>
      <div className="grid-2">
        <label>
          Attempts
          <input
            name="step-attempts"
            type="number"
            min={1}
            max={50}
            disabled={readOnly}
            value={step.retry?.maxAttempts ?? 1}
            onChange={(e) =>
              onChange({ retry: Number(e.target.value) > 1 ? { ...step.retry, maxAttempts: Number(e.target.value) } : undefined })
            }
          />
        </label>
        <label>
          Timeout (ms)
          <input
            name="step-timeout"
            type="number"
            min={1}
            disabled={readOnly}
            value={step.timeoutMs ?? ''}
            onChange={(e) => onChange({ timeoutMs: e.target.value ? Number(e.target.value) : undefined })}
          />
        </label>
      </div>
      {!readOnly && (
        <button className="danger" onClick={onRemove}>
          Delete step
        </button>
      )}
    </div>
  );
}
