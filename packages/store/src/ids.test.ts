import { describe, expect, it } from 'vitest';
import { idFloor, newId } from './ids';

describe('newId', () => {
  it('makes 24-hex ids that strictly increase, within one millisecond too', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
    for (let i = 1; i < ids.length; i++) expect((ids[i] as string) > (ids[i - 1] as string)).toBe(true);
  });

  it('orders ids by creation time, so a time bound is an id bound', () => {
    const at = Date.now() + 60_000;
    const id = newId(at + 5);
    expect(id >= idFloor(at)).toBe(true);
    expect(id < idFloor(at + 6)).toBe(true);
  });
});
