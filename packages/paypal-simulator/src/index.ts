export { type ApprovalAction, approvalActions } from './approval-page.js';
export {
  loadSimulatorConfig,
  SimulatorConfigError,
  type SimulatorProcessConfig,
  simulatorEnvironmentSchema,
  simulatorOptionsOf,
} from './config.js';
export type { PayPalErrorBody, PayPalErrorDetail, PayPalLink } from './errors.js';
export { defaultFailures, type SimulatorFailures, type SimulatorOutage } from './failures.js';
export { createJsonLineLogger, type SimulatorLogger } from './logger.js';
export type { CaptureOutcome } from './orders.js';
export {
  type PayPalSimulatorOptions,
  type RunningPayPalSimulator,
  startPayPalSimulator,
} from './simulator.js';
export type { WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookTarget } from './webhooks.js';
