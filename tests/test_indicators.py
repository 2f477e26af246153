"""Indicator formulas (spec §2.3 worked rows T1–T3) and the indicator kinds of agency schemes.
Numbers worked by hand unless a spec row is cited."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.errors import ValidationError
from kinerja.indicators import capaian, inverse_ratio, ratio
from kinerja.measures import (
    KINDS,
    Attendance,
    Competency,
    Count,
    LowerIsBetter,
    Measurement,
    RaterPanel,
    SatisfactionSurvey,
    Scale,
    ScaleRating,
    ShareWithin,
    kind_from_json,
    kind_to_json,
    tidy,
)
from kinerja.model import Direction, Indicator, Realization, Target
from kinerja.numbers import round_half_up
from kinerja.raters import Panel
from kinerja.survey import IkmMethod, SurveyData

# --- the formulas (spec §2.3, §2.7) ---------------------------------------------------------------


def test_t1_t2_t3() -> None:
    t1 = Indicator("t1", target=85, realization=Realization(D(85)))
    assert capaian(t1) == D(100)  # T1
    t2 = Indicator("t2", target=95, realization=Realization(D(93)))
    assert round_half_up(capaian(t2), 2) == D("97.89")  # T2
    t3 = Indicator("t3", target=(80, 90), realization=Realization(D(70)))
    assert capaian(t3) == D("87.5")  # T3: below the range -> the lower bound
    special = Indicator("s", target=(7, 8), direction=Direction.LOWER_IS_BETTER, realization=Realization(D(9)))
    assert capaian(special) == D("87.5")  # spec §2.3: realisasi 9 against 7-8 months -> 87.5 %


def test_ratio_and_inverse() -> None:
    assert ratio(D(460), D(400)) == D(115)
    assert round_half_up(inverse_ratio(D("6.5"), D(7))) == D(107)


def test_not_realised_is_not_zero() -> None:
    with pytest.raises(ValidationError) as err:
        capaian(Indicator("x", target=1))
    assert err.value.paths == ("realization",)


# --- Count --------------------------------------------------------------------------------------


def test_count_against_target_and_measurement_target() -> None:
    kind = Count(target=Target(D(400)), cap=D(120))
    assert kind.score(Measurement(value=460)).value == D(115)
    assert kind.score(Measurement(value=600)).value == D(120)  # 150 capped
    assert kind.score(Measurement(value=188, target=200)).value == D(94)  # the employee's own target
    assert Count().score(Measurement(value=85, target={"low": 80, "high": 90})).value == D(100)  # inside the range


def test_count_needs_value_and_target() -> None:
    with pytest.raises(ValidationError) as err:
        Count(target=Target(D(10))).score(Measurement())
    assert err.value.paths == ("value",)
    with pytest.raises(ValidationError) as err:
        Count().score(Measurement(value=3))
    assert err.value.paths == ("target",)


# --- LowerIsBetter ----------------------------------------------------------------------------------


def test_lower_is_better_inverse() -> None:
    kind = LowerIsBetter(target=D(45))
    # (2 - 41/45) x 100 = 108.888...
    assert round_half_up(kind.score(Measurement(value=41)).value, 4) == D("108.8889")
    assert kind.score(Measurement(value=45)).value == D(100)
    assert kind.score(Measurement(value=0)).value == D(120)  # 200 held at the cap
    assert kind.score(Measurement(value=100)).value == D(0)  # -22.2 raised to the floor
    assert kind.higher_is_better is False


def test_tiny_target_cannot_explode() -> None:
    kind = LowerIsBetter(target=D("0.0001"))
    scored = kind.score(Measurement(value=5))
    assert scored.value == D(0)
    assert ("bound", "raised to the floor 0") in scored.details


def test_lower_is_better_linear_allows_a_zero_target() -> None:
    kind = LowerIsBetter(method="linear", target=D(0), worst=D(10), cap=D(100))
    assert kind.score(Measurement(value=0)).value == D(100)
    assert kind.score(Measurement(value="2.5")).value == D(75)
    assert kind.score(Measurement(value=12)).value == D(0)


def test_lower_is_better_definition_errors() -> None:
    with pytest.raises(ValidationError) as err:
        LowerIsBetter(target=D(0))
    assert err.value.paths == ("target",)
    with pytest.raises(ValidationError) as err:
        LowerIsBetter(method="linear", target=D(5))
    assert err.value.paths == ("worst",)
    with pytest.raises(ValidationError) as err:
        LowerIsBetter(target=D(1), floor=D(50), cap=D(50))
    assert err.value.paths == ("cap",)
    with pytest.raises(ValidationError) as err:
        LowerIsBetter(method="log")
    assert err.value.paths == ("method",)


@given(
    value=st.decimals(min_value=0, max_value=10**6, places=3),
    target=st.decimals(min_value="0.001", max_value=10**6, places=3),
)
def test_lower_is_better_stays_within_floor_and_cap(value: D, target: D) -> None:
    score = LowerIsBetter(target=target).score(Measurement(value=value)).value
    assert D(0) <= score <= D(120)


# --- ShareWithin, Attendance ----------------------------------------------------------------------------


def test_share_within() -> None:
    kind = ShareWithin(limit=D(3))
    assert kind.score(Measurement(within=45, total=50)).value == D(90)
    targeted = ShareWithin(limit=D(3), target=D(90), cap=D(100))
    # 95 % of a 90 % target = 105.55... -> capped at 100
    assert targeted.score(Measurement(within=171, total=180)).value == D(100)
    assert targeted.score(Measurement(within=153, total=180)).value == D("94.44444444444444444444444444444444444444")


def test_share_within_errors() -> None:
    kind = ShareWithin(limit=D(3))
    with pytest.raises(ValidationError) as err:
        kind.score(Measurement(within=5, total=4))
    assert err.value.paths == ("within",)
    with pytest.raises(ValidationError) as err:
        kind.score(Measurement(within=0, total=0))
    assert err.value.paths == ("total",)
    with pytest.raises(ValidationError) as err:
        kind.score(Measurement())
    assert err.value.paths == ("within", "total")
    with pytest.raises(ValidationError):
        ShareWithin(limit=D(3), target=D(120))


def test_attendance() -> None:
    kind = Attendance(late_penalty=D(1))
    # 230 / 240 = 95.8333... - 4 = 91.8333...
    scored = kind.score(Measurement(present=230, working_days=240, late=4))
    assert round_half_up(scored.value, 4) == D("91.8333")
    assert round_half_up(scored.measured, 4) == D("95.8333")
    assert kind.score(Measurement(present=1, working_days=20, late=30)).value == D(0)  # floor
    with pytest.raises(ValidationError) as err:
        kind.score(Measurement(present=21, working_days=20))
    assert err.value.paths == ("present",)
    with pytest.raises(ValidationError) as err:
        kind.score(Measurement(late=2))
    assert err.value.paths == ("present", "working_days")


# --- ratings on a scale, competency -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "method", "value", "expected"),
    [
        (1, 4, "ratio", 3, "75"),
        (1, 4, "linear", 3, "66.66666666666666666666666666666666666667"),
        (1, 5, "ratio", 4, "80"),
        (1, 5, "linear", 1, "0"),
        (0, 100, "ratio", "87.5", "87.5"),
        (0, 100, "linear", "87.5", "87.5"),
    ],
)
def test_scale_rating(low: int, high: int, method: str, value: int | str, expected: str) -> None:
    assert ScaleRating(Scale(low, high, method)).score(Measurement(value=value)).value == D(expected)


def test_scale_rating_out_of_scale() -> None:
    with pytest.raises(ValidationError) as err:
        ScaleRating(Scale(1, 5)).score(Measurement(value=6))
    assert err.value.paths == ("value",)
    with pytest.raises(ValidationError) as err:
        Scale(5, 1)
    assert err.value.paths == ("high",)


def test_competency() -> None:
    weighted = Competency(Scale(0, 100), weights={"knowledge": 30, "skill": 40, "attitude": 30})
    scored = weighted.score(Measurement(knowledge=80, skill=85, attitude=85))
    assert scored.value == D("83.5")  # 24 + 34 + 25.5
    assert dict(scored.extras) == {"knowledge": D(80), "skill": D(85), "attitude": D(85)}
    plain = Competency(Scale(1, 4))
    assert plain.score(Measurement(knowledge=4, skill=3, attitude=2)).value == D(75)  # (100 + 75 + 50) / 3


def test_competency_errors() -> None:
    with pytest.raises(ValidationError) as err:
        Competency(Scale(0, 100), weights={"knowledge": "0.5", "skill": "0.5"})
    assert err.value.paths == ("weights",)
    with pytest.raises(ValidationError) as err:
        Competency(Scale(0, 100)).score(Measurement(knowledge=101, skill=50))
    assert err.value.paths == ("knowledge", "attitude")


# --- survey and raters as kinds --------------------------------------------------------------------------


def test_satisfaction_survey_kind() -> None:
    kind = SatisfactionSurvey(IkmMethod())
    scored = kind.score(
        Measurement(survey=SurveyData(totals=(105, 101, 100, 116, 102, 105, 106, 105, 115), respondents=29))
    )
    assert scored.value == D("91.48")  # spec I2
    assert dict(scored.extras) == {"mutu": "A", "respondents": 29}
    with pytest.raises(ValidationError) as err:
        kind.score(Measurement(value=3))
    assert err.value.paths == ("survey",)
    with pytest.raises(ValidationError) as err:
        kind.score(Measurement(survey=SurveyData(totals=(4, 4), respondents=1)))
    assert err.value.paths == ("survey.totals",)


def test_rater_panel_kind() -> None:
    kind = RaterPanel(Panel({"self": "0.3", "supervisor": "0.7"}), Scale(1, 5))
    from kinerja.raters import Rating

    scored = kind.score(Measurement(ratings=(Rating("self", 5), Rating("supervisor", 3))))
    assert (scored.value, scored.measured) == (D(72), D("3.6"))  # 3.6 / 5 x 100
    assert dict(scored.extras)["gap"] == D(2)
    with pytest.raises(ValidationError) as err:
        kind.score(Measurement(ratings=(Rating("self", 5), Rating("supervisor", 9))))
    assert err.value.paths == ("ratings[1].value",)


# --- measurements and JSON ------------------------------------------------------------------------------


def test_measurement_validation() -> None:
    with pytest.raises(ValidationError) as err:
        Measurement(value=-1, late=-2, within=True)
    assert err.value.paths == ("within", "late", "value")
    assert Measurement(value=None).value is None


def test_tidy() -> None:
    assert str(tidy(D("80.00"))) == "80"
    assert str(tidy(D("1E+2"))) == "100"
    assert str(tidy(D("2.50"))) == "2.5"


KIND_EXAMPLES: list[dict[str, Any]] = [
    {"kind": "count", "target": "400", "cap": "120"},
    {"kind": "count", "target": {"low": "80", "high": "90"}},
    {"kind": "lower-is-better", "target": "2"},
    {"kind": "lower-is-better", "method": "linear", "target": "0", "worst": "10", "cap": "100"},
    {"kind": "share-within", "limit": "3", "target": "90", "cap": "100"},
    {"kind": "attendance", "late_penalty": "1"},
    {"kind": "rating", "scale": {"low": "1", "high": "5", "method": "linear"}},
    {
        "kind": "competency",
        "scale": {"low": "0", "high": "100"},
        "weights": {"knowledge": "0.3", "skill": "0.4", "attitude": "0.3"},
    },
    {"kind": "ikm"},
    {"kind": "ikm", "penimbang": "0.11"},
    {"kind": "ikm", "unsur": ["A", "B"], "weights": ["0.4", "0.6"]},
    {"kind": "raters", "scale": {"low": "1", "high": "5"}, "weights": {"self": "0.3", "supervisor": "0.7"}},
    {
        "kind": "raters",
        "scale": {"low": "1", "high": "5"},
        "weights": {"citizen": "1"},
        "missing": "renormalise",
        "anonymous": ["citizen"],
        "min_group": 5,
        "small_group": "merge",
    },
]


@pytest.mark.parametrize("data", KIND_EXAMPLES)
def test_kind_json_round_trip(data: dict[str, object]) -> None:
    kind = kind_from_json(data)
    assert kind_to_json(kind) == data
    assert kind_from_json(kind_to_json(kind)) == kind


def test_every_kind_is_listed() -> None:
    assert set(KINDS) == {e["kind"] for e in KIND_EXAMPLES}


@pytest.mark.parametrize(
    ("data", "paths"),
    [
        ({"kind": "counter"}, ("x.kind",)),
        ({"kind": "count", "taget": "4"}, ("x.taget",)),
        ({"kind": "attendance"}, ("x.late_penalty",)),
        ({"kind": "rating", "scale": {"low": 1}}, ("x.scale.high",)),
        ({"kind": "raters", "weights": {"self": "0.5", "supervisor": "0.4"}}, ("x.scale", "x.weights")),
        ({"kind": "share-within", "limit": "3", "limit_unit": 3}, ("x.limit_unit",)),
        ({"kind": "ikm", "penimbang": "0.2", "places": True}, ("x.penimbang", "x.places")),
    ],
)
def test_kind_json_errors_name_the_field(data: dict[str, object], paths: tuple[str, ...]) -> None:
    with pytest.raises(ValidationError) as err:
        kind_from_json(data, "x")
    assert err.value.paths == paths
