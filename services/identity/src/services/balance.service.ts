import type { Actor } from '@moneypal/contracts';
import type { IdentityDatabase } from '../database.js';
import { mayReadBalanceOf } from '../domain/user.js';
import { identityError } from '../errors.js';
import type * as userRepository from '../repositories/user.repository.js';
import type { TraceContext } from './events.js';

/** The ledger's answer for a user: the main balance of their default wallet. */
export interface LedgerBalance {
  balance: number;
  currency: string;
}

/** Where balances live; identity never stores them (the ledger client asks the ledger over the bus). */
export type LedgerBalanceLookup = (ownerId: string, trace?: TraceContext) => Promise<LedgerBalance>;

export interface BalanceServiceOptions {
  db: IdentityDatabase;
  repositories: { users: typeof userRepository };
  ledgerBalanceOf: LedgerBalanceLookup;
}

/** A user's balance by email, for the user themselves, an admin or another service. */
export class BalanceService {
  constructor(private readonly options: BalanceServiceOptions) {}

  /**
   * Finds the live user with that email (in any letter case) and asks the ledger. A user
   * asking for someone else's email gets the same `user_not_found` as for an unknown email.
   */
  async balanceByEmail(
    actor: Actor,
    email: string,
    trace?: TraceContext,
  ): Promise<{ email: string; balance: number; currency: string }> {
    const user = await this.options.repositories.users.findLiveUserByField(this.options.db, 'email', email);
    if (!user || !mayReadBalanceOf(actor, user.id))
      throw identityError('user_not_found', 'No user has this id, email or user name.');
    const { balance, currency } = await this.options.ledgerBalanceOf(user.id, trace);
    return { email: user.email, balance, currency };
  }
}
