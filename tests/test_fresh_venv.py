"""The analyst's notebook (docs/analyst.md) in a brand-new virtual environment, as a new user runs it.

``scripts/fresh_venv_check.sh`` creates a venv without system site-packages, installs
``kinerja[pandas,plot]`` from ``pyproject.toml`` (nothing else but pytest), checks that the
extras import, and runs the doctest sessions of docs/analyst.md top to bottom: read a CSV of a
unit, score it, draw the curve picture, write the report. It needs the package index that
``make test`` itself installs from; ``KINERJA_SKIP_FRESH_VENV=1`` skips it for quick local runs.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.mark.skipif(os.environ.get("KINERJA_SKIP_FRESH_VENV") == "1", reason="KINERJA_SKIP_FRESH_VENV=1")
def test_analyst_notebook_runs_in_a_fresh_venv_with_only_the_extras() -> None:
    base = getattr(sys, "_base_executable", sys.executable)  # the interpreter behind our own venv
    proc = subprocess.run(
        ["bash", str(ROOT / "scripts" / "fresh_venv_check.sh"), base],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "fresh-venv-check ok" in proc.stdout
