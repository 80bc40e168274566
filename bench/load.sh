#!/usr/bin/env bash
# Load test (make bench): wrk against the server with the full national data, on SQLite then on
# PostgreSQL (when TEST_DATABASE_URL is set), at 50 and 200 connections; nginx serving the very
# same response bytes as static files, for scale; the server's peak memory. Prints figures only.
# Needs wrk and nginx (Debian: apt-get install wrk nginx). On a 2-core machine wrk shares the CPU
# with the server: read the figures as relative.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-target}
SERVER=${ATLAS_SERVER:-$TARGET/release/server}
DURATION=${BENCH_DURATION:-5s}
PORT=3300
NGINX_PORT=3301
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; rm -rf "$WORK"' EXIT

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "bench/load.sh : $tool absent (apt-get install wrk nginx)"; exit 0; }
done

ENDPOINTS=(
  "/"
  "/regies"
  "/regies/assoc-la-regie-de-nos-quartiers-troyes"
  "/qpv/QN01007I"
  "/api/v1/carte/qpv.geojson?bbox=2.2,48.8,2.5,49.0&zoom=12"
  "/api/suggestions?q=sarc"
  "/recherche?q=sarc"
  "/territoires/departement/93"
)

# wrk's summary → "req/s p50 p99"
measure() {
  wrk -t2 -c"$2" -d"$DURATION" --latency "$1" 2>/dev/null | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 }
    /^ +99%/ { p99 = $2 }
    END { printf "%s %s %s", rps, p50, p99 }'
}

run_backend() {
  local label=$1 url=$2
  rm -rf "$WORK/static" && mkdir -p "$WORK/static"
  DATABASE_URL=$url LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site ATLAS_TILE_URL='' RUST_LOG=warn,atlas_service::snapshot=info \
    "$SERVER" serve >"$WORK/server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
  # nginx serves each response's bytes as a file.
  local i=0
  for e in "${ENDPOINTS[@]}"; do
    curl -sf "http://127.0.0.1:$PORT$e" -o "$WORK/static/e$i"
    i=$((i + 1))
  done
  cat >"$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/static; location / { default_type text/html; } }
}
CONF
  nginx -c "$WORK/nginx.conf" -p "$WORK"
  echo
  echo "== $label: server vs nginx (same bytes), wrk -t2 -d$DURATION"
  printf '%-58s %5s %10s %9s %9s %10s %7s\n' endpoint conn "req/s" p50 p99 "nginx r/s" "srv/ngx"
  i=0
  for e in "${ENDPOINTS[@]}"; do
    local size
    size=$(stat -c %s "$WORK/static/e$i")
    for c in 50 200; do
      read -r rps p50 p99 <<<"$(measure "http://127.0.0.1:$PORT$e" "$c")"
      read -r nrps _ _ <<<"$(measure "http://127.0.0.1:$NGINX_PORT/e$i" "$c")"
      printf '%-58s %5s %10s %9s %9s %10s %7s\n' "$e ($size B)" "$c" "$rps" "$p50" "$p99" "$nrps" \
        "$(awk -v a="$nrps" -v b="$rps" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')"
    done
    i=$((i + 1))
  done
  # A full snapshot rebuild under load, as when the territories are imported again: the old
  # snapshot serves until the new one is swapped in, so both are in memory for a moment.
  local before
  before=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' /proc/$pid/status)
  DATABASE_URL=$url RUST_LOG=warn "$SERVER" import communes data/reference >"$WORK/import.log" 2>&1
  local t0=$SECONDS
  wrk -t2 -c50 -d10s "http://127.0.0.1:$PORT/regies" >/dev/null 2>&1 &
  local load=$!
  until [ "$(grep -c "place indexes built" "$WORK/server.log")" -ge 2 ] || [ $((SECONDS - t0)) -gt 60 ]; do sleep 0.5; done
  wait "$load"
  echo "server peak memory (VmHWM): ${before} MB over the load, $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$pid/status) with a full snapshot rebuild under load (now $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' /proc/$pid/status))"
  kill "$(cat "$WORK/nginx.pid")" && rm -f "$WORK/nginx.pid"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

run_backend "SQLite" "sqlite://$WORK/bench.db"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  psql "$TEST_DATABASE_URL" -qc "DROP SCHEMA IF EXISTS bench_load CASCADE; CREATE SCHEMA bench_load" >/dev/null 2>&1
  sep='?'; [[ $TEST_DATABASE_URL == *\?* ]] && sep='&'
  run_backend "PostgreSQL" "$TEST_DATABASE_URL${sep}options=-c%20search_path%3Dbench_load"
  psql "$TEST_DATABASE_URL" -qc "DROP SCHEMA bench_load CASCADE" >/dev/null 2>&1
else
  echo "PostgreSQL: TEST_DATABASE_URL not set, skipped"
fi
