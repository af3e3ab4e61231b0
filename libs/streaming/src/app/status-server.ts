import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { silentLogger, type Logger } from '@tmrm/common';

/** Options for {@link startStatusServer}. */
export interface StatusServerOptions {
  /** Default 127.0.0.1: metrics and health stay on this machine unless asked otherwise. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  registry: Registry;
  /** The body of /healthz; `ok: false` answers 503. */
  health: () => { ok: boolean; [key: string]: unknown };
  logger?: Logger;
}

/** Serves `/healthz` (JSON) and `/metrics` (Prometheus text) over HTTP. */
export async function startStatusServer(
  options: StatusServerOptions,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const log = (options.logger ?? silentLogger).child({ component: 'status-server' });
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      const health = options.health();
      response.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify(health));
      return;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': options.registry.contentType });
          response.end(text);
        },
        (error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        },
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found: try /healthz or /metrics\n');
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ host, port }, 'status server listening');
  return {
    server,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
