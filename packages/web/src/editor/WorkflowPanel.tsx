import { useState } from 'react';
import type { InputField, InputType } from '@assay/schema';
import type { DefinitionMeta } from '../ui/canvas/graph';
import { ExpressionInput, type CodeContext } from '../ui/code/ExpressionInput';
import type { DefinitionError } from './validation';

interface Props {
  meta: DefinitionMeta;
  errors: DefinitionError[];
  /** What the output mapping's templates can reach (every step), for suggestions and previews. */
  code: CodeContext;
  readOnly: boolean;
  onChange(meta: Partial<DefinitionMeta>): void;
}

const INPUT_TYPES: InputType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array'];

/** With no step selected: the workflow's name, inputs and output mapping. */
export function WorkflowPanel({ meta, errors, code, readOnly, onChange }: Props) {
  const inputs = (meta.inputs ?? {}) as Record<string, Partial<InputField> & { type: InputType }>;
  const output = (meta.output ?? {}) as Record<string, unknown>;
  const [newInput, setNewInput] = useState('');
  const [newOutput, setNewOutput] = useState('');
  const errorsAt = (prefix: string) => errors.filter((error) => error.path === prefix || error.path.startsWith(`${prefix}.`));

  const setInput = (name: string, field: (Partial<InputField> & { type: InputType }) | undefined) => {
    const next = { ...inputs };
    if (field) next[name] = field;
    else delete next[name];
    onChange({ inputs: next as DefinitionMeta['inputs'] });
  };
  const setOutput = (key: string, value: string | undefined) => {
    const next = { ...output };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange({ output: Object.keys(next).length > 0 ? next : undefined });
  };

  return (
    <div data-testid="workflow-panel">
      <h2>Workflow</h2>
      {errors.map((error, index) => (
        <div className="error-note" key={index}>
          <code>{error.path}</code>: {error.message}
        </div>
      ))}
      <label>
        Name
        <input name="workflow-name" value={meta.name ?? ''} disabled={readOnly} onChange={(e) => onChange({ name: e.target.value })} />
      </label>
      <label>
        Description
        <textarea
          name="workflow-description"
          value={meta.description ?? ''}
          disabled={readOnly}
          onChange={(e) => onChange({ description: e.target.value || undefined })}
        />
      </label>
      <h3>Inputs</h3>
      {Object.entries(inputs).map(([name, field]) => (
        <div className="card" key={name} data-input={name}>
          <div className="row">
            <strong>{name}</strong>
            <span className="spacer" />
            {!readOnly && (
              <button className="small danger" onClick={() => setInput(name, undefined)}>
                Remove
              </button>
            )}
          </div>
          <div className="grid-2">
            <label>
              Type
              <select
                name={`input-${name}-type`}
                value={field.type}
                disabled={readOnly}
                onChange={(e) => setInput(name, { ...field, type: e.target.value as InputType })}
              >
                {INPUT_TYPES.map((type) => (
                  <option key={type}>{type}</option>
                ))}
              </select>
            </label>
            <label className="inline">
              <input
                type="checkbox"
                name={`input-${name}-required`}
                checked={field.required ?? false}
                disabled={readOnly}
                onChange={(e) => setInput(name, { ...field, required: e.target.checked })}
              />{' '}
              required
            </label>
          </div>
          <label>
            Description
            <input
              name={`input-${name}-description`}
              value={field.description ?? ''}
              disabled={readOnly}
              onChange={(e) => setInput(name, { ...field, description: e.target.value || undefined })}
            />
          </label>
          {errorsAt(`inputs.${name}`).map((error, index) => (
            <span className="field-error" key={index}>
              {error.message}
            </span>
          ))}
        </div>
      ))}
      {!readOnly && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (newInput.trim()) {
              setInput(newInput.trim(), { type: 'string', required: true });
              setNewInput('');
            }
          }}
        >
          <input
            name="new-input"
            placeholder="new input name"
            value={newInput}
            onChange={(e) => setNewInput(e.target.value)}
            style={{ flex: 1 }}
          />
          <button type="submit">Add input</button>
        </form>
      )}
      <h3>Output</h3>
      <p className="muted">Each key of the run's output, as a template over the inputs and step outputs.</p>
      {Object.entries(output).map(([key, value]) => (
        <label key={key} data-output={key}>
          <span className="row">
            {key} <span className="spacer" />{' '}
            {!readOnly && (
              <button className="small danger" type="button" onClick={() => setOutput(key, undefined)}>
                Remove
              </button>
            )}
          </span>
          <ExpressionInput
            name={`output-${key}`}
            value={typeof value === 'string' ? value : JSON.stringify(value)}
            onChange={(text) => setOutput(key, text)}
            context={code}
            syntax="template"
            disabled={readOnly}
            invalid={errorsAt(`output.${key}`).length > 0}
          />
        </label>
      ))}
      {!readOnly && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (newOutput.trim()) {
              setOutput(newOutput.trim(), '');
              setNewOutput('');
            }
          }}
        >
          <input
            name="new-output"
            placeholder="new output key"
            value={newOutput}
            onChange={(e) => setNewOutput(e.target.value)}
            style={{ flex: 1 }}
          />
          <button type="submit">Add output</button>
        </form>
      )}
    </div>
  );
}
