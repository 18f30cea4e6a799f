-- The gateway asks every second which sessions ended lately (its deny-list of access
-- tokens): revoked tokens by time, without touching the live ones.
create index refresh_tokens_revoked_idx on refresh_tokens (revoked_at) where revoked_at is not null;
