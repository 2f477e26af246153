from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ratio_doc
from kinerja import io
from kinerja.errors import KinerjaError, ValidationError
from kinerja.model import Employee, Indicator, Period, Realization, Target


def test_evaluate_json_in_json_out() -> None:
    out = io.evaluate(ratio_doc())
    # dok: 8/10*100 = 80; err: range 2-4, realisation 5 above -> upper bound 4, (1+(1-5/4))*100 = 75; mean 77.5
    assert Decimal(out["values"]["score"]) == Decimal("77.5")
    assert out["rule"] == "test-ratio"
    json.dumps(out)


def test_every_problem_is_named_with_its_path() -> None:
    doc: dict[str, Any] = ratio_doc(nip="199001012015033000", target="0", realisasi="abc")
    doc["employee"]["extra"] = 1
    doc["indicators"][1]["direction"] = "SIDEWAYS"
    del doc["period"]
    with pytest.raises(ValidationError) as info:
        io.load(doc)
    paths = set(info.value.paths)
    assert {
        "employee.nip",
        "employee.extra",
        "indicators[0].target",
        "indicators[0].realization.value",
        "indicators[1].direction",
        "period",
    } <= paths, paths


def test_booleans_and_numbers_are_not_text() -> None:
    doc: dict[str, Any] = ratio_doc()
    doc["employee"]["name"] = 5
    doc["indicators"][0]["target"] = True
    with pytest.raises(ValidationError) as info:
        io.load(doc)
    assert set(info.value.paths) == {"employee.name", "indicators[0].target"}


def test_unknown_regime_and_non_objects() -> None:
    for bad in ([], "x", 3, None):
        with pytest.raises(ValidationError):
            io.load(bad)
    with pytest.raises(ValidationError) as info:
        io.load({"regime": "nope"})
    assert info.value.paths == ("regime",)


def test_round_trip_document() -> None:
    rule, doc = io.load(ratio_doc())
    again = io.dump(rule, doc)
    assert io.load(again)[1] == doc
    assert again["indicators"][1]["target"] == {"low": "2", "high": "4"}


def test_loads_keeps_decimals_and_refuses_nan() -> None:
    assert io.loads('{"a": 0.1}') == {"a": Decimal("0.1")}
    with pytest.raises(ValidationError):
        io.loads('{"a": NaN}')
    with pytest.raises(ValidationError):
        io.loads("{not json")


def test_result_round_trip() -> None:
    rule, doc = io.load(ratio_doc())
    result = rule.evaluate(doc)
    back = io.load_result(result.to_json())
    assert back == result
    assert back.values["score"] == Decimal("77.5")
    assert "weighted mean" in result.explain().to_text()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300)
@given(json_values)
def test_loader_returns_a_model_or_a_kinerja_error(value: object) -> None:
    _model_or_error(value)


@settings(max_examples=200)
@given(st.dictionaries(st.sampled_from(["employee", "period", "indicators", "regime", "x"]), json_values, max_size=5))
def test_loader_on_near_documents(value: dict[str, Any]) -> None:
    value.setdefault("regime", "test-ratio")
    _model_or_error(value)


def _model_or_error(value: object) -> None:
    """Any other exception type propagates and fails the test; a ValidationError must name at least one problem."""
    try:
        rule, doc = io.load(value)
    except ValidationError as err:
        assert err.problems and all(isinstance(p.path, str) and p.message for p in err.problems)
        return
    except KinerjaError:
        return
    assert isinstance(doc, rule.document_type)


nips = st.builds(
    lambda y, m, d, ay, am, g, s: f"{y:04d}{m:02d}{d:02d}{ay:04d}{am:02d}{g}{s:03d}",
    st.integers(1960, 2000),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(2001, 2024),
    st.integers(1, 12),
    st.sampled_from("12"),
    st.integers(1, 999),
)
decimals = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**6), places=2)


@given(
    nips,
    st.text(min_size=1, max_size=20).filter(str.strip),
    st.dates().map(Period.year.__func__ and (lambda d: Period.year(d.year))),  # type: ignore[attr-defined]
    st.lists(st.tuples(decimals, st.one_of(st.none(), decimals)), min_size=1, max_size=4),
)
def test_model_objects_round_trip_through_json(nip: str, name: str, period: Period, targets: list[Any]) -> None:
    employee = Employee(nip, name)
    indicators = tuple(
        Indicator(f"i{k}", target=Target(t), realization=None if r is None else Realization(r))
        for k, (t, r) in enumerate(targets)
    )
    for obj, cls in ((employee, Employee), (period, Period)):
        assert io.structure(json.loads(json.dumps(io.unstructure(obj))), cls) == obj
    for ind in indicators:
        assert io.structure(json.loads(json.dumps(io.unstructure(ind))), Indicator) == ind
