"""The cases behind the consequence vectors (issue 19): (local id, description, source kind, ref, input).

The expected output is never written here: :mod:`kinerja.vectors.consequences`
computes it from the code. The numbers of the hand-worked cases are the ones
tests/test_tukin.py and tests/test_kalibrasi.py check by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kinerja.policies.rencana import example_agency as agency_plans

__all__ = ["CASES"]

CaseSpec = tuple[str, str, str, str, dict[str, Any]]


def _period(start: str, end: str) -> dict[str, str]:
    return {"start": start, "end": end}


def _q(year: int, q: int) -> dict[str, str]:
    ends = {1: "03-31", 2: "06-30", 3: "09-30", 4: "12-31"}
    return _period(f"{year}-{3 * q - 2:02d}-01", f"{year}-{ends[q]}")


def _m(year: int, month: int) -> dict[str, str]:
    last = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}.get(month, 31)
    if month == 2 and year % 4 == 0:
        last = 29
    return _period(f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last}")


def _tukin() -> list[CaseSpec]:
    return [*_tukin_annual_quarterly(), *_tukin_reports(), *_tukin_monthly(), *_tukin_weighted()]


def _tukin_annual_quarterly() -> list[CaseSpec]:
    lu = "consequences.md §1, PermenLU 3/2025 Pasal 15"
    return [
        (
            "permenlu-lag-year-boundary",
            "Q3 2025 Butuh Perbaikan pays 80 % in Oct-Dec; Q4 2025 Kurang pays 70 % in Jan-Mar 2026",
            "hand-worked",
            lu,
            {
                "scheme": "permenlu-3-2025",
                "facts": {
                    "first_month": "2025-10",
                    "last_month": "2026-03",
                    "base": "10000000",
                    "evaluations": [
                        {"period": _q(2025, 3), "predikat": "BUTUH_PERBAIKAN"},
                        {"period": _q(2025, 4), "predikat": "KURANG"},
                    ],
                },
            },
        ),
        (
            "permenlu-cpns-absence-cut",
            "Kurang 70 % × CPNS 80 % = 56 %; a 12-day absence cuts 25 % for 6 months: 42 %",
            "hand-worked",
            f"{lu}; PP 94/2021",
            {
                "scheme": "permenlu-3-2025",
                "facts": {
                    "first_month": "2026-01",
                    "last_month": "2026-02",
                    "base": "10000000",
                    "evaluations": [{"period": _q(2025, 4), "predikat": "KURANG"}],
                    "sanksi": [{"month": "2026-02", "days": 12}],
                    "cpns": True,
                },
            },
        ),
        (
            "permenlhk-next-year-rounding",
            "2024 Butuh Perbaikan pays 90 % in 2025: 3 333 333 × 90 % = 2 999 999.7 → 3 000 000 (half up)",
            "hand-worked",
            "consequences.md §1, PermenLHK 6/2024 Pasal 19",
            {
                "scheme": "permenlhk-6-2024",
                "facts": {
                    "first_month": "2025-01",
                    "last_month": "2025-01",
                    "base": "3333333",
                    "evaluations": [{"period": _period("2024-01-01", "2024-12-31"), "predikat": "BUTUH_PERBAIKAN"}],
                },
            },
        ),
    ]


def _tukin_reports() -> list[CaseSpec]:
    return [
        *[
            (
                f"permenklh-reports-{n}",
                f"{n} daily reports below expectation",
                "boundary",
                "consequences.md §1, PermenKLH/BPH 6/2025",
                {
                    "scheme": "permenklh-6-2025",
                    "facts": {
                        "first_month": "2025-05",
                        "last_month": "2025-05",
                        "base": "2000000",
                        "evaluations": [{"period": _m(2025, 5), "reports_below": n}],
                    },
                },
            )
            for n in (0, 1, 5, 6, 10, 11)
        ],
        (
            "permenklh-no-report-cpns",
            "no monthly report: 35 % cut, CPNS 80 %: 100 × 0.65 × 0.8 = 52 %",
            "hand-worked",
            "consequences.md §1, PermenKLH/BPH 6/2025",
            {
                "scheme": "permenklh-6-2025",
                "facts": {
                    "first_month": "2025-05",
                    "last_month": "2025-05",
                    "base": "2000000",
                    "evaluations": [{"period": _m(2025, 5), "report_submitted": False}],
                    "cpns": True,
                },
            },
        ),
    ]


def _tukin_monthly() -> list[CaseSpec]:
    return [
        (
            "bakamla-sangat-kurang-absence",
            "Sangat Kurang: 2 % cut (98 %); a 17-day absence: 25 % for 12 months → 73.5 %",
            "hand-worked",
            "consequences.md §1, Perban Bakamla 1/2023 Pasal 11; PP 94/2021",
            {
                "scheme": "bakamla-1-2023",
                "facts": {
                    "first_month": "2024-03",
                    "last_month": "2024-03",
                    "base": "5000000",
                    "evaluations": [{"period": _m(2024, 3), "predikat": "SANGAT_KURANG"}],
                    "sanksi": [{"month": "2023-04", "days": 17}],
                },
            },
        ),
    ]


def _tukin_weighted() -> list[CaseSpec]:
    return [
        (
            "permentan-60-40",
            "0.6 × 90 + 0.4 × 95 = 92 %",
            "hand-worked",
            "consequences.md §1, Permentan 20/2025",
            {
                "scheme": "permentan-20-2025",
                "facts": {
                    "first_month": "2025-06",
                    "last_month": "2025-06",
                    "base": "4000000",
                    "evaluations": [{"period": _m(2025, 6), "capaian": "90"}],
                    "kehadiran": [{"month": "2025-06", "percent": "95"}],
                },
            },
        ),
        (
            "permenkebud-70-30",
            "0.7 × 80 + 0.3 × 100 = 86 %",
            "hand-worked",
            "consequences.md §1, Permenkebud 3/2025 Pasal 3",
            {
                "scheme": "permenkebud-3-2025",
                "facts": {
                    "first_month": "2025-02",
                    "last_month": "2025-02",
                    "base": "3000000",
                    "evaluations": [{"period": _m(2025, 2), "capaian": "80"}],
                    "kehadiran": [{"month": "2025-02", "percent": "100"}],
                },
            },
        ),
        (
            "tpp-pemda-only-the-40",
            "present but not working: only the 40 % disiplin component",
            "scenario",
            "consequences.md §1, pemda TPP (Kab. Kepahiang 2026)",
            {
                "scheme": "tpp-pemda",
                "facts": {
                    "first_month": "2026-01",
                    "last_month": "2026-01",
                    "base": "2500000",
                    "kehadiran": [{"month": "2026-01", "percent": "100"}],
                },
            },
        ),
        (
            "refused-attendance-missing",
            "a 60/40 scheme without the month's attendance is refused",
            "boundary",
            "consequences.md §1",
            {
                "scheme": "permentan-20-2025",
                "facts": {"first_month": "2025-06", "last_month": "2025-06", "base": "1"},
            },
        ),
    ]


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


def _history(*labels: str) -> list[dict[str, Any]]:
    return [{"period": _q(2025, i + 1), "predikat": p} for i, p in enumerate(labels)]


def _pppk() -> list[CaseSpec]:
    ref = "consequences.md §2, KepmenPANRB 16/2025"
    year = _period("2025-01-01", "2025-12-31")
    return [
        (
            "renew",
            "annual Baik, no quarter below Butuh Perbaikan",
            "hand-worked",
            ref,
            {
                "facts": {
                    "contract_year": year,
                    "quarterly": _history("BAIK", "BUTUH_PERBAIKAN", "BAIK", "BAIK"),
                    "annual": "BAIK",
                }
            },
        ),
        (
            "appointment-flag",
            "annual Sangat Baik, every quarter at least Baik: flag for a human decision",
            "hand-worked",
            ref,
            {
                "facts": {
                    "contract_year": year,
                    "quarterly": _history("BAIK", "SANGAT_BAIK", "BAIK", "BAIK"),
                    "annual": "SANGAT_BAIK",
                }
            },
        ),
        (
            "not-renewed",
            "a quarter Kurang",
            "hand-worked",
            ref,
            {
                "facts": {
                    "contract_year": year,
                    "quarterly": _history("KURANG", "BAIK", "BAIK", "BAIK"),
                    "annual": "BAIK",
                }
            },
        ),
        (
            "incomplete",
            "the annual evaluation is missing",
            "boundary",
            ref,
            {"facts": {"contract_year": year, "quarterly": _history("BAIK", "BAIK", "BAIK", "BAIK")}},
        ),
    ]


def _kinerja_buruk() -> list[CaseSpec]:
    ref = "consequences.md §3, UU 20/2023 Pasal 52(3)(f)"
    return [
        (
            "flag",
            "Kurang then Sangat Kurang: flagged",
            "hand-worked",
            ref,
            {"facts": {"history": _history("BAIK", "KURANG", "SANGAT_KURANG")}},
        ),
        (
            "no-flag",
            "Kurang twice, not in a row",
            "hand-worked",
            ref,
            {"facts": {"history": _history("KURANG", "BAIK", "KURANG")}},
        ),
        (
            "three-in-a-row",
            "criteria: 3 consecutive at or below Butuh Perbaikan",
            "hand-worked",
            ref,
            {
                "policy": {"threshold": "BUTUH_PERBAIKAN", "consecutive": 3},
                "facts": {"history": _history("BUTUH_PERBAIKAN", "KURANG", "BUTUH_PERBAIKAN")},
            },
        ),
    ]


CASES: dict[str, Callable[[], list[CaseSpec]]] = {
    "tukin": _tukin,
    "rencana": _rencana,
    "kalibrasi": _kalibrasi,
    "pppk-paruh-waktu": _pppk,
    "kinerja-buruk": _kinerja_buruk,
}
"""The case builders by kind (a literal map)."""
