import { billingEvents, isLedgerRefusalCode, type Payment } from '@moneypal/contracts';
import { AppError, applyOnce, type CloudEvent, type Logger } from '@moneypal/kit';
import type { LedgerClient } from '../clients/ledger.client.js';
import type { BillingDatabase, CaptureRow, Executor } from '../database.js';
import { afterRefund, type InvoiceChange, type InvoiceRecord, statusAfter } from '../domain/invoice.js';
import {
  type CaptureOutcome,
  type LedgerRefusal,
  type LedgerStep,
  type PaymentRefund,
  paymentLedgerKeysOf,
  type ReversalOutcome,
  refundLedgerKeysOf,
} from '../domain/settlement.js';
import type * as invoiceRepository from '../repositories/invoice.repository.js';
import type * as lockRepository from '../repositories/lock.repository.js';
import type * as settlementRepository from '../repositories/settlement.repository.js';
import { type TraceContext, writeInvoiceEvent } from './events.js';
import { issueInvoice } from './invoice-issuer.js';

/** The inbox consumer name of billing's event handlers. */
export const billingConsumer = 'billing';

/** Billing asks the ledger in its own name (and scope of Idempotency-Keys) for payments. */
const billingActor = { service: 'billing' } as const;

export interface SettlementServiceOptions {
  db: BillingDatabase;
  repositories: {
    invoices: typeof invoiceRepository;
    locks: typeof lockRepository;
    settlements: typeof settlementRepository;
  };
  clock: () => Date;
  newId: () => string;
  ledger: LedgerClient;
  logger: Logger;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
}

type Moved = { transferId: string; walletId: string | null };

/**
 * What PayPal payments do in the ledger and to their invoices (ARCHITECTURE §6). Each
 * event is applied once (the inbox). The ledger is asked first, outside any transaction:
 * its Idempotency-Keys come from the payment, so asking again moves nothing twice. Then
 * the outcome, the invoice and the inbox mark commit in one transaction. A failure that
 * is not a ledger refusal throws, and the bus redelivers the event.
 */
export class SettlementService {
  private readonly db: BillingDatabase;
  private readonly invoices: typeof invoiceRepository;
  private readonly locks: typeof lockRepository;
  private readonly settlements: typeof settlementRepository;
  private readonly clock: () => Date;
  private readonly ledger: LedgerClient;
  private readonly logger: Logger;

  constructor(private readonly options: SettlementServiceOptions) {
    this.db = options.db;
    this.invoices = options.repositories.invoices;
    this.locks = options.repositories.locks;
    this.settlements = options.repositories.settlements;
    this.clock = options.clock;
    this.ledger = options.ledger;
    this.logger = options.logger;
  }

  /** A payment to a provider was created: its invoice is issued, pending. */
  async applyPaymentCreated(event: CloudEvent, payment: Payment, trace?: TraceContext): Promise<void> {
    if (payment.paid_to === null) return;
    await this.applyOnce(event, payment, (trx) => this.changeInvoice(trx, payment, 'issued', null, trace));
  }

  /**
   * A payment was captured: the payer's wallet is credited, and with a provider, the
   * provider is paid from it and the invoice is paid. A provider the ledger cannot pay
   * (the wallet's savings plan put part of the credit aside, a limit, a frozen wallet)
   * leaves the money with the payer and the invoice failed.
   */
  async applyPaymentCaptured(event: CloudEvent, payment: Payment, trace?: TraceContext): Promise<void> {
    // Applied before, by another event about this capture or by its refund.
    if (await this.settlements.findCapture(this.db, payment.id)) {
      await this.applyOnce(event, payment, async () => false);
      return;
    }
    const outcome = await this.settleCapture(payment, trace);
    await this.applyOnce(event, payment, (trx) => this.recordCapture(trx, payment, outcome, trace));
  }

  /** A payment to a provider failed at PayPal: its invoice fails (issued failed, if it was not issued). */
  async applyPaymentFailed(event: CloudEvent, payment: Payment, trace?: TraceContext): Promise<void> {
    if (payment.paid_to === null) return;
    await this.applyOnce(event, payment, (trx) => this.changeInvoice(trx, payment, 'failed', null, trace));
  }

