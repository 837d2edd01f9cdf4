import { lazy, Suspense } from 'react';
import type { ExpressionPreviewRequest } from '@assay/schema';
import './expression-input.css';
import type { ShapeSource } from './field-paths';
import { PreviewLine } from './PreviewLine';

/**
 * CodeMirror and its languages load in their own chunk, after the editor has drawn the graph: until
 * then a field shows its text as it is.
 */
const loadCodeField = () => import('./CodeField');
/** Once the browser is idle (the graph drawn and answering), at most a second from now. */
const whenIdle = () =>
  new Promise<void>((resolve) =>
    'requestIdleCallback' in window ? window.requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 200),
  );
const CodeField = lazy(() =>
  whenIdle()
    .then(loadCodeField)
    .then((module) => ({ default: module.CodeField })),
);

/** What a template or expression field can reach, and the sample data its preview is computed on. */
export interface CodeContext {
  shapes: ShapeSource;
  roots: readonly string[];
  /** Null until there is sample data (a pinned input, a step's latest output): no preview then. */
  previewScope: ExpressionPreviewRequest['scope'] | null;
}

interface Props {
  name: string;
  value: string;
  onChange(value: string): void;
  syntax: 'template' | 'expression';
  context: CodeContext;
  multiline?: boolean;
  invalid?: boolean;
  disabled?: boolean;
  placeholder?: string;
  label?: string;
}

/** A template or expression field with suggestions down to field names and its value previewed under it. */
export function ExpressionInput({ name, value, onChange, syntax, context, multiline, invalid, disabled, placeholder, label }: Props) {
  return (
    <div className="expression-input">
      <Suspense fallback={<pre className="code-field-loading">{value || placeholder || ' '}</pre>}>
        <CodeField
          name={name}
          label={label}
          value={value}
          onChange={onChange}
          syntax={syntax}
          shapes={context.shapes}
          roots={context.roots}
          multiline={multiline}
          invalid={invalid}
          disabled={disabled}
          placeholder={placeholder}
        />
      </Suspense>
      <PreviewLine text={value} syntax={syntax} scope={context.previewScope} />
    </div>
  );
}
