# The two set-up commands: `make run` (serve the demo city) and `make test`.
# Everything else here is what those two need.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1

.PHONY: run test install assets translations checks pytest demo clean

run: install assets translations
	$(BIN)/eoffice db upgrade
	$(BIN)/eoffice demo load
	$(BIN)/eoffice serve --host $(HOST) --port $(PORT) --with-worker

test: install assets translations checks pytest

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
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

pytest: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf instance eoffice/static/dist .pytest_cache .mypy_cache .ruff_cache
