import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TransitionRefused } from '../orders.js';
import { captureJson, orderJson, refundJson } from '../resources.js';
import type { SimulatorCore } from '../simulator-core.js';

/**
 * `/_simulator/…`: the programmatic controls over HTTP, for tests that drive a simulator
 * running in another process (the distributed runtime). Not part of PayPal's API; no token.
 * Answers are plain JSON: a bad body or setting answers 400 `{error}`, an unknown id 404,
 * a refused change (e.g. approving a captured order) 409.
 */

const outcomeBody = z.object({ outcome: z.enum(['completed', 'declined', 'pending']).optional() }).strict();
const webhookTargetBody = z.union([
  z.object({ url: z.url(), webhookId: z.string().min(1) }).strict(),
  z.null(),
]);

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

class BadControlRequest extends Error {}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new BadControlRequest(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

/** Runs a control and turns its refusals into 4xx answers. */
function control<R extends FastifyRequest>(handler: (request: R, reply: FastifyReply) => Promise<unknown>) {
  return async (request: R, reply: FastifyReply): Promise<unknown> => {
    try {
      return await handler(request, reply);
    } catch (error) {
      if (error instanceof TransitionRefused) {
        const status = error.issue === 'INVALID_RESOURCE_ID' ? 404 : 409;
        return reply.code(status).send({ error: error.message, issue: error.issue });
      }
      if (error instanceof BadControlRequest || error instanceof RangeError) {
        return reply.code(400).send({ error: error.message });
      }
      throw error;
    }
  };
}

export function registerControlRoutes(app: FastifyInstance, core: SimulatorCore): void {
  const captureAnswer = (id: string) =>
    captureJson(core.book.findCapture(id)!, core.urls, core.merchant, { standalone: true });

  app.post(
    '/_simulator/orders/:id/approve',
    control(async (request: IdRequest) => {
      const { outcome } = parseBody(outcomeBody, request.body ?? {});
      const order = core.approve(request.params.id, outcome ?? null);
      return orderJson(core.book, order, core.urls, core.merchant);
    }),
  );

  app.post(
    '/_simulator/orders/:id/cancel',
    control(async (request: IdRequest) =>
      orderJson(core.book, core.cancel(request.params.id), core.urls, core.merchant),
    ),
  );

  app.post(
    '/_simulator/captures/:id/complete',
    control(async (request: IdRequest) => {
      core.completePendingCapture(request.params.id);
      return captureAnswer(request.params.id);
    }),
  );

  app.post(
    '/_simulator/captures/:id/deny',
    control(async (request: IdRequest) => {
      core.denyPendingCapture(request.params.id);
      return captureAnswer(request.params.id);
    }),
  );

  app.post(
    '/_simulator/refunds/:id/complete',
    control(async (request: IdRequest) => {
      core.completePendingRefund(request.params.id);
      return refundJson(core.book.findRefund(request.params.id)!, core.urls);
    }),
  );

  app.get('/_simulator/failures', async () => core.failures);

  app.patch(
    '/_simulator/failures',
    control(async (request) => {
      core.configure(parseBody(z.record(z.string(), z.unknown()), request.body ?? {}));
      return core.failures;
    }),
  );

  app.put(
    '/_simulator/webhook-target',
    control(async (request, reply) => {
      core.webhooks.setTarget(parseBody(webhookTargetBody, request.body ?? null));
      return reply.code(204).send();
    }),
  );

  app.get('/_simulator/webhooks', async () => core.webhooks.deliveries());

  app.post('/_simulator/webhooks/flush', async (_request, reply) => {
    await core.webhooks.flush();
    return reply.code(204).send();
  });

  app.get('/_simulator/requests', async () => core.requestCounts());

  app.delete('/_simulator/requests', async (_request, reply) => {
    core.resetRequestCounts();
    return reply.code(204).send();
  });

  app.post('/_simulator/tokens/expire', async (_request, reply) => {
    core.tokens.expireAll();
    return reply.code(204).send();
  });
}
