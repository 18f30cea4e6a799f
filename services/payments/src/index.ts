export { type RunningPayments, type StartPaymentsOptions, startPayments } from './app.js';
export {
  createPayPalClient,
  type PayPalClient,
  type PayPalClientOptions,
  PayPalError,
  PayPalUnreachableError,
} from './clients/paypal/client.js';
export {
  PayPalWebhookVerifier,
  type PayPalWebhookVerifierOptions,
  WebhookSignatureError,
} from './clients/paypal/webhooks.js';
export {
  loadPaymentsConfig,
  type PaymentsConfig,
  type PaymentsProcessConfig,
  type PayPalConfig,
  paymentsEnvironmentSchema,
  paypalLiveUrl,
  paypalSandboxUrl,
  paypalTargetOf,
} from './config.js';
export { type PaymentsDatabase, type PaymentsTables, paymentsMigrations } from './database.js';
export { paymentsErrorCodes } from './errors.js';
