import { describe, expect, it } from 'vitest';
import { READABLE_FIT, readableViewport } from './fit';

describe('readable zoom to fit', () => {
  it('centres a small graph, no larger than the largest fit zoom', () => {
    const view = readableViewport({ x: 0, y: 0, width: 240, height: 80 }, { width: 1000, height: 600 });
    expect(view.zoom).toBe(READABLE_FIT.maxZoom);
    expect(view.x).toBeCloseTo((1000 - 240 * 1.2) / 2);
    expect(view.y).toBeCloseTo((600 - 80 * 1.2) / 2);
  });

  it('shrinks a graph that almost fits, to fit', () => {
    const view = readableViewport({ x: 100, y: 100, width: 900, height: 500 }, { width: 1000, height: 600 });
    expect(view.zoom).toBeGreaterThan(READABLE_FIT.minZoom);
    expect(view.zoom).toBeLessThan(1);
    // The whole graph is on screen.
    expect(100 * view.zoom + view.x).toBeGreaterThanOrEqual(0);
    expect(1000 * view.zoom + view.x).toBeLessThanOrEqual(1000);
    expect(600 * view.zoom + view.y).toBeLessThanOrEqual(600);
  });

  it('never goes below the legible zoom: a tall graph shows its top, centred across', () => {
    const view = readableViewport({ x: 0, y: 0, width: 240, height: 20_000 }, { width: 1000, height: 600 });
    expect(view.zoom).toBe(READABLE_FIT.minZoom);
    expect(view.y).toBeCloseTo(600 * READABLE_FIT.padding);
    expect(view.x).toBeCloseTo((1000 - 240 * view.zoom) / 2);
    // 13 px text stays at least 11 px on screen.
    expect(13 * view.zoom).toBeGreaterThanOrEqual(11);
  });
});
