/**
 * "Zoom to fit" that keeps text readable: the whole graph when it fits at a legible zoom, otherwise
 * the legible zoom with the graph's start (its top, where a top-to-bottom flow begins) in view and the
 * rest a pan or scroll away. Pure, so it is unit tested.
 */

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FitOptions {
  /** Space around the graph, as a share of the canvas (0.1 = 10 %). */
  padding: number;
  /** The smallest zoom at which node text is still legible (node text ≥ 13 px × this ≥ 11 px). */
  minZoom: number;
  maxZoom: number;
}

/** Node text is at least 13 px; below 0.85 it would render under 11 px. */
export const READABLE_FIT: FitOptions = { padding: 0.08, minZoom: 0.85, maxZoom: 1.2 };

export function readableViewport(bounds: Bounds, canvas: { width: number; height: number }, options: FitOptions = READABLE_FIT) {
  const usable = { width: canvas.width * (1 - 2 * options.padding), height: canvas.height * (1 - 2 * options.padding) };
  const fit = Math.min(usable.width / Math.max(bounds.width, 1), usable.height / Math.max(bounds.height, 1));
  const zoom = Math.min(options.maxZoom, Math.max(options.minZoom, fit));
  const drawn = { width: bounds.width * zoom, height: bounds.height * zoom };
  const margin = { x: canvas.width * options.padding, y: canvas.height * options.padding };
  // Centred along each axis where it fits; otherwise its left or top edge at the margin.
  const x = drawn.width <= usable.width ? (canvas.width - drawn.width) / 2 - bounds.x * zoom : margin.x - bounds.x * zoom;
  const y = drawn.height <= usable.height ? (canvas.height - drawn.height) / 2 - bounds.y * zoom : margin.y - bounds.y * zoom;
  return { x, y, zoom };
}
