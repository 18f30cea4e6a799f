import { type Payment, paymentEventData, payoutEventData, type Refund } from '@moneypal/contracts';
import { createContractEvent, enqueueEvent, type TraceContext } from '@moneypal/kit';
import type { Executor } from '../database.js';
import { type PayoutRecord, toPublicPayout } from '../domain/payout.js';

export type { TraceContext } from '@moneypal/kit';

/**
 * Writes a payments event about a payment, as it is after the change, into the outbox;
 * call it with the transaction that makes the change. A refund's event carries the refund.
 */
export async function writePaymentEvent(
  trx: Executor,
  type: string,
  payment: Payment,
  trace: TraceContext | undefined,
  refund?: Refund,
): Promise<void> {
  await enqueueEvent(
    trx,
    createContractEvent('payments', {
      type,
      schema: paymentEventData,
      subject: payment.id,
      data: { payment, ...(refund === undefined ? {} : { refund }) },
      time: new Date(payment.updated_at),
      trace,
    }),
  );
}

/** Writes a payments event about a payout, as it is after the change, into the outbox (in the change's transaction). */
export async function writePayoutEvent(
  trx: Executor,
  type: string,
  payout: PayoutRecord,
  trace: TraceContext | undefined,
): Promise<void> {
  await enqueueEvent(
    trx,
    createContractEvent('payments', {
      type,
      schema: payoutEventData,
      subject: payout.id,
      data: { payout: toPublicPayout(payout) },
      time: payout.updated_at,
      trace,
    }),
  );
}
