# Relais — `make run` to start, `make test` to test. `make help` lists every target.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .uv/bin/uv
VENV := .venv
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
BIN := $(VENV)/bin
PG_URL ?= postgresql://127.0.0.1:5432/test
# npm ci refuses a lock file written without the other platforms' optional packages (as with
# omit-lockfile-registry-resolved); npm install then installs the same locked versions.
NPM_CI := npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error
# apt lists may be missing or stale on a fresh machine: refresh them once if the install fails.
APT_INSTALL := sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq "$$0" >/dev/null 2>&1 || \
  { apt-get update -qq >/dev/null && apt-get install -y -qq "$$0" >/dev/null; }'

.PHONY: help install pwa run serve migrate demo check test test-py test-sqlite test-postgres test-pwa lint fmt pg-up browser clean bench caddy test-fault api-types

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-groups
	@touch $@

install: $(VENV)/.synced ## Install Python dependencies from the lock file (and the PWA's, when present)
	@if [ -f pwa/package.json ]; then \
	  if [ ! -d pwa/node_modules ] || [ pwa/package-lock.json -nt pwa/node_modules/.package-lock.json ]; then \
	    (cd pwa && $(NPM_CI)); fi; fi
	@for d in tests/pushsvc tests/interop; do \
	  if [ ! -d $$d/node_modules ] || [ $$d/package-lock.json -nt $$d/node_modules/.package-lock.json ]; then \
	    (cd $$d && $(NPM_CI)); fi; done

pwa: install ## Build the PWA into pwa/dist
	@if [ -f pwa/package.json ] && grep -q '"build"' pwa/package.json; then (cd pwa && npm run --silent build); fi

migrate: install ## Apply database migrations
	$(BIN)/relais migrate

demo: migrate ## Load the demo data if the database is empty
	$(BIN)/relais seed-demo --if-empty

run: pwa demo ## Install, build, migrate, load demo data on first run, serve on http://127.0.0.1:8000
	$(BIN)/relais serve

serve: ## Serve without installing or building
	$(BIN)/relais serve

pg-up: ## Start the local PostgreSQL if it is not answering
	@pg_isready -q -h 127.0.0.1 -p 5432 || { command -v pg_ctlcluster >/dev/null && \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start && sleep 2; } || true

lint: install ## ruff, mypy, the import contracts between layers (pyproject.toml), ESLint, Prettier, stale API types
	$(BIN)/ruff check backend tests bench
	$(BIN)/ruff format --check backend tests bench
	$(BIN)/mypy
	@out=$$($(BIN)/lint-imports --no-cache) || { echo "$$out"; exit 1; }; echo "$$out" | grep -E "^Contracts:"
	cd pwa && npm run --silent lint
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(BIN)/python -m relais.openapi_dump "$$tmp/openapi.json" && \
	  (cd pwa && npm run --silent api-types -- "$$tmp/openapi.json" -o "$$tmp/schema.d.ts") && \
	  { cmp -s "$$tmp/schema.d.ts" pwa/src/api/schema.d.ts || \
	    { diff -u pwa/src/api/schema.d.ts "$$tmp/schema.d.ts" | head -n 40; \
	      echo "pwa/src/api/schema.d.ts is stale: run make api-types"; exit 1; }; }

api-types: install ## Regenerate the PWA's API types (pwa/src/api/schema.d.ts) from the OpenAPI schema
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(BIN)/python -m relais.openapi_dump "$$tmp/openapi.json" && \
	  (cd pwa && npm run --silent api-types -- "$$tmp/openapi.json")

fmt: install ## Format the Python code
	$(BIN)/ruff format backend tests bench
	$(BIN)/ruff check --fix backend tests bench
	cd pwa && npm run --silent fmt

caddy: ## Install Caddy (Debian package) for the proxy tests if it is missing
	@command -v caddy >/dev/null || $(APT_INSTALL) caddy

browser: ## Install Debian's Chromium for the browser tests if it is missing (never a downloaded browser)
	@[ -x /usr/bin/chromium ] || $(APT_INSTALL) chromium

test-fault: install pg-up caddy ## The fault battery alone (processes killed, database cut, disk full)
	$(BIN)/pytest -q -m fault tests/ops

check: install caddy ## The inner loop, under 3 minutes: lint, type checks, unit, PWA and API tests on SQLite
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory lint test-pwa && \
	RELAIS_TEST_ENGINE=sqlite $(BIN)/pytest -q -n 2 -m "not browser and not fault and not slow"; \
	status=$$?; echo "make check: $$(( $$(date +%s) - start )) s (exit $$status)"; exit $$status

test-sqlite: install pwa pg-up caddy browser ## Every test, on SQLite (the multi-process tests use PostgreSQL too), with coverage
	RELAIS_TEST_ENGINE=sqlite $(BIN)/pytest -q -n 2 --dist loadfile -m "not browser" --cov=relais --cov-report=
	@$(BIN)/coverage report --skip-covered --sort=cover | tail -n 25
	RELAIS_TEST_ENGINE=sqlite $(BIN)/pytest -q -n 2 --dist loadfile -m browser

test-postgres: install pwa pg-up browser ## The database tests again, on PostgreSQL
	RELAIS_TEST_ENGINE=postgres RELAIS_TEST_PG_URL=$(PG_URL) $(BIN)/pytest -q -n 2 --dist loadfile -m "db and not browser and not fault and not once"
	RELAIS_TEST_ENGINE=postgres RELAIS_TEST_PG_URL=$(PG_URL) $(BIN)/pytest -q -n 2 --dist loadfile -m "db and browser and not once"

test-pwa: install ## The PWA's own tests (shared triage vectors)
	@if [ -f pwa/package.json ]; then (cd pwa && npm run --silent typecheck && npm test --silent); fi

test: lint test-pwa test-sqlite test-postgres ## Install test needs and run every test on both engines

bench: install ## Run the benchmarks (prints figures)
	@for b in bench/*.py; do case $$b in */before_after.py|*/common.py) continue;; esac; \
	  echo "== $$b"; $(BIN)/python $$b; done

clean: ## Remove installed environments and build output (keeps var/)
	rm -rf .uv $(VENV) pwa/node_modules pwa/dist
