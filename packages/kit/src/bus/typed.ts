import type { z } from 'zod';
import { AppError, fieldErrorsOf } from '../errors.js';
import type { Bus, MessageContext, RequestOptions } from './types.js';

/** A request/reply subject with the schemas of both directions (defined in `@moneypal/contracts`). */
export interface RequestContract<Request extends z.ZodType = z.ZodType, Reply extends z.ZodType = z.ZodType> {
  subject: string;
  request: Request;
  reply: Reply;
}

/**
 * Sends a request and validates the reply against the contract. The payload is validated
 * too, so a caller's bug is caught before it leaves the process.
 */
export async function call<Request extends z.ZodType, Reply extends z.ZodType>(
  bus: Bus,
  contract: RequestContract<Request, Reply>,
  payload: z.input<Request>,
  options?: RequestOptions,
): Promise<z.output<Reply>> {
  const request = contract.request.safeParse(payload);
  if (!request.success) {
    throw new AppError('validation_failed', `invalid ${contract.subject} request`, {
      errors: fieldErrorsOf(request.error.issues),
    });
  }
  const data = await bus.request(contract.subject, request.data, options);
  const reply = contract.reply.safeParse(data);
  if (!reply.success) throw new AppError('internal', `invalid reply on ${contract.subject}`);
  return reply.data;
}

/** Serves a contract: the handler sees a validated request and must return a valid reply. */
export async function serve<Request extends z.ZodType, Reply extends z.ZodType>(
  bus: Bus,
  contract: RequestContract<Request, Reply>,
  handler: (request: z.output<Request>, context: MessageContext) => Promise<z.input<Reply>>,
): Promise<void> {
  await bus.handle(contract.subject, async (payload, context) => {
    const request = contract.request.safeParse(payload);
    if (!request.success) {
      throw new AppError('validation_failed', 'the request is not valid', {
        errors: fieldErrorsOf(request.error.issues),
      });
    }
    return contract.reply.parse(await handler(request.data, context));
  });
}
