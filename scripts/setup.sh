#!/usr/bin/env bash
# Installs what a fresh machine of this kind lacks to build, run and test the Atlas.
# Idempotent: every step checks first and is skipped when already done.
# Only package registries are used (crates.io, npm, Debian): see ../README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.11
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# 1. The wasm target for the hydrate bundle.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. cargo-leptos, built without its GitHub downloads. Its own lock file pins a
#    cargo-util-schemas that needs a newer rustc, so we build a copy with 0.14.1.
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (no_downloads), ~15 min on 2 cores"
  work=$(mktemp -d)
  mkdir -p "$work/fetcher/src"
  cat > "$work/fetcher/Cargo.toml" <<TOML
[package]
name = "fetcher"
version = "0.0.0"
edition = "2021"
[dependencies]
cargo-leptos = "=$CARGO_LEPTOS_VERSION"
TOML
  echo 'fn main() {}' > "$work/fetcher/src/main.rs"
  (cd "$work/fetcher" && cargo fetch -q)
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/cargo-leptos-$CARGO_LEPTOS_VERSION | head -1)
  cp -r "$src" "$work/cargo-leptos"
  (cd "$work/cargo-leptos" && cargo update -q -p cargo-util-schemas --precise 0.14.1)
  cargo install --path "$work/cargo-leptos" --locked --no-default-features --features no_downloads
  rm -rf "$work"
fi

# 3. wasm-bindgen-cli at exactly the version Cargo.lock pins.
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$wb_version"; then
  say "installing wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# 4. Chromium from Debian for the browser tests (never Playwright's download).
if [ ! -x /usr/bin/chromium ]; then
  say "apt-get install chromium"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# 4b. wrk and nginx from Debian, for `make bench` (load test against the server and a static baseline).
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  say "apt-get install wrk nginx-light (benchmarks)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk nginx-light >/dev/null
  # The package starts a site on port 80; the bench runs its own nginx.
  $SUDO service nginx stop >/dev/null 2>&1 || true
fi

# 5. npm packages: playwright-core (tests), binaryen (wasm-opt that keeps hydration
#    working; Debian's does not), leaflet (vendored into the site's assets).
if [ ! -d end2end/node_modules ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "npm ci in end2end/"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
fi

# 6. Front-end assets from npm into public/vendor (served by the app, no CDN).
if [ -f scripts/vendor.sh ]; then bash scripts/vendor.sh; fi

say "ready"
