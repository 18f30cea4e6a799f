-- One pgbench transaction of the yardstick: a transfer between two different random accounts
-- of 1..:accounts (set with -D accounts=N), in one round trip.
\set from random(1, :accounts)
\set to 1 + (:from + random(0, :accounts - 2)) % :accounts
\set amount random(1, 100)
select transfer(:from, :to, :amount);
