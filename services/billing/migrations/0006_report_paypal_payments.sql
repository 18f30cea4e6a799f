-- Reports leave out the credit that funds a provider's PayPal payment (the payment itself
-- counts): they look captures up by that credit's transfer.
create index captures_fund_transfer_idx on captures (fund_transfer_id) where settle_transfer_id is not null;
