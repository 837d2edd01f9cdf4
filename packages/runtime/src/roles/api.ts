import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { ASSAY_VERSION } from '../version';
import type { Core } from './core';

/** The HTTP API and web app of a process. */
export interface ApiRole {
  url: string;
  port: number;
  /** Ends live streams, stops accepting connections and waits for open requests. */
  stop(): Promise<void>;
}

/** Serves the API; loaded only by processes that serve HTTP (`assay worker` never imports the app). */
export async function startApi(core: Core): Promise<ApiRole> {
  const [{ createApp }, { serve }] = await Promise.all([import('@assay/server'), import('@hono/node-server')]);
  const { config, store, engine, logger, secretBox, tracing, approvals } = core;
  // Live event streams never end by themselves: shutting down ends them, so the server can close.
  const streams = new AbortController();
  const app = createApp({
    store,
    engine,
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    uploadLimitBytes: config.uploadLimitBytes,
    rateLimitPerSecond: config.rateLimitPerSecond,
    webhookRateLimitPerSecond: config.webhookRateLimitPerSecond,
    version: ASSAY_VERSION,
    publicUrl: config.publicUrl,
    secretBox,
    events: { heartbeatMs: config.sseHeartbeatMs, pollMs: config.pollMs, stop: streams.signal },
    tracing: tracing !== null,
    httpAllow: config.httpAllow,
    mcpStdio: config.mcpStdio,
    signIn: config.signIn,
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  // Links emailed by approval steps point here when ASSAY_PUBLIC_URL is unset.
  approvals.servedAt(`http://${host}:${port}`);
  return {
    url: `http://${host}:${port}`,
    port,
    async stop() {
      streams.abort();
      await closeServer(server);
    },
  };
}

/**
 * Stops accepting connections and waits for open requests to finish. Keep-alive connections that
 * go idle as their last request ends (a live stream ended by the shutdown) are closed as they do,
 * rather than after the keep-alive timeout.
 */
function closeServer(server: ServerType): Promise<void> {
  const http = server as ServerType & { closeIdleConnections?: () => void };
  return new Promise<void>((resolve) => {
    const sweep = setInterval(() => http.closeIdleConnections?.(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}
