import pg from 'pg';

/** The channel every Assay process listens on; the payload is the comma-separated event types. */
export const CHANGES_CHANNEL = 'assay_events';

/** Reconnection delays after the listening connection broke (the last one repeats). */
const RECONNECT_MS = [100, 500, 1000, 2000, 5000];

/**
 * One dedicated connection per process that LISTENs for events committed by any process on the
 * database, so idle workers, live streams and the delivery fan-out wake at once instead of polling
 * often. The connection reconnects by itself (the server restarted, the network dropped); after a
 * reconnect listeners are called with `null` ("anything may have happened meanwhile: look again").
 */
export class ChangeListener {
  private client: pg.Client | null = null;
  private closed = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly onChange: (types: Set<string> | null) => void,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) this.onChange(new Set((message.payload ?? '').split(',').filter(Boolean)));
    });
    client.on('error', (error) => this.broken(client, error));
    client.on('end', () => this.broken(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      this.broken(client, error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Events committed while no connection listened were missed: have everyone look again.
    if (this.attempt > 0) this.onChange(null);
    this.attempt = 0;
  }

  private broken(client: pg.Client, error: unknown): void {
    if (this.closed || (this.client !== null && this.client !== client)) return;
    if (this.client === client) this.client = null;
    if (error) this.onError(error);
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.timer) return;
    const delay = RECONNECT_MS[Math.min(this.attempt, RECONNECT_MS.length - 1)] as number;
    this.attempt++;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
    this.timer.unref();
  }
}
