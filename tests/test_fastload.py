"""The fast structuring path changes speed, never results: it agrees with the detailed converter on any input."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja import edge, io
from kinerja.errors import KinerjaError
from kinerja.model import Indicator

numbers = st.one_of(
    st.sampled_from(["10", "0", "-3", "1.5", "007", "1e3", "abc", "", " 4 ", "NaN"]),
    st.integers(-5, 10**17),
    st.floats(allow_nan=True),
    st.decimals(allow_nan=True),
    st.booleans(),
    st.none(),
)
labels = st.sampled_from(
    ["HIGHER_IS_BETTER", "LOWER_IS_BETTER", "normal", "khusus", "cost", "up", "KUANTITAS", "waktu", None, 3]
)
realizations = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"value": numbers},
        optional={
            "evidence": st.one_of(st.lists(st.text(max_size=3), max_size=2), st.text(max_size=2), st.none()),
            "x": st.just(1),
        },
    ),
    st.text(max_size=3),
)
indicators = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.sampled_from(["a", " ", "1.1"]), st.integers()),
        "name": st.one_of(st.text(max_size=3), st.integers()),
        "target": st.one_of(numbers, st.fixed_dictionaries({"low": numbers, "high": numbers})),
        "direction": labels,
        "aspect": labels,
        "satuan": st.one_of(st.text(max_size=3), st.none()),
        "weight": numbers,
        "realization": realizations,
        "extra": st.just(True),
    },
)


def _outcome(fn: Any) -> object:
    try:
        return fn()
    except Exception:  # the raw converters raise cattrs errors; only "it failed" matters here
        return "error"


@settings(max_examples=600)
@given(indicators)
def test_fast_and_detailed_converters_agree(data: dict[str, Any]) -> None:
    fast = _outcome(lambda: edge.fast_converter.structure(data, Indicator))
    detailed = _outcome(lambda: edge.converter.structure(data, Indicator))
    assert fast == detailed
    try:
        io.structure(data, Indicator)
    except KinerjaError:
        assert detailed == "error"


def test_the_common_shape_takes_the_fast_path(monkeypatch: Any) -> None:
    from kinerja import _fastload

    data = {"id": "1.1", "target": "12", "satuan": "dok", "realization": {"value": "9.12", "evidence": ["a"]}}
    calls = []
    real = _fastload._indicator
    monkeypatch.setattr(_fastload, "_indicator", lambda o: calls.append(o) or real(o))
    conv = edge.make_converter(detailed=False)
    ind = conv.structure(data, Indicator)
    assert calls == [data]
    assert ind == edge.converter.structure(data, Indicator)
    assert ind.target.value == Decimal(12) and ind.realization is not None and ind.realization.evidence == ("a",)
