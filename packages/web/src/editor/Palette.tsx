import { FAMILIES, type StepTypeInfo } from '../ui/step-types';

export const DRAG_TYPE = 'application/x-assay-step-type';

/** Step types grouped by family: drag one onto the canvas, or click it to add it beside the selection. */
export function Palette({ stepTypes, disabled, onAdd }: { stepTypes: StepTypeInfo[]; disabled: boolean; onAdd(type: StepTypeInfo): void }) {
  return (
    <aside className="palette" data-testid="palette">
      {FAMILIES.map(({ family, label }) => {
        const types = stepTypes.filter((type) => type.family === family);
        if (types.length === 0) return null;
        return (
          <section key={family}>
            <h3>{label}</h3>
            {types.map((type) => (
              <div
                key={type.type}
                className="palette-item"
                data-testid={`palette-${type.type}`}
                title={type.description}
                draggable={!disabled}
                role="button"
                tabIndex={0}
                aria-disabled={disabled}
                onDragStart={(event) => {
                  event.dataTransfer.setData(DRAG_TYPE, type.type);
                  event.dataTransfer.effectAllowed = 'move';
                }}
                onDoubleClick={() => !disabled && onAdd(type)}
                onKeyDown={(event) => event.key === 'Enter' && !disabled && onAdd(type)}
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
