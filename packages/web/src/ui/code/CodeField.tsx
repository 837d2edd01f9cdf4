import { useEffect, useRef } from 'react';
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type Completion,
  type CompletionSource,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascriptLanguage } from '@codemirror/lang-javascript';
import { liquid, liquidCompletionSource } from '@codemirror/lang-liquid';
import { bracketMatching, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { fieldsAt, jsonataPathAt, type ShapeSource } from './field-paths';
import './code-field.css';

export interface CodeFieldProps {
  value: string;
  onChange(value: string): void;
  /** `template`: Liquid text with `{{ … }}`; `expression`: JSONata throughout. */
  syntax: 'template' | 'expression';
  /** What the text can reach, for suggestions down to field names. */
  shapes: ShapeSource;
  /** The names a reference may start with here (`input`, `steps`, `run`, … and `item` inside a map). */
  roots: readonly string[];
  multiline?: boolean;
  invalid?: boolean;
  name?: string;
  label?: string;
  placeholder?: string;
  disabled?: boolean;
}

const identifier = /^[A-Za-z_]\w*$/;

/** Suggestions for a JSONata expression: roots, then the fields at the path being typed. */
function jsonataSource(shapes: () => ShapeSource, roots: () => readonly string[]): CompletionSource {
  return (context) => {
    const query = jsonataPathAt(context.state.doc.toString(), context.pos);
    if (!query) return null;
    if (!context.explicit && query.path.length === 0 && query.partial === '') return null;
    const options: Completion[] =
      query.path.length === 0
        ? roots().map((root) => ({ label: root, type: 'variable' }))
        : fieldsAt(shapes(), query.path).map((field) => ({
            label: field.name,
            apply: identifier.test(field.name) ? field.name : `\`${field.name}\``,
            detail: field.detail,
            type: 'property',
          }));
    return options.length > 0 ? { from: query.from, options, validFor: /^`?[\w-]*$/ } : null;
  };
}

/** Suggestions for a Liquid template: Liquid's own tags and filters, the roots, and fields at a path. */
function liquidSource(shapes: () => ShapeSource, roots: () => readonly string[]): CompletionSource {
  return (context) =>
    liquidCompletionSource({
      variables: roots().map((root) => ({ label: root, type: 'variable' })),
      properties: (path) => fieldsAt(shapes(), path).map((field) => ({ label: field.name, detail: field.detail, type: 'property' })),
    })(context);
}

/** One line: Enter never inserts a line break (it accepts a suggestion, as Tab does). */
const singleLine = EditorState.transactionFilter.of((transaction) => (transaction.newDoc.lines > 1 ? [] : transaction));

/**
 * A template or expression field on CodeMirror 6: highlighting, bracket matching and closing, undo,
 * and suggestions that go down to field names from the sample data or a schema. Suggestions open
 * above the caret, so they never hide the preview or the error under the field.
 */
export function CodeField(props: CodeFieldProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const editable = useRef(new Compartment());

  useEffect(() => {
    const shapes = () => latest.current.shapes;
    const roots = () => latest.current.roots;
    const language: Extension = props.syntax === 'template' ? liquid() : javascriptLanguage;
    const sources: CompletionSource[] = props.syntax === 'template' ? [liquidSource(shapes, roots)] : [jsonataSource(shapes, roots)];
    const state = EditorState.create({
      doc: props.value,
      extensions: [
        history(),
        bracketMatching(),
        closeBrackets(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        language,
        autocompletion({ override: sources, aboveCursor: true, icons: false, activateOnTyping: true }),
        keymap.of([...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, ...defaultKeymap]),
        props.multiline ? EditorView.lineWrapping : singleLine,
        editable.current.of(EditorView.editable.of(!props.disabled)),
        props.placeholder ? placeholderText(props.placeholder) : [],
        EditorView.contentAttributes.of({
          'aria-label': props.label ?? props.name ?? 'expression',
          // Named like a form field, so tests and tools find it as they find an input.
          ...(props.name ? { name: props.name } : {}),
          spellcheck: 'false',
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange(update.state.doc.toString());
        }),
      ],
    });
    view.current = new EditorView({ state, parent: host.current! });
    return () => {
      view.current?.destroy();
      view.current = null;
    };
    // The view is made once per syntax; later props are read through `latest`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.syntax, props.multiline]);

  // A value changed from outside (undo in the editor, a rename) replaces the text.
  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== props.value) {
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(EditorView.editable.of(!props.disabled)) });
  }, [props.disabled]);

  // `data-code-field` and `data-value` let tests and tools read the field as a form field.
  return (
    <div
      ref={host}
      className={`code-field${props.multiline ? ' multiline' : ''}${props.invalid ? ' invalid' : ''}`}
      data-code-field={props.name}
      data-value={props.value}
    />
  );
}
