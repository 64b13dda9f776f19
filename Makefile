# Two entry points for a fresh machine with Python 3.11+: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run dev test check lint format worker bench-registry bench-workflow bench-rekap clean

$(STAMP): pyproject.toml
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Butuh Python 3.11 atau lebih baru")'
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

.env:
	cp .env.example .env

# Set-up (virtualenv, migrations, wilayah, demo data) then the app and its task worker, as an
# office sees it: DEBUG off, Indonesian error pages, static files from WhiteNoise.
run: $(STAMP) .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py muat_wilayah
	$(BIN)/python manage.py muat_demo
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/python scripts/run_dev.py

# The same with DEBUG on and both processes reloading on a code change, for development.
dev: $(STAMP) .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py muat_wilayah
	$(BIN)/python manage.py muat_demo
	$(BIN)/python scripts/run_dev.py --dev

worker: $(STAMP) .env
	$(BIN)/python manage.py db_worker

# Lint, the layer contract and its circles, module sizes, types, migrations, then the suite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python scripts/import_cycles.py
	$(BIN)/python scripts/module_sizes.py
	$(BIN)/mypy
	DATABASE_URL=sqlite://:memory: $(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings_test
	$(BIN)/pytest

lint format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Benchmarks (need the PostgreSQL server on 127.0.0.1:5432); figures go in docs/performance.md.
bench-registry: $(STAMP)
	$(BIN)/python bench/registry.py --n 10000 --n 1000000

bench-workflow: $(STAMP)
	$(BIN)/python bench/workflow.py

clean:
	rm -rf $(VENV) staticfiles

bench-rekap: $(STAMP)
	$(BIN)/python bench/rekap.py
