-- A posting's idempotency record stores in `response` only what the journal does not hold,
-- {"ok":true,"posted":{transfer_id, wallet_id, main, savings, available, all_entries}}
-- (the balance its caller was shown and which entries they saw), and a retry's answer is
-- rebuilt from the transfer and its entries: about 200 bytes instead of a 0.9 KB answer
-- written with every transfer. Refusals keep their error; older records their result.
--
-- Records are written in time order and removed by age: a BRIN index finds the expired
-- ones while costing next to nothing per insert, where a B-tree took an entry each.
drop index idempotency_keys_created_at_idx;
create index idempotency_keys_created_at_brin on idempotency_keys using brin (created_at);
