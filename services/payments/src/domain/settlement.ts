import { paymentsEvents } from '@moneypal/contracts';
import type { FailureReason, PaymentStatus } from './payment.js';

/**
 * A status a payment moves into after its creation by what happens to its order and capture.
 * Refunds move it on from `captured` through their own rows (`domain/refund.ts`).
 */
export type TargetStatus = Exclude<PaymentStatus, 'created' | 'partially_refunded' | 'refunded'>;

/**
 * The statuses each status may be entered from. Every transition is a conditional update
 * on these, so two paths racing to the same change (the buyer's capture and a webhook)
 * change the row once, and a late or repeated message finds nothing to change.
 */
export const sourcesOf: Readonly<Record<TargetStatus, readonly PaymentStatus[]>> = {
  approved: ['created'],
  pending: ['created', 'approved'],
  captured: ['created', 'approved', 'pending'],
  failed: ['created', 'approved', 'pending'],
};

/** The event a transition into a status publishes, if any. */
export function eventTypeOf(target: TargetStatus): string | null {
  switch (target) {
    case 'captured':
      return paymentsEvents.paymentCaptured;
    case 'failed':
      return paymentsEvents.paymentFailed;
    default:
      return null;
  }
}

export interface CaptureStep {
  target: TargetStatus;
  failureReason?: FailureReason;
  /** Narrower sources than `sourcesOf` (a cancellation applies to a payment not yet approved only). */
  from?: readonly PaymentStatus[];
}

/**
 * The transitions that bring a payment in line with the status of its capture at PayPal.
 * A refunded capture, in part or in full, was completed first: a payment that never saw the
 * completion is captured; each refund is then applied from its own refund resource, which
 * says how much it gave back.
 */
export function stepsForCapture(captureStatus: string): CaptureStep[] {
  switch (captureStatus) {
    case 'COMPLETED':
    case 'PARTIALLY_REFUNDED':
    case 'REFUNDED':
      return [{ target: 'captured' }];
    case 'PENDING':
      return [{ target: 'pending' }];
    case 'DECLINED':
    case 'FAILED':
      return [{ target: 'failed', failureReason: 'declined' }];
    default:
      return [];
  }
}

/**
 * PayPal's capture errors (422 issues) that decline the buyer's funding. The payment fails
 * as `declined` and the buyer starts a new payment; PayPal's alternative, sending the
 * buyer back to the same order to pick another funding source, is not offered.
 */
export const declineIssues: ReadonlySet<string> = new Set([
  'INSTRUMENT_DECLINED',
  'TRANSACTION_REFUSED',
  'PAYER_CANNOT_PAY',
  'MAX_NUMBER_OF_PAYMENT_ATTEMPTS_EXCEEDED',
]);

/** Capture errors that mean another capture of the same order has happened or is happening. */
export const alreadyCapturingIssues: ReadonlySet<string> = new Set([
  'ORDER_ALREADY_CAPTURED',
  'ORDER_COMPLETION_IN_PROGRESS',
]);

/** Capture errors that mean the buyer has not (or not yet) approved the order. */
export const notApprovedIssues: ReadonlySet<string> = new Set([
  'ORDER_NOT_APPROVED',
  'PAYER_ACTION_REQUIRED',
]);
