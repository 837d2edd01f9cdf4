import { useEffect, useState } from 'react';
import { ExpressionInput, type CodeContext } from '../ui/code/ExpressionInput';
import { friendlyMessage } from './friendly-messages';

/** The subset of JSON Schema the step types' config schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
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
  /** Warnings per config field (a field a referenced value cannot have): shown, never blocking. */
  warnings?: Map<string, string[]>;
  /** What templates and expressions can reach, for suggestions and previews. */
  code: CodeContext;
  /** Fields holding JSONata expressions rather than Liquid templates. */
  expressionKeys: readonly string[];
  disabled?: boolean;
}

/** Long text fields (templates, prompts, code, queries) get a multi-line box. */
const MULTILINE = /^(template|prompt|system|expression|source|query|sql|body|instructions|text|content|filter)$/i;

/** A form generated from a step type's config schema: one field per property, in schema order. */
export function SchemaForm({ schema, value, onChange, errors, warnings, code, expressionKeys, disabled }: Props) {
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
        const fieldWarnings = warnings?.get(key) ?? [];
        // A record's rows hold buttons: inside a <label>, the first would take the label's name and clicks.
        const Wrapper = isScalarRecord(property) ? 'div' : 'label';
        return (
          <Wrapper key={key} data-field={key} className={Wrapper === 'div' ? 'field-group' : undefined}>
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
              code={code}
              expression={expressionKeys.includes(key)}
              disabled={disabled}
            />
            {fieldErrors.map((message, index) => (
              <span className="field-error" key={index} role="alert">
                {friendlyMessage(message)}
              </span>
            ))}
            {fieldWarnings.map((message, index) => (
              <span className="field-warning" key={index} data-testid="field-warning">
                {message}
              </span>
            ))}
          </Wrapper>
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
  code: CodeContext;
  expression: boolean;
  disabled?: boolean;
}

function Field({ name, schema, value, onChange, invalid, code, expression, disabled }: FieldProps) {
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
      <ExpressionInput
        name={name}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={onChange}
        context={code}
        syntax={expression ? 'expression' : 'template'}
        multiline={MULTILINE.test(name) || (schema.maxLength ?? 0) > 1000}
        invalid={invalid}
        disabled={disabled}
        placeholder={schema.default !== undefined ? `default: ${JSON.stringify(schema.default)}` : undefined}
      />
    );
  }
  if (isScalarRecord(schema)) {
    return <RecordField name={name} value={value} onChange={onChange} code={code} invalid={invalid} disabled={disabled} />;
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

/** An object of named scalars (a lookup's `where`, request headers): each value may be a template. */
function isScalarRecord(schema: JsonSchema): boolean {
  const values = schema.additionalProperties;
  if (typesOf(schema).join() !== 'object' || schema.properties || typeof values !== 'object') return false;
  const valueTypes = typesOf(values);
  return valueTypes.length > 0 && valueTypes.every((type) => type === 'string' || type === 'number' || type === 'boolean');
}

/**
 * A record edited as rows of name and value, each value a template field with suggestions and a
 * preview: what a lookup's `where` holds (`id` → `{{ input.companyId }}`).
 */
function RecordField({
  name,
  value,
  onChange,
  code,
  invalid,
  disabled,
}: {
  name: string;
  value: unknown;
  onChange(value: unknown): void;
  code: CodeContext;
  invalid: boolean;
  disabled?: boolean;
}) {
  const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const [rows, setRows] = useState(() => Object.entries(record).map(([key, item]) => ({ key, value: String(item) })));
  useEffect(() => {
    // Take outside changes (undo, a rename) unless the rows already mean the same.
    setRows((current) => {
      const same =
        JSON.stringify(Object.fromEntries(current.filter((row) => row.key).map((row) => [row.key, row.value]))) ===
        JSON.stringify(Object.fromEntries(Object.entries(record).map(([key, item]) => [key, String(item)])));
      return same ? current : Object.entries(record).map(([key, item]) => ({ key, value: String(item) }));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(record)]);
  const commit = (next: { key: string; value: string }[]) => {
    setRows(next);
    const entries = next.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), scalarOf(row.value)] as const);
    onChange(entries.length > 0 ? Object.fromEntries(entries) : undefined);
  };
  return (
    <div className={`record-field${invalid ? ' invalid' : ''}`} data-record={name}>
      {rows.map((row, index) => (
        <div className="record-row" key={index}>
          <input
            name={`${name}.key-${index}`}
            aria-label={`${name}: name ${index + 1}`}
            value={row.key}
            disabled={disabled}
            placeholder="name"
            onChange={(e) => commit(rows.map((r, i) => (i === index ? { ...r, key: e.target.value } : r)))}
          />
          <ExpressionInput
            name={`${name}.value-${index}`}
            label={`${name}: value of ${row.key || index + 1}`}
            value={row.value}
            onChange={(text) => commit(rows.map((r, i) => (i === index ? { ...r, value: text } : r)))}
            context={code}
            syntax="template"
            disabled={disabled}
          />
          {!disabled && (
            <button
              type="button"
              className="link"
              aria-label={`Remove ${row.key || 'row'}`}
              onClick={() => commit(rows.filter((_, i) => i !== index))}
            >
              ✕
            </button>
          )}
        </div>
      ))}
      {!disabled && (
        <button type="button" className="link" onClick={() => setRows([...rows, { key: '', value: '' }])}>
          + Add {name === 'where' ? 'a column to match' : 'an entry'}
        </button>
      )}
    </div>
  );
}

/** A value typed as text: a number or a boolean when it is one, else the text (a template stays text). */
function scalarOf(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.trim() !== '' && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text);
  return text;
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
