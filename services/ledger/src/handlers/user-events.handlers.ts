import { identityEvents, userCreatedData, userDeletedData } from '@moneypal/contracts';
import type { Bus } from '@moneypal/kit';
import { ledgerConsumer, type WalletService } from '../services/wallet.service.js';

/**
 * Identity's user events, applied once each (the inbox): a new user gets a default
 * wallet; a deleted user's wallets close or freeze. An event whose data breaks its
 * contract throws, is redelivered, and ends as a visible dead letter.
 */
export async function subscribeToUserEvents(bus: Bus, wallets: WalletService): Promise<void> {
  await bus.subscribe(ledgerConsumer, {
    [identityEvents.userCreated]: async (event) => {
      const { user } = userCreatedData.parse(event.data);
      await wallets.openDefaultWalletOnce(event, user.id);
    },
    [identityEvents.userDeleted]: async (event) => {
      const { user_id } = userDeletedData.parse(event.data);
      await wallets.retireWalletsOnce(event, user_id);
    },
  });
}