  /**
   * A refund of a captured payment (in part, or of all that was left) completed at PayPal:
   * the ledger effect of that refund's amount is reversed when the money is still there (the
   * provider pays the payer back, then the amount leaves the payer's wallet for
   * paypal-clearing), once per refund, and the invoice is refunded by it: partially, or in
   * full with the last refund. When the ledger refuses (the money was spent), the reversal is
   * recorded as failed, once and for good. A refund that arrives before its capture applies
   * the capture first.
   */
  async applyPaymentRefunded(
    event: CloudEvent,
    payment: Payment,
    refund: PaymentRefund,
    trace?: TraceContext,
  ): Promise<void> {
    if (await this.settlements.findRefundReversal(this.db, refund.id)) {
      await this.applyOnce(event, payment, async () => false);
      return;
    }
    const stored = await this.settlements.findCapture(this.db, payment.id);
    const capture = stored ? captureOutcomeOf(stored) : await this.settleCapture(payment, trace);
    const reversal = await this.reverseCapture(payment, refund, capture, trace);
    await this.applyOnce(event, payment, async (trx) => {
      const captured = stored ? false : await this.recordCapture(trx, payment, capture, trace);
      const recorded = await this.settlements.insertRefundReversal(trx, {
        refund_id: refund.id,
        payment_id: payment.id,
        amount: BigInt(refund.amount),
        status: reversal.status,
        settle_transfer_id: reversal.settleTransferId,
        fund_transfer_id: reversal.fundTransferId,
        failed_step: reversal.failure?.step ?? null,
        failure_code: reversal.failure?.code ?? null,
        failure_message: reversal.failure?.message ?? null,
        applied_at: this.clock(),
      });
      if (!recorded || reversal.settleTransferId === null) return captured;
      const refunded = await this.refundInvoice(trx, payment, refund, trace);
      return captured || refunded;
    });
    if (reversal.failure) {
      this.logger.error(
        {
          payment_id: payment.id,
          refund_id: refund.id,
          step: reversal.failure.step,
          code: reversal.failure.code,
        },
        reversal.settleTransferId === null
          ? 'refund not reversed in the ledger: it refused and nothing moved'
          : "refund reversed for the provider only: the ledger refused to debit the payer's wallet",
      );
    }
  }

  /** Funds the payer's wallet from paypal-clearing, then pays the provider from it, if any. */
  private async settleCapture(payment: Payment, trace: TraceContext | undefined): Promise<CaptureOutcome> {
    if (payment.paypal_capture_id === null) {
      throw new Error(`the captured payment ${payment.id} carries no PayPal capture id`);
    }
    const keys = paymentLedgerKeysOf(payment.id);
    const fund = await this.ask('fund', async () => {
      const { result } = await this.ledger.deposit(
        {
          actor: billingActor,
          wallet_id: payment.wallet_id,
          amount: payment.amount,
          reference: `paypal:${payment.paypal_capture_id}`,
          source: 'paypal-clearing',
          idempotency_key: keys.fund,
          metadata: { payment: payment.id },
        },
        trace,
      );
      return { transferId: result.transfer.id, walletId: result.transfer.to_wallet_id };
    });
    if ('refusal' in fund) {
      this.logger.error(
        { payment_id: payment.id, code: fund.refusal.code },
        "a captured payment could not be credited: the ledger refused the payer's wallet",
      );
      return { fundTransferId: null, settleTransferId: null, providerWalletId: null, refusal: fund.refusal };
    }
    if (payment.paid_to === null) {
      return {
        fundTransferId: fund.transferId,
        settleTransferId: null,
        providerWalletId: null,
        refusal: null,
      };
    }
    const settle = await this.ask('settle', async () => {
      const { result } = await this.ledger.transfer(
        {
          actor: billingActor,
          from_wallet_id: payment.wallet_id,
          to_user_id: payment.paid_to!,
          amount: payment.amount,
          type: 'payment',
          ...(payment.description === null ? {} : { description: payment.description }),
          metadata: { payment: payment.id },
          idempotency_key: keys.settle,
        },
        trace,
      );
      return { transferId: result.transfer.id, walletId: result.transfer.to_wallet_id };
    });
    if ('refusal' in settle) {
      this.logger.warn(
        { payment_id: payment.id, code: settle.refusal.code },
        'the provider of a captured payment could not be paid: the money stays with the payer',
      );
      return {
        fundTransferId: fund.transferId,
        settleTransferId: null,
        providerWalletId: null,
        refusal: settle.refusal,
      };
    }
    return {
      fundTransferId: fund.transferId,
      settleTransferId: settle.transferId,
      providerWalletId: settle.walletId,
      refusal: null,
    };
  }

