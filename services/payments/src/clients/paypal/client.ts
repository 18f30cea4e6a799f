import { setTimeout as sleep } from 'node:timers/promises';
import { CircuitOpenError, type Logger } from '@moneypal/kit';
import { z } from 'zod';
import { toPayPalMoney } from './amounts.js';
import { paypalUnavailable } from './breaker.js';

/*
 * A thin client of PayPal's REST API (Orders v2, Payments v2), with a configurable base URL
 * so that it talks to PayPal live, PayPal's sandbox or the local simulator alike. Every
 * POST carries the caller's PayPal-Request-Id and is retried with the same id, so a retry
 * after a timeout never creates, captures or refunds twice.
 */

export interface PayPalClientOptions {
  /** e.g. `https://api-m.sandbox.paypal.com`, `https://api-m.paypal.com` or the simulator's URL. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** How long one attempt may take, answer body included. */
  timeoutMs?: number;
  /**
   * Attempts of one call, the first included, on network errors, timeouts, 429 and 5xx;
   * a call whose `fetch` rejects with `CircuitOpenError` answers `unavailable` at once.
   */
  maxAttempts?: number;
  /** The wait before the second attempt; it doubles for each further one, with jitter. */
  retryBaseDelayMs?: number;
  fetch?: typeof fetch;
  /** The time tokens expire by. */
  clock?: () => Date;
  logger?: Logger;
}

export interface PayPalIssue {
  issue: string;
  description?: string | undefined;
  field?: string | undefined;
  location?: string | undefined;
}

/** An answer of PayPal other than success: its HTTP status, PayPal's error name, debug id and issues. */
export class PayPalError extends Error {
  constructor(
    readonly status: number,
    name: string,
    message: string,
    readonly debugId: string | null,
    readonly issues: PayPalIssue[],
    /** The error's HATEOAS links (a refused duplicate payout links to the original batch). */
    readonly links: { href: string; rel: string }[] = [],
  ) {
    super(message);
    this.name = name;
  }

  hasIssue(issues: ReadonlySet<string>): boolean {
    return this.issues.some((item) => issues.has(item.issue));
  }

  /** PayPal's own failures and throttling: worth another attempt with the same request id. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** PayPal could not be reached, or did not answer in time, on every attempt. */
export class PayPalUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PayPalUnreachableError';
  }
}

const linkSchema = z.object({ href: z.string(), rel: z.string(), method: z.string().optional() });
const moneySchema = z.object({ currency_code: z.string(), value: z.string() });

// Statuses are kept as strings: a status PayPal adds later reaches the caller, which changes nothing for it.
const captureSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  amount: moneySchema.optional(),
  custom_id: z.string().optional(),
  invoice_id: z.string().optional(),
  status_details: z.looseObject({ reason: z.string().optional() }).optional(),
  supplementary_data: z
    .looseObject({ related_ids: z.looseObject({ order_id: z.string().optional() }).optional() })
    .optional(),
  links: z.array(linkSchema).optional(),
});
export type PayPalCapture = z.infer<typeof captureSchema>;

const orderSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  links: z.array(linkSchema).optional(),
  purchase_units: z
    .array(
      z.looseObject({
        reference_id: z.string().optional(),
        custom_id: z.string().optional(),
        payments: z.looseObject({ captures: z.array(captureSchema).optional() }).optional(),
      }),
    )
    .optional(),
});
export type PayPalOrder = z.infer<typeof orderSchema>;

const refundSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  amount: moneySchema.optional(),
  custom_id: z.string().optional(),
  links: z.array(linkSchema).optional(),
});
export type PayPalRefund = z.infer<typeof refundSchema>;

// Payouts v1 writes money as `{value, currency}`, not as Orders' `{currency_code, value}`.
const payoutItemSchema = z.looseObject({
  payout_item_id: z.string().min(1),
  transaction_status: z.string(),
  payout_batch_id: z.string().min(1),
  sender_batch_id: z.string().optional(),
  errors: z.looseObject({ name: z.string() }).optional(),
});
export type PayPalPayoutItem = z.infer<typeof payoutItemSchema>;

const payoutBatchSchema = z.looseObject({
  batch_header: z.looseObject({ payout_batch_id: z.string().min(1), batch_status: z.string() }),
  items: z.array(payoutItemSchema).optional(),
});
export type PayPalPayoutBatch = z.infer<typeof payoutBatchSchema>;

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

const restErrorSchema = z.looseObject({
  name: z.string(),
  message: z.string().optional(),
  debug_id: z.string().optional(),
  links: z.array(z.looseObject({ href: z.string(), rel: z.string() })).optional(),
  details: z
    .array(
      z.looseObject({
        issue: z.string(),
        description: z.string().optional(),
        field: z.string().optional(),
        location: z.string().optional(),
      }),
    )
    .optional(),
});
const oauthErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

