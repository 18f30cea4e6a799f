import { paymentEventData } from '@moneypal/contracts';
import { createContractEvent, enqueueEvent, type TraceContext } from '@moneypal/kit';
import type { Executor } from '../database.js';
import { type PaymentRecord, toPublicPayment } from '../domain/payment.js';

export type { TraceContext } from '@moneypal/kit';

/**
 * Writes a payments event about a payment, as it is after the change, into the outbox;
 * call it with the transaction that makes the change.
 */
export async function writePaymentEvent(
  trx: Executor,
  type: string,
  payment: PaymentRecord,
  trace: TraceContext | undefined,
): Promise<void> {
  await enqueueEvent(
    trx,
    createContractEvent('payments', {
      type,
      schema: paymentEventData,
      subject: payment.id,
      data: { payment: toPublicPayment(payment) },
      time: payment.updated_at,
      trace,
    }),
  );
}
