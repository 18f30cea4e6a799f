-- Partial refunds: a PayPal payment may be refunded by several refunds, each reversed in
-- the ledger by its own amount, once; its invoice is partially_refunded until all is.

alter table invoices drop constraint invoices_status_check;
alter table invoices add constraint invoices_status_check
  check (status in ('pending', 'paid', 'failed', 'partially_refunded', 'refunded'));

-- What the refunds of the invoice's payment gave back so far.
alter table invoices add column refunded_amount bigint not null default 0;
update invoices set refunded_amount = amount where status = 'refunded';
alter table invoices add constraint invoices_refunded_amount_check
  check (refunded_amount >= 0 and refunded_amount <= amount);

-- One reversal per refund (the refund's id at payments), of that refund's amount. Those
-- from before were full refunds, one per payment: their refund is named by the payment id.
alter table refund_reversals add column refund_id uuid;
alter table refund_reversals add column amount bigint;
update refund_reversals as reversal set refund_id = reversal.payment_id, amount = capture.amount
  from captures as capture where capture.payment_id = reversal.payment_id;
alter table refund_reversals alter column refund_id set not null;
alter table refund_reversals alter column amount set not null;
alter table refund_reversals add constraint refund_reversals_amount_check check (amount > 0);
alter table refund_reversals drop constraint refund_reversals_pkey;
alter table refund_reversals add primary key (refund_id);
create index refund_reversals_payment_idx on refund_reversals (payment_id);