  /** Undoes a refund's amount of a capture's movements in the other order; stops at the first the ledger refuses. */
  private async reverseCapture(
    payment: Payment,
    refund: PaymentRefund,
    capture: CaptureOutcome,
    trace: TraceContext | undefined,
  ): Promise<ReversalOutcome> {
    if (capture.fundTransferId === null) {
      return { status: 'nothing_to_reverse', settleTransferId: null, fundTransferId: null, failure: null };
    }
    const keys = refundLedgerKeysOf(payment.id, refund.id);
    let settleTransferId: string | null = null;
    if (capture.settleTransferId !== null) {
      const settle = await this.ask('settle', async () => {
        const { result } = await this.ledger.transfer(
          {
            actor: billingActor,
            from_wallet_id: capture.providerWalletId!,
            to_wallet_id: payment.wallet_id,
            amount: refund.amount,
            type: 'payment',
            description: 'refund',
            metadata: { payment: payment.id, refund: refund.id },
            idempotency_key: keys.settle,
          },
          trace,
        );
        return { transferId: result.transfer.id, walletId: result.transfer.to_wallet_id };
      });
      if ('refusal' in settle) {
        return { status: 'failed', settleTransferId: null, fundTransferId: null, failure: settle.refusal };
      }
      settleTransferId = settle.transferId;
    }
    const fund = await this.ask('fund', async () => {
      const { result } = await this.ledger.withdraw(
        {
          actor: billingActor,
          wallet_id: payment.wallet_id,
          amount: refund.amount,
          reference: `paypal-refund:${payment.paypal_capture_id ?? payment.id}`,
          destination: 'paypal-clearing',
          idempotency_key: keys.fund,
          metadata: { payment: payment.id, refund: refund.id },
        },
        trace,
      );
      return { transferId: result.transfer.id, walletId: result.transfer.from_wallet_id };
    });
    if ('refusal' in fund) {
      return { status: 'failed', settleTransferId, fundTransferId: null, failure: fund.refusal };
    }
    return { status: 'reversed', settleTransferId, fundTransferId: fund.transferId, failure: null };
  }

