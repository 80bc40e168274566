# Atlas des Régies — the two commands of the README: `make run` and `make test`.
# Both install what is missing first (scripts/setup.sh, idempotent, a few seconds when all is there).

SHELL := /bin/bash
# wasm-opt from npm's binaryen must come first: Debian's silently breaks hydration.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
SERVER := $(TARGET_DIR)/release/server
export LEPTOS_SITE_ROOT ?= $(CURDIR)/target/site

.PHONY: setup build run test test-rust test-e2e reference bench fuzz clean-db

setup:
	@bash scripts/setup.sh

build: setup
	cargo leptos build --release --precompress --split

# Serves on LEPTOS_SITE_ADDR (127.0.0.1:3000); an empty database gets the reference data first.
run: build
	ATLAS_DEV_MAIL=1 $(SERVER) serve

# Unit + integration tests (SQLite and PostgreSQL), release build, browser tests on both backends.
test: setup
	bash scripts/test.sh

# Regenerates data/reference/ from the raw public files (see data/reference/PROVENANCE.md).
reference:
	cargo run --release -p server -- reference build --from ../shared/data --out data/reference

# Property-based fuzzing of importers, search and place parameters: 256 cases in `make test`, many more here.
fuzz:
	PROPTEST_CASES=20000 cargo test --release -p atlas-core --test fuzz

bench: build
	cargo bench -p server --bench places
	cargo bench -p server --bench territories
	cargo bench -p server --bench participation
	bash bench/load.sh
	bash bench/sse.sh
	bash bench/lighthouse.sh

clean-db:
	rm -f data/atlas.db data/atlas.db-*
