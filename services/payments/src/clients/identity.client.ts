import { identityRequests } from '@moneypal/contracts';
import { AppError, type Bus, call } from '@moneypal/kit';
import type { UserDirectory } from '../services/payment.service.js';

/** Identity over the bus, as payments needs it: a user's id by email or user name. */
export function identityDirectory(bus: Bus): UserDirectory {
  return {
    async findUserId(lookup) {
      try {
        return (await call(bus, identityRequests.getUser, lookup)).id;
      } catch (error) {
        if (error instanceof AppError && error.code === 'user_not_found') return null;
        throw error;
      }
    },
  };
}