/** The order to create: one purchase unit, captured at once, paid through PayPal's checkout. */
export interface NewPayPalOrder {
  amountMinor: bigint;
  currency: string;
  description?: string | null;
  /** Our id of the payment: PayPal returns it on the order, its captures and their webhooks. */
  customId: string;
  invoiceId: string;
  returnUrl: string;
  cancelUrl: string;
  brandName?: string;
}

/** One payout, sent as a batch of one item. */
export interface NewPayPalPayout {
  /** Our payout id: PayPal refuses a second batch with it, so a retry never pays twice. */
  senderBatchId: string;
  amountMinor: bigint;
  currency: string;
  /** The receiver's PayPal email. */
  receiver: string;
  note: string;
}

export interface PayPalClient {
  createOrder(order: NewPayPalOrder, requestId: string): Promise<PayPalOrder>;
  getOrder(orderId: string): Promise<PayPalOrder>;
  captureOrder(orderId: string, requestId: string): Promise<PayPalOrder>;
  getCapture(captureId: string): Promise<PayPalCapture>;
  /**
   * Refunds `refund.amountMinor` of the capture, or without `refund` all that is left of it
   * after earlier refunds.
   */
  refundCapture(captureId: string, requestId: string, refund?: NewPayPalRefund): Promise<PayPalRefund>;
  getRefund(refundId: string): Promise<PayPalRefund>;
  createPayoutBatch(payout: NewPayPalPayout): Promise<PayPalPayoutBatch>;
  getPayoutBatch(batchId: string): Promise<PayPalPayoutBatch>;
  getPayoutItem(itemId: string): Promise<PayPalPayoutItem>;
}

/** A refund of part of a capture (or of all that is left, when that is its amount). */
export interface NewPayPalRefund {
  amountMinor: bigint;
  currency: string;
  /** Our id of the refund: PayPal returns it on the refund and its webhooks. */
  customId: string;
  /** Shown to the buyer; PayPal takes at most 255 characters. */
  noteToPayer?: string | null;
}

/**
 * The batch id of the original when PayPal refuses a payout because its `sender_batch_id`
 * was used before (400 USER_BUSINESS_ERROR, linking to the original batch); else null.
 */
