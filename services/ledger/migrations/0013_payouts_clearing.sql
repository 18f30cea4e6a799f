-- Payouts: the money of a payout leaves the wallet for `payouts-clearing` while PayPal sends
-- it; it moves on to `paypal-clearing` when PayPal paid it, or back to the wallet when not.
alter table accounts drop constraint accounts_system_code_check;
alter table accounts add constraint accounts_system_code_check
  check (system_code in ('paypal-clearing', 'back-office', 'payouts-clearing'));

-- A `clearing` transfer moves money between two system accounts (a paid payout's, from
-- payouts-clearing to paypal-clearing); a failed payout's money comes back to the wallet as
-- a `reversal` of its withdrawal.
alter table transfers drop constraint transfers_type_check;
alter table transfers add constraint transfers_type_check
  check (type in ('deposit', 'transfer', 'payment', 'withdrawal', 'savings', 'reversal',
                  'hold', 'hold_capture', 'hold_void', 'clearing'));
