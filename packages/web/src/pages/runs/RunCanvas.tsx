import { memo, useMemo, useRef } from 'react';
import { Background, Controls, ReactFlow, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { StepRun, StepSyntaxOf, WorkflowDefinition } from '@assay/schema';
import { definitionToCanvas, referenceEdges, type StepNode } from '../../ui/canvas/graph';
import { autoLayout } from '../../ui/canvas/layout';
import { nodeTypes } from '../../ui/canvas/StepNode';
import { decorateNodes, type RunNode } from './run-nodes';

interface Props {
  definition: WorkflowDefinition;
  families: ReadonlyMap<string, string>;
  /** Step types' reference syntax (unknown until they load: then each text's syntax is guessed). */
  syntaxOf?: StepSyntaxOf;
  steps: readonly StepRun[];
  selectedId: string | null;
  onSelect(stepId: string | null): void;
}

/** The run's workflow graph, read-only, each step coloured by its status in this run. */
export const RunCanvas = memo(function RunCanvas({ definition, families, syntaxOf, steps, selectedId, onSelect }: Props) {
  // The graph's shape depends only on the definition: laid out once, then only statuses change.
  const { nodes: base, edges } = useMemo(() => {
    const canvas = definitionToCanvas(definition);
    const edges = [...canvas.edges, ...referenceEdges(canvas, syntaxOf)];
    const positions = definition.steps.some((step) => !step.position) ? autoLayout(canvas.nodes, edges) : null;
    const nodes: StepNode[] = canvas.nodes.map((node) => ({
      ...node,
      position: positions?.get(node.id) ?? node.position,
      data: { ...node.data, family: families.get(node.data.step.type) },
    }));
    return { nodes, edges };
  }, [definition, families, syntaxOf]);

  const previous = useRef<ReadonlyMap<string, RunNode>>(new Map());
  const nodes = useMemo(() => {
    const decorated = decorateNodes(base, steps, selectedId, previous.current);
    // Remembered for the next decoration, which reuses the nodes that did not change.
    previous.current = new Map(decorated.map((node) => [node.id, node]));
    return decorated;
  }, [base, steps, selectedId]);

  const onNodeClick: NodeMouseHandler = (_event, node) => onSelect(node.id);
  return (
    <div className="run-canvas" data-testid="run-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.1}
        maxZoom={1.5}
        fitViewOptions={{ maxZoom: 1 }}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        onNodeClick={onNodeClick}
        onPaneClick={() => onSelect(null)}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
});
