#!/usr/bin/env bash
# The wasm cost of leptos_i18n against the Atlas's struct of strings, same keys, same build
# settings as the site (opt-level z, LTO, wasm-bindgen 0.2.130, wasm-opt -Oz from npm binaryen).
# ~15 min cold on 2 cores; prints raw / gzip / brotli bytes of each variant.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PWD/../../end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/atlas-des-regies/i18n-bench}"
python3 generate.py
for variant in baseline with-i18n; do
  features=(); [ "$variant" = with-i18n ] && features=(--features with-i18n)
  cargo build --quiet --release --target wasm32-unknown-unknown "${features[@]}"
  out="$CARGO_TARGET_DIR/$variant"; mkdir -p "$out"
  wasm-bindgen --target web --out-dir "$out" --out-name bench "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/i18n_bench.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$out/bench_bg.wasm" -o "$out/opt.wasm"
  node -e "const fs=require('fs'),z=require('zlib');const b=fs.readFileSync('$out/opt.wasm');
console.log('$variant: wasm ' + b.length + ' B, gzip ' + z.gzipSync(b,{level:9}).length + ' B, brotli ' + z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length + ' B')"
done
