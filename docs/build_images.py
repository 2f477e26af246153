"""Build the pictures of docs/analyst.md from the example data bundled with kinerja.

Run from the repository root (the docs build does)::

    python docs/build_images.py            # writes docs/images/*.png
    python docs/build_images.py OUTDIR     # elsewhere

Needs ``kinerja[pandas,plot]``. The output is deterministic (no clock, no randomness),
so re-running it leaves the committed images unchanged unless the code changed.
``docs/images/report.png`` (the HTML report in a browser) is made by
``scripts/browser_check.sh``, which needs Chromium.
"""

from __future__ import annotations

import copy
import pathlib
import sys
from typing import Any

import matplotlib

matplotlib.use("Agg")  # a script, not a notebook: never open a window

import kinerja
import kinerja.pandas as kp
from kinerja import plot
from kinerja.policies.talenta import Potensi, TalentBoxPolicy, TalentFacts
from kinerja.reporting import demo_data

DPI = 100
METADATA = {"Software": None}  # no matplotlib version stamp: the PNG bytes depend on the picture only


def _save(fig: Any, out: pathlib.Path, name: str) -> None:
    path = out / name
    fig.savefig(path, dpi=DPI, metadata=METADATA)
    print(f"wrote {path}")


def curve(out: pathlib.Path) -> None:
    """The unit of the example agency that breaks its curve (organisation predikat Butuh Perbaikan)."""
    results = kp.score(kp.read_agency())
    checks = kp.curve_checks(results)
    unit = "Bidang Infrastruktur dan Kewilayahan"
    _save(plot.curve(checks[unit], title=unit), out, "curve.png")


def history(out: pathlib.Path) -> None:
    """One example employee over four quarters (the annual document re-dated per quarter, ratings varied)."""
    doc = demo_data()["units"][0]["documents"][3]
    quarters = [
        ("2025-01-01", "2025-03-31", "Sesuai Ekspektasi", "Sesuai Ekspektasi"),
        ("2025-04-01", "2025-06-30", "Di Bawah Ekspektasi", "Sesuai Ekspektasi"),
        ("2025-07-01", "2025-09-30", "Sesuai Ekspektasi", "Di Atas Ekspektasi"),
        ("2025-10-01", "2025-12-31", "Di Atas Ekspektasi", "Di Atas Ekspektasi"),
    ]
    results = []
    for start, end, hk, pk in quarters:
        d = copy.deepcopy(doc)
        d["period"] = {"start": start, "end": end}
        d["hasil_kerja"], d["perilaku_kerja"] = hk, pk
        d.pop("kepala_unit", None)
        d.pop("predikat_organisasi", None)
        rule, obj = kinerja.load(d)
        results.append(rule.evaluate(obj))
    name = doc["employee"]["name"]
    _save(plot.history(results, title=f"{name}: predikat per quarter, 2025"), out, "history.png")


def score_distribution(out: pathlib.Path) -> None:
    """A unit of 24 under PP 46/2011: the bundled example document with the perilaku values varied."""
    from kinerja.rules.pp46_2011 import example_document

    results = []
    for i in range(24):
        d = example_document()
        d["employee"]["nip"] = f"1985031020100110{i + 10:02d}"
        base = 48 + (i * 37) % 50  # spread over 48 … 97, deterministic
        d["perilaku"] = {k: str(base + j % 3) for j, k in enumerate(d["perilaku"])}
        rule, obj = kinerja.load(d)
        results.append(rule.evaluate(obj))
    fig = plot.score_distribution(kp.from_results(results), title="Nilai prestasi kerja of 24 employees (PP 46/2011)")
    _save(fig, out, "score_distribution.png")


def talent_grid(out: pathlib.Path) -> None:
    """The example agency on the 9-box: kinerja from each predikat, potensial from the BerAKHLAK ratings
    (illustration only: two or more values Di Atas → Tinggi, one → Menengah, none → Rendah)."""
    policy = TalentBoxPolicy()
    placed = {}
    for unit in demo_data()["units"]:
        for d in unit["documents"]:
            rule, obj = kinerja.load(d)
            result = rule.evaluate(obj)
            above = sum(1 for v in d.get("perilaku", {}).values() if v == "Di Atas Ekspektasi")
            potensi = Potensi.TINGGI if above >= 2 else Potensi.MENENGAH if above == 1 else Potensi.RENDAH
            name = d["employee"]["name"].split(",")[0]
            placed[name] = policy.decide(TalentFacts(kinerja_predikat=result.predikat, potensi=potensi))
    _save(plot.talent_grid(placed, title="Example agency on the talent grid (9-box)"), out, "talent_grid.png")


def main(argv: list[str]) -> int:
    out = pathlib.Path(argv[0]) if argv else pathlib.Path(__file__).resolve().parent / "images"
    out.mkdir(parents=True, exist_ok=True)
    for build in (curve, history, score_distribution, talent_grid):
        build(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
