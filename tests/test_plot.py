"""kinerja.plot: every picture is a matplotlib Figure built without pyplot, from exact data."""

from __future__ import annotations

import io
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from matplotlib.figure import Figure

import kinerja
import kinerja.pandas as kp
from kinerja import plot
from kinerja.distribution import check_distribution
from kinerja.model import Ekspektasi
from kinerja.model import Predikat as P
from kinerja.policies.talenta import Potensi, TalentBoxPolicy, TalentFacts
from kinerja.reporting import curve_bars, demo_data, unit_reports
from kinerja.result import Result


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINERJA_LANG", "en")  # these tests read English labels; lang= still wins


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=50)
    return buf.getvalue()


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


def test_curve_marks_the_bars_that_break_a_rule() -> None:
    # worked by hand: Butuh Perbaikan unit of 8 with 3 Butuh Perbaikan (37.5 % < 60 %) and 1 Sangat Baik (> 10 %)
    check = check_distribution("Butuh Perbaikan", [P.BUTUH_PERBAIKAN] * 3 + [P.BAIK] * 4 + [P.SANGAT_BAIK])
    bars, groups = curve_bars(check)
    assert [b.predikat for b in bars] == list(P)  # worst → best
    bad = {b.predikat for b in bars if b.violated}
    assert bad == {P.BUTUH_PERBAIKAN, P.SANGAT_BAIK} and not groups
    bp = next(b for b in bars if b.predikat is P.BUTUH_PERBAIKAN)
    assert (bp.low, bp.high, bp.share) == (Decimal(60), None, Decimal("37.5"))
    fig = plot.curve(check)
    assert isinstance(fig, Figure)
    marked = [t for t in _texts(fig) if "\u2717" in t]
    assert len(marked) == 2 and _png(fig).startswith(b"\x89PNG")


def test_curve_draws_joint_rules_as_a_bracket_and_accepts_a_unit_report() -> None:
    check = check_distribution("Baik", [P.BAIK] * 8 + [P.SANGAT_BAIK])
    _, groups = curve_bars(check)
    assert len(groups) == 1 and not groups[0].holds and groups[0].count == 0
    assert any("Butuh Perbaikan + Kurang/Misconduct" in t and "fails" in t for t in _texts(plot.curve(check)))
    report = unit_reports(demo_data())[0]
    fig = plot.curve(report)
    assert report.unit in fig.axes[0].get_title()


def test_history_of_one_employee() -> None:
    nip = "199001012015031001"
    results = [
        Result("x", "1", nip, kinerja.Period.month(2024, m).label, {"predikat": p, "score": Decimal(70 + m)})
        for m, p in zip(range(1, 5), [P.BAIK, P.BUTUH_PERBAIKAN, P.BAIK, P.SANGAT_BAIK])
    ]
    fig = plot.history(list(reversed(results)))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    ydata: Any = ax.lines[0].get_ydata()
    ys = [float(y) for y in ydata]
    assert ys == [3.0, 2.0, 3.0, 4.0]  # the predikat ranks, in period order
    assert isinstance(plot.history(results, nip, value="score"), Figure)
    with pytest.raises(kinerja.ValidationError):
        plot.history(results, "198503142010012003")


def test_score_distribution_shades_the_regime_bands() -> None:
    from kinerja.rules.pp46_2011 import SEBUTAN_BANDS, example_document

    results = []
    for i, v in enumerate(["60", "70", "80", "90", "95"]):
        doc = example_document()
        doc["employee"]["nip"] = f"1985031020100110{i + 10:02d}"
        doc["perilaku"] = {k: v for k in doc["perilaku"]}
        results.append(kinerja.rules.get("pp-46-2011").evaluate(kinerja.load(doc)[1]))
    assert plot.bands_for("pp-46-2011") is SEBUTAN_BANDS
    fig = plot.score_distribution(kp.from_results(results))
    labels = {t for t in _texts(fig)}
    assert {"Sangat Baik", "Baik", "Cukup", "Kurang", "Buruk"} <= labels
    assert len(fig.axes[0].patches) > 5  # the histogram bars
    with pytest.raises(kinerja.ValidationError, match="no numeric category bands"):
        plot.bands_for("permenpanrb-6-2022")


def test_talent_grid_places_every_employee() -> None:
    policy = TalentBoxPolicy()
    placed = {
        "Ani": policy.decide(TalentFacts(kinerja=Ekspektasi.DI_ATAS, potensi=Potensi.TINGGI)),
        "Budi": policy.decide(TalentFacts(kinerja=Ekspektasi.SESUAI, potensi=Potensi.RENDAH)),
        "Citra": policy.decide(TalentFacts(kinerja=Ekspektasi.SESUAI, potensi=Potensi.RENDAH)),
    }
    fig = plot.talent_grid(placed)
    texts = _texts(fig)
    assert "Ani" in texts and "Budi\nCitra" in texts
    # the nine box numbers are drawn, each box once
    assert all(texts.count(str(n)) >= 1 for n in range(1, 10))
    assert len(fig.axes[0].patches) == 9


def test_plotting_never_touches_pyplot() -> None:
    code = (
        "import sys, kinerja.plot as p\n"
        "from kinerja.distribution import check_distribution\n"
        "p.curve(check_distribution('Baik', ['Baik', 'Baik', 'Butuh Perbaikan']))\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_figures_show_inline_without_magic() -> None:
    check = check_distribution("Baik", [P.BAIK] * 6 + [P.SANGAT_BAIK] * 4)
    fig = plot.curve(check)
    assert isinstance(fig, Figure) and isinstance(fig, plot.Chart)
    png = fig._repr_png_()
    assert png.startswith(b"\x89PNG")
    svg = fig._repr_svg_()
    assert "<svg" in svg
    formatters = pytest.importorskip("IPython.core.formatters")  # what Jupyter calls on the last expression
    data, _ = formatters.DisplayFormatter().format(fig)
    assert "image/png" in data and "image/svg+xml" in data


def test_labels_in_indonesian_and_english() -> None:
    check = check_distribution("Baik", [P.BAIK] * 6 + [P.SANGAT_BAIK] * 4)
    title_id = plot.curve(check, lang="id").axes[0].get_title()
    title_en = plot.curve(check, lang="en").axes[0].get_title()
    assert "predikat kinerja organisasi Baik" in title_id and "10 pegawai" in title_id
    assert "organisation predikat Baik" in title_en and "10 employees" in title_en
