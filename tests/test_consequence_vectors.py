"""The consequence vectors and schemas (issue 19) are up to date, well formed, and their inputs match the schemas."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kinerja import vectors
from kinerja.errors import ValidationError
from kinerja.vectors import consequences

jsonschema = pytest.importorskip("jsonschema")


def test_files_are_up_to_date() -> None:
    assert consequences.check() == [], "run python -m kinerja.vectors.consequences and review the diff"


@pytest.mark.parametrize("kind", consequences.KINDS)
def test_every_input_validates_against_its_schema(kind: str) -> None:
    schema = consequences.input_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for case in consequences.load(kind).cases:
        errors = list(validator.iter_errors(json.loads(json.dumps(case.input))))
        assert not errors, f"{case.id}: {errors[0].message}"


@pytest.mark.parametrize("kind", consequences.KINDS)
def test_expected_is_what_the_code_computes(kind: str) -> None:
    for case in consequences.load(kind).cases:
        try:
            got = consequences.evaluate(kind, case.input)
        except ValidationError as exc:
            got = {"problems": exc.to_json()}
        assert got == case.expected, case.id


def test_the_regime_vector_listing_is_unchanged() -> None:
    assert not set(consequences.KINDS) & set(vectors.names())
    assert len(consequences.cases()) == sum(len(consequences.load(k).cases) for k in consequences.KINDS)


def test_unknown_kind() -> None:
    with pytest.raises(ValidationError) as err:
        consequences.evaluate("gaji", {})
    assert err.value.codes == ("rule.unknown",)
    with pytest.raises(LookupError):
        consequences.load("gaji")


def test_tukin_input_problems_are_prefixed() -> None:
    with pytest.raises(ValidationError) as err:
        consequences.evaluate("tukin", {"scheme": "permenlu-3-2025", "facts": {"first_month": "2025-01"}})
    assert all(p.startswith("facts.") for p in err.value.paths)
    with pytest.raises(ValidationError) as err:
        consequences.evaluate("tukin", {"scheme": {"name": "x"}, "facts": {}})
    assert all(p.startswith("scheme.") for p in err.value.paths)


def test_every_preset_scheme_validates_against_the_scheme_schema() -> None:
    from kinerja.policies import TUKIN_PRESETS, tukin_preset, tukin_scheme_to_json

    validator = jsonschema.Draft202012Validator(consequences.scheme_schema())
    for name in TUKIN_PRESETS:
        data = json.loads(json.dumps(tukin_scheme_to_json(tukin_preset(name))))
        assert not list(validator.iter_errors(data)), name
    assert list(validator.iter_errors({**data, "weights": []}))  # an empty table is refused


def test_cli(tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    from kinerja.cli import main

    case = consequences.load("kalibrasi").cases[0]
    path = tmp_path / "record.json"  # type: ignore[operator]
    path.write_text(json.dumps(case.input), encoding="utf-8")
    assert main(["consequence", "kalibrasi", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == case.expected
    assert main(["consequence", "kalibrasi", str(path), "--html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    broken = consequences.load("rencana").cases[1]
    path.write_text(json.dumps(broken.input), encoding="utf-8")
    assert main(["consequence", "rencana", str(path)]) == 1
    assert json.loads(capsys.readouterr().out) == broken.expected
    path.write_text("{", encoding="utf-8")
    assert main(["consequence", "tukin", str(path)]) == 1
    assert main(["consequence", "gaji", str(path)]) == 2


def _json_values() -> Any:
    from hypothesis import strategies as st

    leaves = st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.text(max_size=12)
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
        max_leaves=20,
    )


@pytest.mark.parametrize("kind", consequences.KINDS)
def test_any_json_is_either_answered_or_refused_with_codes(kind: str) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from kinerja.codes import CODES

    valid = consequences.load(kind).cases[0].input

    def mutate(value: object, key: str) -> dict[str, object]:
        return {**valid, key: value}

    keys = st.sampled_from(sorted(valid))

    @settings(max_examples=60, deadline=None)
    @given(st.one_of(_json_values(), st.builds(mutate, _json_values(), keys)))
    def check(data: object) -> None:
        try:
            consequences.evaluate(kind, data)
        except ValidationError as exc:
            assert all(code in CODES for code in exc.codes), exc.codes

    check()
