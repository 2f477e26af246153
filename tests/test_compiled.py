"""The compiled gate (``[fast]`` extra, msgspec) changes speed, never results.

A JSON line the gate takes must give the very answer the ordinary path gives (parse,
read, converters); a line it does not take goes the ordinary way. Here both ways answer
the same generated, mutated and hand-made lines of every regime and scheme.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kinerja.testing as kt
from kinerja import batch, io, rules
from kinerja.rules.permenpanrb_6_2022 import example_document

pytest.importorskip("msgspec")


@pytest.fixture
def ordinary(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The ordinary path only, as without the extra (``KINERJA_COMPILED=0``)."""
    monkeypatch.setenv("KINERJA_COMPILED", "0")
    monkeypatch.setattr(io, "_GATE", [])
    yield


def _both_ways(line: str | bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[str | None, str | None]:
    with monkeypatch.context() as m:
        m.setattr(io, "_GATE", [])
        gated = batch.score_line(1, line)
    with monkeypatch.context() as m:
        m.setenv("KINERJA_COMPILED", "0")
        m.setattr(io, "_GATE", [])
        plain = batch.score_line(1, line)
    return gated, plain


def _full(obj: object) -> object:
    return attrs.asdict(obj) if attrs.has(type(obj)) else obj


def _line(doc: dict[str, Any]) -> str:
    return json.dumps(doc, default=str, ensure_ascii=False)


def test_the_gate_takes_every_built_in_rule() -> None:
    gate = io.compiled_gate()
    assert gate is not None
    assert all(gate.takes(info.name) for info in rules.available())
    assert gate.names >= {info.name for info in rules.available()}
    assert not gate.takes("no-such-rule") and "no-such-rule" not in gate.names


def test_a_rule_is_added_when_its_first_line_comes(monkeypatch: pytest.MonkeyPatch) -> None:
    # a one-line call builds the structs of its own rule only (not of every registered rule)
    monkeypatch.setattr(io, "_GATE", [])
    line = _line({"regime": "permenpanrb-6-2022", **example_document()})
    assert io.load_line(line) is not None
    gate = io.compiled_gate()
    assert gate.names == {"permenpanrb-6-2022"}
    late = _line({**{k: v for k, v in example_document().items() if k != "regime"}, "regime": "permenpanrb-6-2022"})
    assert io.load_line(late) is not None
    body = {k: v for k, v in example_document().items() if k != "regime"}
    untagged = _line(body)  # no regime: the ordinary path chooses by period
    assert io.load_line(untagged) is None
    # a "regime" that is not the document's own (here inside an object) never stands for it
    nested = _line({**body, "perilaku": {"regime": "pp-46-2011"}})
    assert io.load_line(nested) is None
    assert io.load_line(_line({"regime": "pp-46-2011", **body})) is None  # not a PP 46 document
    gated, plain = _both_ways(nested, monkeypatch)
    assert gated == plain


def test_the_gate_without_the_extra_is_none(ordinary: None) -> None:
    assert io.compiled_gate() is None
    assert io.load_line(_line({"regime": "permenpanrb-6-2022", **example_document()})) is None


@pytest.mark.parametrize("regime", kt.regimes())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_line_the_gate_takes_reads_as_the_ordinary_path_reads_it(regime: str, data: st.DataObject) -> None:
    for doc in (data.draw(kt.documents(regime)), data.draw(kt.invalid_documents(regime)).data):
        line = _line(doc)
        got = io.load_line(line)
        try:
            expected = io.load(io.loads(line))
        except Exception:
            assert got is None, f"the gate took what the ordinary path refuses: {line}"
            continue
        if got is not None:
            assert got[0] is expected[0]
            assert type(got[1]) is type(expected[1])
            assert got[1] == expected[1] and _full(got[1]) == _full(expected[1])


@pytest.mark.parametrize("regime", kt.regimes())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_answer_is_the_same_either_way(regime: str, data: st.DataObject) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        for doc in (data.draw(kt.documents(regime)), data.draw(kt.invalid_documents(regime)).data):
            gated, plain = _both_ways(_line(doc), monkeypatch)
            assert gated == plain


def test_a_valid_line_is_taken_by_the_gate() -> None:
    line = _line({"regime": "permenpanrb-6-2022", "id": "r-1", **example_document()})
    got = io.load_line(line)
    assert got is not None and got[2] == "r-1"
    assert io.load_line(line.encode()) is not None


HAND_MADE = [
    # a key written twice: the struct decoder would keep the last one silently
    '{"regime": "permenpanrb-6-2022", "hasil_kerja": "SESUAI", "hasil_kerja": "DI_ATAS", "employee": %s, "period": %s}',
    # … even with an escaped colon somewhere to make up the count of colons
    '{"regime": "permenpanrb-6-2022", "feedback": "a\\u003ab", "feedback": "c", "employee": %s, "period": %s}',
    # a JSON fraction where a decimal belongs (the gate takes decimals as text or integers only)
    '{"regime": "permenpanrb-6-2022", "employee": %s, "period": %s, "rhk": [{"id": "a", "indicators": '
    '[{"id": "1", "target": 12.50, "realization": {"value": 10}}]}]}',
    # an unknown key, a wrong type, a bad record id, a missing regime
    '{"regime": "permenpanrb-6-2022", "employee": %s, "period": %s, "unknown": 1}',
    '{"regime": "permenpanrb-6-2022", "employee": %s, "period": %s, "kepala_unit": "ya"}',
    '{"regime": "permenpanrb-6-2022", "id": true, "employee": %s, "period": %s}',
    '{"employee": %s, "period": %s}',
    # a label, a repeated key inside a nested object, a lone surrogate
    '{"regime": "permenpanrb-6-2022", "hasil_kerja": "Sesuai Ekspektasi", "employee": %s, "period": %s}',
    '{"regime": "permenpanrb-6-2022", "employee": %s, "period": %s, "perilaku": {"loyal": "SESUAI", "loyal": "DI_ATAS"}}',
    '{"regime": "permenpanrb-6-2022", "feedback": "\\ud800", "employee": %s, "period": %s}',
]


def _with(path: tuple[Any, ...], value: object) -> str:
    doc: Any = {"regime": "permenpanrb-6-2022", **example_document()}
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(doc, ensure_ascii=False)


IND = ("rhk", 0, "indicators", 0)
ONE_VALUE_WRONG = [
    _with(("rhk", 0, "id"), " "),
    _with((*IND, "id"), ""),
    _with(("employee", "name"), "  "),
    _with(("employee", "nip"), "199509262022112200"),
    _with(("period", "start"), "2025-02-30"),
    _with(("period", "end"), "2024-01-01"),
    *(_with((*IND, "target"), t) for t in ["-3", "0", "abc", "١٠", "1e3", " 4 ", "10000000000000000", 10**16]),
    _with((*IND, "target"), {"low": "10", "high": "5"}),
    _with((*IND, "realization"), {"value": "abc"}),
    _with((*IND, "realization"), {"value": "-1"}),
    _with((*IND, "weight"), "-1"),
    _with((*IND, "direction"), "sideways"),
    _with(("rhk",), example_document()["rhk"] * 2),  # two RHK with one id
    _with(("rhk", 0, "indicators"), example_document()["rhk"][0]["indicators"] * 2),
    _with(("kepala_unit",), True),
    _with(("year",), 1990),
]


@pytest.mark.parametrize("line", ONE_VALUE_WRONG)
def test_one_wrong_value_gets_the_same_answer(line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    gated, plain = _both_ways(line, monkeypatch)
    assert gated == plain


@pytest.mark.parametrize("template", HAND_MADE)
def test_hand_made_lines_get_the_same_answer(template: str, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = example_document()
    line = template % (json.dumps(doc["employee"]), json.dumps(doc["period"]))
    gated, plain = _both_ways(line, monkeypatch)
    assert gated == plain
    gated_bytes, _ = _both_ways(line.encode("utf-8", "surrogatepass"), monkeypatch)
    assert gated_bytes == plain or "\\ud800" in line


def test_repeated_keys_are_never_taken_by_the_gate() -> None:
    doc = example_document()
    head = f'"employee": {json.dumps(doc["employee"])}, "period": {json.dumps(doc["period"])}'
    assert io.load_line('{"regime": "permenpanrb-6-2022", ' + head + "}") is not None
    assert io.load_line('{"regime": "permenpanrb-6-2022", "regime": "permenpanrb-6-2022", ' + head + "}") is None
    answer = json.loads(
        batch.score_line(1, '{"regime": "permenpanrb-6-2022", "feedback": "a:b", "feedback": "c", ' + head + "}") or ""
    )
    assert [p["code"] for p in answer["problems"]] == ["field.duplicate"]


def test_a_fraction_is_left_to_the_ordinary_path_and_read_exactly() -> None:
    doc = example_document()
    doc["rhk"][0]["indicators"][0]["target"] = Decimal("12.50")
    line = json.dumps({"regime": "permenpanrb-6-2022", **doc}, default=float)  # a JSON number 12.5
    assert io.load_line(line) is None
    _, loaded = io.load(io.loads(line))
    assert loaded.rhk[0].indicators[0].target.low == Decimal("12.5")


@pytest.mark.parametrize("regime", kt.regimes())
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_struct_reader_counts_every_key_the_line_wrote(regime: str, data: st.DataObject) -> None:
    # the fast test for repeated keys compares this count with the colons of the text: a count one too
    # high somewhere would let a repeated key through, one too low would only cost speed
    import msgspec

    doc = data.draw(kt.documents(regime))
    line = _line(doc)
    gate = io.compiled_gate()
    struct = gate._decode(line)
    read = gate._tops[type(struct)][1]
    try:
        _, keys = read(struct)
    except Exception:
        return  # refused (the ordinary path decides)
    written = sum(1 for _ in _keys_of(json.loads(line)))
    assert keys + 1 + (struct.id is not msgspec.UNSET) == written


def _keys_of(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _keys_of(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys_of(v)


@pytest.mark.parametrize("regime", kt.regimes())
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_document_the_gate_read_explains_as_the_ordinary_one(regime: str, data: st.DataObject) -> None:
    # a 6/2022 SKP's RHK are checked as decoded and read again only when asked for (ITEMS_READ): its explanation,
    # which counts them as held, and its objects are those of the ordinary path
    line = _line(data.draw(kt.documents(regime)))
    got = io.load_line(line)
    if got is None:
        return
    rule, doc, _ = got
    _, expected = io.load(io.loads(line))
    assert rule.explain(doc).to_json() == rule.explain(expected).to_json()
    assert _full(doc) == _full(expected)


def test_every_items_read_declaration_names_fields_read_as_written() -> None:
    # ITEMS_READ lets the checks see the items as decoded: each named field must be required text with no
    # converter of its own (read as written), or the struct reader keeps reading the items
    from kinerja.edge import ITEMS_READ
    from kinerja.plain import converted_default

    seen = 0
    for info in rules.available():
        for cls in _classes(rules.get(info.name).document_type):
            for f in attrs.fields(cls):
                names = f.metadata.get(ITEMS_READ)
                if not names:
                    continue
                seen += 1
                item = f.type.__args__[0]
                by_name = {a.name: a for a in attrs.fields(attrs.resolve_types(item))}
                for name in names:
                    a = by_name[name]
                    assert a.type is str and a.converter is None, (cls, f.name, name)
                    assert converted_default(a) is attrs.NOTHING, (cls, f.name, name)
    assert seen >= 2  # the 6/2022 SKP's RHK and each RHK's indicators


def _classes(cls: type[Any], seen: set[type[Any]] | None = None) -> set[type[Any]]:
    seen = set() if seen is None else seen
    if cls in seen or not attrs.has(cls):
        return seen
    seen.add(cls)
    for f in attrs.fields(attrs.resolve_types(cls)):
        for t in (f.type, *getattr(f.type, "__args__", ())):
            if isinstance(t, type) and attrs.has(t):
                _classes(t, seen)
    return seen


@pytest.mark.parametrize("regime", kt.regimes())
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_json_answer_without_a_result_is_the_results_json(regime: str, data: st.DataObject) -> None:
    rule, doc = io.load(data.draw(kt.documents(regime)))
    answer = getattr(rule, "evaluate_json", None)  # (a rule without it is answered through its Result)
    if rule.info.kind == "regime":
        assert answer is not None  # every national regime makes it (kinerja.rules.base.ScoredRule)
    if answer is not None:
        assert answer(doc) == rule.evaluate(doc).to_json()


# --- writing: the answer line the gate writes is the one the standard library writes --------------------------

_JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**80), max_value=2**80) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), _JSON_DATA, max_size=6))
def test_the_gate_writes_an_answer_as_the_standard_library_does(data: dict[str, Any]) -> None:
    # every character (controls, quotes, backslashes, U+2028, astral), integers beyond 64 bits, nesting;
    # a lone surrogate is not UTF-8: the gate declines it and the batch's writer escapes it
    gate = io.compiled_gate()
    assert gate is not None
    written = gate.text(data)
    if written is None:
        assert any("\ud800" <= c <= "\udfff" for c in json.dumps(data, ensure_ascii=False))
    else:
        assert written == batch._dumps(data) == json.dumps(data, ensure_ascii=False)


