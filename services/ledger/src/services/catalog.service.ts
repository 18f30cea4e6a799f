import type { Actor } from '@moneypal/contracts';
import { toSafeNumber } from '@moneypal/kit';
import type { LedgerDatabase, SavingsPlanRow, TransactionRuleRow } from '../database.js';
import { isAdmin } from '../domain/actor.js';
import type { SavingsPlanKind } from '../domain/savings.js';
import { ledgerError } from '../errors.js';
import type * as catalogRepository from '../repositories/catalog.repository.js';

export interface CatalogServiceOptions {
  db: LedgerDatabase;
  clock: () => Date;
  newId: () => string;
  repositories: { catalog: typeof catalogRepository };
}

export interface NewSavingsPlan {
  name: string;
  kind: SavingsPlanKind;
  value: number;
}

/** Limits as the contract carries them (safe integers, minor units); made bigints before they are stored. */
export interface RuleInput {
  wallet_type: string;
  transaction_type: string;
  min_amount: number | null;
  max_amount: number | null;
  daily_total: number | null;
  daily_count: number | null;
}

const toOptionalBigInt = (value: number | null) => (value === null ? null : BigInt(value));
const toOptionalNumber = (value: bigint | null) => (value === null ? null : toSafeNumber(value));

function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw ledgerError('forbidden', 'Only an administrator may change this.');
}

function toPublicSavingsPlan(plan: SavingsPlanRow) {
  return {
    id: plan.id,
    name: plan.name,
    kind: plan.kind,
    value: toSafeNumber(plan.value),
    created_at: plan.created_at.toISOString(),
  };
}

function toPublicRule(rule: TransactionRuleRow) {
  return {
    id: rule.id,
    wallet_type: rule.wallet_type,
    transaction_type: rule.transaction_type as 'deposit' | 'transfer' | 'payment' | 'withdrawal' | 'savings',
    min_amount: toOptionalNumber(rule.min_amount),
    max_amount: toOptionalNumber(rule.max_amount),
    daily_total: toOptionalNumber(rule.daily_total),
    daily_count: rule.daily_count,
    created_at: rule.created_at.toISOString(),
    updated_at: rule.updated_at.toISOString(),
  };
}

/** What the admin defines: wallet types, savings plans and transaction rules. Everyone may read them. */
export class CatalogService {
  private readonly catalog: typeof catalogRepository;

  constructor(private readonly options: CatalogServiceOptions) {
    this.catalog = options.repositories.catalog;
  }

  async listWalletTypes() {
    const types = await this.catalog.listWalletTypes(this.options.db);
    return { data: types.map((type) => ({ ...type, created_at: type.created_at.toISOString() })) };
  }

  async createWalletType(actor: Actor, input: { code: string; name: string }) {
    assertAdmin(actor);
    const created = await this.catalog.insertWalletType(this.options.db, {
      ...input,
      created_at: this.options.clock(),
    });
    if (!created) {
      throw ledgerError('conflict', `the wallet type ${input.code} exists`, {
        errors: [{ path: 'code', message: 'is already taken' }],
      });
    }
    return { ...created, created_at: created.created_at.toISOString() };
  }

  async listSavingsPlans() {
    return { data: (await this.catalog.listSavingsPlans(this.options.db)).map(toPublicSavingsPlan) };
  }

  async createSavingsPlan(actor: Actor, input: NewSavingsPlan) {
    assertAdmin(actor);
    const plan = await this.catalog.insertSavingsPlan(this.options.db, {
      id: this.options.newId(),
      name: input.name,
      kind: input.kind,
      value: BigInt(input.value),
      created_at: this.options.clock(),
    });
    return toPublicSavingsPlan(plan);
  }

  async listTransactionRules(actor: Actor, walletType?: string) {
    assertAdmin(actor);
    return { data: (await this.catalog.listTransactionRules(this.options.db, walletType)).map(toPublicRule) };
  }

  /** Creates or replaces the rule of one wallet type and transaction type. */
  async putTransactionRule(actor: Actor, input: RuleInput) {
    assertAdmin(actor);
    if (!(await this.catalog.findWalletType(this.options.db, input.wallet_type))) {
      throw ledgerError(
        'validation_failed',
        `There is no wallet type ${input.wallet_type}: list them with GET /v1/wallet-types.`,
        {
          errors: [{ path: 'wallet_type', message: 'is not a wallet type' }],
        },
      );
    }
    const now = this.options.clock();
    const rule = await this.catalog.upsertTransactionRule(this.options.db, {
      id: this.options.newId(),
      wallet_type: input.wallet_type,
      transaction_type: input.transaction_type,
      min_amount: toOptionalBigInt(input.min_amount),
      max_amount: toOptionalBigInt(input.max_amount),
      daily_total: toOptionalBigInt(input.daily_total),
      daily_count: input.daily_count,
      created_at: now,
      updated_at: now,
    });
    return toPublicRule(rule);
  }
}
