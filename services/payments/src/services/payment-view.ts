import type { Payment } from '@moneypal/contracts';
import type { Executor } from '../database.js';
import { type PaymentRecord, toPublicPayment } from '../domain/payment.js';
import type { RefundRecord } from '../domain/refund.js';
import type * as refundRepository from '../repositories/refund.repository.js';

/** Payments as answered and published, each with its refunds, read in one query. */
export async function publicPaymentsOf(
  db: Executor,
  refunds: typeof refundRepository,
  records: readonly PaymentRecord[],
): Promise<Payment[]> {
  const byPayment = new Map<string, RefundRecord[]>();
  for (const refund of await refunds.listRefundsOfPayments(
    db,
    records.map((record) => record.id),
  )) {
    const list = byPayment.get(refund.payment_id);
    if (list === undefined) byPayment.set(refund.payment_id, [refund]);
    else list.push(refund);
  }
  return records.map((record) => toPublicPayment(record, byPayment.get(record.id) ?? []));
}

export async function publicPaymentOf(
  db: Executor,
  refunds: typeof refundRepository,
  record: PaymentRecord,
): Promise<Payment> {
  const [payment] = await publicPaymentsOf(db, refunds, [record]);
  return payment!;
}
