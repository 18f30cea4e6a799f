-- The stored answer of every request that moves money, per caller (scope) and key, kept
-- for the retention period (at least 24 h) and then removed by the service.
create table idempotency_keys (
  scope text not null,
  key text not null,
  operation text not null,
  -- SHA-256 of the request's canonical JSON: the same key with another body is refused.
  request_hash text not null,
  -- {"ok":true,"result":…} or {"ok":false,"error":{code,message,details}}.
  response jsonb not null,
  created_at timestamptz not null,
  primary key (scope, key)
);

create index idempotency_keys_created_at_idx on idempotency_keys (created_at);
