#!/usr/bin/env bash
# Runs once, on the first start of the postgres container (an empty data volume), from
# /docker-entrypoint-initdb.d: one login role and one database per MoneyPal service, the
# database owned by its role and closed to every other role, so that no service can read
# another's tables. Each role's password comes from <SERVICE>_DB_PASSWORD.
set -euo pipefail

for service in identity ledger payments billing notifications; do
  password_variable="${service^^}_DB_PASSWORD"
  password="${!password_variable:-}"
  if [ -z "$password" ]; then
    echo "init.sh: $password_variable is not set" >&2
    exit 1
  fi
  # psql variables (:"name" quotes an identifier, :'name' a literal), so no value is
  # ever spliced into SQL text.
  psql --set ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set role="$service" --set password="$password" --set database="moneypal_$service" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"role";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO :"role";
SQL
done
