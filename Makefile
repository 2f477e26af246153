# kinerja — the two set-up commands (see README): `make demo` and `make test`.
# Each creates its own virtual environment (.venv) and installs from pyproject.toml.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench vectors docs browser-check fresh-venv-check clean fuzz

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON) on PATH (or: make PYTHON=python3 ...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,pandas,plot,notebook,dask,testing,server,db,fast]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kinerja demo

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs
	$(BIN)/python scripts/check_structure.py src --ruff $(BIN)/ruff

typecheck: $(STAMP)
	$(BIN)/mypy --strict src/kinerja

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/edge.py
	$(BIN)/python benchmarks/run.py

# mutation fuzzer over every entry point (issue 16): two minutes, fixed seed; FUZZ_ARGS="--seconds 3600 --sweep" for a long run
FUZZ_ARGS ?= --seconds 120 --seed 2026
fuzz: $(STAMP)
	$(BIN)/python fuzz/harness.py $(FUZZ_ARGS)

vectors: $(STAMP)
	$(BIN)/python -m kinerja.vectors.generate
	$(BIN)/python -m kinerja.vectors.consequences

docs: $(STAMP)
	$(BIN)/python docs/build_images.py

browser-check: $(STAMP)
	bash scripts/browser_check.sh

fresh-venv-check:
	bash scripts/fresh_venv_check.sh

clean:
	rm -rf $(VENV) build dist out src/*.egg-info
