# ICIM Academy: `make run` serves the platform, `make test` runs every check. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# Exported: in development the settings derive PUBLIC_BASE_URL (links, QR codes, did:web) from it,
# so the server, seed_demo and a worker agree on the address actually served.
export PORT ?= 8000
# Development defaults; production sets DJANGO_DEBUG=false and a real DJANGO_SECRET_KEY.
export DJANGO_DEBUG ?= true

SYSTEM_PACKAGES := chromium gettext poppler-utils libmagic1 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk ffmpeg espeak-ng xmlsec1
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/public -type f 2>/dev/null)
LOCALE_SOURCES := $(wildcard locale/*/LC_MESSAGES/django.po)
LOCALE_BINARIES := $(LOCALE_SOURCES:.po=.mo)

.PHONY: help setup run worker test test-install lint audit test-backend test-frontend test-e2e schema clean system-packages apt-install bench bench-scale

help:
	@echo "make run     install everything, load demo data, build the web app, serve on :$(PORT)"
	@echo "make test    install what is missing, then run every check and test suite"
	@echo "make setup   the install/migrate/build step alone (idempotent)"
	@echo "make worker  start a Celery worker (needs REDIS_URL)"
	@echo "make schema  regenerate the OpenAPI schema and the frontend's API types"
	@echo "make audit   known vulnerabilities in Python and npm dependencies (needs network)"
	@echo "make bench   benchmarks on PostgreSQL with gunicorn and wrk (see README)"
	@echo "make bench-scale  the web tier at 1x and 10x the learner data (about 40 minutes)"

# --- installation -----------------------------------------------------------------------------
system-packages:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(SYSTEM_PACKAGES)"

apt-install:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages:" $$missing; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y --no-install-recommends $$missing >/dev/null \
	      || { apt-get update >/dev/null && apt-get install -y --no-install-recommends $$missing >/dev/null; }; \
	  else \
	    echo "Missing system packages: $$missing"; \
	    echo "Install them with: sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

# The installer is pinned first (requirements-installer.lock), so the install never depends on the pip
# that this machine's Python happens to bring.
$(VENV)/.installed: requirements.lock requirements-installer.lock pyproject.toml scripts/install-python.sh
	scripts/install-python.sh $(PYTHON) $(VENV)
	touch $@

# What a newcomer's machine does: a brand-new venv from the stock interpreter installs the lock. CI
# runs it first, so a lock or installer that a fresh machine refuses fails the build.
test-install:
	rm -rf var/fresh-venv && mkdir -p var
	scripts/install-python.sh $(PYTHON) var/fresh-venv
	var/fresh-venv/bin/python -c "import django, rest_framework, weasyprint, fontTools.ttLib.woff2, pyhanko; print('fresh venv: lock installed, pip', __import__('pip').__version__)"
	rm -rf var/fresh-venv

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The independent credential verifier (Digital Bazaar's libraries) that the test suite runs.
interop/node_modules/.installed: interop/package-lock.json
	npm ci --prefix interop --no-audit --no-fund --loglevel=error
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build --silent

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	msgfmt --check -o $@ $<

setup: system-packages $(VENV)/.installed interop/node_modules/.installed frontend/dist/index.html $(LOCALE_BINARIES)
	$(PY) manage.py migrate --noinput -v0

run: setup
	$(PY) manage.py seed_demo
	$(PY) manage.py demo_videos
	@echo "Serving ICIM Academy on http://127.0.0.1:$(PORT)  (API docs: /api/docs/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: setup
	$(VENV)/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2

schema: $(VENV)/.installed frontend/node_modules/.installed
	$(PY) manage.py spectacular --fail-on-warn --validate --file frontend/openapi.yaml
	cd frontend && npm run api:types --silent

# --- checks -----------------------------------------------------------------------------------
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run -v1

test-backend: setup
	$(VENV)/bin/pytest

test-frontend: setup
	mkdir -p var
	$(PY) manage.py spectacular --fail-on-warn --validate --file var/openapi.yaml
	@diff -q var/openapi.yaml frontend/openapi.yaml >/dev/null || \
	  { echo "frontend/openapi.yaml is stale: run 'make schema' and commit the result"; exit 1; }
	cd frontend && npm run lint --silent && npm run api:check --silent && npm run test --silent
	npm test --prefix interop --silent

# The journeys include a demo video played for real, so the server makes the demo videos
# (about 90 s the first time on 2 cores, cached in var/demo-media/ afterwards).
test-e2e: setup
	cd frontend && E2E_DEMO_VIDEOS=$${E2E_DEMO_VIDEOS-1} npm run e2e

# Bounded: about 9 minutes from a fresh clone on 2 cores, installs and seed included. BENCHMARKS.md gets
# every figure; var/bench/ keeps each step's output.
bench: system-packages $(VENV)/.installed frontend/dist/index.html
	@$(MAKE) --no-print-directory apt-install PACKAGES="wrk"
	@mkdir -p var/bench && rm -f var/bench/*.json var/bench/*.md && date +%s > var/bench/started
	$(PY) tests/benchmarks/bench.py
	set -o pipefail; $(PY) tests/benchmarks/bench_rendering.py | tee var/bench/rendering.md
	set -o pipefail; $(PY) tests/benchmarks/bench_pipeline.py | tee var/bench/pipeline.md
	set -o pipefail; $(PY) tests/benchmarks/bench_sealing.py | tee var/bench/sealing.md
	$(PY) tests/benchmarks/bench_worker_memory.py
	$(PY) tests/benchmarks/bench_search.py
	set -o pipefail; $(PY) tests/benchmarks/bench_large_course.py | tee var/bench/large-course.txt
	$(PY) tests/benchmarks/bench_video.py
	$(PY) tests/benchmarks/bench_package.py
	$(PY) tests/benchmarks/bench_lti.py
	set -o pipefail; $(PY) tests/benchmarks/bench_cartridge.py | tee var/bench/cartridge.txt
	set -o pipefail; $(PY) tests/benchmarks/bench_import_memory.py | tee var/bench/import-memory.txt
	if [ -n "$(BENCH_SCALE_OUT)" ]; then $(PY) tests/benchmarks/bench_scale_out.py; fi
	node frontend/scripts/bundle-size.mjs --json > var/bench/bundle.json || true
	$(PY) tests/benchmarks/bench_lighthouse.py
	$(PY) tests/benchmarks/report.py

# The web tier at 1x and at 10x the learner-side data, each in its own database (seeded when
# missing, in under 15 minutes at 10x); var/bench/scale/ keeps the figures for report.py.
bench-scale: system-packages $(VENV)/.installed
	@$(MAKE) --no-print-directory apt-install PACKAGES="wrk"
	$(PY) tests/benchmarks/bench_scale.py $(BENCH_SCALE_ARGS)

# Warns (does not fail) when the vulnerability databases cannot be reached; AUDIT_REQUIRED=1 fails.
audit: $(VENV)/.installed frontend/node_modules/.installed interop/node_modules/.installed
	$(PY) scripts/audit_dependencies.py

test: test-install lint audit test-backend test-frontend test-e2e
	@echo "All checks passed."

clean:
	rm -rf var/ frontend/dist frontend/node_modules interop/node_modules $(VENV)
