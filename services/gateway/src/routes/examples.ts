import type {
  Hold,
  InboxMessage,
  Invoice,
  Payment,
  Payout,
  ReportSummary,
  SavingsPlan,
  Transfer,
  transactionRuleSchema,
  User,
  Wallet,
  walletBalanceSchema,
  walletTypeSchema,
} from '@moneypal/contracts';
import type { z } from 'zod';

/*
 * The one story every example of the API documents tells, so that ids, names and amounts
 * agree from one operation to the next. Ada Lovelace (@ada) funds her USD wallet through
 * PayPal, gets a back-office credit, pays Grace Hopper (@grace) for dinner, moves savings
 * back, holds money in escrow for a job, pays a bill and cashes out. Ada's wallet follows a
 * 10 % savings plan, so every credit puts a tenth aside; Grace's has no plan. Amounts are
 * minor units (cents); every balance below is computed from the one before it.
 */

/** Ids, UUIDv7 as the services make them. */
export const ids = {
  ada: '0193e0a1-5c2b-7a10-8f3e-2b7c1d4e5f60',
  grace: '0193e0a1-6d3c-7b21-9a4f-3c8d2e5f6071',
  admin: '0193e0a1-4b1a-7c32-a05e-4d9e3f607182',
  adaWallet: '0193e0a2-1a2b-7c3d-8e4f-5a6b7c8d9e01',
  adaEuroWallet: '0193e5c7-3f40-7a51-b062-7c8d9e0f1a23',
  graceWallet: '0193e0a2-2b3c-7d4e-9f50-6b7c8d9e0f12',
  adaMainAccount: '0193e0a2-1a2c-7e01-8a11-0c1d2e3f4a51',
  adaSavingsAccount: '0193e0a2-1a2d-7e02-8b22-1d2e3f4a5b62',
  adaHeldAccount: '0193e0a2-1a2e-7e03-8c33-2e3f4a5b6c73',
  graceMainAccount: '0193e0a2-2b3d-7e04-9d44-3f4a5b6c7d84',
  backOfficeAccount: '0193e09f-0000-7000-8000-00000000b0ff',
  paypalClearingAccount: '0193e09f-0000-7000-8000-0000000c1ea4',
  percentagePlan: '0193e09f-8a10-7b20-9c30-4d5e6f708192',
  flatPlan: '0193e09f-8b21-7c31-ad41-5e6f708192a3',
  transferRule: '0193e09f-9c32-7d42-be52-6f708192a3b4',
  otpChallenge: '0193e3f0-7d11-7e22-8f33-9a0b1c2d3e4f',
  funding: '0193e3f1-2a3b-7c4d-8e5f-6a7b8c9d0e1f',
  cancelledPayment: '0193e3f1-3b4c-7d5e-9f60-7b8c9d0e1f2a',
  refund: '0193e7d2-4c5d-7e6f-a071-8c9d0e1f2a3b',
  fundingTransfer: '0193e3f2-0a1b-7c2d-8e3f-4a5b6c7d8e90',
  deposit: '0193e4a0-1b2c-7d3e-9f4a-5b6c7d8e9fa1',
  dinner: '0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0b2',
  batchTransfer: '0193e4b1-2c3e-7e50-a16c-7d8e9fa0b1c3',
  reversal: '0193e9c2-3d4e-7f50-b16c-7d8e9fa0b1c3',
  savingsWithdrawal: '0193e4c2-3d4e-7f50-b16c-7d8e9fa0b1c4',
  tilingHold: '0193e5d3-4e5f-7061-827d-8e9fa0b1c2d5',
  tilingHoldTransfer: '0193e5d3-4e60-7062-837d-8e9fa0b1c2d6',
  tilingCaptureTransfer: '0193e6e4-5f60-7172-938e-9fa0b1c2d3e7',
  logoHold: '0193e5d3-5f70-7163-a48e-9fa0b1c2d3e8',
  logoHoldTransfer: '0193e5d3-5f71-7164-a58f-a0b1c2d3e4f9',
  logoVoidTransfer: '0193e6e4-6071-7275-b690-b1c2d3e4f50a',
  gardenInvoice: '0193e6f5-6071-7283-a49f-a0b1c2d3e4f8',
  gardenTransfer: '0193e6f5-6072-7284-b5a0-b1c2d3e4f509',
  cashOut: '0193e7a6-7182-7394-85b0-c2d3e4f5061a',
  cashOutTransfer: '0193e7a6-7183-7395-96c1-d3e4f506172b',
  release: '0193ea10-8293-74a5-a6d2-e4f506172839',
  releaseTransfer: '0193ea10-8294-74a6-b7e3-f5061728394a',
  welcomeEmail: '0193e0a1-5d00-7b10-8c20-3d4e5f607182',
  receiptEmail: '0193e4b1-2d00-7f10-9c20-4e5f60718293',
  requestId: '0193e4b1-2c30-7a40-8b50-6c7d8e9f0a1b',
  /** The key Ada's client sends with a request that moves money. */
  idempotencyKey: '0193e4b1-2c2f-7b39-9a41-5b6c7d8e9f0a',
} as const;

