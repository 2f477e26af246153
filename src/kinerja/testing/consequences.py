"""Hypothesis strategies and generators for the consequences of a predikat (issue 19).

* :func:`tukin_facts_data` — JSON tukin facts for a scheme (:mod:`kinerja.policies.tukin`);
* :func:`plans_data` — valid SKP plans of a small unit tree (:mod:`kinerja.policies.rencana`);
  :func:`agency_plans` — a deterministic agency of *n* plans, for load and fault-planting tests;
* :func:`calibration_data` — a valid calibration record's inputs (:mod:`kinerja.kalibrasi`);
* :func:`predikat_histories` — periodic predikat histories (:mod:`kinerja.policies.kinerja_buruk`,
  :mod:`kinerja.policies.pppk_paruh_waktu`).

Everything produced is plain JSON data in canonical form, so a port in another
language can be fed the same inputs.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from kinerja.model import Period, Predikat
from kinerja.policies.rencana import example_agency as agency_plans

__all__ = ["agency_plans", "calibration_data", "plans_data", "predikat_histories", "tukin_facts_data"]

PREDIKAT_CODES = [p.value for p in Predikat]


def _period_json(p: Period) -> dict[str, str]:
    return {"start": p.start.isoformat(), "end": p.end.isoformat()}


@st.composite
def tukin_facts_data(draw: st.DrawFn, basis: str = "PREDIKAT", quarterly: bool = True) -> dict[str, Any]:
    """Tukin facts for 2025-2026 pay months: a predikat per quarter (or a capaian/report count per month)."""
    year = draw(st.sampled_from([2025, 2026]))
    first = draw(st.integers(1, 12))
    last = draw(st.integers(first, 12))
    evaluations: list[dict[str, Any]] = []
    if basis == "PREDIKAT" and quarterly:
        for q in range(1, 5):
            if draw(st.booleans()):
                period = Period.quarter(year - 1, q) if q == 4 else Period.quarter(year, q)
                evaluations.append({"period": _period_json(period), "predikat": draw(st.sampled_from(PREDIKAT_CODES))})
    else:
        for m in range(first, last + 1):
            item: dict[str, Any] = {"period": _period_json(Period.month(year, m))}
            if basis == "PREDIKAT":
                item["predikat"] = draw(st.sampled_from(PREDIKAT_CODES))
            elif basis == "CAPAIAN":
                item["capaian"] = str(draw(st.integers(0, 150)))
            else:
                item["reports_below"] = draw(st.integers(0, 20))
                item["report_submitted"] = draw(st.booleans())
            evaluations.append(item)
    kehadiran = [
        {"month": f"{year}-{m:02d}", "percent": str(draw(st.integers(0, 100)))} for m in range(first, last + 1)
    ]
    return {
        "first_month": f"{year}-{first:02d}",
        "last_month": f"{year}-{last:02d}",
        "base": str(draw(st.integers(0, 50_000_000))),
        "evaluations": evaluations,
        "kehadiran": kehadiran,
        "sanksi": [{"month": f"{year}-{first:02d}", "days": draw(st.integers(0, 30))}],
        "cpns": draw(st.booleans()),
    }


@st.composite
def plans_data(draw: st.DrawFn, max_plans: int = 30) -> dict[str, Any]:
    """Valid plans of a small agency (:func:`agency_plans` with a drawn size and seed)."""
    n = draw(st.integers(1, max_plans))
    return agency_plans(n, seed=draw(st.integers(0, 2**16)), units=draw(st.integers(0, max(0, n - 1))))


@st.composite
def predikat_histories(draw: st.DrawFn, min_size: int = 0, max_size: int = 12) -> list[dict[str, Any]]:
    """Consecutive quarterly predikat from Q1 2024, as ``[{"period": ..., "predikat": ...}, ...]``."""
    size = draw(st.integers(min_size, max_size))
    out = []
    for i in range(size):
        year, q = 2024 + i // 4, i % 4 + 1
        out.append({"period": _period_json(Period.quarter(year, q)), "predikat": draw(st.sampled_from(PREDIKAT_CODES))})
    return out


@st.composite
def calibration_data(draw: st.DrawFn, max_size: int = 12) -> dict[str, Any]:
    """Inputs of a calibration record whose "after" meets the curve of a Baik organisation predikat.

    Under SE MenPANRB 3/2023 a Baik unit has Baik as the majority and at most 70 %,
    and at least one Butuh Perbaikan or Kurang: the drawn "after" has such a Baik
    count, one Butuh Perbaikan, and the rest Sangat Baik or Butuh Perbaikan.
    """
    n = draw(st.integers(5, max_size))
    baik = draw(st.integers(n // 2 + 1, n * 7 // 10))
    rest = [draw(st.sampled_from(["SANGAT_BAIK", "BUTUH_PERBAIKAN"])) for _ in range(n - baik - 1)]
    after = draw(st.permutations(["BAIK"] * baik + ["BUTUH_PERBAIKAN"] + rest))
    rows = []
    for i, a in enumerate(after):
        before = draw(st.sampled_from(PREDIKAT_CODES))
        row: dict[str, Any] = {"pegawai": f"P{i:03d}", "before": before, "after": a}
        if before != a:
            row["reason"] = draw(st.sampled_from(["evidence of results", "curve of the unit", "peer review"]))
        rows.append(row)
    return {
        "unit": "Bagian Umum",
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
        "org_predikat": "BAIK",
        "rows": rows,
        "approved_by": "198503102010011002",
        "approved_at": "2026-01-15T09:30:00+07:00",
    }
