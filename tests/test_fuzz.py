"""The bounded CI run of the mutation fuzzer (fuzz/harness.py; ``make fuzz`` runs it for two minutes).

Fixed seed and a fixed number of inputs per entry point, so a failure reproduces with
``python fuzz/harness.py --seed 2026 --iterations 500``. No exception but a KinerjaError may
escape an entry point (except the open sites listed in tests/test_crash_regressions.py), and
the differential checks (batch vs single, JSON round trips, workers 1 vs 2) must all agree.
"""

from __future__ import annotations

import importlib.util
import io as _io
import pathlib
import sys
from types import ModuleType

from test_crash_regressions import KNOWN_OPEN

HARNESS = pathlib.Path(__file__).resolve().parent.parent / "fuzz" / "harness.py"


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kinerja_fuzz_harness", HARNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_fuzzer_finds_no_new_crash_and_no_disagreement() -> None:
    harness = _harness()
    fuzzer = harness.Fuzzer(seed=2026, save=None)
    fuzzer.run(iterations=500, seconds=None)
    report = _io.StringIO()
    fuzzer.report(report)
    print(report.getvalue())  # the figures, shown with pytest -s
    disagreements = [site for site in fuzzer.crashes if "disagreement" in site]
    assert disagreements == [], report.getvalue()
    assert harness.crash_sites(fuzzer) <= KNOWN_OPEN, report.getvalue()
    inputs = {name: s["inputs"] for name, s in fuzzer.stats.items()}
    assert all(n > 0 for n in inputs.values()), inputs  # every entry point was exercised