/** When things happened, in order. */
export const times = {
  adaJoined: '2026-11-02T09:14:07.000Z',
  graceJoined: '2026-11-01T16:40:22.000Z',
  catalogue: '2026-10-30T08:00:00.000Z',
  funded: '2026-11-02T09:31:45.000Z',
  fundingCreated: '2026-11-02T09:30:02.000Z',
  deposited: '2026-11-02T14:05:00.000Z',
  dinner: '2026-11-03T20:12:31.000Z',
  receiptRead: '2026-11-03T21:00:00.000Z',
  savingsWithdrawn: '2026-11-04T08:02:10.000Z',
  held: '2026-11-04T10:00:00.000Z',
  logoHeld: '2026-11-04T11:30:00.000Z',
  batch: '2026-11-06T19:00:00.000Z',
  reversed: '2026-11-18T11:00:00.000Z',
  holdExpires: '2026-12-15T12:00:00.000Z',
  captured: '2026-11-12T17:45:00.000Z',
  voided: '2026-11-05T11:20:00.000Z',
  billed: '2026-11-13T12:00:00.000Z',
  cashOut: '2026-11-14T09:00:00.000Z',
  cashOutPaid: '2026-11-14T09:03:12.000Z',
  refunded: '2026-11-20T10:15:00.000Z',
  frozen: '2026-11-21T15:00:00.000Z',
  released: '2026-11-28T10:00:00.000Z',
  balanceAt: '2026-11-03T00:00:00.000Z',
} as const;

export const people = {
  ada: { name: 'Ada Lovelace', handle: 'ada', email: 'ada@example.com', paypal: 'ada.lovelace@example.com' },
  grace: { name: 'Grace Hopper', handle: 'grace', email: 'grace@example.com' },
} as const;

/** A passphrase of the kind the API accepts (long, not guessable). */
export const examplePassword = 'orange kettle violin 1843';
/** The tokens a login answers (shortened, but of the real shape). */
export const exampleTokens = {
  access_token:
    'eyJhbGciOiJFZERTQSIsImtpZCI6IjIwMjYtMTEifQ.eyJzdWIiOiIwMTkzZTBhMS01YzJiLTdhMTAtOGYzZS0yYjdjMWQ0ZTVmNjAifQ.h6Zq1cV0',
  refresh_token: 'm2Qk8yZ0bq3P1V2w7Hn4a5Jr6Ls9Tc0E',
  token_type: 'Bearer' as const,
  expires_in: 900,
};
/** A cursor of a next page: opaque, as the services make them. */
export const exampleCursor = 'eyJ0IjoiMjAyNi0xMS0wMlQwOToxNDowNy4wMDBaIn0';

export const currency = 'USD';

/**
 * Amounts and the balances they make, in order. Ada's savings plan puts 10 % of every credit
 * aside (1,000 basis points, rounded down to the cent).
 */
const savingsRateBasisPoints = 1_000;
const savingsOf = (credit: number) => Math.floor((credit * savingsRateBasisPoints) / 10_000);

export const amounts = {
  funding: 10_000,
  deposit: 5_000,
  dinner: 2_500,
  dinnerReversal: 1_500,
  savingsWithdrawal: 500,
  tilingHold: 3_000,
  tilingCapture: 2_000,
  logoHold: 1_500,
  garden: 2_500,
  cashOut: 2_000,
  refund: 2_500,
  graceMainBeforeDinner: 4_000,
  /** An amount a batch transfer asks that Ada's wallet does not hold. */
  tooMuch: 250_000,
  /** The transfer of Ada's batch that is posted. */
  batch: 1_000,
};

