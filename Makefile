# Developer and CI entry points. Every target works on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Local commands run with development settings; production sets its own environment.
export DJANGO_DEBUG ?= 1

.PHONY: install run test lint format migrate seed e2e bench bench-live edge stack stack-smoke soak lighthouse clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py load_seeds

run: seed
	@echo "Background tasks (relinking) run at once here; production runs them in a worker:"
	@echo "    python manage.py db_worker"
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

# A minute of load on gunicorn + PostgreSQL with a database restart in the middle;
# needs the local PostgreSQL cluster. Not part of `make test`.
soak: install
	$(PY) bench/soak.py $(SOAK_ARGS)

# The public pages under load (gunicorn, PostgreSQL, Redis, wrk) against a bare Django
# project serving one of them, in the same run; report in bench/results/site.md. Needs the
# local PostgreSQL cluster and Redis; installs wrk when it is missing. Not part of `make test`.
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "FATAL: wrk is not installed and could not be installed" >&2; exit 1; }
	$(PY) bench/bench_site.py $(BENCH_ARGS)

# The site behind Varnish on http://127.0.0.1:$(EDGE_PORT) (gunicorn, a task worker sending
# the purges, Varnish with xkey; installs varnish and varnish-modules when missing), using
# DATABASE_URL and REDIS_URL. Ctrl-C stops all of it.
EDGE_PORT ?= 8080
edge: install
	EDGE_PORT=$(EDGE_PORT) PY=$(PY) deploy/edge.sh

# The whole production stack of deploy/ on loopback, from its own files: PostgreSQL
# (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/newsroom_stack, made when
# missing), a Redis of its own, gunicorn and the worker as their systemd units say,
# Varnish, and nginx with TLS (self-signed) on a free port; installs varnish and nginx when
# missing. Ctrl-C stops all of it. stack-smoke checks it through nginx, then stops it.
stack: install
	PY=$(PY) deploy/up.sh

stack-smoke: install
	PY=$(PY) deploy/up.sh --smoke

# A live newsroom (readers, editors, purges) for 60 s with the app cache alone and behind
# Varnish; report in bench/results/live.md. Needs PostgreSQL, Redis, wrk and varnish
# (installed when missing). Not part of `make test`.
bench-live: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "FATAL: wrk is not installed and could not be installed" >&2; exit 1; }
	@command -v varnishd >/dev/null || { apt-get update -qq && apt-get install -y -qq varnish varnish-modules >/dev/null; } \
		|| { echo "FATAL: varnish is not installed and could not be installed" >&2; exit 1; }
	$(PY) bench/bench_live.py $(BENCH_ARGS)

# Browser journeys against the real site in Debian's Chromium (Playwright cannot download
# browsers here). A missing Chromium fails the run; it never skips.
CHROMIUM ?= /usr/bin/chromium
# The Nu Html Checker (the W3C validator) from npm; it runs on Java.
VNU_VERSION := 26.9.27
VNU_JAR := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; } \
		|| { echo "FATAL: Java is not installed and could not be installed" >&2; exit 1; }
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq npm >/dev/null; } \
		|| { echo "FATAL: npm is not installed and could not be installed" >&2; exit 1; }
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/vnu vnu-jar@$(VNU_VERSION)

e2e: install $(VNU_JAR)
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
		|| { echo "FATAL: Chromium is not at $(CHROMIUM) and could not be installed" >&2; exit 1; }
	@test -x $(CHROMIUM) || { echo "FATAL: Chromium is not at $(CHROMIUM)" >&2; exit 1; }
	E2E_CHROMIUM=$(CHROMIUM) E2E_VNU_JAR=$(abspath $(VNU_JAR)) $(PY) -m pytest tests/e2e -o addopts="" -p no:cacheprovider \
		--strict-markers $(PYTEST_ARGS)

# Lighthouse from npm in Debian's Chromium against the site as production serves it:
# the front page, an article with a lead image and an entity page, on a phone and a desktop.
# Not part of `make test`.
LIGHTHOUSE_VERSION := 12.2.3
LIGHTHOUSE := .cache/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/lighthouse lighthouse@$(LIGHTHOUSE_VERSION)

lighthouse: install $(LIGHTHOUSE)
	@test -x $(CHROMIUM) || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
		|| { echo "FATAL: Chromium is not at $(CHROMIUM) and could not be installed" >&2; exit 1; }
	$(PY) bench/lighthouse.py --lighthouse $(LIGHTHOUSE) --chromium $(CHROMIUM) $(LIGHTHOUSE_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
