"""JSON Schema: generated from the attrs model, shipped, printable, and every vector validates against it."""

from __future__ import annotations

import datetime as _dt
import io as _io
import json
import re
from decimal import Decimal
from importlib import resources
from typing import Any, Literal

import attrs
import pytest

from kinerja import io, schema, vectors
from kinerja.model import Employee, JenisJabatan, Jenjang, Period, Predikat, Target
from kinerja.vectors import generate
from schemacheck import stored, validator


@pytest.mark.parametrize("name", vectors.names())
def test_every_vector_validates_against_its_schemas(name: str) -> None:
    doc_v = validator(stored(f"{name}.input.json"))
    res_v = validator(stored(f"{name}.result.json"))
    dec_v = validator(stored("decision.json"))
    for case in vectors.load(name).cases:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in doc_v.iter_errors(case.input)]
        assert not errors, (case.id, errors)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in res_v.iter_errors(case.expected)]
        assert not errors, (case.id, errors)
        for d in case.decisions or ():
            assert not list(dec_v.iter_errors(d)), case.id


@pytest.mark.parametrize("name", vectors.names())
def test_vector_files_validate_against_the_vector_schema(name: str) -> None:
    v = validator(stored("vectors.json"))
    data = json.loads((resources.files("kinerja.vectors") / f"{name}.json").read_text(encoding="utf-8"))
    assert not [e.message for e in v.iter_errors(data)]


@pytest.mark.parametrize("name", vectors.invalid_names())
def test_invalid_vector_files_validate_against_their_schema(name: str) -> None:
    v = validator(stored("invalid-vectors.json"))
    data = json.loads((resources.files("kinerja.vectors") / "invalid" / f"{name}.json").read_text(encoding="utf-8"))
    assert not [e.message for e in v.iter_errors(data)]
    codes = {p["code"] for c in data["cases"] for p in c["problems"]}
    assert all(re.match(schema.CODE_PATTERN, c) for c in codes)


@pytest.mark.parametrize("name", generate.builtin_rules())
def test_stored_schemas_equal_the_generated_ones(name: str) -> None:
    assert stored(f"{name}.input.json") == schema.document_schema(name)
    assert stored(f"{name}.result.json") == schema.result_schema(name)


@pytest.mark.parametrize("name", generate.builtin_rules())
def test_schema_rejects_what_the_loader_rejects_structurally(name: str) -> None:
    v = validator(schema.document_schema(name))
    case = next(iter(vectors.load(name).cases))
    good = dict(case.input)
    assert v.is_valid(good)
    assert not v.is_valid({**good, "unknown": 1})  # closed objects
    assert not v.is_valid({**good, "regime": "other"})  # the regime is a const
    required = [k for k in schema.document_schema(name)["required"] if k != "regime"]
    assert not v.is_valid({k: val for k, val in good.items() if k != required[0]})
    if "employee" in good:
        bad_emp = {**good["employee"], "nip": "12345"}
        assert not v.is_valid({**good, "employee": bad_emp})


def test_result_schema_types_values_from_outputs() -> None:
    name = generate.builtin_rules()[0]
    s = schema.result_schema(name)
    v = validator(s)
    case = next(iter(vectors.load(name).cases))
    expected = json.loads(json.dumps(case.expected))
    assert v.is_valid(expected)
    expected["values"]["not_an_output"] = "1"
    assert not v.is_valid(expected)
    del expected["values"]["not_an_output"]
    expected["values"]["predikat"] = "Lumayan"
    assert not v.is_valid(expected)
    expected["values"]["predikat"] = "BAIK"
    first_decimal = next(
        k for k, o in s["properties"]["values"]["properties"].items() if o.get("type") == "string" and "pattern" in o
    )
    expected["values"][first_decimal] = 85.5  # a result writes decimals as strings
    assert not v.is_valid(expected)


# --- the walker on the core model and on synthetic classes ------------------------------------


def test_core_types() -> None:
    assert schema.type_schema(bool) == {"type": "boolean"}
    integer = {"type": "integer", "minimum": -(10**15), "maximum": 10**15}  # the bound of every number
    assert schema.type_schema(int) == integer
    assert schema.type_schema(str | None) == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert schema.type_schema(_dt.date)["format"] == "date"
    assert schema.type_schema(Literal["a", "b"]) == {"enum": ["a", "b"]}
    assert schema.type_schema(tuple[int, ...]) == {"type": "array", "items": integer}
    pair = schema.type_schema(tuple[str, int])
    assert pair["prefixItems"] == [{"type": "string"}, integer] and pair["items"] is False
    assert schema.type_schema(dict[str, int]) == {"type": "object", "additionalProperties": integer}
    predikat = schema.type_schema(Predikat)
    assert predikat["anyOf"][0] == {"enum": [p.value for p in Predikat]}
    assert "BUTUH_PERBAIKAN = Butuh Perbaikan" in predikat["description"]