/**
 * Ada's balances (main, savings and held in escrow) and Grace's main balance after each step
 * of the story, in order; each follows from the one before it.
 */
type AdaBalance = { main: number; savings: number; held: number };
const afterFunding: AdaBalance = {
  main: amounts.funding - savingsOf(amounts.funding),
  savings: savingsOf(amounts.funding),
  held: 0,
};
const afterDeposit: AdaBalance = {
  ...afterFunding,
  main: afterFunding.main + amounts.deposit - savingsOf(amounts.deposit),
  savings: afterFunding.savings + savingsOf(amounts.deposit),
};
const afterDinner: AdaBalance = { ...afterDeposit, main: afterDeposit.main - amounts.dinner };
const afterSavingsWithdrawal: AdaBalance = {
  ...afterDinner,
  main: afterDinner.main + amounts.savingsWithdrawal,
  savings: afterDinner.savings - amounts.savingsWithdrawal,
};
const afterTilingHold: AdaBalance = {
  ...afterSavingsWithdrawal,
  main: afterSavingsWithdrawal.main - amounts.tilingHold,
  held: amounts.tilingHold,
};
const afterLogoHold: AdaBalance = {
  ...afterTilingHold,
  main: afterTilingHold.main - amounts.logoHold,
  held: afterTilingHold.held + amounts.logoHold,
};
const afterLogoVoid: AdaBalance = { ...afterTilingHold };
const afterBatch: AdaBalance = { ...afterLogoVoid, main: afterLogoVoid.main - amounts.batch };
const afterCapture: AdaBalance = {
  ...afterBatch,
  main: afterBatch.main + (amounts.tilingHold - amounts.tilingCapture),
  held: afterBatch.held - amounts.tilingHold,
};
const afterGarden: AdaBalance = { ...afterCapture, main: afterCapture.main - amounts.garden };
const afterCashOut: AdaBalance = { ...afterGarden, main: afterGarden.main - amounts.cashOut };
const afterReversal: AdaBalance = { ...afterCashOut, main: afterCashOut.main + amounts.dinnerReversal };
/** A refund of a PayPal top-up takes its amount back out of the wallet it funded. */
const afterRefund: AdaBalance = { ...afterReversal, main: afterReversal.main - amounts.refund };
export const adaBalances = {
  afterFunding,
  afterDeposit,
  afterDinner,
  afterSavingsWithdrawal,
  afterTilingHold,
  afterLogoHold,
  afterLogoVoid,
  afterBatch,
  afterCapture,
  afterGarden,
  afterCashOut,
  afterReversal,
  /** Where the story stands: what Ada's wallet reads today. */
  now: afterRefund,
};
const graceBeforeDinner = amounts.graceMainBeforeDinner;
const graceAfterDinner = graceBeforeDinner + amounts.dinner;
const graceAfterBatch = graceAfterDinner + amounts.batch;
const graceAfterCapture = graceAfterBatch + amounts.tilingCapture;
const graceAfterGarden = graceAfterCapture + amounts.garden;
const graceAfterReversal = graceAfterGarden - amounts.dinnerReversal;
export const graceBalances = { graceAfterDinner, graceAfterReversal };

export const ada: User = {
  id: ids.ada,
  first_name: 'Ada',
  last_name: 'Lovelace',
  user_name: people.ada.handle,
  email: people.ada.email,
  phone: '+442071838750',
  role: 'user',
  two_factor_enabled: false,
  created_at: times.adaJoined,
  updated_at: times.adaJoined,
};

export const grace: User = {
  id: ids.grace,
  first_name: 'Grace',
  last_name: 'Hopper',
  user_name: people.grace.handle,
  email: people.grace.email,
  phone: null,
  role: 'user',
  two_factor_enabled: true,
  created_at: times.graceJoined,
  updated_at: times.graceJoined,
};

export const walletTypes: z.output<typeof walletTypeSchema>[] = [
  { code: 'personal', name: 'Personal', created_at: times.catalogue },
  { code: 'business', name: 'Business', created_at: times.catalogue },
];

