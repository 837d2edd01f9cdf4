import { describe, expect, it } from 'vitest';
import { boundsOf, placeGroupNear, placeNear, type Rect } from './placement';

const size = { width: 240, height: 80 };
const clear = (box: Rect, others: readonly Rect[]) =>
  others.every(
    (rect) => box.x >= rect.x + rect.width || rect.x >= box.x + box.width || box.y >= rect.y + rect.height || rect.y >= box.y + box.height,
  );
const inside = (box: Rect, outer: Rect) =>
  box.x >= outer.x && box.y >= outer.y && box.x + box.width <= outer.x + outer.width && box.y + box.height <= outer.y + outer.height;

describe('placing new steps', () => {
  it('centres a step on the point when the spot is free', () => {
    expect(placeNear({ x: 500, y: 300 }, size, [])).toEqual({ x: 380, y: 260 });
  });

  it('takes the nearest free spot when a step is already there', () => {
    const taken = { x: 380, y: 260, ...size };
    const at = placeNear({ x: 500, y: 300 }, size, [taken]);
    expect(clear({ ...at, ...size }, [taken])).toBe(true);
    // Just beside it (above or below: the nearer way out of a wide box), not far away.
    expect(Math.hypot(at.x - 380, at.y - 260)).toBeLessThan(150);
  });

  it('stays inside the visible area when a column of steps fills the middle of it', () => {
    const visible = { x: 0, y: 0, width: 1000, height: 700 };
    const column = Array.from({ length: 8 }, (_, i) => ({ x: 380, y: i * 120, ...size }));
    const at = placeNear({ x: 500, y: 350 }, size, column, visible);
    const box = { ...at, ...size };
    expect(clear(box, column)).toBe(true);
    expect(inside(box, visible)).toBe(true);
  });

  it('moves a pasted group as one, keeping its arrangement, centred on the point', () => {
    const group = [
      { x: 0, y: 0, ...size },
      { x: 0, y: 200, ...size },
    ];
    expect(boundsOf(group)).toEqual({ x: 0, y: 0, width: 240, height: 280 });
    expect(placeGroupNear({ x: 1000, y: 1000 }, group, [])).toEqual([
      { x: 880, y: 860 },
      { x: 880, y: 1060 },
    ]);
    // The original, still in place, pushes its copy off itself; the arrangement is kept.
    const again = placeGroupNear({ x: 120, y: 140 }, group, group);
    expect(again[1]!.y - again[0]!.y).toBe(200);
    for (const at of again) expect(clear({ ...at, ...size }, group)).toBe(true);
  });
});
