"""``import kinerja`` pulls in neither pandas nor matplotlib (they are optional extras)."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(out.split())


def test_import_kinerja_does_not_import_pandas_or_matplotlib() -> None:
    mods = _modules_after("import kinerja")
    assert "kinerja" in mods
    assert "pandas" not in mods
    assert "matplotlib" not in mods


def test_scoring_and_the_html_report_need_neither() -> None:
    mods = _modules_after(
        "import kinerja, kinerja.reporting as r\n"
        "kinerja.rules.available()\n"
        "r.render_html(r.unit_reports(r.demo_data()))"
    )
    assert "kinerja.reporting" in mods and "kinerja.distribution" in mods
    assert "pandas" not in mods
    assert "matplotlib" not in mods
    assert "numpy" not in mods
