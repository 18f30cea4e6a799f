-- Invoices and their numbering. Money columns are bigint minor units.

-- One row: the last invoice number taken. It is incremented in the transaction that
-- inserts the invoice, so a rolled-back attempt takes no number (a sequence would leave
-- gaps), and its row lock hands out numbers in commit order.
create table invoice_counter (
  id boolean primary key default true check (id),
  last_no bigint not null check (last_no >= 0)
);

insert into invoice_counter (id, last_no) values (true, 0);

create table invoices (
  id uuid primary key,
  invoice_no bigint not null,
  payer_id uuid not null,
  payee_id uuid not null,
  amount bigint not null check (amount > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  description text,
  status text not null check (status in ('pending', 'paid', 'failed', 'refunded')),
  -- The PayPal payment it bills; null for a bill paid from the wallet.
  payment_id uuid,
  -- The ledger transfer that paid it, once paid.
  transfer_id uuid,
  -- A bill paid from the wallet: the payer's Idempotency-Key and the SHA-256 of the request.
  idempotency_key text,
  request_hash text,
  issued_at timestamptz not null,
  paid_at timestamptz,
  refunded_at timestamptz,
  updated_at timestamptz not null,
  constraint invoices_invoice_no_key unique (invoice_no),
  constraint invoices_payment_id_key unique (payment_id),
  -- Null keys are distinct, so invoices of payments never meet here.
  constraint invoices_bill_key unique (payer_id, idempotency_key),
  check ((idempotency_key is null) = (request_hash is null)),
  -- Every invoice bills either a payment or a bill.
  check ((payment_id is null) <> (idempotency_key is null))
);

create index invoices_payer_idx on invoices (payer_id, invoice_no);
create index invoices_payee_idx on invoices (payee_id, invoice_no);
