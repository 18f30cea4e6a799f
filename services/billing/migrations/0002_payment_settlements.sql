-- What billing did with each captured and each refunded PayPal payment, so that a
-- repeated or late event reads the outcome here instead of asking the ledger again (the
-- ledger forgets idempotent answers after its retention).

create table captures (
  payment_id uuid primary key,
  payer_id uuid not null,
  wallet_id uuid not null,
  -- The provider paid with the money, or null when the payer funded their own wallet.
  provider_id uuid,
  amount bigint not null check (amount > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  -- paypal-clearing → the payer's wallet; null when the ledger refused the credit.
  fund_transfer_id uuid,
  -- The payer's wallet → the provider's; null without a provider or when refused.
  settle_transfer_id uuid,
  provider_wallet_id uuid,
  -- The step the ledger refused ('fund' or 'settle'), with its error code and message.
  refused_step text check (refused_step in ('fund', 'settle')),
  refusal_code text,
  refusal_message text,
  applied_at timestamptz not null,
  check ((refused_step is null) = (refusal_code is null)),
  check ((settle_transfer_id is null) = (provider_wallet_id is null))
);

-- A refund's reversal of the ledger effect of its capture. `failed` is final: the ledger
-- refused a step for a reason that a retry would meet again (the money was spent).
create table refund_reversals (
  payment_id uuid primary key references captures (payment_id),
  status text not null check (status in ('reversed', 'failed', 'nothing_to_reverse')),
  -- The provider's wallet → the payer's, and the payer's wallet → paypal-clearing.
  settle_transfer_id uuid,
  fund_transfer_id uuid,
  failed_step text check (failed_step in ('settle', 'fund')),
  failure_code text,
  failure_message text,
  applied_at timestamptz not null,
  check ((status = 'failed') = (failed_step is not null)),
  check ((failed_step is null) = (failure_code is null))
);

create index refund_reversals_failed_idx on refund_reversals (applied_at) where status = 'failed';
