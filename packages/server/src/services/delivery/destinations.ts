/**
 * Per-receiver accounting of the delivery worker. A destination (an endpoint, or a callback URL)
 * may have `perEndpoint` requests in flight, and may hold leased deliveries waiting to be sent up to
 * twice that plus what it completed in the last second: a fast receiver with a backlog always has
 * its next deliveries at hand, a slow or dead one holds just a few leases (and its excess stays in
 * the database where the claim skips it).
 */
export class Destinations {
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, number>();
  private completedThisWindow = new Map<string, number>();
  private completedLastWindow = new Map<string, number>();
  private windowStart = Date.now();

  constructor(private readonly perEndpoint: number) {}

  /** A destination whose deliveries should not be claimed now. */
  full(key: string): boolean {
    return (this.inFlight.get(key) ?? 0) + (this.waiting.get(key) ?? 0) >= this.perEndpoint * 2 + (this.completedLastWindow.get(key) ?? 0);
  }

  /** Every destination that is full, as endpoint ids and callback URLs. */
  fullKeys(): { endpoints: string[]; urls: string[] } {
    const keys = new Set([...this.inFlight.keys(), ...this.waiting.keys()]);
    const full = [...keys].filter((key) => this.full(key));
    return {
      endpoints: full.filter((key) => key.startsWith('endpoint:')).map((key) => key.slice('endpoint:'.length)),
      urls: full.filter((key) => key.startsWith('url:')).map((key) => key.slice('url:'.length)),
    };
  }

  canSend(key: string): boolean {
    return (this.inFlight.get(key) ?? 0) < this.perEndpoint;
  }

  queued(key: string): void {
    bump(this.waiting, key, 1);
  }

  /** A waiting delivery starts sending. */
  started(key: string): void {
    bump(this.waiting, key, -1);
    bump(this.inFlight, key, 1);
  }

  /** A waiting delivery was handed back unsent. */
  dropped(key: string): void {
    bump(this.waiting, key, -1);
  }

  finished(key: string, now = Date.now()): void {
    bump(this.inFlight, key, -1);
    this.roll(now);
    bump(this.completedThisWindow, key, 1);
  }

  /** Moves the one-second completion window on. */
  roll(now = Date.now()): void {
    if (now - this.windowStart < 1000) return;
    // A window that ended long ago says nothing about the last second.
    this.completedLastWindow = now - this.windowStart < 2000 ? this.completedThisWindow : new Map();
    this.completedThisWindow = new Map();
    this.windowStart = now;
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const value = (map.get(key) ?? 0) + by;
  if (value > 0) map.set(key, value);
  else map.delete(key);
}

/** The destination of a delivery: its endpoint, or for a run callback its URL. */
export function destinationKey(delivery: { endpointId: string | null; url: string }): string {
  return delivery.endpointId === null ? `url:${delivery.url}` : `endpoint:${delivery.endpointId}`;
}
