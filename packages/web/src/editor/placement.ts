/**
 * Where new steps go: as near as possible to a point the user can see (the middle of the visible
 * canvas, or the step being duplicated), on a free spot (covering no step) that is inside the visible
 * area when there is one. Pure (flow coordinates in, flow coordinates out), so it is unit tested.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  width: number;
  height: number;
}

/** The spacing of the spots tried around the point. */
export const PLACEMENT_STEP = 20;
/** Kept clear around a new step, so it does not touch its neighbours. */
const GAP = 16;
/** How far from the point spots are tried, in steps (a crowded screen falls back to stacking). */
const MAX_RINGS = 60;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
}

function within(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** The box around several boxes (null for none). */
export function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const left = Math.min(...rects.map((rect) => rect.x));
  const top = Math.min(...rects.map((rect) => rect.y));
  const right = Math.max(...rects.map((rect) => rect.x + rect.width));
  const bottom = Math.max(...rects.map((rect) => rect.y + rect.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Offsets ring by ring around (0, 0) (nearest first within a ring): the spots tried, in order. */
function* spots(): Generator<Point> {
  yield { x: 0, y: 0 };
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    const ringSpots: Point[] = [];
    for (let i = -ring; i <= ring; i++)
      for (const [dx, dy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ] as const)
        if (Math.abs(dx) === ring || Math.abs(dy) === ring) ringSpots.push({ x: dx * PLACEMENT_STEP, y: dy * PLACEMENT_STEP });
    ringSpots.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
    yield* ringSpots;
  }
}

/**
 * Moves a group of boxes (pasted steps, keeping their arrangement) as near `centre` as it can while
 * covering no occupied box, preferring spots where the whole group is inside `visible`; returns each
 * box's new top-left corner, in order.
 */
export function placeGroupNear(centre: Point, group: readonly Rect[], occupied: readonly Rect[], visible?: Rect): Point[] {
  const bounds = boundsOf(group);
  if (!bounds) return [];
  const origin = { x: Math.round(centre.x - bounds.width / 2), y: Math.round(centre.y - bounds.height / 2) };
  const moved = (at: Point) => group.map((rect) => ({ ...rect, x: at.x + rect.x - bounds.x, y: at.y + rect.y - bounds.y }));
  const free = (boxes: Rect[]) => !boxes.some((box) => occupied.some((rect) => overlaps(box, rect)));
  let fallback: Point | null = null;
  for (const offset of spots()) {
    const at = { x: origin.x + offset.x, y: origin.y + offset.y };
    const boxes = moved(at);
    if (!free(boxes)) continue;
    const seen = !visible || within({ ...at, width: bounds.width, height: bounds.height }, visible);
    if (seen) return boxes.map(({ x, y }) => ({ x, y }));
    fallback ??= at;
  }
  // No free spot on screen: the nearest free one (the user pans to it), else on the point itself.
  return moved(fallback ?? origin).map(({ x, y }) => ({ x, y }));
}

/** The top-left corner for one `size` box: see placeGroupNear. */
export function placeNear(centre: Point, size: { width: number; height: number }, occupied: readonly Rect[], visible?: Rect): Point {
  return placeGroupNear(centre, [{ x: 0, y: 0, ...size }], occupied, visible)[0]!;
}
