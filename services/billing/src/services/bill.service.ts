import { type Actor, type Hold, type Invoice, userLookupOf } from '@moneypal/contracts';
import { AppError } from '@moneypal/kit';
import type { IdentityClient } from '../clients/identity.client.js';
import type { LedgerClient } from '../clients/ledger.client.js';
import type { BillingDatabase } from '../database.js';
import { userIdOf } from '../domain/actor.js';
import { type BillRequest, billHoldKeyOf, billRequestHashOf, billTransferKeyOf } from '../domain/bill.js';
import { escrowInvoiceStateOf, type InvoiceRecord, toPublicInvoice } from '../domain/invoice.js';
import { billingError } from '../errors.js';
import type * as invoiceRepository from '../repositories/invoice.repository.js';
import type * as lockRepository from '../repositories/lock.repository.js';
import type { TraceContext } from './events.js';
import { issueInvoice } from './invoice-issuer.js';

export interface BillServiceOptions {
  db: BillingDatabase;
  repositories: { invoices: typeof invoiceRepository; locks: typeof lockRepository };
  clock: () => Date;
  newId: () => string;
  ledger: LedgerClient;
  identity: IdentityClient;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
}

export interface CreateBillRequest extends BillRequest {
  actor: Actor;
  idempotency_key: string;
}

/** What the ledger did for a bill: a payment to the provider, or a hold for them. */
interface Moved {
  /** The payment, or the move of the amount into the hold. */
  transferId: string;
  currency: string;
  hold: Hold | null;
}

export interface BillResult {
  result: { invoice: Invoice; transfer_id: string };
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

const noSuchPayee = () =>
  billingError(
    'recipient_not_found',
    'Nobody has this user name or email: check the spelling, or ask the recipient for their user name.',
    {
      errors: [{ path: 'to_user', message: 'Nobody has this user name or email.' }],
    },
  );

/** The ledger names the recipient by the id billing gave it; the caller named them by `to_user`. */
function namePayeeByToUser(error: unknown): never {
  if (error instanceof AppError && error.code === 'recipient_has_no_wallet') {
    throw billingError('recipient_has_no_wallet', error.message, {
      errors: [{ path: 'to_user', message: 'has no wallet in the currency of the paying wallet' }],
    });
  }
  throw error;
}

/**
 * Bills paid from the payer's wallet: the ledger pays the provider, then the invoice is
 * issued paid; or, with escrow, the ledger holds the amount for the provider, then the
 * invoice is issued held (EscrowService follows the hold to its end). The payer's Idempotency-Key makes both happen once: the ledger's key
 * (derived from it, in the payer's scope) moves money at most once, and the invoice's
 * unique (payer, key) issues at most one invoice. A payer who retries after a crash
 * between the two gets the ledger's stored transfer and the invoice it was missing.
 */
export class BillService {
  private readonly db: BillingDatabase;
  private readonly invoices: typeof invoiceRepository;
  private readonly locks: typeof lockRepository;
  /** Payers' keys this process is working on right now. */
  private readonly keysInFlight = new Set<string>();

  constructor(private readonly options: BillServiceOptions) {
    this.db = options.db;
    this.invoices = options.repositories.invoices;
    this.locks = options.repositories.locks;
  }

  async createBill(request: CreateBillRequest, trace?: TraceContext): Promise<BillResult> {
    const payerId = userIdOf(request.actor);
    if (payerId === null) throw billingError('forbidden', 'only a user pays a bill');
    const requestHash = billRequestHashOf(request);
    const stored = await this.invoices.findInvoiceOfBill(this.db, payerId, request.idempotency_key);
    if (stored) return replayOf(stored, requestHash);

    const marker = `${payerId}\n${request.idempotency_key}`;
    if (this.keysInFlight.has(marker)) {
      throw billingError('idempotency_in_flight', 'a request with this Idempotency-Key is still in flight');
    }
    this.keysInFlight.add(marker);
    try {
      return await this.payAndIssue(payerId, request, requestHash, trace);
    } finally {
      this.keysInFlight.delete(marker);
    }
  }

