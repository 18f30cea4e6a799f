-- Rotating refresh tokens. Only the SHA-256 of a token is stored; the token itself exists
-- only in the client's hands. A family is one login session: every rotation adds a row
-- to it, and reuse of a replaced token revokes the whole family.
create table refresh_tokens (
  id uuid primary key,
  family_id uuid not null,
  user_id uuid not null references users (id),
  token_hash text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null,
  replaced_by uuid,
  revoked_at timestamptz
);

create unique index refresh_tokens_token_hash_key on refresh_tokens (token_hash);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id) where revoked_at is null;
