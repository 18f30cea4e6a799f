import { ledgerRequests } from '@moneypal/contracts';
import { AppError, type Bus, call, toSafeNumber } from '@moneypal/kit';
import type { WalletDirectory } from '../services/payment.service.js';
import type { PayoutLedger } from '../services/payout.service.js';

/** The ledger over the bus, as payments needs it: a wallet as the actor may see it, or null. */
export function ledgerWallets(bus: Bus): WalletDirectory {
  return {
    async findWallet(actor, walletId) {
      try {
        return await call(bus, ledgerRequests.getWallet, { actor, wallet_id: walletId });
      } catch (error) {
        if (error instanceof AppError && error.code === 'wallet_not_found') return null;
        throw error;
      }
    },
  };
}

const payments = { service: 'payments' } as const;

/**
 * The ledger over the bus, as payouts need it: the debit, the settlement and the money
 * given back, each keyed by the payout id so that doing it again moves nothing more.
 */
export function ledgerPayouts(bus: Bus): PayoutLedger {
  return {
    async withdraw(payout) {
      if (payout.released_by !== null) {
        // An admin's release: the one movement out of a frozen or closed wallet, its whole balance.
        const { result } = await call(bus, ledgerRequests.releaseWallet, {
          actor: payments,
          wallet_id: payout.wallet_id,
          amount: toSafeNumber(payout.amount),
          reason: payout.release_reason ?? 'release',
          destination: 'payouts-clearing',
          released_by: payout.released_by,
          idempotency_key: `payout:${payout.id}`,
        });
        return result.transfer.id;
      }
      const { result } = await call(bus, ledgerRequests.withdraw, {
        actor: payments,
        wallet_id: payout.wallet_id,
        amount: toSafeNumber(payout.amount),
        reference: `payout ${payout.id}`,
        destination: 'payouts-clearing',
        idempotency_key: `payout:${payout.id}`,
        ...(Object.keys(payout.metadata).length === 0 ? {} : { metadata: payout.metadata }),
      });
      return result.transfer.id;
    },
    async settle(payout, transferId) {
      await call(bus, ledgerRequests.settleWithdrawal, {
        actor: payments,
        transfer_id: transferId,
        idempotency_key: `payout-settle:${payout.id}`,
      });
    },
    async giveBack(payout, transferId) {
      await call(bus, ledgerRequests.reverseWithdrawal, {
        actor: payments,
        transfer_id: transferId,
        reason: `payout ${payout.status}`,
        idempotency_key: `payout-return:${payout.id}`,
      });
    },
  };
}
