import { ErrorNote } from '../../ui/ErrorNote';
import { controlOf, type FieldValue, type InputSpec } from './input-form';

interface Props {
  name: string;
  spec: InputSpec;
  value: FieldValue;
  error: string | undefined;
  disabled: boolean;
  onChange(value: FieldValue): void;
}

/** One declared input of a workflow as a labelled form control: its type decides the control. */
export function InputControl({ name, spec, value, error, disabled, onChange }: Props) {
  const control = controlOf(spec);
  const id = `input-${name}`;
  const invalid = error ? 'invalid' : '';
  const text = typeof value === 'string' ? value : '';
  const label = (
    <>
      {name}
      {spec.required && (
        <span className="required" title="required">
          *
        </span>
      )}{' '}
      <span className="hint">{spec.type}</span>
    </>
  );
  // Hint and error sit outside the label (linked by aria-describedby) so the field's name stays just its name.
  const described = [spec.description ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const hint = spec.description && (
    <span className="hint" id={`${id}-hint`}>
      {spec.description}
    </span>
  );
  const problem = error && (
    <div data-testid={`error-${name}`} id={`${id}-error`}>
      <ErrorNote error={error} />
    </div>
  );
  const common = { id, name, disabled, 'aria-describedby': described, 'aria-invalid': error ? true : undefined };

  if (control === 'checkbox') {
    return (
      <div className="run-field">
        <label className="inline" htmlFor={id}>
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {label}
        </label>
        {hint}
        {problem}
      </div>
    );
  }
  return (
    <div className="run-field">
      <label className="inline" htmlFor={id}>
        {label}
      </label>
      {control === 'select' && (
        <select {...common} value={text} className={invalid} onChange={(e) => onChange(e.target.value)}>
          <option value="">{spec.required ? 'Choose…' : '(none)'}</option>
          {spec.enum?.map((option, index) => (
            <option key={index} value={String(index)}>
              {String(option)}
            </option>
          ))}
        </select>
      )}
      {control === 'number' && (
        <input
          {...common}
          type="number"
          step={spec.type === 'integer' ? 1 : 'any'}
          value={text}
          className={invalid}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {control === 'json' && (
        <textarea
          {...common}
          className={`code ${invalid}`}
          rows={5}
          placeholder={spec.type === 'array' ? '[ … ]' : '{ … }'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {control === 'text' && <input {...common} type="text" value={text} className={invalid} onChange={(e) => onChange(e.target.value)} />}
      {hint}
      {problem}
    </div>
  );
}
