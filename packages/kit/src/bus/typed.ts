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
 * A payload is validated once, where it enters a process (ARCHITECTURE.md §3): the serving
 * side parses the request. Checking the serving side's own reply before it leaves, and the
 * calling side's outgoing request and the reply it gets, would parse the same data again,
 * so those checks run only where this is on: the test suites turn it on
 * (vitest.workers.setup.ts), so that a caller's bug or a reply outside its contract still
 * fails a test. The gateway checks its HTTP answers against their schemas under the same switch.
 */
let callerChecks = false;

/** Makes `call` validate its outgoing request and the reply, and `serve` its reply; for tests. */
export function checkCallsAgainstContracts(enabled: boolean): void {
  callerChecks = enabled;
}

/** Whether replies and outgoing payloads are checked against their contracts too (tests). */
export function contractChecksEnabled(): boolean {
  return callerChecks;
}

/**
 * Sends a request and returns the reply, typed by the contract. The serving side validates
 * the request (see `serve`); with contract checks on, both are validated here as well.
 */
export async function call<Request extends z.ZodType, Reply extends z.ZodType>(
  bus: Bus,
  contract: RequestContract<Request, Reply>,
  payload: z.input<Request>,
  options?: RequestOptions,
): Promise<z.output<Reply>> {
  if (!callerChecks) return (await bus.request(contract.subject, payload, options)) as z.output<Reply>;
  const request = contract.request.safeParse(payload);
  if (!request.success) {
    throw new AppError('validation_failed', `invalid ${contract.subject} request`, {
      errors: fieldErrorsOf(request.error.issues, contract.request),
    });
  }
  const data = await bus.request(contract.subject, request.data, options);
  const reply = contract.reply.safeParse(data);
  if (!reply.success) throw new AppError('internal', `invalid reply on ${contract.subject}`);
  return reply.data;
}

/**
 * Serves a contract: the handler sees a validated request and must return a valid reply. The
 * reply is built by the handler from the contract's types, so it is not parsed again on its way
 * out, except with contract checks on (tests), where a reply outside the contract fails.
 */
export async function serve<Request extends z.ZodType, Reply extends z.ZodType>(
  bus: Bus,
  contract: RequestContract<Request, Reply>,
  handler: (request: z.output<Request>, context: MessageContext) => Promise<z.input<Reply>>,
): Promise<void> {
  await bus.handle(contract.subject, async (payload, context) => {
    const request = contract.request.safeParse(payload);
    if (!request.success) {
      throw new AppError('validation_failed', 'The request is not valid: `errors` names each field to fix.', {
        errors: fieldErrorsOf(request.error.issues, contract.request),
      });
    }
    const reply = await handler(request.data, context);
    return callerChecks ? contract.reply.parse(reply) : reply;
  });
}