export const savingsPlans: SavingsPlan[] = [
  {
    id: ids.percentagePlan,
    name: 'Save 10 %',
    kind: 'percentage',
    value: savingsRateBasisPoints,
    created_at: times.catalogue,
  },
  { id: ids.flatPlan, name: 'Save 2.00 a credit', kind: 'flat', value: 200, created_at: times.catalogue },
];

/** The rule of transfers out of personal wallets. */
export const transferRule: z.output<typeof transactionRuleSchema> = {
  id: ids.transferRule,
  wallet_type: 'personal',
  transaction_type: 'transfer',
  min_amount: 100,
  max_amount: 500_000,
  daily_total: 1_000_000,
  daily_count: 50,
  created_at: times.catalogue,
  updated_at: times.catalogue,
};

/** Ada's USD wallet with the balances of a step of the story. */
export function adaWalletWith(balance: AdaBalance): Wallet {
  return {
    id: ids.adaWallet,
    owner_id: ids.ada,
    type: 'personal',
    currency,
    status: 'active',
    is_default: true,
    savings_plan_id: ids.percentagePlan,
    main: balance.main,
    savings: balance.savings,
    available: balance.main,
    held: balance.held,
    created_at: times.adaJoined,
    updated_at: times.adaJoined,
  };
}

export const adaEuroWallet: Wallet = {
  id: ids.adaEuroWallet,
  owner_id: ids.ada,
  type: 'personal',
  currency: 'EUR',
  status: 'active',
  is_default: false,
  savings_plan_id: null,
  main: 0,
  savings: 0,
  available: 0,
  held: 0,
  created_at: times.held,
  updated_at: times.held,
};

/** Grace's wallet, frozen by an admin while a dispute is reviewed. */
export const graceFrozenWallet: Wallet = {
  id: ids.graceWallet,
  owner_id: ids.grace,
  type: 'personal',
  currency,
  status: 'frozen',
  is_default: true,
  savings_plan_id: null,
  main: graceAfterReversal,
  savings: 0,
  available: 0,
  held: 0,
  created_at: times.graceJoined,
  updated_at: times.frozen,
};

export function balanceOf(
  wallet: Pick<Wallet, 'id' | 'currency' | 'main' | 'savings' | 'available' | 'held'>,
  asOf: string,
): z.output<typeof walletBalanceSchema> {
  return {
    wallet_id: wallet.id,
    currency: wallet.currency,
    main: wallet.main,
    savings: wallet.savings,
    available: wallet.available,
    held: wallet.held,
    as_of: asOf,
  };
}

const adaNames = { from_name: people.ada.name, from_handle: people.ada.handle };
const graceNames = { to_name: people.grace.name, to_handle: people.grace.handle };

/** Ada's dinner with Grace, 25.00, as Ada reads it: her own entry only (Grace's balance is hers). */
export const dinnerTransfer: Transfer = {
  id: ids.dinner,
  type: 'transfer',
  status: 'posted',
  amount: amounts.dinner,
  currency,
  description: 'Dinner at Luigi’s',
  metadata: { split: 'dinner-2026-11-03' },
  from_wallet_id: ids.adaWallet,
  to_wallet_id: ids.graceWallet,
  initiator_id: ids.ada,
  created_at: times.dinner,
  entries: [
    {
      id: '0193e4b1-2c3d-7e4f-a05b-6c7d8e9fa0c1',
      account_id: ids.adaMainAccount,
      wallet_id: ids.adaWallet,
      account: 'main',
      amount: -amounts.dinner,
      balance_after: afterDinner.main,
    },
  ],
};

/** The same transfer where it is read (history, one transaction): with both parties' names. */
export const dinnerTransferRead: Transfer = { ...dinnerTransfer, ...adaNames, ...graceNames };

