import { paymentsRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { WebhookService } from '../services/webhook.service.js';

/** PayPal's webhooks, as the gateway received them: headers and the raw body. */
export async function serveWebhookRequest(bus: Bus, webhooks: WebhookService): Promise<void> {
  await serve(bus, paymentsRequests.webhook, (request, context) => webhooks.receive(request, context));
}
