"""What a rule must provide, checked for every built-in rule — and proved on a fictitious regime.

A new national regime touches, by hand (the recipe in docs/contributing.md), at most six files:

1. its module in ``src/kinerja/rules/`` (sources, dated tables, formulas, ``example_document()``,
   the worked example; the rule class is a :class:`~kinerja.rules.base.ScoredRule`);
2. one line in ``kinerja.rules._BUILTIN``;
3. the predecessor's module, for its end date (only when it replaces one);
4. one line in ``kinerja.siasn``'s ``HOME_TABLE``;
5. its docs page ``docs/regimes/<name>.md``;
6. its test file.

Its golden vectors and JSON Schemas are generated (``make vectors``); its case builder and
Hypothesis strategy default to ones derived from ``example_document()`` (the built-in regimes
have hand-written ones too). A city scheme touches its preset module, its test and one
``_BUILTIN`` line. :func:`missing` names every artefact a rule lacks, so this test fails saying
what to add; the fictitious regime below shows exactly that list for a rule that has only its class.
"""

from __future__ import annotations

import pathlib
from typing import Any, ClassVar

import attrs
import pytest

import kinerja
from kinerja import rules, schema
from kinerja.explain import Source, Step, Trace
from kinerja.model import Employee, Period
from kinerja.result import OutputField
from kinerja.rules.base import Scored, ScoredRule

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "kinerja"


def missing(name: str) -> list[str]:
    """The artefacts rule *name* lacks, each as the file or registry to add it to."""
    import importlib

    from kinerja.siasn.export import HOME_TABLE

    rule = rules.get(name)
    out = [
        f"src/kinerja/schemas/{name}.{part}.json (make vectors)"
        for part in ("input", "result")
        if not (PACKAGE / "schemas" / f"{name}.{part}.json").exists()
    ]
    if not (PACKAGE / "vectors" / f"{name}.json").exists():
        out.append(f"src/kinerja/vectors/{name}.json (make vectors)")
    module = rules.builtin().get(name)
    if module is None or not hasattr(importlib.import_module(module), "example_document"):
        out.append(f"example_document() in the module of {name} (the derived vectors and strategy start from it)")
    if rule.info.kind == "regime":
        if name not in HOME_TABLE:
            out.append(f"the SIASN record of {name} in kinerja.siasn.export.HOME_TABLE")
        if not (ROOT / "docs" / "regimes" / f"{name}.md").exists():
            out.append(f"docs/regimes/{name}.md")
    return out


@pytest.mark.parametrize("name", list(rules.builtin()))
def test_every_built_in_rule_provides_what_a_rule_needs(name: str) -> None:
    assert missing(name) == []


# --- a fictitious regime, registered from outside the package, to prove the recipe ---------

SRC_FIKTIF = Source("Peraturan Fiktif 1/2030", "Pasal 1: predikat = Baik when the realisation meets the target")


@attrs.frozen
class FiktifDocument:
    """The document of the test-only regime ``fiktif-2030``: a target and a realisation."""

    employee: Employee
    period: Period
    target: int
    realisasi: int


@attrs.frozen
class FiktifRule(ScoredRule):
    """A regime of one formula, written the way a regulation module writes its rule class."""

    info: rules.RuleInfo = rules.RuleInfo(
        "fiktif-2030", "regime", "Peraturan Fiktif 1/2030", "1", None, None, (SRC_FIKTIF,), selectable=False
    )
    document_class: ClassVar[type[FiktifDocument]] = FiktifDocument
    rule_outputs: ClassVar[tuple[OutputField, ...]] = (OutputField("memenuhi", "boolean", "target met"),)

    def score(self, document: FiktifDocument, trace: Trace) -> Scored:
        met = document.realisasi >= document.target
        if trace is not None:
            trace.append(Step("realisasi >= target", SRC_FIKTIF, {"target": document.target}, met))
        return {"memenuhi": met}, ()


@pytest.fixture
def fiktif() -> Any:
    rule = rules.register(FiktifRule())
    yield rule
    rules.unregister("fiktif-2030")


def test_a_fictitious_regime_scores_explains_and_has_a_schema_once_registered(fiktif: Any) -> None:
    doc = {
        "regime": "fiktif-2030",
        "employee": {"nip": "199001012015031001", "name": "Budi"},
        "period": {"start": "2030-01-01", "end": "2030-12-31"},
        "target": 10,
        "realisasi": 12,
    }
    assert kinerja.evaluate(doc)["values"] == {"memenuhi": True}
    assert kinerja.explain(doc)["explanation"]["steps"][0]["source"] == str(SRC_FIKTIF)
    assert schema.document_schema("fiktif-2030")["properties"]["regime"]["const"] == "fiktif-2030"
    with pytest.raises(kinerja.ValidationError) as info:
        kinerja.evaluate({**doc, "target": "10"})
    assert info.value.codes == ("type.integer",)


def test_the_registry_names_what_the_fictitious_regime_still_lacks(fiktif: Any) -> None:
    assert missing("fiktif-2030") == [
        "src/kinerja/schemas/fiktif-2030.input.json (make vectors)",
        "src/kinerja/schemas/fiktif-2030.result.json (make vectors)",
        "src/kinerja/vectors/fiktif-2030.json (make vectors)",
        "example_document() in the module of fiktif-2030 (the derived vectors and strategy start from it)",
        "the SIASN record of fiktif-2030 in kinerja.siasn.export.HOME_TABLE",
        "docs/regimes/fiktif-2030.md",
    ]
