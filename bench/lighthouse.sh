#!/usr/bin/env bash
# Lighthouse (npm, mobile profile) with Debian's Chromium on five page types of a server already
# running at $ATLAS_URL (default: starts one on SQLite with the full national data). Prints the
# four scores per page; targets: performance ≥ 95, accessibility 100, best practices ≥ 95, SEO ≥ 95.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${CARGO_TARGET_DIR:-target}
SERVER=${ATLAS_SERVER:-$TARGET/release/server}
PORT=3302
[ -x /usr/bin/chromium ] || { echo "bench/lighthouse.sh : /usr/bin/chromium absent (scripts/setup.sh)"; exit 0; }
if [ ! -d bench/lighthouse/node_modules ] || [ bench/lighthouse/package-lock.json -nt bench/lighthouse/node_modules/.package-lock.json ]; then
  (cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error)
fi
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT
URL=${ATLAS_URL:-}
if [ -z "$URL" ]; then
  DATABASE_URL="sqlite://$WORK/lh.db" ATLAS_DEMO=1 LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=target/site ATLAS_TILE_URL='' RUST_LOG=warn \
    "$SERVER" serve >"$WORK/server.log" 2>&1 &
  URL=http://127.0.0.1:$PORT
  for _ in $(seq 1 120); do curl -sf "$URL/healthz" >/dev/null && break; sleep 1; done
fi
printf '%-52s %11s %13s %14s %5s\n' page performance accessibilité "bonnes prat." SEO
for page in / /carte /regies /regies/assoc-la-regie-de-nos-quartiers-troyes /territoires/departement/93; do
  CHROME_PATH=/usr/bin/chromium bench/lighthouse/node_modules/.bin/lighthouse "$URL$page" --quiet --output=json --output-path="$WORK/r.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    >/dev/null 2>&1 || { echo "$page : lighthouse a échoué"; continue; }
  node -e '
    const r = require(process.argv[1]); const c = r.categories; const s = (k) => Math.round(c[k].score * 100);
    const fails = Object.values(r.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === "binary").map((a) => a.id);
    const ms = (k) => Math.round(r.audits[k].numericValue);
    console.log(process.argv[2].padEnd(52), String(s("performance")).padStart(11), String(s("accessibility")).padStart(13),
      String(s("best-practices")).padStart(14), String(s("seo")).padStart(5),
      `  FCP ${ms("first-contentful-paint")} ms, LCP ${ms("largest-contentful-paint")} ms, TBT ${ms("total-blocking-time")} ms, CLS ${r.audits["cumulative-layout-shift"].numericValue.toFixed(3)}`,
      fails.length ? "  (" + fails.slice(0, 6).join(", ") + ")" : "");
  ' "$WORK/r.json" "$page"
done
