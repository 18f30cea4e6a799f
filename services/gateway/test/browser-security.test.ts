import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from './support.js';

describe('browser security headers', () => {
  let gateway: TestGateway;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'moneypal-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>MoneyPal</title>');
    gateway = await startGateway({ webRoot, trustProxy: true });
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('sends a CSP that forbids framing, plugins and inline scripts on pages, docs, API answers and problems', async () => {
    for (const url of ['/', '/api/docs', '/api/openapi.json', '/healthz', '/v1/users/me', '/v1/nothing']) {
      const response = await gateway.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("base-uri 'self'");
      expect(csp, url).toContain("form-action 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(csp, url).not.toContain('unsafe-eval');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it('sends HSTS only on answers to requests that came over TLS', async () => {
    const plain = await gateway.app.inject({ method: 'GET', url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // Behind a trusted proxy that ended TLS.
    const tls = await gateway.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('answers no CORS headers when no origin is configured', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example' },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await gateway.app.inject({
      method: 'OPTIONS',
      url: '/v1/transfers',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS with an allow-list', () => {
  let gateway: TestGateway;
  afterEach(async () => {
    await gateway.close();
  });

  it('allows the configured origins only, in preflights and answers', async () => {
    gateway = await startGateway({ corsOrigins: ['https://shop.example.com'] });
    const preflight = await gateway.app.inject({
      method: 'OPTIONS',
      url: '/v1/transfers',
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain(
      'idempotency-key',
    );

    const answer = await gateway.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://shop.example.com' },
    });
    expect(answer.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(String(answer.headers['access-control-expose-headers'])).toContain('X-Request-Id');

    const other = await gateway.app.inject({
      method: 'OPTIONS',
      url: '/v1/transfers',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

/** A GET sent over real HTTP with its path exactly as written (no client normalises it). */
function rawGet(url: string, path: string): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const sent = request(
      { host: target.hostname, port: target.port, path, method: 'GET', headers: { accept: 'text/html' } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type']),
            body,
          }),
        );
      },
    );
    sent.on('error', reject);
    sent.end();
  });
}

describe('paths that climb out of their folder', () => {
  let gateway: TestGateway;
  let webRoot: string;
  let url: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'moneypal-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>MoneyPal</title>');
    gateway = await startGateway({ webRoot });
    url = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('answers 404 problem, not 403, to `..`, `%2e%2e` and NUL bytes in the path', async () => {
    for (const path of [
      '/../../etc/passwd',
      '/assets/../index.html',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/%2E%2E/index.html',
      '/..%2f..%2fetc/passwd',
      '/index.html%00',
      '/%00',
      '/v1/../v1/users/me',
    ]) {
      const response = await rawGet(url, path);
      expect(response.status, path).toBe(404);
      expect(response.contentType, path).toContain('application/problem+json');
      expect(JSON.parse(response.body).code, path).toBe('not_found');
      expect(response.body, path).not.toContain('root:');
    }
  });

  it('still serves the app and its deep links', async () => {
    for (const path of ['/', '/index.html', '/wallets/123', '/a..b']) {
      const response = await rawGet(url, path);
      expect(response.status, path).toBe(200);
      expect(response.body, path).toContain('<title>MoneyPal</title>');
    }
  });
});
