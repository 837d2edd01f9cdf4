import { useEffect, useState } from 'react';
import { ReferenceField } from './ReferenceField';

/** The subset of JSON Schema the step types' config schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  maxLength?: number;
  const?: unknown;
}

interface Props {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange(value: Record<string, unknown>): void;
  /** Messages per config field (`template` → ["is required"]). */
  errors: Map<string, string[]>;
  suggestions: readonly string[];
  /** Fields holding JSONata expressions rather than Liquid templates. */
  expressionKeys: readonly string[];
  disabled?: boolean;
}

/** Long text fields (templates, prompts, code, queries) get a multi-line box. */
const MULTILINE = /^(template|prompt|system|expression|source|query|sql|body|instructions|text|content|filter)$/i;

/** A form generated from a step type's config schema: one field per property, in schema order. */
export function SchemaForm({ schema, value, onChange, errors, suggestions, expressionKeys, disabled }: Props) {
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const set = (key: string, next: unknown) => {
    const copy = { ...value };
    if (next === undefined || next === '') delete copy[key];
    else copy[key] = next;
    onChange(copy);
  };
  if (properties.length === 0) return <p className="muted">This step type takes no configuration.</p>;
  return (
    <div className="schema-form">
      {properties.map(([key, property]) => {
        const fieldErrors = errors.get(key) ?? [];
        return (
          <label key={key} data-field={key}>
            <span>
              {key}
              {required.has(key) && <span className="field-error"> *</span>}
            </span>
            {property.description && <span className="hint">{property.description}</span>}
            <Field
              name={key}
              schema={property}
              value={value[key]}
              onChange={(next) => set(key, next)}
              invalid={fieldErrors.length > 0}
              suggestions={suggestions}
              expression={expressionKeys.includes(key)}
              disabled={disabled}
            />
            {fieldErrors.map((message, index) => (
              <span className="field-error" key={index} role="alert">
                {message}
              </span>
            ))}
          </label>
        );
      })}
      {Object.keys(value)
        .filter((key) => !schema.properties?.[key])
        .map((key) => (
          <div className="field-error" key={key}>
            Unknown field "{key}" (not in this step type's config){' '}
            <button type="button" className="link" onClick={() => set(key, undefined)}>
              remove
            </button>
          </div>
        ))}
    </div>
  );
}

function typesOf(schema: JsonSchema): string[] {
  const direct = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap(typesOf);
  return [...new Set([...direct, ...nested])];
}

function enumOf(schema: JsonSchema): unknown[] | null {
  if (schema.enum) return schema.enum;
  const options = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (options.length > 0 && options.every((option) => option.const !== undefined || option.enum))
    return options.flatMap((option) => option.enum ?? [option.const]);
  return null;
}

interface FieldProps {
  name: string;
  schema: JsonSchema;
  value: unknown;
  onChange(value: unknown): void;
  invalid: boolean;
  suggestions: readonly string[];
  expression: boolean;
  disabled?: boolean;
}

function Field({ name, schema, value, onChange, invalid, suggestions, expression, disabled }: FieldProps) {
  const types = typesOf(schema);
  const choices = enumOf(schema);
  if (choices && choices.every((choice) => typeof choice === 'string')) {
    return (
      <select
        name={name}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value || undefined)}
        className={invalid ? 'invalid' : undefined}
        disabled={disabled}
      >
        <option value="">{schema.default !== undefined ? `(default: ${String(schema.default)})` : '—'}</option>
        {choices.map((choice) => (
          <option key={String(choice)} value={String(choice)}>
            {String(choice)}
          </option>
        ))}
      </select>
    );
  }
  const itemChoices = schema.items ? enumOf(schema.items) : null;
  if (types.length === 1 && types[0] === 'array' && itemChoices) {
    const selected = Array.isArray(value) ? value : [];
    return (
      <div className="row" data-choices={name}>
        {itemChoices.map((choice) => (
          <label className="inline" key={String(choice)}>
            <input
              type="checkbox"
              name={`${name}.${String(choice)}`}
              disabled={disabled}
              checked={selected.includes(choice)}
              onChange={(e) => onChange(e.target.checked ? [...selected, choice] : selected.filter((item) => item !== choice))}
            />
            {String(choice)}
          </label>
        ))}
      </div>
    );
  }
  if (types.length === 1 && types[0] === 'boolean') {
    return <input type="checkbox" name={name} disabled={disabled} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  }
  if (types.includes('string') && types.every((type) => type === 'string' || type === 'number' || type === 'integer' || type === 'null')) {
    return (
      <ReferenceField
        name={name}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={onChange}
        suggestions={suggestions}
        mode={expression ? 'expression' : 'template'}
        multiline={MULTILINE.test(name) || (schema.maxLength ?? 0) > 1000}
        invalid={invalid}
        disabled={disabled}
        placeholder={schema.default !== undefined ? `default: ${JSON.stringify(schema.default)}` : undefined}
      />
    );
  }
  if (types.length > 0 && types.every((type) => type === 'number' || type === 'integer')) {
    return (
      <NumberField
        name={name}
        value={value}
        onChange={onChange}
        invalid={invalid}
        disabled={disabled}
        placeholder={schema.default !== undefined ? `default: ${String(schema.default)}` : undefined}
      />
    );
  }
  return <JsonField name={name} value={value} onChange={onChange} invalid={invalid} disabled={disabled} />;
}

/** A number, or a template (`{{ input.limit }}`) the engine renders before checking the config. */
function NumberField({
  name,
  value,
  onChange,
  invalid,
  disabled,
  placeholder,
}: {
  name: string;
  value: unknown;
  onChange(value: unknown): void;
  invalid: boolean;
  disabled?: boolean;
  placeholder?: string;
}) {
  return (
    <input
      name={name}
      inputMode="decimal"
      value={value === undefined || value === null ? '' : String(value)}
      placeholder={placeholder}
      className={invalid ? 'invalid' : undefined}
      disabled={disabled}
      onChange={(e) => {
        const text = e.target.value;
        onChange(text.trim() === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);
      }}
    />
  );
}

/** Objects and lists are edited as JSON; the draft is kept until it parses. */
export function JsonField({
  name,
  value,
  onChange,
  invalid,
  disabled,
}: {
  name: string;
  value: unknown;
  onChange(value: unknown): void;
  invalid?: boolean;
  disabled?: boolean;
}) {
  const [draft, setDraft] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    // Take outside changes (undo, restore) unless the draft already means the same.
    setDraft((current) => {
      try {
        if (JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        /* a draft that does not parse is replaced */
      }
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    });
  }, [value]);
  return (
    <>
      <textarea
        name={name}
        className={`code${invalid || problem ? ' invalid' : ''}`}
        value={draft}
        disabled={disabled}
        spellCheck={false}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim() === '') {
            setProblem(null);
            return onChange(undefined);
          }
          try {
            onChange(JSON.parse(e.target.value));
            setProblem(null);
          } catch (error) {
            setProblem(error instanceof Error ? error.message : 'not JSON');
          }
        }}
      />
      {problem && <span className="field-error">Not valid JSON yet: {problem}</span>}
    </>
  );
}
