#!/usr/bin/env bash
# Live streams (make bench): the server's resident memory with 1,000 open `/api/direct` streams
# (one per browser), before and after they open, on SQLite with the national data. The time a
# comment takes to reach another instance's stream is printed by `make test` (server/tests/live.rs);
# the fan-out of a status to 1,000 followers by `cargo bench --bench participation`. Figures only.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-target}
SERVER=${ATLAS_SERVER:-$TARGET/release/server}
PORT=3310
CLIENTS=${BENCH_SSE_CLIENTS:-1000}
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT
# Each stream is a connection: the server needs as many file descriptors.
ulimit -n 8192 2>/dev/null || true
DATABASE_URL="sqlite://$WORK/sse.db" LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site ATLAS_TILE_URL='' RUST_LOG=warn \
  "$SERVER" serve >"$WORK/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
node - "$PORT" "$CLIENTS" "$pid" <<'JS'
const http = require('http');
const fs = require('fs');
const [port, clients, pid] = process.argv.slice(2).map(Number);
const rss = () => Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const open = () => new Promise((ok, ko) => http.get({ host: '127.0.0.1', port, path: '/api/direct', agent }, ok).on('error', ko));
(async () => {
  await new Promise((r) => setTimeout(r, 1000));
  const before = rss();
  const streams = [];
  for (let i = 0; i < clients; i++) streams.push(await open());
  await new Promise((r) => setTimeout(r, 2000));
  const after = rss();
  const alive = streams.filter((s) => s.statusCode === 200 && !s.destroyed).length;
  console.log(`SQLite: ${alive} open /api/direct streams; server resident memory ${before} kB before, ${after} kB after: ${((after - before) / clients).toFixed(1)} kB per stream`);
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
JS