/** The admin's back-office credit into Ada's wallet, split by her plan; an admin reads every entry. */
export const depositTransfer: Transfer = {
  id: ids.deposit,
  type: 'deposit',
  status: 'posted',
  amount: amounts.deposit,
  currency,
  description: 'Goodwill credit, ticket 3318',
  metadata: {},
  from_wallet_id: null,
  to_wallet_id: ids.adaWallet,
  initiator_id: ids.admin,
  created_at: times.deposited,
  entries: [
    {
      id: '0193e4a0-1b2c-7d3e-9f4a-5b6c7d8e9fb1',
      account_id: ids.backOfficeAccount,
      wallet_id: null,
      account: 'system',
      amount: -amounts.deposit,
      balance_after: -amounts.deposit,
    },
    {
      id: '0193e4a0-1b2c-7d3e-9f4a-5b6c7d8e9fb2',
      account_id: ids.adaMainAccount,
      wallet_id: ids.adaWallet,
      account: 'main',
      amount: afterDeposit.main - afterFunding.main,
      balance_after: afterDeposit.main,
    },
    {
      id: '0193e4a0-1b2c-7d3e-9f4a-5b6c7d8e9fb3',
      account_id: ids.adaSavingsAccount,
      wallet_id: ids.adaWallet,
      account: 'savings',
      amount: afterDeposit.savings - afterFunding.savings,
      balance_after: afterDeposit.savings,
    },
  ],
};

/** An admin gives Ada back 15.00 of the dinner: from Grace's main balance to Ada's. */
export const dinnerReversal: Transfer = {
  id: ids.reversal,
  type: 'reversal',
  status: 'posted',
  amount: amounts.dinnerReversal,
  currency,
  description: 'Dispute 2291 settled: the restaurant refunded part of the bill',
  metadata: {},
  from_wallet_id: ids.graceWallet,
  to_wallet_id: ids.adaWallet,
  initiator_id: ids.admin,
  created_at: times.reversed,
  reversal_of: ids.dinner,
  entries: [
    {
      id: '0193e9c2-3d4e-7f50-b16c-7d8e9fa0b1d1',
      account_id: ids.graceMainAccount,
      wallet_id: ids.graceWallet,
      account: 'main',
      amount: -amounts.dinnerReversal,
      balance_after: graceAfterReversal,
    },
    {
      id: '0193e9c2-3d4e-7f50-b16c-7d8e9fa0b1d2',
      account_id: ids.adaMainAccount,
      wallet_id: ids.adaWallet,
      account: 'main',
      amount: amounts.dinnerReversal,
      balance_after: afterReversal.main,
    },
  ],
};

/** Grace's wallet after the reversal, as the reversal answers it (the payee's balance). */
export const graceBalanceAfterReversal = {
  wallet_id: ids.graceWallet,
  currency,
  main: graceAfterReversal,
  savings: 0,
  available: graceAfterReversal,
  held: 0,
  as_of: times.reversed,
};

/** Ada moves 5.00 of her savings back to her main balance. */
export const savingsWithdrawalTransfer: Transfer = {
  id: ids.savingsWithdrawal,
  type: 'savings',
  status: 'posted',
  amount: amounts.savingsWithdrawal,
  currency,
  description: null,
  metadata: {},
  from_wallet_id: ids.adaWallet,
  to_wallet_id: ids.adaWallet,
  initiator_id: ids.ada,
  created_at: times.savingsWithdrawn,
  entries: [
    {
      id: '0193e4c2-3d4e-7f50-b16c-7d8e9fa0b1e1',
      account_id: ids.adaSavingsAccount,
      wallet_id: ids.adaWallet,
      account: 'savings',
      amount: -amounts.savingsWithdrawal,
      balance_after: afterSavingsWithdrawal.savings,
    },
    {
      id: '0193e4c2-3d4e-7f50-b16c-7d8e9fa0b1e2',
      account_id: ids.adaMainAccount,
      wallet_id: ids.adaWallet,
      account: 'main',
      amount: amounts.savingsWithdrawal,
      balance_after: afterSavingsWithdrawal.main,
    },
  ],
};

/** One transfer of Ada's batch, posted. */
export const batchTransfer: Transfer = {
  id: ids.batchTransfer,
  type: 'transfer',
  status: 'posted',
  amount: amounts.batch,
  currency,
  description: 'Book club, November',
  metadata: {},
  from_wallet_id: ids.adaWallet,
  to_wallet_id: ids.graceWallet,
  initiator_id: ids.ada,
  created_at: times.batch,
};

const adaHoldParties = {
  from_wallet_id: ids.adaWallet,
  to_wallet_id: ids.graceWallet,
  payer_id: ids.ada,
  payee_id: ids.grace,
  payer_name: people.ada.name,
  payer_handle: people.ada.handle,
  payee_name: people.grace.name,
  payee_handle: people.grace.handle,
};

