import { z } from 'zod';
import {
  detail,
  internalServerError,
  invalidRequest,
  type PayPalApi,
  PayPalError,
  type PayPalLink,
  serviceUnavailable,
  unprocessableEntity,
} from './errors.js';
import type { CaptureOutcome, RefundOutcome } from './orders.js';
import { type PayoutOutcome, payoutOutcomes } from './payouts.js';

/** How the simulator misbehaves, set at start and changed at run time with `configure`. */
export interface SimulatorFailures {
  /** What a capture ends as when the buyer approved with the plain "Approve". */
  captureOutcome: CaptureOutcome;
  /** What a new refund is: `completed` at once, or `pending` until `completePendingRefund`. */
  refundOutcome: RefundOutcome;
  /** Added before each API answer is sent, after the request took effect: a slow PayPal, or a client timeout. */
  latencyMs: number;
  /** The next `count` API requests fail with this status before taking any effect. */
  failNextRequests: { count: number; status: 500 | 503 };
  /** Each webhook event is delivered this many times (the same event id each time). */
  webhookCopies: number;
  /** `reversed` and `shuffled` hold new webhooks until `flushWebhooks()`, then send them in that order. */
  webhookOrder: 'in-order' | 'reversed' | 'shuffled';
  /** Holds every new webhook until delivery is resumed (`webhooksPaused: false`). */
  webhooksPaused: boolean;
  /**
   * PayPal down: every API request (token and certificates included) answers 503
   * (`unavailable`) or has its connection closed without an answer (`reset`), taking no
   * effect, until set back to `none`.
   */
  outage: SimulatorOutage;
  /** What payout items end as, unless their receiver's address says (`ana+failed@example.com`). */
  payoutOutcome: PayoutOutcome;
  /** How long after its batch was accepted a payout item is processed. */
  payoutProcessingMs: number;
}

export type SimulatorOutage = 'none' | 'unavailable' | 'reset';

export const defaultFailures: SimulatorFailures = {
  captureOutcome: 'completed',
  refundOutcome: 'completed',
  latencyMs: 0,
  failNextRequests: { count: 0, status: 500 },
  webhookCopies: 1,
  webhookOrder: 'in-order',
  webhooksPaused: false,
  outage: 'none',
  payoutOutcome: 'success',
  payoutProcessingMs: 20,
};

const failuresSchema = z
  .object({
    captureOutcome: z.enum(['completed', 'declined', 'pending']),
    refundOutcome: z.enum(['completed', 'pending']),
    latencyMs: z.number().int().min(0).max(600_000),
    failNextRequests: z.object({
      count: z.number().int().min(0),
      status: z.union([z.literal(500), z.literal(503)]),
    }),
    webhookCopies: z.number().int().min(1).max(100),
    webhookOrder: z.enum(['in-order', 'reversed', 'shuffled']),
    webhooksPaused: z.boolean(),
    outage: z.enum(['none', 'unavailable', 'reset']),
    payoutOutcome: z.enum(payoutOutcomes),
    payoutProcessingMs: z.number().int().min(0).max(600_000),
  })
  .partial()
  .strict();

/** Applies a partial change; throws a `RangeError` naming what is wrong, changing nothing. */
export function mergeFailures(
  current: SimulatorFailures,
  change: Partial<SimulatorFailures>,
): SimulatorFailures {
  const parsed = failuresSchema.safeParse(change);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new RangeError(`invalid simulator failures: ${problems.join('; ')}`);
  }
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
  return {
    ...current,
    ...defined,
    failNextRequests: { ...(parsed.data.failNextRequests ?? current.failNextRequests) },
  };
}

/** The error a `failNextRequests` failure answers with. */
export function injectedFailure(status: 500 | 503): PayPalError {
  return status === 500 ? internalServerError() : serviceUnavailable();
}

/** Mock codes that are not 422s: PayPal's negative testing answers them with their own status. */
const mockStatusByCode: Readonly<Record<string, number>> = {
  INTERNAL_SERVER_ERROR: 500,
  INTERNAL_SERVICE_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  MALFORMED_REQUEST_JSON: 400,
  MISSING_REQUIRED_PARAMETER: 400,
  INVALID_PARAMETER_VALUE: 400,
  INVALID_PARAMETER_SYNTAX: 400,
  INVALID_STRING_LENGTH: 400,
  INVALID_ARRAY_MAX_ITEMS: 400,
  INVALID_ARRAY_MIN_ITEMS: 400,
  PERMISSION_DENIED: 403,
  NOT_AUTHORIZED: 403,
  INVALID_RESOURCE_ID: 404,
  PREVIOUS_REQUEST_IN_PROGRESS: 409,
};

const mockHeaderSchema = z.object({ mock_application_codes: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/) });

function headerProblem(issue: string, api: PayPalApi): PayPalError {
  return invalidRequest([detail(issue, { field: 'PayPal-Mock-Response', location: 'header' })], api);
}

/**
 * PayPal's negative testing: `PayPal-Mock-Response: {"mock_application_codes":"INSTRUMENT_DECLINED"}`
 * makes the call fail as PayPal would with that issue, and change nothing. Returns null
 * when the header is absent. `approveUrl` is where INSTRUMENT_DECLINED sends the payer back to.
 */
export function mockedResponse(
  header: string | undefined,
  api: PayPalApi,
  approveUrl?: string,
): PayPalError | null {
  if (header === undefined) return null;
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(header);
  } catch {
    return headerProblem('INVALID_PARAMETER_SYNTAX', api);
  }
  const parsed = mockHeaderSchema.safeParse(parsedJson);
  if (!parsed.success) return headerProblem('INVALID_PARAMETER_VALUE', api);
  const code = parsed.data.mock_application_codes;
  const status = mockStatusByCode[code] ?? 422;
  switch (status) {
    case 422: {
      const redirect: PayPalLink[] =
        code === 'INSTRUMENT_DECLINED' && approveUrl
          ? [{ href: approveUrl, rel: 'redirect', method: 'GET' }]
          : [];
      return unprocessableEntity([detail(code)], api, redirect);
    }
    case 500:
      return internalServerError();
    case 503:
      return serviceUnavailable();
    case 400:
      return invalidRequest([detail(code)], api);
    case 403:
      return new PayPalError({
        status,
        name: 'NOT_AUTHORIZED',
        message: 'Authorization failed due to insufficient permissions.',
        details: [detail(code)],
        api,
      });
    case 404:
      return new PayPalError({
        status,
        name: 'RESOURCE_NOT_FOUND',
        message: 'The specified resource does not exist.',
        details: [detail(code)],
        api,
      });
    default:
      return new PayPalError({
        status,
        name: 'RESOURCE_CONFLICT',
        message: 'The server has detected a conflict while processing this request.',
        details: [detail(code)],
        api,
      });
  }
}
