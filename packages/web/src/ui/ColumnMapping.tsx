import type { InputSpec } from './input-mapping';

interface Props {
  inputs: Record<string, InputSpec>;
  columns: readonly string[];
  /** Input name → the column that feeds it. */
  mapping: Record<string, string>;
  onChange(mapping: Record<string, string>): void;
  /** What to say when there are no inputs. */
  empty?: string;
  testId?: string;
}

/** One select per workflow input naming the column that feeds it (batches from a CSV or dataset, evaluations). */
export function ColumnMapping({ inputs, columns, mapping, onChange, empty, testId = 'column-mapping' }: Props) {
  const names = Object.keys(inputs);
  if (names.length === 0)
    return <p className="muted">{empty ?? 'The workflow declares no inputs: each row starts one run with an empty input.'}</p>;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>Input</th>
          <th>Column</th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const spec = inputs[name] as InputSpec;
          return (
            <tr key={name}>
              <td>
                <code>{name}</code>
                {spec.required && (
                  <span className="required" title="required">
                    *
                  </span>
                )}{' '}
                <span className="muted">{spec.type}</span>
                {spec.description && <div className="muted">{spec.description}</div>}
              </td>
              <td>
                <select
                  aria-label={`Column for ${name}`}
                  name={`map-${name}`}
                  value={mapping[name] ?? ''}
                  onChange={(e) => onChange({ ...mapping, [name]: e.target.value })}
                >
                  <option value="">{spec.default !== undefined ? '(use the default)' : '(not mapped)'}</option>
                  {columns.map((column) => (
                    <option key={column} value={column}>
                      {column}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
