"""Tanjungpinang scenario (seed 003): the Dinas Pendidikan's own indicators (students passing the national exam,
community participation), the process rated by the employee and the direct supervisor with their gap shown, a
note that the project was finished on time without involving the team, and citizens' feedback.
Every number is worked by hand in the comments."""

from __future__ import annotations

import json
from decimal import Decimal as D
from typing import Any

import pytest

from kinerja import io
from kinerja.errors import ValidationError
from kinerja.result import Result
from kinerja.schemes.tanjungpinang import example_document

NOTE = "finished the project on time without involving the team"


def score(document: dict[str, Any]) -> Result:
    rule, doc = io.load(document)
    result: Result = rule.evaluate(doc)
    return result


# students 188 of 200 = 94; participation 72 % against 80 % = 90;
# process: 0.3 x 5 (self) + 0.7 x 3 (supervisor) = 3.6 -> 3.6 / 5 = 72; gap self - supervisor = 2;
# citizens 4, 5, 4, 3, 4 -> mean 4 -> 80.
# 0.3 x 94 + 0.2 x 90 + 0.3 x 72 + 0.2 x 80 = 28.2 + 18 + 21.6 + 16 = 83.80 (Baik)


def test_result_plus_process_with_self_and_supervisor() -> None:
    result = score(example_document())
    assert result.score == D("83.80")
    assert result["category"] == "Baik"
    assert result["students_passed.score"] == D(94)
    assert result["participation.score"] == D(90)
    assert result["process.measured"] == D("3.6")
    assert result["process.gap"] == D(2)  # the employee rates the process 2 points higher than the supervisor
    assert (result["process.self"], result["process.supervisor"]) == (D(5), D(3))
    assert result["citizen_feedback.citizen"] == D(4)
    # result (hasil) against process (proses): (28.2 + 18) / 0.5 = 92.4 versus 72
    assert result["component.hasil"] == D("92.4")
    assert result["component.proses"] == D(72)


def test_the_note_is_kept_and_shown() -> None:
    result = score(example_document())
    assert result["notes"] == f"process: {NOTE} (atasan langsung)"
    assert NOTE in str(result)
    rule, doc = io.load(example_document())
    explanation = rule.explain(doc)
    assert explanation.steps[-1].rule == "note" and explanation.steps[-1].output == NOTE
    assert NOTE in json.dumps(io.explain(example_document()))
    assert io.dump(rule, doc)["notes"][0]["text"] == NOTE


def test_citizen_feedback_is_anonymous_and_needs_three_citizens() -> None:
    doc = example_document()
    doc["measurements"]["citizen_feedback"]["ratings"] = [
        {"role": "masyarakat", "value": 5, "rater": "Ibu Wati, RT 03"},
        {"role": "masyarakat", "value": 2, "rater": "Pak Darto"},
    ]
    with pytest.raises(ValidationError) as err:
        score(doc)
    assert err.value.paths == ("measurements.citizen_feedback.ratings",)
    assert "Wati" not in str(err.value) and "Darto" not in str(err.value)
    doc["measurements"]["citizen_feedback"]["ratings"].append({"role": "citizen", "value": 5, "rater": "Ibu Sri"})
    result = score(doc)
    text = str(result) + json.dumps(io.explain(doc))
    assert "Wati" not in text and "Darto" not in text and "Sri" not in text
    assert result["citizen_feedback.citizen"] == D(4)  # (5 + 2 + 5) / 3


def test_a_missing_supervisor_rating_is_refused() -> None:
    doc = example_document()
    doc["measurements"]["process"]["ratings"] = [{"role": "self", "value": 5}]
    with pytest.raises(ValidationError) as err:
        score(doc)
    assert err.value.paths == ("measurements.process.ratings",)
    assert "no supervisor rating" in str(err.value)


def test_a_self_rating_above_the_scale() -> None:
    doc = example_document()
    doc["measurements"]["process"]["ratings"][0]["value"] = 6
    with pytest.raises(ValidationError) as err:
        score(doc)
    assert err.value.paths == ("measurements.process.ratings[0].value",)


def test_agency_specific_set_is_required() -> None:
    doc = {k: v for k, v in example_document().items() if k != "function"}
    with pytest.raises(ValidationError) as err:
        score(doc)
    assert err.value.paths == ("function",)
    assert "dinas-pendidikan" in str(err.value)
