# Two commands do all set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test test-fast lint format bench clean test-llm test-guides

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

# What the tests need besides Python packages (tests/system_tools.py lists them): Chromium
# and fonts for the pane's browser tests, redis-server and nginx for instances that share state
# behind a proxy, certutil for the guides, and Node.js for the pane's npm tools (package.json)
# in ./node_modules. As root with apt-get (CI) it installs them; as a developer through sudo
# where sudo can run (a password is asked at a terminal only). Otherwise it prints one block:
# what is missing, what is skipped for it, and the command that installs it; the run goes on
# and the next one tries again. `make test SYSTEM_PACKAGES="chromium ..."` checks other packages.
SYSTEM_PACKAGES ?=

$(VENV)/.installed-system: | $(VENV)/.installed-test
	@$(BIN)/python -m tests.system_tools --stamp $@ $(SYSTEM_PACKAGES)

# Without npm there is no node_modules: the Node steps are skipped (the block above says so).
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "npm install --no-audit --no-fund --no-package-lock --loglevel=error"; \
	  npm install --no-audit --no-fund --no-package-lock --loglevel=error && touch $@; fi

# Why the Node steps (tsc, node --test) cannot run, if they cannot; empty when they can.
# PENWISE_TEST_NODE names another node (one that does not exist: a machine without it).
NODE := $(or $(PENWISE_TEST_NODE),node)
NODE_MISSING = $(shell command -v $(NODE) >/dev/null 2>&1 || echo "$(NODE) is not installed"; \
	[ -f node_modules/.installed ] || echo "no node_modules (npm)")

# mypy over the whole package (configured in pyproject.toml: strict on records, text and rules).
MYPY := $(BIN)/mypy addin_server

# The whole task pane, strict, its Office hosts against Microsoft's own type definitions
# (taskpane/jsconfig.json, @types/office-js), and the Apps Script files against Google's
# (typecheck/apps-script.json, @types/google-apps-script). tsc reads only .js files, so each
# manifest/gdocs/*.gs is checked as a copy, build/typecheck/*.js, with the same lines.
TYPECHECK := node_modules/.bin/tsc -p taskpane/jsconfig.json \
	&& rm -rf build/typecheck && mkdir -p build/typecheck \
	&& for script in manifest/gdocs/*.gs; do cp $$script build/typecheck/$$(basename $$script .gs).js; done \
	&& node_modules/.bin/tsc -p typecheck/apps-script.json

# Two processes, each taking whole test files (their servers and browsers are shared per
# file): most tests wait on a server, a browser or a model stand-in, so two at a time fill
# two cores. `make test PYTEST_PARALLEL=` runs them one after the other.
PYTEST_PARALLEL ?= -n 2 --dist loadfile

test: $(VENV)/.installed-test $(VENV)/.installed-system node_modules/.installed
	$(BIN)/ruff check addin_server tests bench quality
	$(MYPY)
	$(if $(NODE_MISSING),@echo "skipped tsc and node --test: $(NODE_MISSING)",$(TYPECHECK))
	$(if $(NODE_MISSING),,$(NODE) --test tests/pane/unit/)
	$(BIN)/pytest $(PYTEST_PARALLEL)

# The edit-test loop: ruff, the pane's unit tests and the Python tests that are not `slow`
# (no browser, no server process, no Redis, nginx, benchmarks or guides; how a test is
# classed: tests/speed.py). Under 2 minutes on 2 cores; `make test` runs them all.
test-fast: $(VENV)/.installed-test node_modules/.installed
	$(BIN)/ruff check addin_server tests bench quality
	$(if $(NODE_MISSING),@echo "skipped node --test: $(NODE_MISSING)",$(NODE) --test tests/pane/unit/)
	$(BIN)/pytest -m "not slow" -q --durations=5 $(PYTEST_PARALLEL)

# The opt-in real-model test: llama.cpp's server with Gemma 3 270M (pip builds llama.cpp once,
# about 5 minutes on 2 cores, then reuses the cached wheel). The default build crashes on CPUs
# it misdetects; these flags build one for any x86-64 with AVX2.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AMX_INT8=OFF

$(VENV)/.installed-llm: pyproject.toml $(VENV)/.installed-test
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) install -e '.[test,llm]'
	touch $@

test-llm: $(VENV)/.installed-llm
	$(BIN)/pytest -m llm tests/real_model

# Every command block of the guides in order, as written, in a sandbox of its own (root,
# unshare): the servers they start, nginx in front, the requests through it. `make test` runs
# the blocks that need no server and `nginx -t` on the sites; this runs them all (a minute or
# two: each server builds its engine). tests/docs/blocks.py says how blocks are marked.
test-guides: $(VENV)/.installed-test $(VENV)/.installed-system
	$(BIN)/pytest -m guides tests/docs

# Every bench/bench_*.py measures against a baseline in the same run and updates BENCHMARKS.md.
bench: $(VENV)/.installed-test
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(VENV)/.installed-test node_modules/.installed
	$(BIN)/ruff check addin_server tests bench quality
	$(BIN)/ruff format --check addin_server tests bench quality
	$(MYPY)
	$(TYPECHECK)

format: $(VENV)/.installed-test
	$(BIN)/ruff format addin_server tests bench quality
	$(BIN)/ruff check --fix addin_server tests bench quality

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info node_modules test-output

# --- quality (issue 6) ---
.PHONY: quality bench-grammar
# Score Harper alone and the local engine on JFLEG dev (../shared/eval/jfleg-dev) -> QUALITY.md.
quality: $(VENV)/.installed-test
	$(BIN)/python -m quality

# Time /v1/check with and without our grammar rules -> BENCHMARKS.md (grammar section).
bench-grammar: $(VENV)/.installed-test
	$(BIN)/python bench/bench_grammar.py

# The configuration reference, docs/configuration.md, from the settings themselves.
.PHONY: docs
# docs/configuration.md is written from the settings (addin_server/config/); a test fails when
# it is out of date.
docs: $(VENV)/.installed-run
	$(BIN)/python -m addin_server.config.reference --output docs/configuration.md
