import { Graph, layout } from '@dagrejs/dagre';
import type { Edge } from '@xyflow/react';
import type { StepNode } from './graph';

/** A node's size before React Flow has measured it (canvas.css gives nodes this width). */
export const NODE_SIZE = { width: 240, height: 76 };
const NODE = NODE_SIZE;

/**
 * Top-to-bottom layered layout (dagre): dependencies flow downwards, crossings kept few. Top to
 * bottom because a workflow is read like a page, and a long chain then fits the canvas's width at a
 * legible zoom (a left-to-right chain of ten steps does not).
 */
export function autoLayout(nodes: readonly StepNode[], edges: readonly Edge[]): Map<string, { x: number; y: number }> {
  const graph = new Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 60, marginx: 20, marginy: 20 });
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
