import { ledgerRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { WalletService } from '../services/wallet.service.js';

/** Wallets and their balances. Every request names its actor; the service decides what it may see. */
export async function serveWalletRequests(bus: Bus, wallets: WalletService): Promise<void> {
  await serve(bus, ledgerRequests.listWallets, ({ actor, ...query }) => wallets.listWallets(actor, query));
  await serve(bus, ledgerRequests.openWallet, ({ actor, ...input }, context) =>
    wallets.openWallet(actor, input, context),
  );
  await serve(bus, ledgerRequests.getWallet, ({ actor, wallet_id }) => wallets.getWallet(actor, wallet_id));
  await serve(bus, ledgerRequests.changeWalletStatus, ({ actor, ...input }, context) =>
    wallets.changeWalletStatus(actor, input, context),
  );
  await serve(bus, ledgerRequests.getWalletBalance, ({ actor, wallet_id, at }) =>
    wallets.getWalletBalance(actor, wallet_id, at),
  );
  await serve(bus, ledgerRequests.selectSavingsPlan, ({ actor, wallet_id, plan_id }) =>
    wallets.selectSavingsPlan(actor, wallet_id, plan_id),
  );
  await serve(bus, ledgerRequests.getBalance, ({ actor, owner_id, currency }) =>
    wallets.getBalanceOfOwner(actor, owner_id, currency),
  );
}
