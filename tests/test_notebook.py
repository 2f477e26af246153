"""The analyst notebook (docs/analyst.ipynb) shows its figure inline with no magic (issue 18)."""

from __future__ import annotations

import importlib.util
import json
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "analyst.ipynb"


def _outputs(nb: dict[str, object]) -> list[dict[str, object]]:
    cells = nb["cells"]
    assert isinstance(cells, list)
    return [o for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])]


def test_the_executed_notebook_holds_an_inline_image_and_no_magic() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    sources = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in code]
    assert not any("%matplotlib" in s or "pyplot" in s for s in sources)
    images = [o for o in _outputs(nb) if "image/png" in o.get("data", {})]  # type: ignore[operator]
    assert images, "the executed notebook shows no inline figure"
    assert not [o for o in _outputs(nb) if o.get("output_type") == "error"]


@pytest.mark.skipif(
    not all(importlib.util.find_spec(m) for m in ("nbclient", "nbformat", "ipykernel")),
    reason='needs pip install "kinerja[notebook]"',
)
def test_the_notebook_runs_on_a_fresh_kernel_and_draws_inline() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_notebook.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 inline image" in done.stdout
