import { ledgerRequests } from '@moneypal/contracts';
import { AppError, type Bus, call } from '@moneypal/kit';
import type { WalletDirectory } from '../services/payment.service.js';

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
