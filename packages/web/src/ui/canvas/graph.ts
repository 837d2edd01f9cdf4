/**
 * The definition ⇄ canvas mapping, for the canvas pieces here and the pages that draw a workflow
 * (editor, run page). It still lives in editor/graph.ts while that file is being changed elsewhere;
 * it moves here (replacing this re-export) once that lands. Import it from here, not from editor/.
 */
export * from '../../editor/graph';
