import { healthContract } from '@moneypal/contracts';
import { AppError, type Bus, call, type FieldError } from '@moneypal/kit';
import { z } from 'zod';
import { defineRoute, type Route, respond } from '../route.js';

const liveness = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });
const readiness = z
  .object({ status: z.literal('ok'), checks: z.record(z.string(), z.literal('ok')) })
  .meta({ id: 'Readiness' });

export interface HealthRouteOptions {
  bus: Bus;
  /** The services the gateway routes to; each must answer its health request for the gateway to be ready. */
  services: string[];
  timeoutMs: number;
}

/** `/healthz` says the process is alive; `/readyz` that the bus and every routed service answer. */
export function healthRoutes({ bus, services, timeoutMs }: HealthRouteOptions): Route[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/healthz',
      auth: 'public',
      summary: 'Liveness: the gateway process is up',
      tags: ['platform'],
      responses: { 200: liveness },
      examples: { responses: { 200: { status: 'ok' } } },
      handler: async () => respond(200, { status: 'ok' as const }),
    }),
    defineRoute({
      method: 'GET',
      url: '/readyz',
      auth: 'public',
      summary: 'Readiness: the bus and every routed service answer',
      description: 'Answers 503 `unavailable` naming each failed check in `errors`.',
      tags: ['platform'],
      responses: { 200: readiness },
      examples: {
        responses: {
          200: {
            status: 'ok',
            checks: {
              bus: 'ok',
              identity: 'ok',
              ledger: 'ok',
              payments: 'ok',
              billing: 'ok',
              notifications: 'ok',
            },
          },
        },
      },
      handler: async ({ requestId }) => {
        const failures: FieldError[] = [];
        const busUp = await bus.ping().catch(() => false);
        if (!busUp) failures.push({ path: 'bus', message: 'the message bus is not connected' });
        const replies = await Promise.allSettled(
          services.map((service) => call(bus, healthContract(service), {}, { requestId, timeoutMs })),
        );
        replies.forEach((reply, index) => {
          if (reply.status === 'rejected') {
            const message = reply.reason instanceof AppError ? reply.reason.message : 'no valid health reply';
            failures.push({ path: services[index]!, message });
          }
        });
        if (failures.length > 0) {
          throw new AppError(
            'unavailable',
            `Not ready: ${failures.map((failure) => failure.path).join(', ')}.`,
            {
              errors: failures,
            },
          );
        }
        const checks = Object.fromEntries(['bus', ...services].map((name) => [name, 'ok' as const]));
        return respond(200, { status: 'ok' as const, checks });
      },
    }),
  ];
}
