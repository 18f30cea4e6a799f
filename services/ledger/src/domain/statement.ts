import type { Statement } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';

/** A movement of the main account in a period, as the statement is built from it. */
export interface StatementLine<Transfer> {
  transfer: Transfer;
  /** Signed: positive credits the account, negative debits it. */
  amount: bigint;
  balanceAfter: bigint;
}

/**
 * The figures of a statement: the closing balance is the opening balance plus every
 * movement, and each movement's stored balance-after is the running balance. Both are
 * invariants of the journal (a posting computes `balance_after` under the account's lock),
 * so a disagreement is a bug, thrown, never a statement with figures that do not add up.
 */
export function statementFiguresOf<Transfer>(
  openingBalance: bigint,
  lines: readonly StatementLine<Transfer>[],
): Pick<Statement, 'opening_balance' | 'closing_balance' | 'total_in' | 'total_out'> {
  let running = openingBalance;
  let totalIn = 0n;
  let totalOut = 0n;
  for (const line of lines) {
    running += line.amount;
    if (line.amount > 0n) totalIn += line.amount;
    else totalOut -= line.amount;
    if (running !== line.balanceAfter) {
      throw new Error(
        `an entry's balance after (${line.balanceAfter}) is not the running balance (${running})`,
      );
    }
  }
  return {
    opening_balance: toSafeNumber(openingBalance),
    closing_balance: toSafeNumber(running),
    total_in: toSafeNumber(totalIn),
    total_out: toSafeNumber(totalOut),
  };
}
