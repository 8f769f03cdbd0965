# Everything a fresh machine needs, from only Python >= 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo app test test-slow lint docs dist bench bench-peers clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,bench,app]"
	touch $(STAMP)

demo: $(STAMP)  ## solve the bundled example and say where the result is
	@mkdir -p out
	$(BIN)/workshop-assign solve examples/smart_cities_anmeldungen.xlsx -o out/zuteilung.xlsx

app: $(STAMP)  ## the local web page, with the bundled example loaded
	$(BIN)/workshop-assign app examples/smart_cities_anmeldungen.xlsx

# axe-core (the accessibility audit of the browser tests), fetched once from npm where npm
# is installed; without it that audit is skipped and says so.
AXE_VERSION := 4.14.1
AXE := tests/.cache/axe.min.js

$(AXE):
	@mkdir -p tests/.cache
	@if command -v npm >/dev/null 2>&1; then \
	    (cd tests/.cache && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
	    && tar -xzf axe-core-$(AXE_VERSION).tgz --strip-components=1 package/axe.min.js \
	    && rm -f axe-core-$(AXE_VERSION).tgz) \
	    || echo "axe-core could not be fetched: the accessibility audit will be skipped"; \
	else echo "npm not found: the accessibility audit of the browser tests will be skipped"; fi

# The tests start the command hundreds of times: let Python keep its compiled modules.
test: export PYTHONDONTWRITEBYTECODE :=
test-slow: export PYTHONDONTWRITEBYTECODE :=

test: $(STAMP) $(AXE)  ## the test suite on every core (pytest-xdist); the slow cases: make test-slow
	$(BIN)/python -m pytest -n auto -m "not large and not slow"

test-slow: $(STAMP) $(AXE)  ## the slow cases (CI runs them after make test)
	$(BIN)/python -m pytest -n auto -m slow

lint: $(STAMP)  ## ruff and mypy --strict on src/
	$(BIN)/ruff check src tests examples benchmarks
	$(BIN)/ruff format --check src tests examples benchmarks
	$(BIN)/mypy

docs: $(STAMP)  ## the documentation site into site/ (strict: a broken link or reference fails)
	$(BIN)/mkdocs build --strict --quiet

dist: $(STAMP)  ## a wheel and an sdist into dist/
	$(BIN)/python -m build --no-isolation --outdir dist .

bench: $(STAMP)  ## the benchmark suite (not part of CI)
	$(BIN)/python benchmarks/run.py

bench-peers:  ## the peer libraries the benchmark compares with, in their own environment
	python3 -m venv benchmarks/.peers
	benchmarks/.peers/bin/python -m pip install --quiet matching==1.4.3 fairpyx==0.1

clean:
	rm -rf $(VENV) out site dist .pytest_cache .mypy_cache .ruff_cache
