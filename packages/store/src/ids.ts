import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0n;
const SEQUENCE_MASK = (1n << 48n) - 1n;

/**
 * A 24-hex id: 12 hex of milliseconds since the epoch, then 12 hex of a per-process sequence that
 * starts at a random point each millisecond and increases within it. Ids sort by creation time and,
 * within one process, strictly increase: list cursors (`lt`) rely on both.
 */
export function newId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = BigInt(`0x${randomBytes(6).toString('hex')}`) >> 1n; // leave headroom to count up
  } else {
    sequence = (sequence + 1n) & SEQUENCE_MASK;
  }
  return lastMs.toString(16).padStart(12, '0') + sequence.toString(16).padStart(12, '0');
}

/** The smallest id that could have been created at `ms` (for time filters over the id index). */
export function idFloor(ms: number): string {
  return Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0') + '000000000000';
}
