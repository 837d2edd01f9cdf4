import { useState } from 'react';
import { FAMILIES, type StepTypeInfo } from '../ui/step-types';
import { filterStepTypes } from './palette-filter';

export const DRAG_TYPE = 'application/x-assay-step-type';

interface Props {
  stepTypes: StepTypeInfo[];
  disabled: boolean;
  onAdd(type: StepTypeInfo): void;
  onCollapse(): void;
}

/**
 * Step types grouped by family, with a search over their names and descriptions: click one (or press
 * Enter on it) to add it in the middle of the visible canvas, or drag it to where it should go.
 * Enter in the search adds the first match.
 */
export function Palette({ stepTypes, disabled, onAdd, onCollapse }: Props) {
  const [query, setQuery] = useState('');
  const matches = filterStepTypes(stepTypes, query);
  const add = (type: StepTypeInfo) => !disabled && onAdd(type);
  return (
    <aside className="palette" data-testid="palette">
      <div className="panel-head">
        <input
          type="search"
          name="palette-search"
          aria-label="Search step types"
          placeholder="Search steps…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && matches[0]) add(matches[0]);
            if (event.key === 'Escape') setQuery('');
          }}
        />
        <button type="button" className="panel-toggle" aria-label="Hide step types" title="Hide step types" onClick={onCollapse}>
          ‹
        </button>
      </div>
      {matches.length === 0 && <p className="muted">No step type matches “{query}”.</p>}
      {FAMILIES.map(({ family, label }) => {
        const types = matches.filter((type) => type.family === family);
        if (types.length === 0) return null;
        return (
          <section key={family}>
            <h3>{label}</h3>
            {types.map((type) => (
              <div
                key={type.type}
                className="palette-item"
                data-testid={`palette-${type.type}`}
                title={disabled ? type.description : `${type.description} — click to add, or drag onto the canvas`}
                draggable={!disabled}
                role="button"
                tabIndex={0}
                aria-disabled={disabled}
                onDragStart={(event) => {
                  event.dataTransfer.setData(DRAG_TYPE, type.type);
                  event.dataTransfer.effectAllowed = 'move';
                }}
                onClick={() => add(type)}
                onKeyDown={(event) => {
                  if (event.key !== 'Enter' && event.key !== ' ') return;
                  event.preventDefault();
                  add(type);
                }}
              >
                {type.type}
                <small>{type.description}</small>
              </div>
            ))}
          </section>
        );
      })}
    </aside>
  );
}
