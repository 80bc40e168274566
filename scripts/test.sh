#!/usr/bin/env bash
# The whole suite, as `make test` runs it (after `cargo leptos build --release`):
#   1. cargo tests: domain unit tests, integration tests on SQLite and PostgreSQL (TEST_DATABASE_URL);
#   2. cargo leptos build --release, then browser tests (Playwright + Debian's Chromium) against the release server, once per backend.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[test]\033[0m %s\n' "$*"; }
target_dir="${CARGO_TARGET_DIR:-$PWD/target}"
export ATLAS_SERVER="$target_dir/release/server"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$PWD/target/site}"

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if [ "${CI:-}" = true ]; then echo "CI=true : TEST_DATABASE_URL est obligatoire" >&2; exit 1; fi
  say "NOTE : TEST_DATABASE_URL non défini, tests PostgreSQL IGNORÉS (ex. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)"
fi

say "cargo test (unitaires + intégration)"
cargo test --release -p atlas-core -p atlas-service -p app -p server -- \
  --skip follow_an_import --skip follows_an_import --skip hostile_requests --skip a_thousand_hostile_payloads --skip hostile_payloads_on_every --skip two_instances_share_the_participatory_space --skip a_comment_on_one_instance_reaches
# Their figures (commit-to-visible times per instance, live news across instances, hostile requests sent) are part of the report.
say "fraîcheur des instances et requêtes hostiles (chiffres affichés)"
# The same packages as above: the same features, so nothing is built again.
cargo test --release -p atlas-core -p atlas-service -p app -p server --test freshness --test hostile --test hostile_accounts --test hostile_participation --test participation_instances --test live -- --nocapture

# After cargo test, which rebuilds the server binary without cargo-leptos's settings.
say "cargo leptos build --release --precompress --split"
cargo leptos build --release --precompress --split

run_e2e() { # run_e2e NAME DATABASE_URL
  say "tests navigateur sur $1"
  (cd end2end && ATLAS_BACKEND="$1" ATLAS_DATABASE_URL="$2" npx playwright test)
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run_e2e sqlite "sqlite://$work/e2e.db"

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  schema="atlas_e2e_$$"
  psql "$TEST_DATABASE_URL" -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null
  sep='?'; case "$TEST_DATABASE_URL" in *\?*) sep='&';; esac
  status=0
  run_e2e postgres "$TEST_DATABASE_URL${sep}options=-c%20search_path%3D$schema" || status=$?
  # Quiet: its cascade notices would bury the browser tests' summary at the end of the log.
  PGOPTIONS="-c client_min_messages=warning" psql "$TEST_DATABASE_URL" -q -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null || true
  exit $status
fi
