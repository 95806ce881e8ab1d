# The two set-up commands: `make run` (serve the demo city) and `make test`.
# Everything else here is what those two need.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1

.PHONY: run test install assets translations checks security lock pytest demo clean bench

run: install assets translations
	$(BIN)/eoffice db upgrade
	$(BIN)/eoffice demo load
	$(BIN)/eoffice serve --host $(HOST) --port $(PORT) --with-worker

# SECURITY= skips bandit and semgrep (CI's second run, on PostgreSQL: they read the code,
# not the database, and ran in the first).
SECURITY ?= security
test: install assets translations checks $(SECURITY) pytest

install: $(VENV)/.installed

# The exact versions of requirements.lock (hash-checked), then eoffice itself.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

assets:
	bash tools/build_assets.sh

translations: install
	$(BIN)/pybabel compile --use-fuzzy -q -d eoffice/translations 2>/dev/null || $(BIN)/pybabel compile -d eoffice/translations

checks: install
	$(BIN)/python tools/check_module_size.py eoffice
	$(BIN)/ruff check eoffice tests tools migrations
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python tools/check_migrations.py
	$(BIN)/python tools/check_lock.py

# bandit and the project's semgrep rules, offline (docs/security/static-analysis.md).
security: install
	bash tools/security_checks.sh

# Recompile requirements.lock and tools/locks/*.lock after changing a dependency.
lock:
	bash tools/lock.sh

pytest: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Timings, never a pass/fail: every bench/ script in a short mode and a table of ratios
# (bench/README.md; BENCH_ARGS="--databases sqlite,postgresql --files 1000000").
bench: install assets translations
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf instance eoffice/static/dist .pytest_cache .mypy_cache .ruff_cache
