# mypy: disable-error-code="arg-type"
# (the facts convert labels such as "Ahli Muda" and numbers given as text; the tests rely on that)
"""Discipline for unexcused absence (PP 94/2021, spec §7.3): every rung and its edges, the 10-day rule."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.errors import ValidationError
from kinerja.io import structure
from kinerja.policies import ABSENCE_LADDER, AbsenceFacts, DisciplinePolicy, Hukuman, Tingkat

POLICY = DisciplinePolicy()

# spec §7.3: (days, jenis begins with, tingkat, tukin cut months) — both edges of every rung
LADDER = [
    (0, None, None, None),
    (2, None, None, None),
    (3, "teguran lisan", Tingkat.RINGAN, None),
    (4, "teguran tertulis", Tingkat.RINGAN, None),
    (6, "teguran tertulis", Tingkat.RINGAN, None),
    (7, "pernyataan tidak puas", Tingkat.RINGAN, None),
    (10, "pernyataan tidak puas", Tingkat.RINGAN, None),
    (11, "tunjangan kinerja cut 25% for 6 months", Tingkat.SEDANG, 6),
    (13, "tunjangan kinerja cut 25% for 6 months", Tingkat.SEDANG, 6),
    (14, "tunjangan kinerja cut 25% for 9 months", Tingkat.SEDANG, 9),
    (16, "tunjangan kinerja cut 25% for 9 months", Tingkat.SEDANG, 9),
    (17, "tunjangan kinerja cut 25% for 12 months", Tingkat.SEDANG, 12),
    (20, "tunjangan kinerja cut 25% for 12 months", Tingkat.SEDANG, 12),
    (21, "demotion one level", Tingkat.BERAT, None),
    (24, "demotion one level", Tingkat.BERAT, None),
    (25, "relieved of position", Tingkat.BERAT, None),
    (27, "relieved of position", Tingkat.BERAT, None),
    (28, "pemberhentian dengan hormat", Tingkat.BERAT, None),
    (200, "pemberhentian dengan hormat", Tingkat.BERAT, None),
]


@pytest.mark.parametrize(("days", "jenis", "tingkat", "months"), LADDER)
def test_every_rung_and_its_edges(days: int, jenis: str | None, tingkat: Tingkat | None, months: int | None) -> None:
    d = POLICY.decide(AbsenceFacts(year=2024, days=days))
    if jenis is None:
        assert d.outcome is None
        assert d.summary == f"no hukuman disiplin ({days} days)"
        assert [r.met for r in d.requirements] == [True, True]
        return
    h = d.outcome
    assert isinstance(h, Hukuman)
    assert h.jenis.startswith(jenis)
    assert h.tingkat is tingkat
    assert h.tukin_cut_months == months
    assert h.tukin_cut_percent == (D(25) if months else None)
    assert [r.met for r in d.requirements] == [False, True]
    assert d.requirements[0].value == days
    assert dict(d.details)["tingkat"] == tingkat.label


def test_dismissal_cites_pasal_11() -> None:
    h = POLICY.decide(AbsenceFacts(year=2024, days=28)).outcome
    assert isinstance(h, Hukuman)
    assert "Pasal 11(2)(d)(3)" in str(h.source)


def test_tunjangan_kinerja_cut_amount() -> None:
    # 14 days: 25 % of 4 000 000 = 1 000 000 a month, for 9 months = 9 000 000
    d = POLICY.decide(AbsenceFacts(year=2024, days=14, tunjangan_kinerja="4000000"))
    details = dict(d.details)
    assert details["tunjangan kinerja cut"] == "25% for 9 months"
    assert details["tunjangan kinerja cut per month"] == D("1000000")
    assert details["tunjangan kinerja cut in total"] == D("9000000")
    # no cut outside the sedang rungs
    assert "tunjangan kinerja cut per month" not in dict(
        POLICY.decide(AbsenceFacts(2024, 21, tunjangan_kinerja=4000000)).details
    )


def test_ten_consecutive_days_both_sides() -> None:
    nine = POLICY.decide(AbsenceFacts(year=2024, days=9, consecutive_days=9))
    assert nine.requirements[1].met is True
    assert isinstance(nine.outcome, Hukuman) and nine.outcome.tingkat is Tingkat.RINGAN
    ten = POLICY.decide(AbsenceFacts(year=2024, days=10, consecutive_days=10))
    assert ten.requirements[1].met is False
    h = ten.outcome
    assert isinstance(h, Hukuman) and h.salary_stopped and h.tingkat is Tingkat.BERAT
    assert "heavier than pernyataan tidak puas" in ten.summary
    details = dict(ten.details)
    assert isinstance(details["penalty by cumulative days"], Hukuman)
    assert details["penalty by consecutive days"] is h


def test_requirements_in_officer_order() -> None:
    d = POLICY.decide(AbsenceFacts(year=2024, days=5, consecutive_days=2))
    assert [r.name for r in d.requirements] == [
        "unexcused absence, cumulative working days in 2024",
        "unexcused absence, consecutive working days",
    ]
    assert d.to_json()["outcome"] == "teguran tertulis (ringan)"


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"year": 2024, "days": -1}, "days"),
        ({"year": 2024, "days": 3, "consecutive_days": -2}, "consecutive_days"),
        ({"year": 2024, "days": 3, "consecutive_days": 4}, "consecutive_days"),
        ({"year": 2024, "days": 367}, "days"),
        ({"year": 2019, "days": 3}, "year"),
        ({"year": 2024, "days": True}, "days"),
        ({"year": 2024, "days": 3, "tunjangan_kinerja": "-1"}, "tunjangan_kinerja"),
    ],
)
def test_bad_input_names_the_field(kwargs: dict[str, object], path: str) -> None:
    with pytest.raises(ValidationError) as exc:
        AbsenceFacts(**kwargs)
    assert exc.value.paths == (path,)


def test_json_loading_and_errors() -> None:
    f = structure({"year": 2024, "days": 17, "consecutive_days": 3}, AbsenceFacts)
    assert POLICY.decide(f).summary == "17-20 days: tunjangan kinerja cut 25% for 12 months (sedang)"
    with pytest.raises(ValidationError) as exc:
        structure({"year": 2024, "days": -4}, AbsenceFacts)
    assert exc.value.paths == ("days",)
    with pytest.raises(ValidationError) as exc:
        structure({"year": 2024, "days": "4"}, AbsenceFacts)
    assert exc.value.paths == ("days",)


@given(st.integers(0, 365))
def test_ladder_is_gap_free_and_monotone(days: int) -> None:
    here = ABSENCE_LADDER.classify(D(days))
    nxt = ABSENCE_LADDER.classify(D(days + 1))

    def severity(h: Hukuman | None) -> int:
        return 0 if h is None else h.severity

    assert severity(here) <= severity(nxt) <= severity(here) + 1


def test_same_level_penalty_is_not_called_lighter() -> None:
    # 21 cumulative days: demotion (berat); 10 consecutive days: dismissal (berat) — the same level
    d = POLICY.decide(AbsenceFacts(year=2024, days=21, consecutive_days=10))
    assert "heavier than" not in d.summary
    assert d.summary.endswith(
        "(the 21 cumulative days give demotion one level (penurunan jabatan setingkat lebih rendah) for 12 months "
        "(berat), the same level; the consecutive-days rule goes further)"
    )
    # a lighter level (ringan) is still called lighter
    assert "(heavier than pernyataan tidak puas secara tertulis (ringan) for 10 days)" in (
        POLICY.decide(AbsenceFacts(year=2024, days=10, consecutive_days=10)).summary
    )
