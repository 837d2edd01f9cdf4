import { Graph, layout } from '@dagrejs/dagre';
import type { Edge } from '@xyflow/react';
import type { StepNode } from './graph';

const NODE = { width: 220, height: 64 };

/** Left-to-right layered layout (dagre): dependencies flow rightwards, crossings kept few. */
export function autoLayout(nodes: readonly StepNode[], edges: readonly Edge[]): Map<string, { x: number; y: number }> {
  const graph = new Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes)
    graph.setNode(node.id, { width: node.measured?.width ?? NODE.width, height: node.measured?.height ?? NODE.height });
  for (const edge of edges) if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const placed = graph.node(node.id);
    // dagre gives centres; React Flow positions are top-left corners.
    if (placed)
      positions.set(node.id, {
        x: Math.round(placed.x - (placed.width ?? NODE.width) / 2),
        y: Math.round(placed.y - (placed.height ?? NODE.height) / 2),
      });
  }
  return positions;
}
