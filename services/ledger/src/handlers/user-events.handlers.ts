import {
  identityEvents,
  type User,
  userCreatedData,
  userDeletedData,
  userUpdatedData,
} from '@moneypal/contracts';
import type { Bus } from '@moneypal/kit';
import { ledgerConsumer, type NamedOwner, type WalletService } from '../services/wallet.service.js';

/**
 * Identity's user events, applied once each (the inbox): a new user gets a default
 * wallet; a changed user's name is kept for history; a deleted user's wallets close or
 * freeze. An event whose data breaks its contract throws, is redelivered, and ends as a
 * visible dead letter.
 */
export async function subscribeToUserEvents(bus: Bus, wallets: WalletService): Promise<void> {
  await bus.subscribe(ledgerConsumer, {
    [identityEvents.userCreated]: async (event) => {
      const { user } = userCreatedData.parse(event.data);
      await wallets.openDefaultWalletOnce(event, namedOwnerOf(user));
    },
    [identityEvents.userUpdated]: async (event) => {
      const { user } = userUpdatedData.parse(event.data);
      await wallets.renameOwnerOnce(event, namedOwnerOf(user));
    },
    [identityEvents.userDeleted]: async (event) => {
      const { user_id } = userDeletedData.parse(event.data);
      await wallets.retireWalletsOnce(event, user_id);
    },
  });
}

function namedOwnerOf(user: User): NamedOwner {
  return {
    ownerId: user.id,
    displayName: `${user.first_name} ${user.last_name}`,
    userName: user.user_name,
    updatedAt: new Date(user.updated_at),
  };
}
