import { paymentsRequests } from '@moneypal/contracts';
import { z } from 'zod';
import { defineRoute, type Route, respond } from '../route.js';
import { fundingCaptured } from './examples.js';

/** PayPal signs its webhooks with these headers; nothing else of the request is forwarded. */
const paypalHeaderPrefix = 'paypal-';

/**
 * PayPal's webhook receiver. The body stays the exact text received (the signature covers
 * its CRC32), so the route is registered where JSON is not parsed; see `buildGateway`.
 */
export function webhookRoutes(): Route[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/v1/webhooks/paypal',
      auth: 'public',
      summary: 'Receive a PayPal webhook',
      description:
        'Verified against PayPal’s signature (RSA-SHA256 with the certificate at `PAYPAL-CERT-URL`) before ' +
        'anything in it is believed. A duplicate delivery is answered 200 and changes nothing.',
      tags: ['payments'],
      body: z.string().min(1, 'the webhook body is empty'),
      responses: {
        200: z.object({ event_id: z.string(), outcome: z.enum(['applied', 'duplicate', 'ignored']) }),
      },
      problems: ['webhook_signature_invalid'],
      examples: {
        request: JSON.stringify({
          id: 'WH-2WR32451HC0233532-67976317FL4543714',
          event_type: 'PAYMENT.CAPTURE.COMPLETED',
          create_time: fundingCaptured.captured_at,
          resource: {
            id: fundingCaptured.paypal_capture_id,
            status: 'COMPLETED',
            amount: { currency_code: fundingCaptured.currency, value: '100.00' },
            supplementary_data: { related_ids: { order_id: fundingCaptured.paypal_order_id } },
          },
        }),
        responses: { 200: { event_id: 'WH-2WR32451HC0233532-67976317FL4543714', outcome: 'applied' } },
      },
      handler: async ({ headers, body, call }) => {
        const signed = Object.fromEntries(
          Object.entries(headers).filter(([name]) => name.startsWith(paypalHeaderPrefix)),
        );
        return respond(200, await call(paymentsRequests.webhook, { headers: signed, body }));
      },
    }),
  ];
}
