# Two entry points that work on a fresh machine with only Python: `make demo`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench clean

$(BIN)/cxlint: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[office,html,fast]'
	touch $@

$(VENV)/.test-deps: $(BIN)/cxlint
	$(BIN)/python -m pip install --quiet -e '.[office,html,fast,test]'
	touch $@

# cxlint exits 1 when it finds misuse, which is the point of the demo: only 2+ is a failure.
demo: $(BIN)/cxlint
	$(BIN)/cxlint check examples/ || test $$? -eq 1

test: $(VENV)/.test-deps
	$(BIN)/python -m pytest -n 2 tests

# The prose for the corpus (benchmarks/requirements.txt) is data only, so --no-deps; if it cannot be
# installed the corpus falls back to CPython's own text. Peers: benchmarks/setup.sh. Quick run:
# make bench BENCH_ARGS="--scale 0.01"
bench: $(VENV)/.test-deps
	-$(BIN)/python -m pip install --quiet --no-deps -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist
