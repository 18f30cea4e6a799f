import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  type ApprovalAction,
  isApprovalAction,
  renderApprovalPage,
  renderMessagePage,
} from '../approval-page.js';
import { formatAmountValue } from '../money.js';
import type { CaptureOutcome, Order } from '../orders.js';
import type { SimulatorCore } from '../simulator-core.js';
import { type IdParams, sendHtml } from './http.js';

/** Appends `token` (and `PayerID`) to the merchant's URL the way PayPal does, keeping its own query. */
function redirectUrl(base: string, parameters: Record<string, string>): string {
  const url = new URL(base);
  const added = new URLSearchParams(parameters).toString();
  url.search = url.search.length > 1 ? `${url.search}&${added}` : `?${added}`;
  return url.toString();
}

const outcomeOfAction: Record<Exclude<ApprovalAction, 'cancel'>, CaptureOutcome | null> = {
  approve: null,
  approve_declined: 'declined',
  approve_pending: 'pending',
};

/** The page for a checkout link that names no order, or names one already captured. */
function sendCheckoutRefusal(reply: FastifyReply, order: Order | undefined): FastifyReply {
  if (!order) {
    return sendHtml(reply, 404, renderMessagePage('Unknown checkout', 'This checkout link names no order.'));
  }
  return sendHtml(reply, 409, renderMessagePage('Already paid', 'This order has already been captured.'));
}

/**
 * `/checkoutnow`: the buyer's approval page, where an order is approved (with the capture
 * outcome the buyer picks) or cancelled, then sent back to the merchant's URL.
 */
export function registerApprovalRoutes(app: FastifyInstance, core: SimulatorCore): void {
  app.get<{ Querystring: { token?: string } }>('/checkoutnow', async (request, reply) => {
    const order = request.query.token === undefined ? undefined : core.book.findOrder(request.query.token);
    if (!order || order.status === 'COMPLETED') return sendCheckoutRefusal(reply, order);
    const currency = order.purchaseUnits[0]!.amount.currency;
    const totalMinor = order.purchaseUnits.reduce((sum, unit) => sum + unit.amount.minor, 0n);
    const descriptions = order.purchaseUnits.map((unit) => unit.description).filter((text) => text !== null);
    return sendHtml(
      reply,
      200,
      renderApprovalPage({
        orderId: order.id,
        merchantName: order.experience.brandName ?? 'Sandbox merchant',
        amountText: `${formatAmountValue(totalMinor, currency)} ${currency}`,
        description: descriptions.length > 0 ? descriptions.join('; ') : null,
        buyerEmail: 'sandbox-buyer@personal.example.com',
        formAction: `/checkoutnow/${encodeURIComponent(order.id)}`,
      }),
    );
  });

  app.post<IdParams>('/checkoutnow/:id', async (request, reply) => {
    const action = (request.body as Record<string, unknown> | undefined)?.action;
    if (!isApprovalAction(action)) {
      return sendHtml(
        reply,
        400,
        renderMessagePage('Unknown choice', 'Go back and choose one of the buttons.'),
      );
    }
    const order = core.book.findOrder(request.params.id);
    if (!order || order.status === 'COMPLETED') return sendCheckoutRefusal(reply, order);
    if (action === 'cancel') {
      core.cancel(order.id);
      const cancelUrl = order.experience.cancelUrl;
      if (cancelUrl) return reply.redirect(redirectUrl(cancelUrl, { token: order.id }), 303);
      return sendHtml(reply, 200, renderMessagePage('Payment cancelled', 'You can close this window.'));
    }
    const approved = core.approve(order.id, outcomeOfAction[action]);
    const returnUrl = approved.experience.returnUrl;
    if (returnUrl) {
      return reply.redirect(
        redirectUrl(returnUrl, { token: approved.id, PayerID: approved.payer!.payerId }),
        303,
      );
    }
    return sendHtml(reply, 200, renderMessagePage('Payment approved', 'You can close this window.'));
  });
}
