"""Surakarta scenario (seed 000): the Dinas Kependudukan dan Pencatatan Sipil, evaluated each quarter on citizen
satisfaction (digital feedback, IKM), service time and service quality, shows service time and satisfaction
improving between periods; good performers are rewarded; unit summaries plan programmes.
Every number is worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from kinerja import compare, io
from kinerja.errors import ValidationError
from kinerja.result import Result
from kinerja.schemes.surakarta import RULE, example_document

UNIT = "Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta"
Q1 = {"start": "2024-01-01", "end": "2024-03-31"}
Q2 = {"start": "2024-04-01", "end": "2024-06-30"}
STAFF = {"A": "198807142012022001", "B": "199106062015031004", "C": "198912122014022002"}


def quarter(who: str, period: dict[str, str], survey_total: int, minutes: int, quality: int) -> dict[str, Any]:
    """20 digital-feedback respondents, every unsur with the same total (NRR = total / 20)."""
    return {
        "regime": "surakarta",
        "employee": {"nip": STAFF[who], "name": f"Petugas {who}", "unit": UNIT},
        "period": period,
        "measurements": {
            "satisfaction": {"survey": {"totals": [survey_total] * 9, "respondents": 20}},
            "service_time": {"value": minutes},
            "quality": {"value": quality},
        },
    }


def score(document: dict[str, Any]) -> Result:
    rule, doc = io.load(document)
    result: Result = rule.evaluate(doc)
    return result


# Service time score: (2 - minutes / 45) x 100; quality: rating / 5 x 100; IKM: NRR x 25.
# Q1 A: IKM 64/20 = 3.2 -> 80; 50 min -> 800/9; quality 4 -> 80: 32 + 26.667 + 24 = 82.667 -> 82.67
# Q1 B: IKM 3.1 -> 77.5; 55 min -> 700/9; quality 3 -> 60: 31 + 23.333 + 18 = 72.333 -> 72.33
# Q1 C: IKM 3.3 -> 82.5; 45 min -> 100; quality 4 -> 80: 33 + 30 + 24 = 87.00
# Q2 A: IKM 3.5 -> 87.5; 41 min -> 980/9 = 108.89; quality 4: 35 + 32.667 + 24 = 91.667 -> 91.67
# Q2 B: IKM 3.4 -> 85; 45 min -> 100; quality 4: 34 + 30 + 24 = 88.00
# Q2 C: IKM 3.6 -> 90; 37 min -> 1060/9 = 117.78; quality 5: 36 + 35.333 + 30 = 101.333 -> 101.33
FIRST = [quarter("A", Q1, 64, 50, 4), quarter("B", Q1, 62, 55, 3), quarter("C", Q1, 66, 45, 4)]
SECOND = [quarter("A", Q2, 70, 41, 4), quarter("B", Q2, 68, 45, 4), quarter("C", Q2, 72, 37, 5)]


@pytest.fixture(scope="module")
def q1() -> list[Result]:
    return [score(d) for d in FIRST]


@pytest.fixture(scope="module")
def q2() -> list[Result]:
    return [score(d) for d in SECOND]


def test_scores_each_quarter(q1: list[Result], q2: list[Result]) -> None:
    assert [r.score for r in q1] == [D("82.67"), D("72.33"), D("87.00")]
    assert [r.score for r in q2] == [D("91.67"), D("88.00"), D("101.33")]
    assert [r["category"] for r in q2] == ["Baik", "Cukup", "Baik"]
    assert io.evaluate(example_document())["values"]["score"] == "91.67"


def test_service_time_improved_by_18_percent_since_last_quarter(q1: list[Result], q2: list[Result]) -> None:
    # officer A: 50 -> 41 minutes = 18 % shorter
    assert RULE.change(q1[0], q2[0], "service_time", since="last quarter").describe() == (
        "Service time (waktu layanan) improved by 18 % since last quarter"
    )
    # the unit: mean 50 -> 41 minutes (150/3 -> 123/3), 18 % shorter; everyone improved
    report = compare.changes(q1, q2, "service_time.measured", higher_is_better=False, what="service time", since="Q1")
    assert report.unit.before == D(50) and report.unit.after == D(41)
    assert report.unit.describe() == "unit mean service time improved by 18 % since Q1"
    assert set(report.improved()) == set(STAFF.values())


def test_satisfaction_improved_between_periods(q1: list[Result], q2: list[Result]) -> None:
    # unit mean IKM 80 -> 87.5: +9.375 %
    report = compare.changes(q1, q2, "satisfaction.score", what="citizen satisfaction", since="Q1")
    assert (report.unit.before, report.unit.after) == (D(80), D("87.5"))
    assert report.unit.describe(1) == "unit mean citizen satisfaction improved by 9.4 % since Q1"


def test_unit_summary_for_planning(q2: list[Result]) -> None:
    per_unit = compare.by_unit(q2)
    summary = per_unit[UNIT].summary
    # (91.67 + 88.00 + 101.33) / 3 = 281 / 3 = 93.666...
    assert summary.n == 3
    assert str(summary.mean).startswith("93.6666")
    assert (summary.median, summary.minimum, summary.maximum) == (D("91.67"), D("88.00"), D("101.33"))


def test_reward_for_good_performers(q1: list[Result], q2: list[Result]) -> None:
    outcomes = {}
    for before, after in zip(q1, q2, strict=True):
        reward, improvement = RULE.decide(after, unit=q2, previous=before)
        outcomes[after.subject] = (reward.outcome, improvement.outcome)
    # reward: score >= 90 and above the unit mean 93.67 -> only C (101.33); A has 91.67, below the mean
    # service-improvement: 18 %, 18.2 %, 17.8 % shorter, all >= 10 %
    assert outcomes == {STAFF["A"]: (False, True), STAFF["B"]: (False, True), STAFF["C"]: (True, True)}


def test_feedback_survey_below_the_sample_size_warns() -> None:
    doc = quarter("A", Q2, 70, 41, 4)
    doc["measurements"]["satisfaction"]["survey"]["population"] = 400  # K&M: 196 needed
    result = score(doc)
    assert result.warnings == (
        "satisfaction: 20 respondents is below the Krejcie-Morgan sample of 196 for a population of 400 "
        "(PermenPANRB 14/2017, spec §5.5)",
    )


def test_a_missing_indicator_is_refused() -> None:
    doc = quarter("A", Q2, 70, 41, 4)
    del doc["measurements"]["quality"]
    with pytest.raises(ValidationError) as err:
        score(doc)
    assert err.value.paths == ("measurements.quality",)