  private async payAndIssue(
    payerId: string,
    request: CreateBillRequest,
    requestHash: string,
    trace: TraceContext | undefined,
  ): Promise<BillResult> {
    const payeeId = await this.findPayee(request.to_user, trace);
    if (payeeId === payerId) {
      throw billingError(
        'validation_failed',
        'You cannot pay a bill to yourself: name another user in `to_user`.',
        {
          errors: [{ path: 'to_user', message: 'is the payer' }],
        },
      );
    }
    const walletId = request.wallet_id ?? (await this.defaultWalletOf(payerId, trace));
    const moved = await (request.escrow === true
      ? this.holdForPayee(request, walletId, payeeId, trace)
      : this.payPayee(request, walletId, payeeId, trace)
    ).catch(namePayeeByToUser);
    const outcome = await this.db.transaction().execute(async (trx) => {
      // A replica that took the same key meanwhile inserted first, or waits for us here.
      await this.locks.lockName(trx, `bill:${payerId}\n${request.idempotency_key}`);
      const existing = await this.invoices.findInvoiceOfBill(trx, payerId, request.idempotency_key);
      if (existing) return { invoice: existing, issued: false };
      const now = this.options.clock();
      const issued = await issueInvoice(
        this.invoices,
        trx,
        {
          id: this.options.newId(),
          payer_id: payerId,
          payee_id: payeeId,
          amount: BigInt(request.amount),
          currency: moved.currency,
          description: request.description ?? null,
          payment_id: null,
          idempotency_key: request.idempotency_key,
          request_hash: requestHash,
          issued_at: now,
          refunded_at: null,
          refunded_amount: 0n,
          updated_at: now,
          ...(moved.hold === null
            ? { status: 'paid', transfer_id: moved.transferId, paid_at: now }
            : {
                ...escrowInvoiceStateOf(moved.hold),
                hold_id: moved.hold.id,
                hold_transfer_id: moved.transferId,
              }),
        },
        trace,
      );
      return { invoice: issued, issued: true };
    });
    if (!outcome.issued) return replayOf(outcome.invoice, requestHash);
    this.options.onEventsWritten();
    return {
      result: { invoice: toPublicInvoice(outcome.invoice), transfer_id: moved.transferId },
      replayed: false,
    };
  }

  /** Pays the provider at once. With the payer's actor, so the ledger itself checks that the wallet is theirs. */
  private async payPayee(
    request: CreateBillRequest,
    walletId: string,
    payeeId: string,
    trace: TraceContext | undefined,
  ): Promise<Moved> {
    const { result } = await this.options.ledger.transfer(
      {
        actor: request.actor,
        from_wallet_id: walletId,
        to_user_id: payeeId,
        amount: request.amount,
        ...(request.description === undefined ? {} : { description: request.description }),
        type: 'payment',
        metadata: { bill: request.idempotency_key },
        idempotency_key: billTransferKeyOf(request.idempotency_key),
      },
      trace,
    );
    return { transferId: result.transfer.id, currency: result.transfer.currency, hold: null };
  }

  /**
   * Puts the amount in escrow for the provider, as the payer (whose wallet the ledger checks).
   * An answer the ledger replays is of a hold made earlier, which may have settled since (a
   * crash before the invoice, then a capture): the hold is read again, so the invoice is
   * issued as it stands now.
   */
  private async holdForPayee(
    request: CreateBillRequest,
    walletId: string,
    payeeId: string,
    trace: TraceContext | undefined,
  ): Promise<Moved> {
    const { result, replayed } = await this.options.ledger.createHold(
      {
        actor: request.actor,
        from_wallet_id: walletId,
        to_user_id: payeeId,
        amount: request.amount,
        ...(request.description === undefined ? {} : { description: request.description }),
        type: 'payment',
        metadata: { bill: request.idempotency_key },
        idempotency_key: billHoldKeyOf(request.idempotency_key),
        ...(request.expires_at === undefined ? {} : { expires_at: request.expires_at }),
        ...(request.on_expiry === undefined ? {} : { on_expiry: request.on_expiry }),
      },
      trace,
    );
    const hold = replayed
      ? await this.options.ledger.getHold({ actor: request.actor, hold_id: result.hold.id }, trace)
      : result.hold;
    return { transferId: hold.transfer_id, currency: hold.currency, hold };
  }

  /** The provider's user id, by user name or email. */
  private async findPayee(name: string, trace: TraceContext | undefined): Promise<string> {
    const lookup = userLookupOf(name);
    if (lookup === null) throw noSuchPayee();
    try {
      return (await this.options.identity.getUser(lookup, trace)).id;
    } catch (error) {
      if (error instanceof AppError && error.code === 'user_not_found') throw noSuchPayee();
      throw error;
    }
  }

  /** The payer's default wallet, as the ledger knows it. */
  private async defaultWalletOf(payerId: string, trace: TraceContext | undefined): Promise<string> {
    try {
      const balance = await this.options.ledger.getBalance(
        { actor: { service: 'billing' }, owner_id: payerId },
        trace,
      );
      return balance.wallet_id;
    } catch (error) {
      if (error instanceof AppError && error.code === 'wallet_not_found') {
        throw billingError(
          'wallet_not_found',
          'You have no wallet to pay from: open one with POST /v1/wallets.',
        );
      }
      throw error;
    }
  }
}

/** The stored answer of a key, for the same request; another request under the key is refused. */
function replayOf(invoice: InvoiceRecord, requestHash: string): BillResult {
  if (invoice.request_hash !== requestHash) {
    throw billingError('idempotency_mismatch', 'this Idempotency-Key was used with another request');
  }
  return {
    result: {
      invoice: toPublicInvoice(invoice),
      transfer_id: invoice.hold_transfer_id ?? invoice.transfer_id!,
    },
    replayed: true,
  };
}
