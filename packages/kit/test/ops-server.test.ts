import { metricValue } from '@moneypal/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceMetrics } from '../src/observability/metrics.js';
import { type RunningOpsServer, startOpsServer } from '../src/observability/ops-server.js';
import { silentLogger } from './support.js';

describe('the operations server of a service process', () => {
  const servers: RunningOpsServer[] = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function start(
    checks: Record<string, () => Promise<boolean>>,
    metrics = new ServiceMetrics('ledger'),
  ) {
    const server = await startOpsServer({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      checks,
      logger: silentLogger,
      checkTimeoutMs: 200,
    });
    servers.push(server);
    return server;
  }

  async function get(server: RunningOpsServer, path: string, method = 'GET') {
    const response = await fetch(`${server.url}${path}`, { method });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }

  it('answers /healthz while the process runs, whatever its checks say', async () => {
    const server = await start({ database: async () => false });

    const answer = await get(server, '/healthz');

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 and each check when all pass', async () => {
    const server = await start({ database: async () => true, bus: async () => true });

    const answer = await get(server, '/readyz');

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(answer.text)).toEqual({ status: 'ok', checks: { database: 'ok', bus: 'ok' } });
  });

  it('answers /readyz with 503 naming a check that fails, throws or does not answer in time', async () => {
    const server = await start({
      database: async () => {
        throw new Error('connection refused');
      },
      bus: async () => false,
      cache: () => new Promise<boolean>(() => {}),
      clock: async () => true,
    });

    const answer = await get(server, '/readyz');

    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text)).toEqual({
      status: 'unavailable',
      checks: { database: 'failed', bus: 'failed', cache: 'timed out', clock: 'ok' },
    });
  });

  it('serves the service’s metrics in the Prometheus text format', async () => {
    const metrics = new ServiceMetrics('ledger');
    metrics.busRequests.inc({ subject: 'ledger.transfer.create', outcome: 'ok' });
    const server = await start({}, metrics);

    const answer = await get(server, '/metrics');

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      metricValue(answer.text, 'bus_requests_total', {
        service: 'ledger',
        subject: 'ledger.transfer.create',
      }),
    ).toBe(1);
    expect(metricValue(answer.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('answers HEAD without a body, 404 elsewhere and 405 to other methods', async () => {
    const server = await start({});

    const head = await get(server, '/healthz', 'HEAD');
    const unknown = await get(server, '/admin');
    const post = await get(server, '/readyz', 'POST');

    expect([head.status, head.text]).toEqual([200, '']);
    expect(unknown.status).toBe(404);
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses to start on a port in use, and frees its port when closed', async () => {
    const first = await start({});
    await expect(
      startOpsServer({
        port: first.port,
        host: '127.0.0.1',
        registry: new ServiceMetrics('x').registry,
        checks: {},
      }),
    ).rejects.toThrow(/EADDRINUSE/);

    await first.close();
    servers.splice(0);
    const again = await startOpsServer({
      port: first.port,
      host: '127.0.0.1',
      registry: new ServiceMetrics('x').registry,
      checks: {},
    });
    servers.push(again);
    expect((await get(again, '/healthz')).status).toBe(200);
  });
});
