import type { Executor, LedgerDatabase } from '../database.js';
import type * as journalRepository from '../repositories/journal.repository.js';

export interface InvariantCheck {
  name: string;
  checked: number;
  violations: number;
  /** A few of the violations, to start looking from. */
  examples: string[];
}

export interface LedgerVerdict {
  ok: boolean;
  checks: InvariantCheck[];
}

type InvariantQuery = (db: Executor) => Promise<journalRepository.CheckCount>;

/** Each invariant with the query that counts its violations. */
function checksOf(journal: typeof journalRepository): Array<[string, InvariantQuery]> {
  return [
    ["every transfer's entries sum to zero", journal.checkTransfersBalanced],
    ['no transfer is reversed by more than its amount', journal.checkReversalsWithinOriginal],
    [
      'every entry names its account and transfer, every transfer its wallets',
      journal.checkJournalReferences,
    ],
    ["every entry is in its transfer's currency", journal.checkEntryCurrencies],
    ['per currency, all balances sum to zero', journal.checkCurrenciesBalanced],
    ['every balance equals the sum of its entries', journal.checkBalancesMatchEntries],
    ['every balance_after is the running sum, in time order', journal.checkRunningBalances],
    ['no user account is below zero', journal.checkNoNegativeUserBalance],
    ["every open hold's amount is held in its payer's wallet", journal.checkOpenHoldsHeld],
    ['every hold was opened once and settled at most once', journal.checkHoldsSettledOnce],
    ["every payout's withdrawal was cleared once or given back, never both", journal.checkPayoutsSettledOnce],
    ['each idempotency (scope, key) has one record', journal.checkIdempotencyKeysUnique],
    ['each idempotency key moved money once', journal.checkTransferKeysUnique],
    ['each event was applied once per consumer', journal.checkInboxUnique],
  ];
}

export interface VerifyServiceOptions {
  db: LedgerDatabase;
  repositories: { journal: typeof journalRepository };
}

/** The ledger's journal check: `npm run ledger:verify`, and the tests of a ledger taking writes. */
export class VerifyService {
  private readonly db: LedgerDatabase;
  private readonly checks: Array<[string, InvariantQuery]>;

  constructor(options: VerifyServiceOptions) {
    this.db = options.db;
    this.checks = checksOf(options.repositories.journal);
  }

  /**
   * Replays the journal against the stored balances and checks every invariant of SPEC §6
   * that the ledger's data can show. Read-only, in one repeatable-read transaction: every
   * check sees the same snapshot, even of a ledger that is taking writes.
   */
  async verify(): Promise<LedgerVerdict> {
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const results: InvariantCheck[] = [];
        for (const [name, check] of this.checks) {
          results.push({ name, ...(await check(trx)) });
        }
        return { ok: results.every((check) => check.violations === 0), checks: results };
      });
  }
}
