#!/usr/bin/env bash
# The analyst's notebook (docs/analyst.md), run top to bottom as a new user would:
# a brand-new virtual environment (no system site-packages), `pip install -e '.[pandas,plot]' pytest`,
# then the doctest sessions of docs/analyst.md.
#
#   scripts/fresh_venv_check.sh [PYTHON]     (default: python3)
#
# Needs network access to the package index (or a configured mirror / wheelhouse via PIP_* variables).
# Wired by the Makefile as `make fresh-venv-check`.
set -euo pipefail

cd "$(dirname "$0")/.."
PY="${1:-python3}"
VENV="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$VENV")"' EXIT

"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet -e '.[pandas,plot]' pytest
# the notebook's own imports must come from the extras, nothing else
"$VENV/bin/python" -c "import kinerja, kinerja.pandas, kinerja.plot, kinerja.reporting; print('kinerja', kinerja.__version__)"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider docs/analyst.md
echo "fresh-venv-check ok: docs/analyst.md runs in a fresh environment with kinerja[pandas,plot]"
