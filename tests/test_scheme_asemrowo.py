"""Asemrowo scenario (seed 002): Budi, a Dukcapil officer, measured by documents processed per month, the error
rate in filled documents and survey satisfaction, is above the unit average and flagged for promotion
consideration. Every number is worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from kinerja import io
from kinerja.errors import ValidationError
from kinerja.result import Result
from kinerja.schemes.asemrowo import RULE, example_document

UNIT = "Dispendukcapil - Kecamatan Asemrowo"


def officer(nip: str, name: str, documents: int, error_rate: str, survey_total: int) -> dict[str, Any]:
    """One month's document: 25 survey respondents, every unsur with the same total (NRR = total / 25)."""
    return {
        "regime": "asemrowo",
        "employee": {"nip": nip, "name": name, "unit": UNIT},
        "period": {"start": "2024-03-01", "end": "2024-03-31"},
        "function": "pelayanan-dokumen",
        "measurements": {
            "documents": {"value": documents},
            "error_rate": {"value": error_rate},
            "satisfaction": {"survey": {"totals": [survey_total] * 9, "respondents": 25}},
        },
    }


def score(document: dict[str, Any]) -> Result:
    rule, doc = io.load(document)
    result: Result = rule.evaluate(doc)
    return result


# Budi: documents 460 / 400 = 115 %; error rate 1.5 % against 2 %: (2 - 0.75) x 100 = 125, capped at 120;
# IKM: NRR 90/25 = 3.6 -> 3.6 x 25 = 90.00 (mutu A). Score 0.4 x 115 + 0.3 x 120 + 0.3 x 90 = 46 + 36 + 27 = 109.00
BUDI = officer("198503122010011004", "Budi", 460, "1.5", 90)
COLLEAGUES = [
    # 400 -> 100; 2.0 -> 100; NRR 3.4 -> 85: 40 + 30 + 25.5 = 95.50
    officer("198701012011012002", "Sari", 400, "2.0", 85),
    # 380 -> 95; 2.5 -> 75; NRR 3.2 -> 80: 38 + 22.5 + 24 = 84.50
    officer("198902022014031001", "Andi", 380, "2.5", 80),
    # 420 -> 105; 1.8 -> 110; NRR 3.52 -> 88: 42 + 33 + 26.4 = 101.40
    officer("199003032015032003", "Dewi", 420, "1.8", 88),
    # 350 -> 87.5; 3.0 -> 50; NRR 3.12 -> 78: 35 + 15 + 23.4 = 73.40
    officer("198404042009011005", "Rudi", 350, "3.0", 78),
]


def test_budi_score() -> None:
    result = score(BUDI)
    assert result.score == D("109.00")
    assert result["documents.score"] == D(115)
    assert result["error_rate.score"] == D(120)
    assert result["error_rate.measured"] == D("1.5")
    assert result["satisfaction.score"] == D("90.00")
    assert result["satisfaction.mutu"] == "A"
    assert result["function"] == "pelayanan-dokumen"
    assert io.evaluate(example_document())["values"]["score"] == "109.00"


def test_budi_is_above_the_unit_average_and_flagged_for_promotion() -> None:
    results = [score(d) for d in (BUDI, *COLLEAGUES)]
    unit = RULE.compare(results)
    # mean (109 + 95.5 + 84.5 + 101.4 + 73.4) / 5 = 463.8 / 5 = 92.76; median 95.5
    assert unit.summary.mean == D("92.76")
    assert unit.summary.median == D("95.50")
    budi = unit["198503122010011004"]
    assert budi.rank == D(1)
    assert budi.percentile == D(90)  # better than 4 of 5: (4 + 0.5) / 5
    assert budi.above_mean
    assert budi.from_mean == D("16.24")

    (decision,) = RULE.decide(results[0], unit=results)
    assert decision.policy == "promotion-consideration"
    assert decision.outcome is True
    assert [(r.name, r.met) for r in decision.requirements] == [("score", True), ("above the unit average", True)]
    assert "granted" in decision.summary

    # Sari is above the mean (95.50 > 92.76) but below the score threshold of 100: not flagged
    (sari,) = RULE.decide(results[1], unit=unit)
    assert sari.outcome is False
    assert [(r.name, r.met) for r in sari.requirements] == [("score", False), ("above the unit average", True)]
    flagged = [r.subject for r in results if RULE.decide(r, unit=unit)[0].outcome]
    assert flagged == ["198503122010011004", "199003032015032003"]  # Budi and Dewi


def test_per_function_indicator_sets() -> None:
    complaints = {
        "regime": "asemrowo",
        "employee": {"nip": "199205052018011001", "name": "Tono", "unit": UNIT},
        "period": {"start": "2024-03-01", "end": "2024-03-31"},
        "function": "pengaduan",
        "measurements": {
            "response_time": {"value": 18},
            "service_quality": {"value": 4},
            "satisfaction": {"survey": {"totals": [80] * 9, "respondents": 25}},
        },
    }
    result = score(complaints)
    # response 18 h against 24: (2 - 0.75) x 100 = 125 -> 120; quality 4/5 = 80; IKM 3.2 x 25 = 80
    # 0.35 x 120 + 0.30 x 80 + 0.35 x 80 = 42 + 24 + 28 = 94.00
    assert result.score == D("94.00")
    bad = dict(BUDI, function="arsip")
    with pytest.raises(ValidationError) as err:
        score(bad)
    assert err.value.paths == ("function",)
    no_function = {k: v for k, v in BUDI.items() if k != "function"}
    with pytest.raises(ValidationError) as err:
        score(no_function)
    assert err.value.paths == ("function",)
    wrong_set = dict(BUDI, function="pengaduan")
    with pytest.raises(ValidationError) as err:
        score(wrong_set)
    assert err.value.paths == ("measurements.documents", "measurements.error_rate")


def test_a_survey_answer_outside_1_to_4_names_the_field() -> None:
    doc = officer("198503122010011004", "Budi", 460, "1.5", 90)
    doc["measurements"]["satisfaction"] = {
        "survey": {"responses": [[4, 4, 4, 4, 4, 4, 4, 4, 4], [4, 3, 5, 4, 4, 4, 4, 4, 4]]}
    }
    with pytest.raises(ValidationError) as err:
        io.evaluate(doc)
    assert err.value.paths == ("measurements.satisfaction.survey.responses[1][2]",)


def test_explanation_of_budi() -> None:
    rule, doc = io.load(BUDI)
    text = rule.explain(doc).to_text()
    assert "capped at 120" in text
    assert "PermenPANRB 14/2017" in text
    assert "illustrative weights chosen by kinerja [agency]" in text