def test_the_gate_declines_a_lone_surrogate_and_the_batch_escapes_it() -> None:
    gate = io.compiled_gate()
    assert gate is not None
    assert gate.text({"name": "a\ud800b"}) is None
    assert batch._dumps({"name": "a\ud800b"}) == '{"name": "a\\ud800b"}'


def test_a_remembered_aspect_counts_its_keys_and_a_repeat_inside_it_is_not_taken() -> None:
    # a PP 46 aspect is remembered by its struct (text alone): a hit must add the keys it held, as the miss did
    from kinerja.rules.pp46_2011 import example_document as pp46_document

    line = _line({"regime": "pp-46-2011", **pp46_document()})
    gate = io.compiled_gate()
    assert gate is not None and gate.takes("pp-46-2011")
    read = gate._tops[type(gate._decode(line))][1]
    counts = [read(gate._decode(line))[1] for _ in range(2)]  # the second read hits the memo
    assert counts[0] == counts[1] == sum(1 for _ in _keys_of(json.loads(line))) - 1
    assert io.load_line(line) is not None
    repeated = line.replace('"realisasi": "90"', '"realisasi": "90", "realisasi": "90"', 1)
    assert repeated != line and io.load_line(repeated) is None
    answer = json.loads(batch.score_line(1, repeated) or "")
    assert [p["code"] for p in answer["problems"]] == ["field.duplicate"]