  /** A ledger request; its refusals come back as values, anything else is thrown. */
  private async ask(
    step: LedgerStep,
    request: () => Promise<Moved>,
  ): Promise<Moved | { refusal: LedgerRefusal }> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof AppError && isLedgerRefusalCode(error.code)) {
        return { refusal: { step, code: error.code, message: error.message } };
      }
      throw error;
    }
  }

  /** Records a capture's outcome and brings the invoice to it; true when events were written. */
  private async recordCapture(
    trx: Executor,
    payment: Payment,
    outcome: CaptureOutcome,
    trace: TraceContext | undefined,
  ): Promise<boolean> {
    const recorded = await this.settlements.insertCapture(trx, {
      payment_id: payment.id,
      payer_id: payment.payer_id,
      wallet_id: payment.wallet_id,
      provider_id: payment.paid_to,
      amount: BigInt(payment.amount),
      currency: payment.currency,
      fund_transfer_id: outcome.fundTransferId,
      settle_transfer_id: outcome.settleTransferId,
      provider_wallet_id: outcome.providerWalletId,
      refused_step: outcome.refusal?.step ?? null,
      refusal_code: outcome.refusal?.code ?? null,
      refusal_message: outcome.refusal?.message ?? null,
      applied_at: this.clock(),
    });
    if (!recorded || payment.paid_to === null) return false;
    return outcome.settleTransferId === null
      ? this.changeInvoice(trx, payment, 'failed', null, trace)
      : this.changeInvoice(trx, payment, 'paid', outcome.settleTransferId, trace);
  }

  /**
   * Brings a payment's invoice to what happened, issuing it when it was not issued yet
   * (events may arrive in any order). True when events were written.
   */
  private async changeInvoice(
    trx: Executor,
    payment: Payment,
    change: InvoiceChange,
    transferId: string | null,
    trace: TraceContext | undefined,
  ): Promise<boolean> {
    const current = await this.invoices.findInvoiceOfPayment(trx, payment.id);
    const status = statusAfter(current?.status ?? null, change);
    if (status === null) return false;
    const now = this.clock();
    if (current === undefined) {
      await issueInvoice(
        this.invoices,
        trx,
        {
          id: this.options.newId(),
          payer_id: payment.payer_id,
          payee_id: payment.paid_to!,
          amount: BigInt(payment.amount),
          currency: payment.currency,
          description: payment.description,
          status,
          payment_id: payment.id,
          transfer_id: status === 'paid' ? transferId : null,
          idempotency_key: null,
          request_hash: null,
          issued_at: now,
          paid_at: status === 'paid' ? now : null,
          refunded_at: null,
          refunded_amount: 0n,
          updated_at: now,
        },
        trace,
      );
      return true;
    }
    const updated = await this.invoices.updateInvoice(trx, current.id, {
      status,
      updated_at: now,
      ...(status === 'paid' ? { transfer_id: transferId, paid_at: now } : {}),
    });
    return this.writeChangeEvent(trx, updated, trace);
  }

  /** The event of a status change: paid is published; failing is not an event of its own. */
  private async writeChangeEvent(
    trx: Executor,
    invoice: InvoiceRecord,
    trace: TraceContext | undefined,
  ): Promise<boolean> {
    if (invoice.status !== 'paid') return false;
    await writeInvoiceEvent(trx, billingEvents.invoicePaid, invoice, trace);
    return true;
  }

  /**
   * Refunds a paid invoice by one refund's amount, publishing `billing.invoice.refunded`
   * with the refund; true when it did (an invoice not paid, or none, is left as it is).
   */
  private async refundInvoice(
    trx: Executor,
    payment: Payment,
    refund: PaymentRefund,
    trace: TraceContext | undefined,
  ): Promise<boolean> {
    const current = await this.invoices.findInvoiceOfPayment(trx, payment.id);
    if (current === undefined || statusAfter(current.status, 'refunded') === null) return false;
    const { status, refundedMinor } = afterRefund(current, BigInt(refund.amount));
    const now = this.clock();
    const updated = await this.invoices.updateInvoice(trx, current.id, {
      status,
      refunded_amount: refundedMinor,
      refunded_at: now,
      updated_at: now,
    });
    await writeInvoiceEvent(trx, billingEvents.invoiceRefunded, updated, trace, refund);
    return true;
  }

  /**
   * Applies an event once, under a lock on its payment, so that the transactions of one
   * payment's events take turns. `apply` says whether it wrote events, so that the relay
   * publishes them now.
   */
  private async applyOnce(
    event: CloudEvent,
    payment: Payment,
    apply: (trx: Executor) => Promise<boolean>,
  ): Promise<void> {
    let written = false;
    await applyOnce(this.db, billingConsumer, event, async (trx) => {
      await this.locks.lockName(trx, `payment:${payment.id}`);
      written = await apply(trx);
    });
    if (written) this.options.onEventsWritten();
  }
}

function captureOutcomeOf(capture: CaptureRow): CaptureOutcome {
  return {
    fundTransferId: capture.fund_transfer_id,
    settleTransferId: capture.settle_transfer_id,
    providerWalletId: capture.provider_wallet_id,
    refusal:
      capture.refused_step === null
        ? null
        : { step: capture.refused_step, code: capture.refusal_code!, message: capture.refusal_message ?? '' },
  };
}
