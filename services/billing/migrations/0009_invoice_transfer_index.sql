-- The invoice of one movement is looked up by its transfer (`GET /v1/invoices?transfer_id=`),
-- as a transaction's page links to its invoice. An escrow bill's hold id is unique already.
create index invoices_transfer_idx on invoices (transfer_id) where transfer_id is not null;
