import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { idempotencyKeyHeader, idempotentReplayedHeader } from './route.js';

/**
 * What pages served by the gateway (the web app and the API docs) may load: their own
 * scripts, styles, images, fonts and API only; nothing inline, no plugins, and no framing.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

/** HSTS for a year, sent only on answers to requests that came over TLS. */
export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

export interface SecurityHeaderOptions {
  /** Origins allowed to call the API from a browser; CORS stays off when empty. */
  corsOrigins: string[];
}

/**
 * Browser protections on every answer: a Content-Security-Policy, no framing
 * (`frame-ancestors 'none'`, `X-Frame-Options: DENY`), `Referrer-Policy: no-referrer`, HSTS when
 * the request came over TLS (directly, or through a trusted proxy's `X-Forwarded-Proto`), and
 * CORS for the configured origins only.
 */
export async function installSecurityHeaders(
  app: FastifyInstance,
  { corsOrigins }: SecurityHeaderOptions,
): Promise<void> {
  const headers = helmetHeadersOf({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Decided per request below: a plain-HTTP answer must not pin the host to HTTPS.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    if (request.protocol === 'https') reply.header('strict-transport-security', strictTransportSecurity);
    done();
  });
  if (corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', idempotencyKeyHeader, 'X-Request-Id', 'traceparent'],
    exposedHeaders: [
      'X-Request-Id',
      idempotentReplayedHeader,
      'Location',
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ],
    maxAge: 600,
  });
}

/**
 * The headers helmet sets with these options, gathered once: they depend on nothing in the
 * request (no CSP nonces, HSTS decided apart), and building helmet's middleware for every
 * request, as its Fastify plugin does, cost about 8 % of the gateway's CPU.
 */
export function helmetHeadersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let outcome: { error?: unknown } | undefined;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    outcome = { error };
  });
  // Helmet's middleware is synchronous; one that is not any more would leave headers out.
  if (outcome === undefined) throw new Error('helmet did not finish setting its headers synchronously');
  if (outcome.error !== undefined) throw outcome.error;
  return headers;
}
