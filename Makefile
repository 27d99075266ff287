# Two commands do all set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/addin-server serve

test: $(VENV)/.installed-test
	$(BIN)/ruff check addin_server tests
	$(BIN)/pytest

# Every bench/bench_*.py measures against a baseline in the same run and updates BENCHMARKS.md.
bench: $(VENV)/.installed-run
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(VENV)/.installed-test
	$(BIN)/ruff check addin_server tests
	$(BIN)/ruff format --check addin_server tests

format: $(VENV)/.installed-test
	$(BIN)/ruff format addin_server tests
	$(BIN)/ruff check --fix addin_server tests

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
