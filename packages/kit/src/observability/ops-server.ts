import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.js';

export interface OpsServerOptions {
  port: number;
  host: string;
  /** The service's metrics, served at `/metrics`. */
  registry: Registry;
  /**
   * What readiness needs, by name (the database answers, the bus is connected): `/readyz`
   * answers 200 when every check resolves true within `checkTimeoutMs`.
   */
  checks: Record<string, () => Promise<boolean>>;
  logger?: Logger;
  checkTimeoutMs?: number;
}

export interface RunningOpsServer {
  /** `http://host:port`, with the port actually bound (useful with port 0). */
  url: string;
  port: number;
  close(): Promise<void>;
}

type CheckVerdict = 'ok' | 'failed' | 'timed out';

const defaultCheckTimeoutMs = 2_000;

/**
 * The operations port of a service process that has no HTTP API of its own: `/healthz`
 * (the process is alive), `/readyz` (its own checks pass: this replica, not some replica
 * of the service) and `/metrics` (Prometheus). Probes and scrapers only; nothing here
 * changes state or reveals data.
 */
export async function startOpsServer(options: OpsServerOptions): Promise<RunningOpsServer> {
  const timeoutMs = options.checkTimeoutMs ?? defaultCheckTimeoutMs;

  const verdictOf = async (check: () => Promise<boolean>): Promise<CheckVerdict> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<CheckVerdict>((resolve) => {
      timer = setTimeout(() => resolve('timed out'), timeoutMs);
    });
    try {
      return await Promise.race([
        check().then(
          (passed): CheckVerdict => (passed ? 'ok' : 'failed'),
          (): CheckVerdict => 'failed',
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, { status: 'method_not_allowed' }, { allow: 'GET, HEAD' });
      return;
    }
    if (path === '/healthz') {
      send(response, 200, { status: 'ok' });
    } else if (path === '/readyz') {
      const names = Object.keys(options.checks);
      const verdicts = await Promise.all(names.map((name) => verdictOf(options.checks[name]!)));
      const checks = Object.fromEntries(names.map((name, index) => [name, verdicts[index]!]));
      const ready = verdicts.every((verdict) => verdict === 'ok');
      send(response, ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable', checks });
    } else if (path === '/metrics') {
      const body = await options.registry.metrics();
      response.writeHead(200, { 'content-type': options.registry.contentType, 'cache-control': 'no-store' });
      response.end(body);
    } else {
      send(response, 404, { status: 'not_found' });
    }
  };

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      options.logger?.error({ err: error, path: request.url }, 'ops request failed');
      if (!response.headersSent) send(response, 500, { status: 'internal' });
      else response.destroy();
    });
  });
  // Probes come every few seconds: a kept-alive connection would only hold the port open at shutdown.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify(body));
}
