import { useEffect, useState } from 'react';
import { StepId } from '@assay/schema';
import type { StepFields } from '../ui/canvas/graph';
import { friendlyMessage } from './friendly-messages';
import { SchemaForm, type JsonSchema } from './SchemaForm';
import { ExpressionInput, type CodeContext } from '../ui/code/ExpressionInput';
import type { ReactNode } from 'react';
import type { StepTypeInfo } from '../ui/step-types';

interface Props {
  step: StepFields;
  stepType: StepTypeInfo | undefined;
  /** Validation messages of this step by field (`template`, `.if`, `` for the step as a whole). */
  errors: Map<string, string[]>;
  /** Warnings of this step by field (same keys as `errors`): shown, never blocking a save. */
  warnings: Map<string, string[]>;
  code: CodeContext;
  /** The step's data: try it, see its output (shown under the header). */
  trial?: ReactNode;
  /** Every step id in the workflow: a rename to one of them is refused. */
  takenIds: ReadonlySet<string>;
  readOnly: boolean;
  onChange(fields: Partial<StepFields>): void;
  onRename(to: string): void;
  onDuplicate(): void;
  onRemove(): void;
}

/** The selected step: its id and label, its config as a form from the type's schema, and run options. */
export function StepPanel({
  step,
  stepType,
  errors,
  warnings,
  code,
  trial,
  takenIds,
  readOnly,
  onChange,
  onRename,
  onDuplicate,
  onRemove,
}: Props) {
  const [id, setId] = useState(step.id);
  const [idProblem, setIdProblem] = useState<string | null>(null);
  useEffect(() => setId(step.id), [step.id]);
  const stepErrors = (errors.get('') ?? []).map(friendlyMessage);
  const conditionErrors = (errors.get('.if') ?? []).map(friendlyMessage);
  const otherErrors = [...errors.entries()]
    .filter(([field]) => field.startsWith('.') && field !== '.if')
    .flatMap(([field, messages]) => messages.map((message) => `${field.slice(1)}: ${friendlyMessage(message)}`));

  // A rename that would clash or is not an id is refused here, where it was typed: the step keeps its
  // id (the field shows it again) and the message says why.
  const rename = () => {
    const next = id.trim();
    if (next === step.id) return setIdProblem(null);
    const problem = !StepId.safeParse(next).success
      ? `"${next}" is not a step id: use 1-64 letters, digits, "_" or "-".`
      : takenIds.has(next)
        ? `Another step already has the id "${next}": the step keeps "${step.id}".`
        : null;
    setIdProblem(problem);
    if (problem) setId(step.id);
    else onRename(next);
  };
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
      {[
        ...(warnings.get('') ?? []),
        ...[...warnings.entries()]
          .filter(([field]) => field.startsWith('.'))
          .flatMap(([field, list]) => list.map((m) => `${field.slice(1)}: ${m}`)),
      ].map((message, index) => (
        <div className="warning-note" key={index} data-testid="step-warning">
          {message}
        </div>
      ))}
      {trial}
      <label>
        Step id <span className="hint">References use it: steps.{step.id}.output</span>
        <input
          name="step-id"
          value={id}
          disabled={readOnly}
          className={idProblem ? 'invalid' : undefined}
          aria-invalid={idProblem ? true : undefined}
          onChange={(e) => setId(e.target.value)}
          onBlur={rename}
          onKeyDown={(e) => e.key === 'Enter' && rename()}
        />
        {idProblem && (
          <span className="field-error" role="alert" data-testid="step-id-error">
            {idProblem}
          </span>
        )}
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
          warnings={warnings}
          code={code}
          expressionKeys={stepType.expressionKeys ?? []}
          disabled={readOnly}
        />
      ) : (
        <p className="field-error">Unknown step type "{step.type}".</p>
      )}
      <h3>Options</h3>
      <label>
        Run only if <span className="hint">A JSONata condition; the step is skipped when it is false.</span>
        <ExpressionInput
          name="step-if"
          value={step.if ?? ''}
          onChange={(value) => onChange({ if: value || undefined })}
          context={code}
          syntax="expression"
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
        <div className="row">
          <button onClick={onDuplicate} title="Duplicate (Ctrl+D)">
            Duplicate
          </button>
          <button className="danger" onClick={onRemove}>
            Delete step
          </button>
        </div>
      )}
    </div>
  );
}
