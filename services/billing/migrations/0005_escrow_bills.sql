-- Escrow bills: the payer's money waits in a ledger hold, and the invoice is `held` until
-- the hold is captured (`paid`) or voided or expired with nothing captured (`cancelled`).

alter table invoices
  drop constraint invoices_status_check,
  add constraint invoices_status_check
    check (status in ('pending', 'paid', 'failed', 'partially_refunded', 'refunded', 'held', 'cancelled')),
  -- The hold of an escrow bill, and the ledger transfer that moved the amount into it.
  add column hold_id uuid,
  add column hold_transfer_id uuid,
  -- What the hold's capture paid the payee; null until then, and for every other invoice.
  add column captured_amount bigint,
  add constraint invoices_hold_id_key unique (hold_id),
  add constraint invoices_hold_check check ((hold_id is null) = (hold_transfer_id is null)),
  add constraint invoices_captured_amount_check
    check (captured_amount is null or (hold_id is not null and captured_amount > 0 and captured_amount <= amount));
