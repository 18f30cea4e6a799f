import type { FastifyReply, FastifyRequest } from 'fastify';
import { detail, invalidRequest, type PayPalApi, unsupportedMediaType } from '../errors.js';
import type { SimulatorCore } from '../simulator-core.js';

/** What the routes share about reading PayPal's requests and shaping its answers. */

export interface IdParams {
  Params: { id: string };
}

export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

export function isRestPath(path: string): boolean {
  return path.startsWith('/v1/') || path.startsWith('/v2/');
}

export function apiOf(path: string): PayPalApi {
  if (path.startsWith('/v2/payments/')) return 'payments';
  if (path.startsWith('/v1/notifications/')) return 'notifications';
  if (path.startsWith('/v1/payments/')) return 'payouts';
  return 'orders';
}

export function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** PayPal refuses POSTs that are not declared JSON, even bodiless captures. */
export function requireJsonContentType(request: FastifyRequest): void {
  if (!/^application\/json\s*(;|$)/i.test(headerOf(request, 'content-type') ?? '')) {
    throw unsupportedMediaType();
  }
}

export function prefersRepresentation(request: FastifyRequest): boolean {
  return /return=representation/i.test(headerOf(request, 'prefer') ?? '');
}

export function isFormContentType(request: FastifyRequest): boolean {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(headerOf(request, 'content-type') ?? '');
}

export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

/**
 * PayPal-Request-Id: the first successful answer is stored, and a request with the same
 * id (same method and path) gets it again, as 200 where it was 201, without a second
 * effect. Errors are not stored, so a retry after one is carried out.
 */
export async function answerIdempotently(
  core: SimulatorCore,
  request: FastifyRequest,
  reply: FastifyReply,
  carryOut: () => { status: number; body: unknown },
): Promise<FastifyReply> {
  const requestId = headerOf(request, 'paypal-request-id');
  if (requestId !== undefined && (requestId.length < 1 || requestId.length > 108)) {
    throw invalidRequest(
      [
        detail('INVALID_STRING_LENGTH', {
          field: 'PayPal-Request-Id',
          value: requestId,
          location: 'header',
        }),
      ],
      apiOf(pathOf(request.url)),
    );
  }
  const key = requestId === undefined ? undefined : `${request.method} ${pathOf(request.url)} ${requestId}`;
  const stored = key === undefined ? undefined : core.idempotentAnswers.get(key);
  if (stored) return reply.code(stored.status === 201 ? 200 : stored.status).send(stored.body);
  const answer = carryOut();
  if (key !== undefined) core.idempotentAnswers.set(key, answer);
  return reply.code(answer.status).send(answer.body);
}
