-- Partial refunds: a payment is refunded by one refund or several, each a row of its own
-- with its own PayPal-Request-Id, up to the captured amount; and metadata on payments.

alter table payments drop constraint payments_status_check;
alter table payments add constraint payments_status_check check (
  status in ('created', 'approved', 'pending', 'captured', 'failed', 'partially_refunded', 'refunded')
);

-- The sum of the payment's completed refunds; `refunded` once it is the whole amount.
alter table payments add column refunded_amount bigint not null default 0;
update payments set refunded_amount = amount where status = 'refunded';
alter table payments add constraint payments_refunded_amount_check
  check (refunded_amount >= 0 and refunded_amount <= amount);
alter table payments add constraint payments_refund_status_check check (
  (status = 'refunded') = (refunded_amount = amount)
  and (status = 'partially_refunded') = (refunded_amount > 0 and refunded_amount < amount)
);

-- The payer's own string pairs (at most 20, bounded at the edge), filtered by containment.
alter table payments add column metadata jsonb not null default '{}';
create index payments_metadata_idx on payments using gin (metadata jsonb_path_ops);

create table refunds (
  id uuid primary key,
  payment_id uuid not null references payments (id),
  amount bigint not null check (amount > 0),
  reason text,
  -- requested: asked of PayPal, its amount reserved; pending: PayPal completes it later;
  -- completed: counted in the payment's refunded_amount; failed: PayPal refused it.
  status text not null check (status in ('requested', 'pending', 'completed', 'failed')),
  paypal_refund_id text unique,
  -- PayPal's issue when it refused the refund, answered again to a retry of the same key.
  failure_issue text,
  -- The admin who asked, with their Idempotency-Key and the SHA-256 of the request; all
  -- null for a refund made at PayPal outside MoneyPal and learnt from its webhook.
  requested_by uuid,
  idempotency_key text,
  request_hash text,
  -- Until when one request holds the right to ask PayPal for a requested refund; after it
  -- (a crash, PayPal unreachable) a retry of the same key asks again with the same
  -- PayPal-Request-Id.
  lease_until timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  completed_at timestamptz,
  constraint refunds_idempotency_key unique (requested_by, idempotency_key),
  check ((requested_by is null) = (idempotency_key is null)),
  check ((idempotency_key is null) = (request_hash is null)),
  check ((status = 'completed') = (completed_at is not null)),
  check (status <> 'pending' or paypal_refund_id is not null)
);

-- A payment's refunds, oldest first (ids are UUIDv7).
create index refunds_payment_idx on refunds (payment_id, id);

-- Refunds made before there were refund rows: one full refund per payment, completed or
-- pending at PayPal. Their ids are random: they sort before every later refund of theirs
-- only because a payment refunded in full has no later refund.
insert into refunds (id, payment_id, amount, status, paypal_refund_id, created_at, updated_at, completed_at)
select gen_random_uuid(), id, amount, 'completed', paypal_refund_id, refunded_at, refunded_at, refunded_at
from payments where status = 'refunded';
insert into refunds (id, payment_id, amount, status, paypal_refund_id, created_at, updated_at)
select gen_random_uuid(), id, amount, 'pending', paypal_refund_id, updated_at, updated_at
from payments where status = 'captured' and paypal_refund_id is not null;

alter table payments drop column paypal_refund_id;
