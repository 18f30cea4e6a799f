import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type PayPalSimulatorOptions,
  type RunningPayPalSimulator,
  startPayPalSimulator,
} from '../src/index.js';

/** What the tests read from PayPal's answers (only the fields they look at). */
export interface Link {
  href: string;
  rel: string;
  method?: string;
}

export interface MoneyBody {
  currency_code: string;
  value: string;
}

export interface ErrorBody {
  name: string;
  message: string;
  debug_id: string;
  details: Array<{ issue: string; description: string; field?: string; value?: string; location?: string }>;
  links: Link[];
}

export interface CaptureBody {
  id: string;
  status: string;
  status_details?: { reason: string };
  amount: MoneyBody;
  custom_id?: string;
  seller_receivable_breakdown?: { gross_amount: MoneyBody; paypal_fee: MoneyBody; net_amount: MoneyBody };
  supplementary_data?: { related_ids: { order_id: string } };
  links: Link[];
}

export interface OrderBody {
  id: string;
  status: string;
  intent?: string;
  links: Link[];
  payment_source?: { paypal: { account_id?: string; email_address?: string } };
  payer?: { payer_id: string; email_address: string };
  purchase_units?: Array<{
    reference_id: string;
    amount?: MoneyBody;
    custom_id?: string;
    payments?: { captures: CaptureBody[] };
  }>;
}

export interface RefundBody {
  id: string;
  status: string;
  amount?: MoneyBody;
  seller_payable_breakdown?: { total_refunded_amount: MoneyBody };
  links: Link[];
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}

export function linkOf(links: Link[], rel: string): Link {
  const link = links.find((candidate) => candidate.rel === rel);
  if (!link) throw new Error(`no link rel=${rel} in ${JSON.stringify(links)}`);
  return link;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, with no content type unless `headers` names one. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Skip the bearer token. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

/** A PayPal client as thin as the payments service's: a token, then JSON calls. */
export class PayPalTestClient {
  private accessToken: string | undefined;

  constructor(readonly simulator: RunningPayPalSimulator) {}

  async token(): Promise<string> {
    if (this.accessToken) return this.accessToken;
    const response = await fetch(`${this.simulator.url}/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: basicAuthorization(this.simulator.clientId, this.simulator.clientSecret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    if (response.status !== 200) throw new Error(`token request answered ${response.status}`);
    this.accessToken = ((await response.json()) as { access_token: string }).access_token;
    return this.accessToken;
  }

  forgetToken(): void {
    this.accessToken = undefined;
  }

  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (!options.anonymous) headers.authorization = `Bearer ${await this.token()}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    Object.assign(headers, options.headers);
    const response = await fetch(`${this.simulator.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
      redirect: 'manual',
    });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text !== '')
      parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  createOrder(body: unknown = orderBody(), headers: Record<string, string> = {}): Promise<Answer<OrderBody>> {
    return this.call<OrderBody>('POST', '/v2/checkout/orders', { body, headers });
  }

  /** POST with the JSON content type and no body, as a capture is sent. */
  capture(orderId: string, headers: Record<string, string> = {}): Promise<Answer<OrderBody>> {
    return this.call<OrderBody>('POST', `/v2/checkout/orders/${orderId}/capture`, {
      headers: { 'content-type': 'application/json', ...headers },
    });
  }

  refund(
    captureId: string,
    body: unknown = {},
    headers: Record<string, string> = {},
  ): Promise<Answer<RefundBody>> {
    return this.call<RefundBody>('POST', `/v2/payments/captures/${captureId}/refund`, { body, headers });
  }

  /** An order the buyer approved (headlessly), with the capture outcome given. */
  async approvedOrder(outcome?: 'completed' | 'declined' | 'pending', value = '10.50'): Promise<OrderBody> {
    const created = await this.createOrder(orderBody({ value }));
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${created.text}`);
    this.simulator.approveOrder(created.body.id, outcome);
    return created.body;
  }

  /** A completed capture of a fresh order. */
  async completedCapture(value = '10.50'): Promise<CaptureBody> {
    const order = await this.approvedOrder('completed', value);
    const captured = await this.capture(order.id);
    if (captured.status !== 201) throw new Error(`capture answered ${captured.status}: ${captured.text}`);
    return captured.body.purchase_units![0]!.payments!.captures[0]!;
  }
}

/** A create-order body in the current form (`payment_source.paypal.experience_context`). */
export function orderBody(overrides: { value?: string; currency?: string; customId?: string } = {}): unknown {
  return {
    intent: 'CAPTURE',
    purchase_units: [
      {
        reference_id: 'wtx_test',
        custom_id: overrides.customId ?? 'wtx_test',
        description: 'Wallet top-up',
        amount: { currency_code: overrides.currency ?? 'USD', value: overrides.value ?? '10.50' },
      },
    ],
    payment_source: {
      paypal: {
        experience_context: {
          return_url: 'https://shop.example/paypal/return',
          cancel_url: 'https://shop.example/paypal/cancel',
          brand_name: 'MoneyPal Test Shop',
          user_action: 'PAY_NOW',
          shipping_preference: 'NO_SHIPPING',
        },
      },
    },
  };
}

export interface SimulatorHarness {
  simulator: RunningPayPalSimulator;
  client: PayPalTestClient;
}

export async function startHarness(options: PayPalSimulatorOptions = {}): Promise<SimulatorHarness> {
  const simulator = await startPayPalSimulator(options);
  return { simulator, client: new PayPalTestClient(simulator) };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived. */
  body: string;
  event: { id: string; event_type: string; resource_type: string; resource: Record<string, unknown> };
}

/**
 * The merchant's webhook listener: records every POST with its raw body and answers with
 * the statuses queued by `answerNext` (200 once they run out).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly statuses: number[] = [];
  private readonly waiters: Array<{ count: number; resolve: () => void }> = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = this.statuses.shift() ?? 200;
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'failed');
        if (status < 300) {
          this.received.push({
            headers: request.headers,
            body,
            event: JSON.parse(body) as ReceivedWebhook['event'],
          });
          for (const waiter of this.waiters.filter((candidate) => this.received.length >= candidate.count)) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/paypal`;
    return this;
  }

  /** The next requests are answered with these statuses, in order; failed ones are not recorded. */
  answerNext(...statuses: number[]): void {
    this.statuses.push(...statuses);
  }

  /** Resolves once `count` webhooks were accepted in all. */
  waitFor(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  eventTypes(): string[] {
    return this.received.map((webhook) => webhook.event.event_type);
  }

  clear(): void {
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
