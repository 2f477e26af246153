"""Jakarta scenario (seed 001): responsibility, discipline and public service (with citizens' input); after its
annual review Dinas Perhubungan adds responsiveness to complaints, so 2024 is scored with version 2 while 2023
is — and stays — scored with version 1. Every number is worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

import kinerja
from kinerja import io
from kinerja.errors import ValidationError
from kinerja.result import Result
from kinerja.schemes.jakarta import RULE, example_document

Y2023 = {"start": "2023-01-01", "end": "2023-12-31"}
Y2024 = {"start": "2024-01-01", "end": "2024-12-31"}


def appraisal(period: dict[str, str], measurements: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "regime": "jakarta",
        "employee": {"nip": "199001152015031002", "name": "Rizky Pratama", "unit": "Dinas Perhubungan"},
        "period": period,
        "measurements": measurements,
        **extra,
    }


def score(document: dict[str, Any]) -> Result:
    rule, doc = io.load(document)
    result: Result = rule.evaluate(doc)
    return result


# 2023 (version 1): responsibility 46 of 48 duties = 95.8333; attendance 230 / 240 = 95.8333 less 4 late = 91.8333;
# IKM: 30 respondents, totals 105 -> NRR 3.5 -> 87.50.
# 0.3 x 95.8333 + 0.2 x 91.8333 + 0.5 x 87.5 = 28.75 + 18.3667 + 43.75 = 90.8667 -> 90.87 (Sangat Baik)
M2023 = {
    "responsibility": {"value": 46, "target": 48},
    "discipline": {"present": 230, "working_days": 240, "late": 4},
    "public_service": {"survey": {"totals": [105] * 9, "respondents": 30}},
}
# 2024 (version 2): responsibility 47 / 48 = 97.9167; attendance 236 / 242 = 97.5207 less 1 = 96.5207;
# IKM totals 108 -> 3.6 -> 90.00; responsiveness 171 of 180 within 3 days = 95 % / 90 % = 105.6 -> capped 100.
# 0.3 x 97.9167 + 0.2 x 96.5207 + 0.3 x 90 + 0.2 x 100 = 29.375 + 19.3041 + 27 + 20 = 95.6791 -> 95.68
M2024 = {
    "responsibility": {"value": 47, "target": 48},
    "discipline": {"present": 236, "working_days": 242, "late": 1},
    "public_service": {"survey": {"totals": [108] * 9, "respondents": 30}},
    "responsiveness": {"within": 171, "total": 180},
}


def test_2023_is_scored_with_version_1() -> None:
    result = score(appraisal(Y2023, M2023))
    assert result.version == "1"
    assert result.score == D("90.87")
    assert result["category"] == "Sangat Baik"
    assert result["component.pelayanan-publik"] == D("87.50")
    assert "responsiveness.score" not in result.values


def test_2024_is_scored_with_version_2_and_its_new_indicator() -> None:
    result = score(appraisal(Y2024, M2024))
    assert result.version == "2"
    assert result.score == D("95.68")
    assert result["responsiveness.measured"] == D(95)
    assert result["responsiveness.score"] == D(100)
    # public service component: (0.3 x 90 + 0.2 x 100) / 0.5 = 47 / 0.5 = 94
    assert result["component.pelayanan-publik"] == D(94)
    assert io.evaluate(example_document())["values"]["score"] == "95.68"


def test_rescoring_2023_after_the_review_is_faithful() -> None:
    before = io.evaluate(appraisal(Y2023, M2023))
    assert kinerja.rules.get("jakarta").info.version == "2"  # version 2 exists now
    assert io.evaluate(appraisal(Y2023, M2023)) == before
    assert before["version"] == "1" and before["values"]["score"] == "90.87"


def test_the_new_indicator_is_refused_in_2023_and_required_in_2024() -> None:
    with pytest.raises(ValidationError) as err:
        score(appraisal(Y2023, M2024))
    assert err.value.paths == ("measurements.responsiveness",)
    assert "not an indicator of jakarta version 1" in str(err.value)
    without = {k: v for k, v in M2024.items() if k != "responsiveness"}
    with pytest.raises(ValidationError) as err:
        score(appraisal(Y2024, without))
    assert err.value.paths == ("measurements.responsiveness",)


def test_version_pins_and_periods_are_checked() -> None:
    with pytest.raises(ValidationError) as err:
        score(appraisal(Y2023, M2023, version="2"))
    assert err.value.paths == ("version",)
    with pytest.raises(ValidationError) as err:
        score(appraisal({"start": "2023-07-01", "end": "2024-06-30"}, M2023))
    assert err.value.paths == ("period",)
    with pytest.raises(ValidationError) as err:
        score(appraisal({"start": "2022-01-01", "end": "2022-12-31"}, M2023))
    assert err.value.paths == ("period",)


def test_explanation_names_the_version_and_the_review() -> None:
    rule, doc = io.load(appraisal(Y2024, M2024))
    steps = rule.explain(doc).steps
    assert steps[0].rule == "version in force" and steps[0].output == "2"
    assert "responsiveness to complaints added" in steps[0].note
    assert [s.rule for s in steps[1:5]] == [i.title for i in RULE.version("2").indicators]


def test_change_between_the_years() -> None:
    y23 = score(appraisal(Y2023, M2023))
    y24 = score(appraisal(Y2024, M2024))
    ch = RULE.change(y23, y24, since="2023")
    # 90.87 -> 95.68: +4.81 points, +5.29 %
    assert ch.absolute == D("4.81")
    assert ch.describe(2) == "score improved by 5.29 % since 2023"
