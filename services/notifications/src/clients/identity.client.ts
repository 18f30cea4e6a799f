import { identityRequests } from '@moneypal/contracts';
import { AppError, type Bus, call } from '@moneypal/kit';
import type { UserDirectory } from '../services/contact.service.js';

/** Identity over the bus, as notifications need it: a user by id, or null once deleted. */
export function identityDirectory(bus: Bus): UserDirectory {
  return {
    async findUser(id) {
      try {
        return await call(bus, identityRequests.getUser, { id });
      } catch (error) {
        if (error instanceof AppError && error.code === 'user_not_found') return null;
        throw error;
      }
    },
  };
}
