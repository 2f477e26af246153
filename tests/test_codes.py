"""Problem codes: one list (kinerja.codes.CODES), every code raised is on it, every code on it is documented.

Three ways of finding the codes kinerja raises:

* by running bad documents through ``kinerja.evaluate`` — the shipped invalid vectors, every
  schema-guided mutation of the golden vectors (``kinerja.testing.sites``) and the rule-specific
  invalid documents of ``kinerja.testing.invalid_documents``;
* by reading the source: every string literal passed as the code of a ``Problem(...)``,
  ``ValidationError.one(...)``, ``Problems.add(...)`` or as ``code=`` in ``src/kinerja``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import kinerja
import kinerja.testing as kt
from kinerja import schema, vectors
from kinerja.codes import CODES
from kinerja.errors import ValidationError
from kinerja.vectors import generate

SRC = Path(kinerja.__file__).resolve().parent
DOC = SRC.parent.parent / "docs" / "problem-codes.md"
CODE_SHAPE = re.compile(schema.CODE_PATTERN)


def _codes_of(document: object) -> tuple[str, ...]:
    try:
        kinerja.evaluate(document)
    except ValidationError as err:
        return err.codes
    return ()


def test_every_code_is_dotted_lower_case() -> None:
    assert [c for c in CODES if not CODE_SHAPE.match(c)] == []
    assert all(meaning and meaning == meaning.strip() for meaning in CODES.values())


def test_the_code_list_is_documented_and_up_to_date() -> None:
    if not DOC.parent.is_dir():
        pytest.skip("not a source checkout: no docs/")
    text = DOC.read_text(encoding="utf-8")
    assert text == generate.problem_codes_markdown(), (
        "stale docs/problem-codes.md; run python -m kinerja.vectors.generate"
    )
    assert [c for c in CODES if f"| `{c}` |" not in text] == []


def test_invalid_vectors_carry_listed_codes() -> None:
    found = {code for case in vectors.invalid_cases() for _path, code in case.problems}
    assert found, "no invalid vectors"
    assert found - CODES.keys() == set()
    for case in vectors.invalid_cases():
        assert set(_codes_of(case.input)) <= CODES.keys(), case.id


def _mutants() -> Iterator[tuple[str, object]]:
    for name in vectors.names():
        for case in vectors.load(name).cases[:3]:
            for site in kt.sites(case.input, schema.document_schema(name)):
                yield f"{case.id} {site.action} {site.path} ({site.reason})", site.apply(case.input).data


def test_mutations_of_every_vector_carry_listed_codes() -> None:
    seen: set[str] = set()
    unlisted = []
    for what, data in _mutants():
        codes = _codes_of(data)
        assert codes, f"accepted: {what}"
        seen.update(codes)
        unlisted += [(what, c) for c in codes if c not in CODES]
    assert unlisted == []
    assert {"field.unknown", "field.missing", "label.unknown"} <= seen


@pytest.mark.parametrize("regime", kt.regimes())
def test_generated_invalid_documents_carry_listed_codes(regime: str) -> None:
    @given(kt.invalid_documents(regime))
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(bad: kt.Invalid) -> None:
        codes = _codes_of(bad.data)
        assert codes, f"accepted: {bad.reason} at {bad.path}"
        assert set(codes) <= CODES.keys(), (bad.reason, bad.path, codes)

    check()


# --- the source: code literals at their raise sites -------------------------------------------

_CODE_ARG = {"Problem": 2, "one": 2, "add": 2, "_problem": 2}
"""Callables whose third positional argument is a problem code."""


def _literal_codes(tree: ast.AST) -> Iterator[tuple[int, str, str]]:
    """(line, callable, literal) for every string literal passed as a code."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        args = []
        if name in _CODE_ARG and len(node.args) > _CODE_ARG[name]:
            args.append(node.args[_CODE_ARG[name]])
        args += [k.value for k in node.keywords if k.arg == "code"]
        for arg in args:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                continue
            if name == "add" and not CODE_SHAPE.match(arg.value):
                continue  # another kind of .add(a, b, text), e.g. an output declaration
            yield node.lineno, name, arg.value


def test_every_code_literal_in_the_source_is_listed() -> None:
    unlisted = []
    count = 0
    for path in sorted(SRC.rglob("*.py")):
        for line, name, code in _literal_codes(ast.parse(path.read_text(encoding="utf-8"))):
            count += 1
            if code not in CODES:
                unlisted.append(f"{path.relative_to(SRC)}:{line} {name}(..., {code!r})")
    assert unlisted == []
    assert count > 50  # the scan does find the raise sites


def test_the_scan_finds_each_form() -> None:
    source = """
Problem("a", "m", "x.one")
ValidationError.one("a", "m", "x.two")
ps.add("a", "m", "x.three")
ps.add("a", "m", code="x.four")
outputs.add("score", "decimal", "the final score")
"""
    found = [code for _, _, code in _literal_codes(ast.parse(source))]
    assert found == ["x.one", "x.two", "x.three", "x.four"]
