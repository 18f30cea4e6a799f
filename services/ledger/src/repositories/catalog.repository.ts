import type { Executor, SavingsPlanRow, TransactionRuleRow } from '../database.js';

/** Wallet types, savings plans and transaction rules: what the admin defines. */

export interface WalletTypeRecord {
  code: string;
  name: string;
  created_at: Date;
}

export function listWalletTypes(db: Executor): Promise<WalletTypeRecord[]> {
  return db.selectFrom('wallet_types').selectAll().orderBy('code').execute();
}

export function findWalletType(db: Executor, code: string): Promise<WalletTypeRecord | undefined> {
  return db.selectFrom('wallet_types').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Inserts a wallet type; undefined when the code is taken. */
export function insertWalletType(
  db: Executor,
  type: WalletTypeRecord,
): Promise<WalletTypeRecord | undefined> {
  return db
    .insertInto('wallet_types')
    .values(type)
    .onConflict((conflict) => conflict.column('code').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function listSavingsPlans(db: Executor): Promise<SavingsPlanRow[]> {
  return db.selectFrom('savings_plans').selectAll().orderBy('id').execute();
}

export function findSavingsPlan(db: Executor, id: string): Promise<SavingsPlanRow | undefined> {
  return db.selectFrom('savings_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertSavingsPlan(db: Executor, plan: SavingsPlanRow): Promise<SavingsPlanRow> {
  return db.insertInto('savings_plans').values(plan).returningAll().executeTakeFirstOrThrow();
}

export function listTransactionRules(db: Executor, walletType?: string): Promise<TransactionRuleRow[]> {
  let query = db.selectFrom('transaction_rules').selectAll();
  if (walletType !== undefined) query = query.where('wallet_type', '=', walletType);
  return query.orderBy('wallet_type').orderBy('transaction_type').execute();
}

/** Creates the rule of a wallet type and transaction type, or replaces its limits (keeping id and created_at). */
export function upsertTransactionRule(db: Executor, rule: TransactionRuleRow): Promise<TransactionRuleRow> {
  return db
    .insertInto('transaction_rules')
    .values(rule)
    .onConflict((conflict) =>
      conflict.columns(['wallet_type', 'transaction_type']).doUpdateSet({
        min_amount: rule.min_amount,
        max_amount: rule.max_amount,
        daily_total: rule.daily_total,
        daily_count: rule.daily_count,
        updated_at: rule.updated_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
