-- Payments through PayPal: one row per payment, from its creation (before the PayPal
-- order exists) to its capture, failure or refund. Money is bigint minor units.
create table payments (
  id uuid primary key,
  payer_id uuid not null,
  wallet_id uuid not null,
  paid_to uuid,
  amount bigint not null check (amount > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  description text,
  status text not null
    check (status in ('created', 'approved', 'pending', 'captured', 'failed', 'refunded')),
  failure_reason text check (failure_reason in ('declined', 'cancelled', 'expired')),
  approve_url text,
  paypal_order_id text unique,
  paypal_capture_id text unique,
  paypal_refund_id text unique,
  -- The payer's Idempotency-Key and the SHA-256 of the request it came with: a retry with
  -- the same key answers this payment, the same key with another body is refused.
  idempotency_key text not null,
  request_hash text not null,
  -- Until when one request holds the right to create the PayPal order; a retry of the
  -- same key meanwhile is "in flight", after it (a crash, a PayPal failure) it may retry.
  order_lease_until timestamptz,
  -- true when the order lives at the local PayPal simulator.
  sandbox boolean not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  captured_at timestamptz,
  refunded_at timestamptz,
  constraint payments_idempotency_key unique (payer_id, idempotency_key),
  check ((status = 'failed') = (failure_reason is not null)),
  check (status not in ('captured', 'refunded') or (paypal_capture_id is not null and captured_at is not null)),
  check (status <> 'refunded' or refunded_at is not null)
);

-- A payer's payments, newest first (ids are UUIDv7).
create index payments_payer_idx on payments (payer_id, id);

-- Every PayPal webhook event applied or ignored, by PayPal's event id: a redelivery of an
-- event already here changes nothing.
create table webhook_receipts (
  event_id text primary key,
  event_type text not null,
  resource_id text,
  payment_id uuid,
  outcome text not null check (outcome in ('applied', 'ignored')),
  received_at timestamptz not null
);