export function duplicatePayoutBatchIdOf(error: PayPalError): string | null {
  if (
    error.status !== 400 ||
    !error.issues.some((issue) => /sender_batch_id already exists/i.test(issue.issue))
  ) {
    return null;
  }
  for (const link of error.links) {
    const match = /\/v1\/payments\/payouts\/([^/?#]+)$/.exec(link.href);
    if (match) return decodeURIComponent(match[1]!);
  }
  return null;
}

/** The link the buyer approves the order at: `approve` (legacy form) or `payer-action` (experience context form). */
export function approveLinkOf(order: PayPalOrder): string | null {
  return order.links?.find((link) => link.rel === 'approve' || link.rel === 'payer-action')?.href ?? null;
}

/** The capture of an order with one purchase unit, once it was captured. */
export function captureOf(order: PayPalOrder): PayPalCapture | null {
  return order.purchase_units?.flatMap((unit) => unit.payments?.captures ?? [])[0] ?? null;
}

/** The id of the capture a refund belongs to, from its `up` link (`…/v2/payments/captures/{id}`). */
export function captureIdOfRefund(refund: {
  links?: { href: string; rel: string }[] | undefined;
}): string | null {
  const up = refund.links?.find((link) => link.rel === 'up')?.href;
  const match = up === undefined ? null : /\/v2\/payments\/captures\/([^/?#]+)/.exec(up);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** The wait before attempt `attempt + 1`: the base delay doubled per attempt, with up to 50 % jitter, at most 5 s. */
export function retryDelayMs(attempt: number, baseDelayMs: number, random = Math.random): number {
  const exponential = Math.min(baseDelayMs * 2 ** (attempt - 1), 5_000);
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/** Seconds of a `Retry-After` header (PayPal's 429), in ms, at most `capMs`; null when absent or a date. */
export function retryAfterMs(header: string | null, capMs: number): number | null {
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Math.min(Number(header.trim()) * 1000, capMs);
}

/** PayPal's error answer (REST shape or OAuth shape) as a `PayPalError`. */
export function payPalErrorOf(status: number, bodyText: string, debugIdHeader: string | null): PayPalError {
  let body: unknown = null;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status alone says what happened.
  }
  const rest = restErrorSchema.safeParse(body);
  if (rest.success) {
    return new PayPalError(
      status,
      rest.data.name,
      rest.data.message ?? rest.data.name,
      rest.data.debug_id ?? debugIdHeader,
      (rest.data.details ?? []).map(({ issue, description, field, location }) => ({
        issue,
        description,
        field,
        location,
      })),
      (rest.data.links ?? []).map(({ href, rel }) => ({ href, rel })),
    );
  }
  const oauth = oauthErrorSchema.safeParse(body);
  if (oauth.success) {
    return new PayPalError(
      status,
      oauth.data.error,
      oauth.data.error_description ?? oauth.data.error,
      debugIdHeader,
      [],
    );
  }
  return new PayPalError(status, `HTTP_${status}`, `PayPal answered HTTP ${status}`, debugIdHeader, []);
}

/** PayPal's limit on `purchase_units[].description`. */
const descriptionMaxLength = 127;
/** PayPal's limit on a refund's `note_to_payer`. */
const noteToPayerMaxLength = 255;
/** Tokens are renewed this long before PayPal says they expire (or at half their life, if shorter). */
const tokenMarginSeconds = 300;

interface CachedToken {
  accessToken: string;
  renewAtMs: number;
}

interface Call<Schema extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  schema: Schema;
  body?: unknown;
  requestId?: string;
}

class FetchPayPalClient implements PayPalClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryBaseDelayMs: number;
  private readonly clock: () => Date;
  private token: CachedToken | undefined;
  /** The token request in progress, shared by every call that needs a token meanwhile. */
  private tokenRequest: Promise<CachedToken> | undefined;

  constructor(private readonly options: PayPalClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
    this.clock = options.clock ?? (() => new Date());
  }

  createOrder(order: NewPayPalOrder, requestId: string): Promise<PayPalOrder> {
    const description = order.description?.slice(0, descriptionMaxLength);
    return this.call({
      method: 'POST',
      path: '/v2/checkout/orders',
      schema: orderSchema,
      requestId,
      body: {
        intent: 'CAPTURE',
        purchase_units: [
          {
            reference_id: order.customId,
            custom_id: order.customId,
            invoice_id: order.invoiceId,
            ...(description ? { description } : {}),
            amount: toPayPalMoney(order.amountMinor, order.currency),
          },
        ],
        payment_source: {
          paypal: {
            experience_context: {
              return_url: order.returnUrl,
              cancel_url: order.cancelUrl,
              user_action: 'PAY_NOW',
              shipping_preference: 'NO_SHIPPING',
              ...(order.brandName ? { brand_name: order.brandName } : {}),
            },
          },
        },
      },
    });
  }

  getOrder(orderId: string): Promise<PayPalOrder> {
    return this.call({
      method: 'GET',
      path: `/v2/checkout/orders/${encodeURIComponent(orderId)}`,
      schema: orderSchema,
    });
  }

  captureOrder(orderId: string, requestId: string): Promise<PayPalOrder> {
    return this.call({
      method: 'POST',
      path: `/v2/checkout/orders/${encodeURIComponent(orderId)}/capture`,
      schema: orderSchema,
      requestId,
      body: {},
    });
  }

  getCapture(captureId: string): Promise<PayPalCapture> {
    return this.call({
      method: 'GET',
      path: `/v2/payments/captures/${encodeURIComponent(captureId)}`,
      schema: captureSchema,
    });
  }

  refundCapture(captureId: string, requestId: string, refund?: NewPayPalRefund): Promise<PayPalRefund> {
    const note = refund?.noteToPayer?.slice(0, noteToPayerMaxLength);
    return this.call({
      method: 'POST',
      path: `/v2/payments/captures/${encodeURIComponent(captureId)}/refund`,
      schema: refundSchema,
      requestId,
      body:
        refund === undefined
          ? {}
          : {
              amount: toPayPalMoney(refund.amountMinor, refund.currency),
              custom_id: refund.customId,
              ...(note ? { note_to_payer: note } : {}),
            },
    });
  }

  getRefund(refundId: string): Promise<PayPalRefund> {
    return this.call({
      method: 'GET',
      path: `/v2/payments/refunds/${encodeURIComponent(refundId)}`,
      schema: refundSchema,
    });
  }

  createPayoutBatch(payout: NewPayPalPayout): Promise<PayPalPayoutBatch> {
    const { currency_code: currency, value } = toPayPalMoney(payout.amountMinor, payout.currency);
    return this.call({
      method: 'POST',
      path: '/v1/payments/payouts',
      schema: payoutBatchSchema,
      requestId: payout.senderBatchId,
      body: {
        sender_batch_header: {
          sender_batch_id: payout.senderBatchId,
          recipient_type: 'EMAIL',
          email_subject: 'You have a payout',
        },
        items: [
          {
            recipient_type: 'EMAIL',
            amount: { value, currency },
            receiver: payout.receiver,
            note: payout.note,
            sender_item_id: payout.senderBatchId,
          },
        ],
      },
    });
  }

  getPayoutBatch(batchId: string): Promise<PayPalPayoutBatch> {
    return this.call({
      method: 'GET',
      path: `/v1/payments/payouts/${encodeURIComponent(batchId)}`,
      schema: payoutBatchSchema,
    });
  }

  getPayoutItem(itemId: string): Promise<PayPalPayoutItem> {
    return this.call({
      method: 'GET',
      path: `/v1/payments/payouts-item/${encodeURIComponent(itemId)}`,
      schema: payoutItemSchema,
    });
  }

  /**
   * One API call with a bearer token. A 401 drops the cached token and tries once more
   * with a new one (PayPal may revoke a token before it expires); that retry is not
   * counted among the attempts.
   */
  private async call<Schema extends z.ZodType>(request: Call<Schema>): Promise<z.output<Schema>> {
    let renewedToken = false;
    for (;;) {
      const token = await this.accessToken();
      try {
        return await this.send(request, {
          Authorization: `Bearer ${token.accessToken}`,
          'Content-Type': 'application/json',
          Prefer: 'return=representation',
          ...(request.requestId === undefined ? {} : { 'PayPal-Request-Id': request.requestId }),
        });
      } catch (error) {
        if (error instanceof PayPalError && error.status === 401 && !renewedToken) {
          renewedToken = true;
          if (this.token === token) this.token = undefined;
          continue;
        }
        throw error;
      }
    }
  }

  private async accessToken(): Promise<CachedToken> {
    if (this.token && this.clock().getTime() < this.token.renewAtMs) return this.token;
    this.tokenRequest ??= this.requestToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  private async requestToken(): Promise<CachedToken> {
    const credentials = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString(
      'base64',
    );
    const requestedAt = this.clock().getTime();
    const token = await this.send(
      {
        method: 'POST',
        path: '/v1/oauth2/token',
        schema: tokenSchema,
        body: 'grant_type=client_credentials',
      },
      { Authorization: `Basic ${credentials}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    const marginSeconds = Math.min(tokenMarginSeconds, token.expires_in / 2);
    this.token = {
      accessToken: token.access_token,
      renewAtMs: requestedAt + (token.expires_in - marginSeconds) * 1000,
    };
    return this.token;
  }

  /** Sends a request, retrying network errors, timeouts, 429 and 5xx with the same headers (and request id). */
  private async send<Schema extends z.ZodType>(
    request: Call<Schema>,
    headers: Record<string, string>,
  ): Promise<z.output<Schema>> {
    const url = `${this.baseUrl}${request.path}`;
    const body =
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? request.body
          : JSON.stringify(request.body);
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.maxAttempts;
      let status: number;
      let text: string;
      let debugId: string | null;
      let retryAfter: string | null;
      try {
        const response = await this.fetch(url, {
          method: request.method,
          headers: { Accept: 'application/json', ...headers },
          ...(body === undefined ? {} : { body }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        status = response.status;
        debugId = response.headers.get('paypal-debug-id');
        retryAfter = response.headers.get('retry-after');
        text = await response.text();
      } catch (error) {
        // PayPal's breaker is open: nothing was sent, and retrying now would not send it either.
        if (error instanceof CircuitOpenError) throw paypalUnavailable();
        this.options.logger?.warn(
          { method: request.method, path: request.path, attempt, err: error },
          'PayPal did not answer',
        );
        if (last) {
          throw new PayPalUnreachableError(
            `PayPal did not answer ${request.method} ${request.path} after ${attempt} attempts`,
            { cause: error },
          );
        }
        await sleep(retryDelayMs(attempt, this.retryBaseDelayMs));
        continue;
      }
      this.options.logger?.debug(
        { method: request.method, path: request.path, status, paypal_debug_id: debugId, attempt },
        'PayPal answered',
      );
      if (status >= 200 && status < 300) return this.parse(request, text, status, debugId);
      const error = payPalErrorOf(status, text, debugId);
      if (!error.retryable || last) {
        this.options.logger?.warn(
          {
            method: request.method,
            path: request.path,
            status,
            paypal_error: error.name,
            paypal_issues: error.issues.map((issue) => issue.issue),
            paypal_debug_id: error.debugId,
            attempt,
          },
          'PayPal refused a request',
        );
        throw error;
      }
      await sleep(retryAfterMs(retryAfter, 5_000) ?? retryDelayMs(attempt, this.retryBaseDelayMs));
    }
  }

  private parse<Schema extends z.ZodType>(
    request: Call<Schema>,
    text: string,
    status: number,
    debugId: string | null,
  ): z.output<Schema> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      throw new PayPalError(
        status,
        'UNEXPECTED_RESPONSE',
        `PayPal's answer to ${request.method} ${request.path} is not what its API documents`,
        debugId,
        [],
      );
    }
    return parsed.data;
  }
}

export function createPayPalClient(options: PayPalClientOptions): PayPalClient {
  return new FetchPayPalClient(options);
}
