"""The per-record reader changes speed, never results: it agrees with the converters on any input.

``kinerja._fastload`` reads a parsed document once and builds the model lazily; the
converters of :mod:`kinerja.edge` build every object through its ``__init__``. Here both
read the same generated, mutated and arbitrary documents: the reader either refuses
(the converters then decide) or gives an object equal to the converters', field by
field — which also checks each ``SAME_AS_TYPE`` declaration it relies on.
"""

from __future__ import annotations

import copy
import json
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kinerja.testing as kt
from kinerja import edge, io, rules
from kinerja.errors import ValidationError
from kinerja.model import Indicator
from kinerja.rules.permenpanrb_6_2022 import Permenpanrb6Document, Rhk, example_document

numbers = st.one_of(
    st.sampled_from(["10", "0", "-3", "1.5", "007", "1e3", "abc", "", " 4 ", "NaN", "١٠"]),
    st.integers(-5, 10**17),
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
        "target": st.one_of(numbers, st.fixed_dictionaries({"low": numbers}, optional={"high": numbers, "z": numbers})),
        "direction": labels,
        "aspect": labels,
        "satuan": st.one_of(st.text(max_size=3), st.none()),
        "weight": numbers,
        "realization": realizations,
        "extra": st.just(True),
    },
)


def _full(obj: object) -> object:
    """Every attribute read (so lazy fields are built), as plain data for comparison."""
    return attrs.asdict(obj) if attrs.has(type(obj)) else obj


def _agree(data: object, cls: type[Any]) -> None:
    try:
        expected: object = edge.converter.structure(data, cls)
    except Exception:
        expected = "refused"
    try:
        got: object = edge.reader.document(data, cls)
    except Exception:
        return  # refused: the converters decide (that is what edge.structure does)
    assert expected != "refused", f"the reader accepted what the converter refuses: {data!r}"
    assert type(got) is type(expected)
    assert got == expected and _full(got) == _full(expected)


@settings(max_examples=600)
@given(indicators)
def test_the_reader_and_the_converter_agree_on_indicators(data: dict[str, Any]) -> None:
    _agree(data, Indicator)


@pytest.mark.parametrize("regime", kt.regimes())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_reader_and_the_converter_agree_on_documents(regime: str, data: st.DataObject) -> None:
    cls = rules.get(regime).document_type
    for doc in (data.draw(kt.documents(regime)), data.draw(kt.invalid_documents(regime)).data):
        body = json.loads(json.dumps({k: v for k, v in doc.items() if k != "regime"}, default=str))
        _agree(body, cls)


def test_a_6_2022_record_is_read_without_building_its_rhk_until_asked() -> None:
    rule, doc = io.load(example_document())
    assert type(doc) is Permenpanrb6Document
    assert type(attrs.fields(Permenpanrb6Document).rhk) is attrs.Attribute
    pending = type(Permenpanrb6Document.__dict__["rhk"]).__name__
    assert pending == "_LazySlot"  # the slot is wrapped; its first read builds the tuple of Rhk
    assert rule.evaluate(doc)["predikat"].label == "Baik"  # type: ignore[union-attr]
    rhk = doc.rhk
    assert all(type(r) is Rhk for r in rhk) and doc.rhk is rhk
    again = edge.converter.structure(
        {k: v for k, v in example_document().items() if k != "regime"}, Permenpanrb6Document
    )
    assert doc == again and hash(doc) == hash(again)


def test_held_gives_a_lazy_field_as_it_is_held_building_nothing() -> None:
    _, doc = io.load(example_document())
    pending = edge.held(doc, "rhk")
    assert len(pending) == len(example_document()["rhk"]) and type(pending[0]) is not Rhk
    assert [r.id for r in pending] == [r["id"] for r in example_document()["rhk"]]
    assert type(edge.held(doc, "rhk")[0]) is not Rhk  # still not built
    assert edge.held(doc, "employee") is doc.employee
    built = doc.rhk
    assert edge.held(doc, "rhk") is built  # once read, the objects themselves


def test_a_lazy_document_is_an_ordinary_skp_for_every_caller() -> None:
    for make in (
        lambda d: pickle.loads(pickle.dumps(d)),
        copy.deepcopy,
        lambda d: attrs.evolve(d, feedback="x"),
        lambda d: io.load(io.dump(rules.get("permenpanrb-6-2022"), d))[1],
    ):
        doc = io.load(example_document())[1]
        other = make(doc)
        assert type(other) is Permenpanrb6Document and other.rhk == doc.rhk
    doc = io.load(example_document())[1]
    assert repr(doc).startswith("Permenpanrb6Document(employee=") and "Rhk(id='rhk-1'" in repr(doc)


def test_explain_builds_the_model_and_says_the_same() -> None:
    data = example_document()
    result = io.load(data)[0].evaluate(io.load(data)[1])
    assert result.explain().to_json() == rules.get("permenpanrb-6-2022").explain(io.load(data)[1]).to_json()


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        ('{"a": "12:30", "b": {"c": "x:y:z"}}', None),
        ('{"a": 1, "b": {"c": 2, "c": 3}}', ["b.c"]),
        ('{"a": "1:2", "a": 2}', ["a"]),
        ('[{"k": 1, "k": 1}, {"k": 2}]', ["[0].k"]),
        (b'{"x": {"y": 1, "y": 2}, "z": ":"}', ["x.y"]),
    ],
)
def test_loads_names_every_repeated_key_and_only_those(text: str | bytes, paths: list[str] | None) -> None:
    if paths is None:
        assert io.loads(text) == json.loads(text)
        return
    with pytest.raises(ValidationError) as err:
        io.loads(text)
    assert list(err.value.paths) == paths
    assert {p.code for p in err.value.problems} == {"field.duplicate"}


@given(
    st.recursive(
        st.none() | st.text(alphabet=':"a\\{}', max_size=4) | st.integers(),
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(alphabet=":a", max_size=2), c, max_size=3),
        max_leaves=8,
    )
)
def test_loads_reads_what_json_reads(value: object) -> None:
    text = json.dumps(value)
    assert io.loads(text) == json.loads(text, parse_float=Decimal)


@pytest.mark.parametrize("regime", kt.regimes())
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_document_type_has_a_reader_and_uses_it(regime: str, data: st.DataObject) -> None:
    # the converters catch any failure of the reader, so a reader that could not be generated would only
    # make loading slower, silently: pin that each document type is read by it
    cls = rules.get(regime).document_type
    assert edge.reader.reader(cls) is not None
    doc = json.loads(json.dumps(data.draw(kt.documents(regime)), default=str))
    assert type(edge.reader.document(doc, cls, "regime")) is cls
