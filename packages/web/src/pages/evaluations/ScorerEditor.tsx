import type { ErrorDetail } from '@assay/schema';
import { changeScorerType, SCORER_TYPES, scorerFromForm, type ScorerForm, type ScorerType } from './evaluation-form';
import { FieldProblems } from './FieldProblems';

interface Props {
  index: number;
  form: ScorerForm;
  /** The expected output paths a field scorer can be limited to. */
  fields: readonly string[];
  onChange(form: ScorerForm): void;
  onRemove?: () => void;
  /** What the server said about this scorer. */
  problems?: readonly ErrorDetail[];
}

/** One scorer of the new evaluation: its type and the settings that type takes. */
export function ScorerEditor({ index, form, fields, onChange, onRemove, problems }: Props) {
  const set = (change: Partial<ScorerForm>) => onChange({ ...form, ...change });
  const parsed = scorerFromForm(form);
  const hasField = form.type === 'exact' || form.type === 'numeric' || form.type === 'contains' || form.type === 'regex';
  const named = form.type === 'jsonata' || form.type === 'judge';
  return (
    <div className="eval-scorer" data-testid={`scorer-${index}`}>
      <div className="row">
        <label>
          Scorer
          <select
            name={`scorer-type-${index}`}
            value={form.type}
            onChange={(e) => onChange(changeScorerType(form, e.target.value as ScorerType))}
          >
            {SCORER_TYPES.map((option) => (
              <option key={option.type} value={option.type}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {hasField && (
          <label>
            Field <span className="hint">The expected output it compares.</span>
            <select name={`scorer-field-${index}`} value={form.field} onChange={(e) => set({ field: e.target.value })}>
              <option value="">Each expected field</option>
              {fields.map((field) => (
                <option key={field} value={field}>
                  {field}
                </option>
              ))}
              {form.field !== '' && !fields.includes(form.field) && <option value={form.field}>{form.field}</option>}
            </select>
          </label>
        )}
        {named && (
          <label>
            Name <span className="hint">Its column in the results.</span>
            <input
              name={`scorer-name-${index}`}
              value={form.name}
              placeholder={form.type}
              onChange={(e) => set({ name: e.target.value })}
            />
          </label>
        )}
        <span className="spacer" />
        {onRemove && (
          <button className="link" onClick={onRemove} aria-label={`Remove scorer ${index + 1}`}>
            Remove
          </button>
        )}
      </div>
      {(form.type === 'exact' || form.type === 'contains') && (
        <label className="inline">
          <input
            type="checkbox"
            name={`scorer-case-${index}`}
            checked={form.caseSensitive}
            onChange={(e) => set({ caseSensitive: e.target.checked })}
          />{' '}
          Match case
        </label>
      )}
      {form.type === 'numeric' && (
        <div className="row">
          <label>
            Tolerance <span className="hint">The largest difference that still passes.</span>
            <input
              type="number"
              min={0}
              step="any"
              name={`scorer-tolerance-${index}`}
              value={form.tolerance}
              onChange={(e) => set({ tolerance: e.target.value })}
            />
          </label>
          <label className="inline">
            <input type="checkbox" checked={form.relative} onChange={(e) => set({ relative: e.target.checked })} /> As a fraction of the
            expected value
          </label>
        </div>
      )}
      {form.type === 'regex' && (
        <div className="row">
          <label className="grow">
            Pattern <span className="hint">Empty: the expected value is the pattern.</span>
            <input
              name={`scorer-pattern-${index}`}
              className="code"
              value={form.pattern}
              placeholder="^(buy|sell|hold)$"
              onChange={(e) => set({ pattern: e.target.value })}
            />
          </label>
          <label>
            Flags <span className="hint">i, m, s, u</span>
            <input name={`scorer-flags-${index}`} value={form.flags} size={4} onChange={(e) => set({ flags: e.target.value })} />
          </label>
        </div>
      )}
      {form.type === 'jsonata' && (
        <label>
          Expression{' '}
          <span className="hint">
            Over <code>{'{ output, expected, input }'}</code>: true or false, or a score from 0 to 1.
          </span>
          <textarea
            className="code"
            rows={3}
            name={`scorer-expression-${index}`}
            value={form.expression}
            placeholder="output.verdict = expected.verdict"
            onChange={(e) => set({ expression: e.target.value })}
          />
        </label>
      )}
      {form.type === 'judge' && (
        <>
          <label>
            Rubric <span className="hint">What a good output is; the judge also sees the input and the expected values.</span>
            <textarea
              rows={4}
              name={`scorer-rubric-${index}`}
              value={form.rubric}
              placeholder="The verdict follows from the figures and the summary names the main risk."
              onChange={(e) => set({ rubric: e.target.value })}
            />
          </label>
          <label>
            Model <span className="hint">Empty: the workspace default.</span>
            <input
              name={`scorer-model-${index}`}
              value={form.model}
              placeholder="openai:gpt-4o-mini"
              onChange={(e) => set({ model: e.target.value })}
            />
          </label>
        </>
      )}
      {named && (
        <label>
          Passes at <span className="hint">A score from 0 to 1 (empty: {form.type === 'judge' ? '0.5' : 'the server default'}).</span>
          <input
            type="number"
            min={0}
            max={1}
            step="any"
            name={`scorer-threshold-${index}`}
            value={form.threshold}
            onChange={(e) => set({ threshold: e.target.value })}
          />
        </label>
      )}
      {!parsed.ok && <div className="field-error">{parsed.error}</div>}
      <FieldProblems details={problems} />
    </div>
  );
}
