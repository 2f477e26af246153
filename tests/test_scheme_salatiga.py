"""Salatiga scenario (seed 004): competency-based yearly appraisal (knowledge, skill, attitude) of teachers and
administrative staff; an employee sees progress over the years; a teacher who raises the student achievement
index significantly is awarded. Every number is worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from kinerja import compare, io
from kinerja.errors import ValidationError
from kinerja.result import Result
from kinerja.schemes.salatiga import RULE, example_document

RINA = "198605102010012005"
AGUS = "198211112008011007"
TATI = "199304042019032006"


def year(nip: str, y: int, function: str, k: int, s: int, a: int, index: int | None = None) -> dict[str, Any]:
    measurements: dict[str, Any] = {"competency": {"knowledge": k, "skill": s, "attitude": a}}
    if index is not None:
        measurements["student_index"] = {"value": index}
    return {
        "regime": "salatiga",
        "employee": {"nip": nip, "name": nip[-3:], "unit": "Dinas Pendidikan Kota Salatiga"},
        "period": {"start": f"{y}-01-01", "end": f"{y}-12-31"},
        "function": function,
        "measurements": measurements,
    }


def score(document: dict[str, Any]) -> Result:
    rule, doc = io.load(document)
    result: Result = rule.evaluate(doc)
    return result


# competency = 0.3 K + 0.4 S + 0.3 A; teacher score = 0.6 competency + 0.4 (index / 80 x 100)
# Rina 2023: 21 + 30 + 24 = 75; index 72 -> 90; 45 + 36 = 81.00 (Baik)
# Rina 2024: 24 + 34 + 25.5 = 83.5; index 84 -> 105; 50.1 + 42 = 92.10 (Sangat Baik)
# Rina 2025: 24.6 + 34.4 + 26.4 = 85.4; index 86 -> 107.5; 51.24 + 43 = 94.24
RINA_YEARS = [
    year(RINA, 2023, "guru", 70, 75, 80, 72),
    year(RINA, 2024, "guru", 80, 85, 85, 84),
    year(RINA, 2025, "guru", 82, 86, 88, 86),
]


@pytest.fixture(scope="module")
def rina() -> list[Result]:
    return [score(d) for d in RINA_YEARS]


def test_competency_based_scores(rina: list[Result]) -> None:
    assert [r.score for r in rina] == [D("81.00"), D("92.10"), D("94.24")]
    assert [r["category"] for r in rina] == ["Baik", "Sangat Baik", "Sangat Baik"]
    assert (rina[1]["competency.knowledge"], rina[1]["competency.skill"], rina[1]["competency.attitude"]) == (
        D(80),
        D(85),
        D(85),
    )
    assert rina[1]["competency.score"] == D("83.5")
    assert io.evaluate(example_document())["values"]["score"] == "92.10"


def test_progress_over_the_years(rina: list[Result]) -> None:
    steps = compare.progress(list(reversed(rina)))  # any order: sorted by period
    # 81 -> 92.10: +11.10 (+13.7 %); 92.10 -> 94.24: +2.14 (+2.3 %)
    assert [c.absolute for c in steps] == [D("11.10"), D("2.14")]
    assert [c.describe(1) for c in steps] == [
        "score improved by 13.7 % since 2023-01-01..2023-12-31",
        "score improved by 2.3 % since 2024-01-01..2024-12-31",
    ]


def test_award_for_significantly_raising_the_student_index(rina: list[Result]) -> None:
    (award,) = RULE.decide(rina[1], previous=rina[0])
    # index 72 -> 84: +16.67 % >= 10 %
    assert award.policy == "improvement-award" and award.outcome is True
    assert award.requirements[0].name == "improvement of Student achievement index (indeks prestasi siswa) (percent)"
    assert str(award.requirements[0].value).startswith("16.666")
    # 84 -> 86 the next year: +2.4 %, no award
    (later,) = RULE.decide(rina[2], previous=rina[1])
    assert later.outcome is False
    # Agus: index 80 -> 84 = +5 %: no award
    agus = [score(year(AGUS, 2023, "guru", 75, 75, 75, 80)), score(year(AGUS, 2024, "guru", 75, 75, 75, 84))]
    (agus_award,) = RULE.decide(agus[1], previous=agus[0])
    assert agus_award.outcome is False
    assert agus_award.requirements[0].value == D(5)


def test_administrative_staff_are_appraised_on_competency_alone() -> None:
    before = score(year(TATI, 2023, "staf-administrasi", 70, 70, 80))  # 21 + 28 + 24 = 73.00
    after = score(year(TATI, 2024, "staf-administrasi", 80, 78, 80))  # 24 + 31.2 + 24 = 79.20
    assert (before.score, after.score) == (D("73.00"), D("79.20"))
    (recognition,) = RULE.decide(after, previous=before)  # the teachers' award does not apply
    assert recognition.policy == "progress-recognition"
    assert recognition.outcome is True  # +6.20 points >= 5
    with pytest.raises(ValidationError) as err:
        score(year(TATI, 2024, "staf-administrasi", 80, 78, 80, 90))
    assert err.value.paths == ("measurements.student_index",)


def test_a_year_before_the_scheme_and_bad_competency_scores() -> None:
    with pytest.raises(ValidationError) as err:
        score(year(RINA, 2022, "guru", 70, 75, 80, 72))
    assert err.value.paths == ("period",)
    with pytest.raises(ValidationError) as err:
        score(year(RINA, 2024, "guru", 70, 175, 80, 72))
    assert err.value.paths == ("measurements.competency.skill",)


def test_the_employee_report_explains_every_step(rina: list[Result]) -> None:
    text = rina[1].explain().to_text()
    assert "competency: knowledge 0.3, skill 0.4, attitude 0.3" in text
    assert "Sistem Evaluasi Kinerja ASN di Salatiga" in text