/** Ada holds 30.00 in escrow for Grace's tiling job; it pays Grace by itself at expiry. */
export const tilingHold: Hold = {
  id: ids.tilingHold,
  status: 'held',
  amount: amounts.tilingHold,
  captured_amount: 0,
  currency,
  description: 'Kitchen tiling, job 1042',
  metadata: { order_id: 'A-1042' },
  ...adaHoldParties,
  expires_at: times.holdExpires,
  on_expiry: 'capture',
  created_at: times.held,
  settled_at: null,
  settled_by: null,
  transfer_id: ids.tilingHoldTransfer,
  settlement_transfer_id: null,
};

/** Ada captures 20.00 of it for Grace; the other 10.00 comes back to her. */
export const tilingHoldCaptured: Hold = {
  ...tilingHold,
  status: 'captured',
  captured_amount: amounts.tilingCapture,
  settled_at: times.captured,
  settled_by: ids.ada,
  settlement_transfer_id: ids.tilingCaptureTransfer,
};

/** Grace declines a logo job Ada held 15.00 for: the money goes back to Ada. */
export const logoHoldVoided: Hold = {
  ...adaHoldParties,
  id: ids.logoHold,
  status: 'voided',
  amount: amounts.logoHold,
  captured_amount: 0,
  currency,
  description: 'Logo design',
  metadata: {},
  expires_at: null,
  on_expiry: 'void',
  created_at: times.logoHeld,
  settled_at: times.voided,
  settled_by: ids.grace,
  transfer_id: ids.logoHoldTransfer,
  settlement_transfer_id: ids.logoVoidTransfer,
};

const paymentBase = {
  payer_id: ids.ada,
  wallet_id: ids.adaWallet,
  paid_to: null,
  currency,
  sandbox: false,
  refunds: [],
  refunded_amount: 0,
  refunded_at: null,
  failure_reason: null,
};

/** Ada's PayPal top-up of 100.00, just created: she approves it at `approve_url`. */
export const fundingCreated: Payment = {
  ...paymentBase,
  id: ids.funding,
  amount: amounts.funding,
  description: 'Wallet top-up',
  status: 'created',
  approve_url: 'https://www.paypal.com/checkoutnow?token=5O190127TN364715T',
  paypal_order_id: '5O190127TN364715T',
  paypal_capture_id: null,
  created_at: times.fundingCreated,
  updated_at: times.fundingCreated,
  captured_at: null,
  metadata: { channel: 'web' },
};

/** The same top-up once captured: the money is in Ada's wallet. */
export const fundingCaptured: Payment = {
  ...fundingCreated,
  status: 'captured',
  approve_url: null,
  paypal_capture_id: '3C679366HH908993F',
  updated_at: times.funded,
  captured_at: times.funded,
};

/** An admin refunds 25.00 of the top-up. */
export const fundingPartlyRefunded: Payment = {
  ...fundingCaptured,
  status: 'partially_refunded',
  updated_at: times.refunded,
  refunded_at: times.refunded,
  refunded_amount: amounts.refund,
  refunds: [
    {
      id: ids.refund,
      amount: amounts.refund,
      status: 'completed',
      reason: 'Charged twice for one top-up',
      paypal_refund_id: '1JU08902781691411',
      created_at: times.refunded,
      completed_at: times.refunded,
    },
  ],
};

/** A top-up Ada cancelled at PayPal before approving it. */
export const cancelledPayment: Payment = {
  ...paymentBase,
  id: ids.cancelledPayment,
  amount: 5_000,
  description: 'Wallet top-up',
  status: 'failed',
  failure_reason: 'cancelled',
  approve_url: null,
  paypal_order_id: '8MC585209K746392H',
  paypal_capture_id: null,
  created_at: times.held,
  updated_at: times.voided,
  captured_at: null,
  metadata: {},
};

/** Ada pays Grace 25.00 for garden work from her wallet: invoice 1042, paid. */
export const gardenInvoice: Invoice = {
  id: ids.gardenInvoice,
  invoice_no: 1042,
  payer_id: ids.ada,
  payee_id: ids.grace,
  payer_name: people.ada.name,
  payer_handle: people.ada.handle,
  payee_name: people.grace.name,
  payee_handle: people.grace.handle,
  amount: amounts.garden,
  currency,
  description: 'Garden work',
  status: 'paid',
  payment_id: null,
  transfer_id: ids.gardenTransfer,
  issued_at: times.billed,
  paid_at: times.billed,
  refunded_at: null,
  refunded_amount: 0,
  updated_at: times.billed,
  hold_id: null,
  amount_paid: amounts.garden,
};

