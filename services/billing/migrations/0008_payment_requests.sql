-- Payment requests: a requester asks a payer for an amount, to land in one of the requester's
-- wallets. `status` is stored as pending, paid, declined or cancelled; a pending request past
-- `expires_at` is read as expired (and can no longer be paid), so no sweeper has to run.
create table payment_requests (
  id uuid primary key,
  requester_id uuid not null,
  payer_id uuid not null,
  to_wallet_id uuid not null,
  amount bigint not null check (amount > 0),
  currency text not null,
  description text,
  status text not null check (status in ('pending', 'paid', 'declined', 'cancelled')),
  expires_at timestamptz not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- Once paid: the payer's wallet, the ledger transfer, and the payer's Idempotency-Key with the
  -- hash of the pay request it came with (a retry with the key replays the answer).
  from_wallet_id uuid,
  transfer_id uuid unique,
  paid_at timestamptz,
  pay_idempotency_key text,
  pay_request_hash text,
  -- Declined or cancelled.
  closed_at timestamptz,
  decline_reason text,
  -- Pay attempts the ledger refused (insufficient funds, a limit, …). The ledger's key of the
  -- next attempt counts them, so an attempt whose outcome is unknown (a timeout) is retried under
  -- the same ledger key, and money moves at most once per request.
  refused_attempts integer not null default 0,
  check (requester_id <> payer_id),
  check ((status = 'paid') = (transfer_id is not null))
);

create index payment_requests_payer_idx on payment_requests (payer_id, id desc);
create index payment_requests_requester_idx on payment_requests (requester_id, id desc);
create unique index payment_requests_pay_key_idx on payment_requests (payer_id, pay_idempotency_key);

-- A pay the ledger refused, kept under the payer's Idempotency-Key: a retry with the same key and
-- body meets the same refusal (Stripe's semantics); a new key tries again.
create table payment_request_refusals (
  payer_id uuid not null,
  idempotency_key text not null,
  payment_request_id uuid not null references payment_requests (id),
  request_hash text not null,
  code text not null,
  message text not null,
  details jsonb,
  refused_at timestamptz not null,
  primary key (payer_id, idempotency_key)
);
