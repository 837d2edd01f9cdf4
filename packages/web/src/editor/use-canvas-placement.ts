import { useRef, type Dispatch } from 'react';
import { useReactFlow } from '@xyflow/react';
import { layeredPositions, type Canvas, type StepFields, type StepNode } from '../ui/canvas/graph';
import { NODE_SIZE } from '../ui/canvas/layout';
import { readableViewport } from '../ui/canvas/fit';
import type { StepSyntaxOf } from '@assay/schema';
import type { StepTypeInfo } from '../ui/step-types';
import type { AddedStep, EditorAction } from './editor-state';
import { boundsOf, placeGroupNear, placeNear, type Point, type Rect } from './placement';
import { prepareCopies, type ClipboardStep } from './step-clipboard';

/** A node's box in flow coordinates (its measured size once React Flow has drawn it). */
function nodeRect(node: StepNode): Rect {
  return { ...node.position, width: node.measured?.width ?? NODE_SIZE.width, height: node.measured?.height ?? NODE_SIZE.height };
}

/** A definition step as the canvas holds it. */
function stepFieldsOf({ position: _position, needs: _needs, ...step }: ClipboardStep): StepFields {
  return { ...step, with: step.with ?? {} } as StepFields;
}

interface Options {
  canvas: Canvas;
  dispatch: Dispatch<EditorAction>;
  syntaxOf: StepSyntaxOf;
  families: ReadonlyMap<string, string>;
  /** Told what was added (a note for the user). */
  onAdded(message: string): void;
}

/**
 * Where the canvas shows things and where new steps go: "zoom to fit" at a readable zoom, and new,
 * pasted or duplicated steps placed in the visible canvas (never under a panel, the minimap or the
 * zoom controls), on a free spot. `canvasElement` is the canvas's element (it is the visible part).
 */
export function useCanvasPlacement({ canvas, dispatch, syntaxOf, families, onAdded }: Options) {
  const flow = useReactFlow();
  const canvasElement = useRef<HTMLDivElement>(null);

  /** Shows `nodes` whole, at a zoom where their text stays readable (the canvas scrolls for the rest). */
  const fitTo = (nodes: readonly StepNode[], duration = 200) => {
    const bounds = boundsOf(nodes.map(nodeRect));
    const box = canvasElement.current?.getBoundingClientRect();
    if (!bounds || !box) return;
    // The graph goes left of the minimap (a top-to-bottom graph is tall: width is the spare room).
    const minimap = canvasElement.current?.querySelector('.react-flow__minimap')?.getBoundingClientRect();
    const beside = minimap && minimap.width < box.width / 2 ? minimap.width + 16 : 0;
    void flow.setViewport(readableViewport(bounds, { width: box.width - beside, height: box.height }), { duration });
  };

  /** The part of the canvas the user sees, in flow coordinates (a panel never covers it: they are beside it). */
  const visibleArea = (): Rect | undefined => {
    const box = canvasElement.current?.getBoundingClientRect();
    if (!box) return undefined;
    const margin = 12;
    const topLeft = flow.screenToFlowPosition({ x: box.left + margin, y: box.top + margin });
    const bottomRight = flow.screenToFlowPosition({ x: box.right - margin, y: box.bottom - margin });
    return { ...topLeft, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
  };
  /** What floats over the canvas (the minimap, the zoom controls), in flow coordinates: no step goes under it. */
  const overlays = (): Rect[] =>
    [...(canvasElement.current?.querySelectorAll('.react-flow__minimap, .react-flow__controls') ?? [])].map((element) => {
      const box = element.getBoundingClientRect();
      const topLeft = flow.screenToFlowPosition({ x: box.left, y: box.top });
      const bottomRight = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
      return { ...topLeft, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y };
    });
  /** Where steps are: new ones go elsewhere. */
  const occupied = (): Rect[] => [...canvas.nodes.map(nodeRect), ...overlays()];
  /** The middle of the visible canvas, in flow coordinates. */
  const visibleCentre = (): Point => {
    const area = visibleArea();
    return area ? { x: area.x + area.width / 2, y: area.y + area.height / 2 } : { x: 0, y: 0 };
  };

  const addStep = (type: StepTypeInfo, position?: Point) => {
    const at = position ?? placeNear(visibleCentre(), NODE_SIZE, occupied(), visibleArea());
    dispatch({ kind: 'add-step', type: type.type, family: type.family, position: at });
  };

  /** Adds copies of `steps` (fresh ids, references among them following), centred on `centre`, selected. */
  const addCopies = (steps: readonly ClipboardStep[], centre: Point) => {
    const copies = prepareCopies(
      steps,
      canvas.nodes.map((node) => node.id),
      syntaxOf,
    );
    const fallback = layeredPositions(copies);
    const group = copies.map((step) => ({ ...(step.position ?? fallback.get(step.id) ?? { x: 0, y: 0 }), ...NODE_SIZE }));
    const placed = placeGroupNear(centre, group, occupied(), visibleArea());
    const added: AddedStep[] = copies.map((step, index) => ({
      step: stepFieldsOf(step),
      needs: step.needs ?? [],
      position: placed[index]!,
      family: families.get(step.type),
    }));
    dispatch({ kind: 'add-steps', steps: added });
    onAdded(added.length === 1 ? `Added "${added[0]!.step.id}".` : `Added ${added.length} steps.`);
  };

  return { canvasElement, fitTo, visibleCentre, addStep, addCopies, nodeRect };
}