/** Ada cashes 20.00 out to her PayPal account; PayPal has not confirmed it yet. */
export const cashOutPending: Payout = {
  id: ids.cashOut,
  user_id: ids.ada,
  wallet_id: ids.adaWallet,
  amount: amounts.cashOut,
  currency,
  receiver: people.ada.paypal,
  metadata: { reference: 'cash-out-7' },
  status: 'processing',
  failure_reason: null,
  paypal_batch_id: '5UXD2E8A7EBQJ',
  paypal_item_id: null,
  transfer_id: ids.cashOutTransfer,
  sandbox: false,
  created_at: times.cashOut,
  updated_at: times.cashOut,
  completed_at: null,
  released_by: null,
  release_reason: null,
};

export const cashOutSucceeded: Payout = {
  ...cashOutPending,
  status: 'succeeded',
  paypal_item_id: '8AELMXH8UB2P8',
  updated_at: times.cashOutPaid,
  completed_at: times.cashOutPaid,
};

/** An admin pays Grace's frozen wallet's whole balance out to her PayPal account. */
export const releasePayout: Payout = {
  ...cashOutPending,
  id: ids.release,
  user_id: ids.grace,
  wallet_id: ids.graceWallet,
  amount: graceAfterReversal,
  receiver: people.grace.email,
  metadata: {},
  status: 'pending',
  paypal_batch_id: null,
  transfer_id: ids.releaseTransfer,
  created_at: times.released,
  updated_at: times.released,
  released_by: ids.admin,
  release_reason: 'Account closed after dispute 2291; balance paid to the owner',
};

/** Ada's report of 1 to 3 November: the top-up and the credit in, the dinner out. */
export const novemberReport: ReportSummary = (() => {
  const none = { count: 0, amount: 0 };
  const day = (date: string, deposits: { count: number; amount: number }, out = none) => ({
    date,
    payments_made: none,
    payments_received: none,
    deposits,
    transfers_in: none,
    transfers_out: out,
  });
  const daily = [
    day('2026-11-01', none),
    day('2026-11-02', { count: 2, amount: amounts.funding + amounts.deposit }),
    day('2026-11-03', none, { count: 1, amount: amounts.dinner }),
  ];
  return {
    from: '2026-11-01',
    to: '2026-11-03',
    currencies: [
      {
        currency,
        totals: {
          payments_made: none,
          payments_received: none,
          deposits: { count: 2, amount: amounts.funding + amounts.deposit },
          transfers_in: none,
          transfers_out: { count: 1, amount: amounts.dinner },
          invoices_paid: none,
          invoices_received: none,
        },
        daily,
      },
    ],
  };
})();

const messageBase = {
  user_id: ids.ada,
  channel: 'email' as const,
  to: people.ada.email,
  status: 'sent' as const,
  attempts: 1,
  error: null,
};

/** Ada's inbox: the receipt of her dinner payment, unread, and the welcome she read long ago. */
export const adaMessages: InboxMessage[] = [
  {
    ...messageBase,
    id: ids.receiptEmail,
    template: 'payment_sent',
    subject: 'You sent 25.00 USD to Grace Hopper',
    body: 'Hello Ada,\n\nYou sent 25.00 USD to Grace Hopper (@grace).\nDescription: Dinner\n\nThe MoneyPal team',
    provider_id: '<0193e4b1-2d00-7f10-9c20-4e5f60718293@moneypal.example>',
    created_at: times.dinner,
    updated_at: times.dinner,
    sent_at: times.dinner,
    read_at: null,
  },
  {
    ...messageBase,
    id: ids.welcomeEmail,
    template: 'registration',
    subject: 'Welcome to MoneyPal',
    body: 'Hello Ada,\n\nWelcome to MoneyPal. Your wallet is open.\n\nThe MoneyPal team',
    provider_id: '<0193e0a1-5d00-7b10-8c20-3d4e5f607182@moneypal.example>',
    created_at: times.adaJoined,
    updated_at: times.adaJoined,
    sent_at: times.adaJoined,
    read_at: times.funded,
  },
];
