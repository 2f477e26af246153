"""What a rule must provide, checked for every built-in rule — and proved on a fictitious regime and city.

A new national regime touches, by hand (the recipe in docs/contributing.md), at most six files:

1. its module in ``src/kinerja/rules/`` (sources, dated tables, formulas, ``example_document()``,
   the worked example; the rule class is a :class:`~kinerja.rules.base.ScoredRule`);
2. one line in ``kinerja.rules._BUILTIN``;
3. the predecessor's module, for its end date (only when it replaces one);
4. one line in ``kinerja.siasn``'s ``HOME_TABLE``;
5. its docs page ``docs/regimes/<name>.md``;
6. its test file.

A city scheme touches three:

1. its JSON file ``src/kinerja/schemes/data/<name>.json``: the definition (with its sources) and,
   under ``"example"``, the worked example;
2. one line in ``kinerja.rules._BUILTIN`` (``"<name>": "kinerja.schemes.presets"``: the rule and its
   example are read from the file by ``kinerja.schemes.presets.builtin_rule`` / ``builtin_example``);
3. its test file.

Their golden vectors and JSON Schemas are generated (``make vectors``); their case builder and
Hypothesis strategy default to ones derived from ``example_document()`` and the definition (the
built-in regimes have hand-written ones too). :func:`missing` names every artefact a rule lacks,
so this test fails saying what to add; the fictitious regime and city below show exactly that
list for a regime that has only its class and for a city that has only its file and its line.
"""

from __future__ import annotations

import copy
import json
import pathlib
import sys
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
    from kinerja.siasn.export import HOME_TABLE

    module = rules.builtin().get(name)
    try:
        rule = rules.get(name)
    except kinerja.UnknownRuleError:  # its _BUILTIN line names a module (or a preset file) that is not there
        if module == "kinerja.schemes.presets":
            return [f"src/kinerja/schemes/data/{name}.json (its _BUILTIN line names the data presets)"]
        return [f"the module {module} that _BUILTIN names"]
    out = [
        f"src/kinerja/schemas/{name}.{part}.json (make vectors)"
        for part in ("input", "result")
        if not (PACKAGE / "schemas" / f"{name}.{part}.json").exists()
    ]
    if not (PACKAGE / "vectors" / f"{name}.json").exists():
        out.append(f"src/kinerja/vectors/{name}.json (make vectors)")
    try:
        rules.example_document(name)
    except FileNotFoundError as exc:  # a preset without its worked example says where it goes
        out.append(str(exc))
    except LookupError:  # not built in, or its module has no example_document()
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


# --- a fictitious city: one JSON file, one _BUILTIN line, its test ------------------------------

CITY = {
    "name": "fiktif",
    "title": "Kota Fiktif - kinerja pelayanan dokumen (test only)",
    "description": "One indicator, documents processed against a target of 400; weights chosen for the test.",
    "sources": [{"regulation": "Peraturan Wali Kota Fiktif 1/2030", "article": "Pasal 2", "confidence": "C1"}],
    "versions": [
        {
            "version": "1",
            "valid_from": "2030-01-01",
            "indicators": [
                {"id": "documents", "name": "Documents processed", "kind": "count", "target": "400", "weight": "1"}
            ],
            "bands": {"rungs": [["100", "Baik"]], "floor": "Kurang"},
        }
    ],
    "example": {
        "regime": "fiktif",
        "employee": {"nip": "199001012015031001", "name": "Budi", "unit": "Dinas Fiktif"},
        "period": {"start": "2030-01-01", "end": "2030-03-31"},
        "measurements": {"documents": {"value": 460}},
    },
}
"""File 1, ``src/kinerja/schemes/data/fiktif.json``: the definition with its sources, and its worked example."""


@pytest.fixture
def city(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Lay out the city's files; tmp_path stands in for ``src/kinerja/schemes/data``. Yields a writer of file 1."""
    from kinerja.schemes import presets

    rules.available()  # every built-in rule loaded from the real data directory first
    monkeypatch.setattr(presets, "DATA", tmp_path)
    monkeypatch.setitem(rules._BUILTIN, "fiktif", "kinerja.schemes.presets")  # file 2: the one registry line

    def write(data: dict[str, Any]) -> None:
        (tmp_path / "fiktif.json").write_text(json.dumps(data), encoding="utf-8")

    yield write
    rules.unregister("fiktif")


def test_a_fictitious_city_is_one_json_file_and_one_registry_line(city: Any) -> None:
    from kinerja.schemes import Scheme
    from kinerja.vectors import generate
    from kinerja.vectors._builders import example_cases

    city(CITY)
    rule = rules.get("fiktif")
    assert isinstance(rule, Scheme) and rules.get("fiktif") is rule
    assert rule == Scheme.from_json({k: v for k, v in CITY.items() if k != "example"})
    assert rule.info.title == CITY["title"] and rule.info.kind == "scheme"
    assert "kinerja.schemes.fiktif" not in sys.modules  # no module is made for it
    # its worked example scores: 460 / 400 = 115 %
    assert rules.example_document("fiktif") == CITY["example"]
    assert kinerja.evaluate(rules.example_document("fiktif"))["values"]["score"] == "115.00"
    # its golden-vector case and schemas are derived (make vectors writes them): nothing else is hand-written
    (spec,) = example_cases("fiktif")
    assert (spec.ref, spec.document) == ("kinerja.schemes.presets.builtin_example('fiktif')", CITY["example"])
    assert [case.values["category"] for case in generate.build("fiktif").cases] == ["Baik"]
    assert schema.document_schema("fiktif")["properties"]["regime"]["const"] == "fiktif"
    # its Hypothesis strategy is the generic one, read from the definition (kinerja.testing.DOCUMENTS keys on this)
    assert rules.builtin()["fiktif"].startswith("kinerja.schemes.")
    assert missing("fiktif") == [
        "src/kinerja/schemas/fiktif.input.json (make vectors)",
        "src/kinerja/schemas/fiktif.result.json (make vectors)",
        "src/kinerja/vectors/fiktif.json (make vectors)",
    ]


def test_the_registry_names_what_the_fictitious_city_still_lacks(city: Any) -> None:
    assert missing("fiktif") == ["src/kinerja/schemes/data/fiktif.json (its _BUILTIN line names the data presets)"]
    without_example = copy.deepcopy(CITY)
    del without_example["example"]
    city(without_example)
    assert missing("fiktif") == [
        "src/kinerja/schemas/fiktif.input.json (make vectors)",
        "src/kinerja/schemas/fiktif.result.json (make vectors)",
        "src/kinerja/vectors/fiktif.json (make vectors)",
        "no worked example for the scheme 'fiktif': add it under 'example' in src/kinerja/schemes/data/fiktif.json",
    ]
