"""The cases behind the consequence vectors (issue 19): (local id, description, source kind, ref, input).

The expected output is never written here: :mod:`kinerja.vectors.consequences`
computes it from the code. The numbers of the hand-worked cases are the ones
tests/test_tukin.py and tests/test_kalibrasi.py check by hand. The cases that are plain
data (tukin, PPPK paruh waktu, kinerja buruk) live in ``kinerja/data/consequence_cases.json``;
the SKP plans and the calibration record are built here from the example agency.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kinerja import bundled
from kinerja.policies.rencana import example_agency as agency_plans

__all__ = ["CASES"]

CaseSpec = tuple[str, str, str, str, dict[str, Any]]


def _period(start: str, end: str) -> dict[str, str]:
    return {"start": start, "end": end}


def _rencana() -> list[CaseSpec]:
    clean = agency_plans(12, seed=1, units=3)
    broken = agency_plans(12, seed=1, units=3)
    broken["plans"][5]["atasan"] = "GHOST"
    broken["plans"][6]["rhk"][0]["intervensi"] = "nope"
    broken["plans"][7]["rhk"][1]["indikator"] = []
    return [
        ("clean-agency", "12 plans in a tree of 4 units, every RHK linked", "scenario", "consequences.md §4", clean),
        (
            "planted-faults",
            "a missing superior, an RHK naming no existing RHK, an RHK without indicator",
            "scenario",
            "consequences.md §4",
            broken,
        ),
    ]


def _kalibrasi() -> list[CaseSpec]:
    rows = [
        {"pegawai": "A", "before": "SANGAT_BAIK", "after": "BAIK", "reason": "Baik at most 70 %"},
        {"pegawai": "B", "before": "BAIK", "after": "BAIK"},
        {"pegawai": "C", "before": "BAIK", "after": "BAIK"},
        {"pegawai": "D", "before": "BAIK", "after": "BUTUH_PERBAIKAN", "reason": "missed two targets"},
        {"pegawai": "E", "before": "SANGAT_BAIK", "after": "SANGAT_BAIK"},
    ]
    base = {
        "unit": "Bagian Umum",
        "period": _period("2025-01-01", "2025-12-31"),
        "org_predikat": "BAIK",
        "rows": rows,
        "approved_by": "198503102010011002",
        "approved_at": "2026-01-15T09:30:00+07:00",
    }
    breaks = {**base, "rows": [{**r, "after": "BAIK", "reason": "x"} for r in rows]}
    return [
        ("baik-unit", "a Baik unit of 5 brought within the curve: 2 moves", "hand-worked", "consequences.md §5", base),
        ("refused-curve", "all Baik breaks the Baik curve (at most 70 %)", "boundary", "SE MenPANRB 3/2023", breaks),
    ]


def _bundled(kind: str) -> Callable[[], list[CaseSpec]]:
    """The cases of *kind* that are plain data: read from ``kinerja/data/consequence_cases.json``."""

    def cases() -> list[CaseSpec]:
        rows = bundled.read_json("data/consequence_cases.json")[kind]
        return [(c["id"], c["description"], c["kind"], c["ref"], c["input"]) for c in rows]

    return cases


CASES: dict[str, Callable[[], list[CaseSpec]]] = {
    "tukin": _bundled("tukin"),
    "rencana": _rencana,
    "kalibrasi": _kalibrasi,
    "pppk-paruh-waktu": _bundled("pppk-paruh-waktu"),
    "kinerja-buruk": _bundled("kinerja-buruk"),
}
"""The case builders by kind (a literal map)."""
