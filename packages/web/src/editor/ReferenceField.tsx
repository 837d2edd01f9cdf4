import { useRef, useState, type KeyboardEvent } from 'react';
import { matchSuggestions, referenceAt, type ReferenceQuery } from './references';

interface Props {
  value: string;
  onChange(value: string): void;
  suggestions: readonly string[];
  mode: 'template' | 'expression';
  multiline?: boolean;
  invalid?: boolean;
  name?: string;
  placeholder?: string;
  disabled?: boolean;
}

/** A text field that offers `input.x` and `steps.y.output` references as you type. */
export function ReferenceField({ value, onChange, suggestions, mode, multiline, invalid, name, placeholder, disabled }: Props) {
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<ReferenceQuery | null>(null);
  const [active, setActive] = useState(0);
  const matches = query ? matchSuggestions(suggestions, query.token) : [];

  const update = (text: string, caret: number) => {
    onChange(text);
    setQuery(referenceAt(text, caret, mode));
    setActive(0);
  };

  const accept = (choice: string) => {
    if (!query) return;
    const caret = query.start + query.token.length;
    const text = value.slice(0, query.start) + choice + value.slice(caret);
    onChange(text);
    setQuery(null);
    requestAnimationFrame(() => {
      const at = query.start + choice.length;
      field.current?.setSelectionRange(at, at);
      field.current?.focus();
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (matches.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      accept(matches[active] ?? matches[0]!);
    } else if (event.key === 'Escape') {
      setQuery(null);
    }
  };

  const common = {
    ref: field,
    name,
    value,
    placeholder,
    disabled,
    className: invalid ? 'invalid' : undefined,
    spellCheck: false,
    onKeyDown,
    onBlur: () => setTimeout(() => setQuery(null), 150),
    onChange: (event: { target: { value: string; selectionStart: number | null } }) =>
      update(event.target.value, event.target.selectionStart ?? event.target.value.length),
  };
  return (
    <div className="field-wrap">
      {multiline ? <textarea {...common} rows={Math.min(12, Math.max(3, value.split('\n').length + 1))} /> : <input {...common} />}
      {matches.length > 0 && (
        <div className="suggestions" role="listbox" data-testid="reference-suggestions">
          {matches.map((match, index) => (
            <div
              key={match}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : ''}
              onMouseDown={(event) => {
                event.preventDefault();
                accept(match);
              }}
            >
              {match}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