def test_decimal_pattern_accepts_what_to_decimal_reads() -> None:
    v = validator(schema.type_schema(Decimal))
    for good in ("85.50", "-1", "0.1", "1e3", " 7 ", ".5", 85.5, 3, "1000000000000000", 10**15):
        assert v.is_valid(good), good
    for bad in ("85,50", "abc", "", True, None, "1_000", "1000000000000000.5", 10**15 + 1, "\uff11"):
        assert not v.is_valid(bad), bad


def test_employee_schema_matches_dumped_employees() -> None:
    s = schema.type_schema(Employee)
    v = validator(s)
    emp = Employee(
        nip="19900101 201503 2 001", name="Siti", jenis_jabatan=JenisJabatan.FUNGSIONAL, jenjang=Jenjang.AHLI_MUDA
    )
    data = json.loads(json.dumps(io.unstructure(emp)))
    assert v.is_valid(data)
    assert v.is_valid({**data, "nip": "19900101 201503 2 001"})  # spaces between groups
    assert not v.is_valid({**data, "golongan": "V/a"})
    assert s["$defs"]["Employee"]["required"] == ["nip", "name"]


def test_target_and_period() -> None:
    t = validator(schema.type_schema(Target))
    assert t.is_valid("5") and t.is_valid({"low": "80", "high": "90"})
    assert not t.is_valid({"low": "80", "top": "90"}) and not t.is_valid({"high": "90"})
    p = validator(schema.type_schema(Period))
    assert p.is_valid({"start": "2024-01-01", "end": "2024-12-31"})
    assert not p.is_valid({"start": "2024-01-01"})
    assert not p.is_valid({"start": "2024-02-30", "end": "2024-12-31"})  # format checker


@attrs.frozen
class _Inner:
    x: int


@attrs.frozen
class _Outer:
    a: _Inner
    b: tuple[_Inner, ...] = ()
    c: _Inner | None = None
    d: Any = None


def test_attrs_classes_are_defs_and_defaults_are_optional() -> None:
    s = schema.type_schema(_Outer)
    assert s["$ref"] == "#/$defs/_Outer"
    outer = s["$defs"]["_Outer"]
    assert outer["required"] == ["a"] and outer["additionalProperties"] is False
    assert outer["properties"]["b"] == {"type": "array", "items": {"$ref": "#/$defs/_Inner"}}
    assert outer["properties"]["d"] == {}


class Custom:
    pass


@attrs.frozen
class HasCustom:
    c: Custom


def test_unknown_types_must_be_declared() -> None:
    with pytest.raises(TypeError, match="register_type_schema"):
        schema.type_schema(HasCustom)
    schema.register_type_schema(Custom, {"type": "string", "pattern": "^C"})
    try:
        assert schema.type_schema(HasCustom)["$defs"]["HasCustom"]["properties"]["c"]["pattern"] == "^C"
    finally:
        schema._EXTRA.pop(Custom)


# --- the command ---------------------------------------------------------------------------


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = _io.StringIO(), _io.StringIO()
    code = schema.run_cli(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_prints_the_schemas() -> None:
    name = generate.builtin_rules()[0]
    code, out, _ = _cli(name)
    assert code == 0 and json.loads(out) == schema.document_schema(name)
    code, out, _ = _cli(name, "--result")
    assert code == 0 and json.loads(out) == schema.result_schema(name)
    code, out, _ = _cli("--decision")
    assert code == 0 and json.loads(out)["title"] == "kinerja policy decision"
    code, out, _ = _cli("--vectors")
    assert code == 0 and json.loads(out)["$id"] == "urn:kinerja:schema:vectors"
    code, out, _ = _cli("--errors")
    assert code == 0 and json.loads(out) == schema.error_schema()
    code, out, _ = _cli("--invalid-vectors")
    assert code == 0 and json.loads(out)["$id"] == "urn:kinerja:schema:invalid-vectors"
    code, out, _ = _cli("--list")
    assert code == 0 and name in out.split()


def test_cli_usage_errors() -> None:
    code, _, err = _cli("no-such-rule")
    assert code == 2 and "unknown rule set" in err
    code, _, err = _cli()
    assert code == 2 and "name a rule" in err
    code, _, err = _cli("--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err
    code, out, _ = _cli("--help")
    assert code == 0 and "kinerja schema" in out


def test_error_schema_matches_the_batch_error_lines() -> None:
    from kinerja import batch

    v = validator(schema.error_schema())
    bad = b'{"regime": "permenpanrb-6-2022", "employee": {"nip": "1", "name": "A"}, "x": 1}\nnot json\n[1]\n'
    lines = [json.loads(line) for line in batch.score_jsonl(bad.splitlines(keepends=True))]
    assert len(lines) == 3 and all("problems" in line for line in lines)
    for line in lines:
        assert [e.message for e in v.iter_errors(line)] == [], line
