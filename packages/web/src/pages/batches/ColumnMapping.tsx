import type { InputSpec, Mapping } from './batch-mapping';

interface Props {
  inputs: Record<string, InputSpec>;
  columns: readonly string[];
  mapping: Mapping;
  onChange(mapping: Mapping): void;
}

/** One select per workflow input naming the column that feeds it. */
export function ColumnMapping({ inputs, columns, mapping, onChange }: Props) {
  const names = Object.keys(inputs);
  if (names.length === 0) return <p className="muted">The workflow declares no inputs: each row starts one run with an empty input.</p>;
  return (
    <table className="table" data-testid="column-mapping">
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
