import { type Payment, paymentEventData, type Refund } from '@moneypal/contracts';
import { createContractEvent, enqueueEvent, type TraceContext } from '@moneypal/kit';
import type { Executor } from '../database.js';

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
