"""Versioned schemes: selection of the version in force, JSON definitions that round-trip, the registry, strict
errors naming the field, flags, and the five presets' example documents. Numbers worked by hand."""

from __future__ import annotations

import copy
import importlib
import json
from decimal import Decimal as D
from typing import Any

import pytest

import kinerja
from kinerja import io
from kinerja.errors import ValidationError
from kinerja.model import Period
from kinerja.result import Result
from kinerja.schemes import ILLUSTRATIVE, Scheme, SchemeDocument

PRESETS = ("surakarta", "jakarta", "asemrowo", "tanjungpinang", "salatiga")
NIP = "198503122010011004"


def definition() -> dict[str, Any]:
    return {
        "name": "test-scheme",
        "title": "Test scheme",
        "sources": [{"regulation": "Test article", "confidence": "C1"}],
        "versions": [
            {
                "version": "2023",
                "valid_from": "2023-01-01",
                "indicators": [
                    {"id": "output", "kind": "count", "target": "100", "weight": "0.6", "component": "hasil"},
                    {"id": "quality", "kind": "rating", "scale": {"low": 1, "high": 4}, "weight": "0.4"},
                ],
            },
            {
                "version": "2024",
                "valid_from": "2024-01-01",
                "indicators": [
                    {"id": "output", "kind": "count", "target": "100", "weight": "50", "component": "hasil"},
                    {"id": "quality", "kind": "rating", "scale": {"low": 1, "high": 4}, "weight": "30"},
                    {"id": "waiting", "kind": "lower-is-better", "target": "20", "weight": "20", "component": "hasil"},
                ],
                "aggregation": {"missing": "renormalise"},
                "places": 1,
                "bands": {"rungs": [["90", "Baik"], ["70", "Cukup"]], "floor": "Kurang"},
                "flags": [
                    {"name": "good", "min_score": "90", "above_unit_mean": True},
                    {"name": "faster", "improvement_of": "waiting.measured", "min_improvement_percent": "10"},
                ],
            },
        ],
    }


SCHEME = Scheme.from_json(definition())


def doc(period: dict[str, str], measurements: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "regime": "test-scheme",
        "employee": {"nip": NIP, "name": "Budi", "unit": "Unit A"},
        "period": period,
        "measurements": measurements,
        **extra,
    }


Y2023 = {"start": "2023-01-01", "end": "2023-12-31"}
Y2024 = {"start": "2024-01-01", "end": "2024-12-31"}


@pytest.fixture(autouse=True)
def registered() -> None:
    kinerja.rules.register(SCHEME, replace=True)


def score(document: dict[str, Any]) -> Result:
    rule, structured = io.load(document)
    result: Result = rule.evaluate(structured)
    return result


# --- versions ----------------------------------------------------------------------------------


def test_the_version_in_force_scores_the_period() -> None:
    old = score(doc(Y2023, {"output": {"value": 90}, "quality": {"value": 3}}))
    # 0.6 x 90 + 0.4 x 75 = 54 + 30 = 84.00
    assert (old.version, old.score) == ("2023", D("84.00"))
    new = score(doc(Y2024, {"output": {"value": 90}, "quality": {"value": 3}, "waiting": {"value": 18}}))
    # (50 x 90 + 30 x 75 + 20 x 110) / 100 = 45 + 22.5 + 22 = 89.5
    assert (new.version, new.score, new["category"]) == ("2024", D("89.5"), "Cukup")
    # component hasil: (50 x 90 + 20 x 110) / 70 = 6700 / 70 = 95.714...
    assert str(new["component.hasil"]).startswith("95.714285")


def test_rescoring_a_past_year_is_faithful() -> None:
    first = score(doc(Y2023, {"output": {"value": 90}, "quality": {"value": 3}}))
    # a later version exists; the 2023 period is still scored with 2023's version
    again = score(doc(Y2023, {"output": {"value": 90}, "quality": {"value": 3}}))
    assert first == again and again.version == "2023"


def test_period_before_the_first_version_names_the_period() -> None:
    with pytest.raises(ValidationError) as err:
        score(doc({"start": "2022-01-01", "end": "2022-12-31"}, {}))
    assert err.value.paths == ("period",)
    assert "valid from 2023-01-01" in str(err.value)


def test_a_pinned_version_valid_after_the_period_names_the_version() -> None:
    with pytest.raises(ValidationError) as err:
        score(doc(Y2023, {"output": {"value": 90}, "quality": {"value": 3}}, version="2024"))
    assert err.value.paths == ("version",)
    assert "valid from 2024-01-01, after the start of the period" in str(err.value)
    with pytest.raises(ValidationError) as err:
        score(doc(Y2024, {"output": {"value": 90}, "quality": {"value": 3}}, version="2023"))
    assert "replaced by version 2024" in str(err.value)
    with pytest.raises(ValidationError) as err:
        score(doc(Y2024, {}, version="1999"))
    assert err.value.paths == ("version",)
    assert score(doc(Y2023, {"output": {"value": 90}, "quality": {"value": 3}}, version="2023")).version == "2023"


def test_a_period_straddling_a_change_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        SCHEME.version_for(Period(Period.month(2023, 7).start, Period.month(2024, 6).end))
    assert err.value.paths == ("period",)
    assert "split it there" in str(err.value)


def test_two_versions_with_the_same_start() -> None:
    data = definition()
    data["versions"][1]["valid_from"] = "2023-01-01"
    with pytest.raises(ValidationError) as err:
        Scheme.from_json(data)
    assert err.value.paths == ("versions[1].valid_from",)
    assert "two versions start on 2023-01-01" in str(err.value)


def test_versions_out_of_order_and_duplicate_labels() -> None:
    data = definition()
    data["versions"].reverse()
    with pytest.raises(ValidationError) as err:
        Scheme.from_json(data)
    assert err.value.paths == ("versions[1].valid_from",)
    data = definition()
    data["versions"][1]["version"] = "2023"
    with pytest.raises(ValidationError) as err:
        Scheme.from_json(data)
    assert err.value.paths == ("versions[1].version",)


# --- definition errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "paths"),
    [
        (lambda d: d["versions"][0]["indicators"][0].update(weight="0.5"), ("versions[0].indicators",)),
        (lambda d: d["versions"][0]["indicators"][0].update(colour="red"), ("versions[0].indicators[0].colour",)),
        (lambda d: d["versions"][0]["indicators"][1].update(id="output"), ("versions[0].indicators[1].id",)),
        (lambda d: d["versions"][0]["indicators"][1].pop("kind"), ("versions[0].indicators[1].kind",)),
        (lambda d: d["versions"][0].update(places=True), ("versions[0].places",)),
        (lambda d: d["versions"][0].update(valid_from="2023-13-01"), ("versions[0].valid_from",)),
        (
            lambda d: d["versions"][1]["flags"][1].update(improvement_of="nothing"),
            ("versions[1].flags[1].improvement_of",),
        ),
        (lambda d: d["versions"][1]["flags"].append({"name": "empty"}), ("versions[1].flags[2]",)),
        (lambda d: d.update(name="Test Scheme"), ("name",)),
        (lambda d: d.update(versions=[]), ("versions",)),
        (lambda d: d["sources"].append({"article": "x"}), ("sources[1].regulation",)),
    ],
)
def test_definition_errors_name_the_field(edit: Any, paths: tuple[str, ...]) -> None:
    data = definition()
    edit(data)
    with pytest.raises(ValidationError) as err:
        Scheme.from_json(data)
    assert err.value.paths == paths


def test_rater_weights_that_do_not_add_up_in_a_definition() -> None:
    data = definition()
    data["versions"][0]["indicators"][1] = {
        "id": "quality",
        "kind": "raters",
        "scale": {"low": 1, "high": 5},
        "weights": {"self": "0.3", "supervisor": "0.6"},
        "weight": "0.4",
    }
    with pytest.raises(ValidationError) as err:
        Scheme.from_json(data)
    assert err.value.paths == ("versions[0].indicators[1].weights",)


def test_mean_aggregation_takes_no_weights() -> None:
    data = definition()
    version = data["versions"][0]
    version["aggregation"] = {"method": "mean"}
    with pytest.raises(ValidationError) as err:
        Scheme.from_json(data)
    assert err.value.paths == ("versions[0].indicators[0].weight", "versions[0].indicators[1].weight")
    for ind in version["indicators"]:
        del ind["weight"]
    scheme = Scheme.from_json(data)
    kinerja.rules.register(scheme, replace=True)
    # (90 + 75) / 2 = 82.5
    assert score(doc(Y2023, {"output": {"value": 90}, "quality": {"value": 3}})).score == D("82.50")


# --- document errors ---------------------------------------------------------------------------------


def test_missing_indicator_refused_or_renormalised() -> None:
    with pytest.raises(ValidationError) as err:
        score(doc(Y2023, {"output": {"value": 90}}))
    assert err.value.paths == ("measurements.quality",)
    assert "missing is not zero" in str(err.value)
    # 2024 renormalises: (50 x 90 + 30 x 75) / 80 = 6750 / 80 = 84.375 -> 84.4
    result = score(doc(Y2024, {"output": {"value": 90}, "quality": {"value": 3}}))
    assert result.score == D("84.4")
    assert result["skipped"] == "waiting"
    assert result.warnings == ("not assessed: waiting; the other weights were renormalised",)


def test_unknown_measurement_and_bad_values_name_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        score(doc(Y2023, {"output": {"value": 90}, "quality": {"value": 3}, "waiting": {"value": 1}}))
    assert err.value.paths == ("measurements.waiting",)
    with pytest.raises(ValidationError) as err:
        score(doc(Y2023, {"output": {"value": "ninety"}, "quality": {"value": 9}}))
    assert err.value.paths == ("measurements.output.value",)  # structural errors first
    with pytest.raises(ValidationError) as err:
        score(doc(Y2023, {"output": {}, "quality": {"value": 9}}))
    assert err.value.paths == ("measurements.output.value", "measurements.quality.value")


def test_notes_are_kept_and_checked() -> None:
    result = score(
        doc(
            Y2023,
            {"output": {"value": 90}, "quality": {"value": 3}},
            notes=[{"text": "on time", "indicator": "output", "by": "atasan"}],
        )
    )
    assert result["notes"] == "output: on time (atasan)"
    with pytest.raises(ValidationError) as err:
        score(
            doc(Y2023, {"output": {"value": 90}, "quality": {"value": 3}}, notes=[{"text": "x", "indicator": "nope"}])
        )
    assert err.value.paths == ("notes[0].indicator",)
    with pytest.raises(ValidationError) as err:
        score(doc(Y2023, {}, notes=[{"text": ""}]))
    assert err.value.paths == ("notes[0].text",)


# --- JSON and the registry ----------------------------------------------------------------------------


def test_definition_round_trips() -> None:
    data = SCHEME.to_json()
    again = Scheme.from_json(json.loads(json.dumps(data)))
    assert again == SCHEME
    assert again.to_json() == data
    assert Scheme.loads(SCHEME.dumps()) == SCHEME
    assert hash(again) == hash(SCHEME)


@pytest.mark.parametrize("name", PRESETS)
def test_presets_round_trip_through_json(name: str) -> None:
    module = importlib.import_module(f"kinerja.schemes.{name}")
    rule = module.RULE
    text = json.dumps(rule.to_json())
    assert Scheme.from_json(json.loads(text)) == rule
    assert Scheme.from_json(json.loads(text)).to_json() == rule.to_json()
    assert Scheme.from_json(module.DEFINITION) == rule


def test_an_agency_edits_weights_in_json_and_registers_the_scheme() -> None:
    from kinerja.schemes.asemrowo import DEFINITION, example_document

    data = copy.deepcopy(DEFINITION)
    data["name"] = "asemrowo-edited"
    for ind in data["versions"][0]["functions"]["pelayanan-dokumen"]:
        ind["weight"] = {"documents": "0.5", "error_rate": "0.2", "satisfaction": "0.3"}[ind["id"]]
    kinerja.rules.register(Scheme.loads(json.dumps(data)))
    document = {**example_document(), "regime": "asemrowo-edited"}
    # 0.5 x 115 + 0.2 x 120 + 0.3 x 90 = 57.5 + 24 + 27 = 108.5
    assert io.evaluate(document)["values"]["score"] == "108.50"
    with pytest.raises(ValidationError, match="already registered"):
        kinerja.rules.register(Scheme.from_json(data))


def test_schemes_are_in_the_registry_but_never_chosen_by_period() -> None:
    names = [i.name for i in kinerja.rules.available("scheme")]
    assert set(PRESETS) <= set(names)
    info = kinerja.rules.get("jakarta").info
    assert info.valid_from is not None
    assert (info.kind, info.selectable, info.version, info.valid_from.isoformat()) == (
        "scheme",
        False,
        "2",
        "2023-01-01",
    )
    assert ILLUSTRATIVE in info.sources
    assert all(i.kind == "regime" for i in kinerja.rules.available("regime"))


@pytest.mark.parametrize("name", PRESETS)
def test_preset_example_documents(name: str) -> None:
    module = importlib.import_module(f"kinerja.schemes.{name}")
    document = module.example_document()
    assert document["regime"] == name
    json.dumps(document)  # plain JSON
    rule, structured = io.load(document)
    assert isinstance(structured, SchemeDocument)
    assert io.load(io.dump(rule, structured))[1] == structured  # the document round-trips
    result = rule.evaluate(structured)
    assert io.load_result(result.to_json()) == result  # the result round-trips with the declared outputs
    assert result.explain().steps
    assert "illustrative" in (module.__doc__ or "")


def test_evaluate_builds_no_explanation(monkeypatch: pytest.MonkeyPatch) -> None:
    import kinerja.schemes.engine as engine

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("evaluate built an explanation step")

    rule, structured = io.load(doc(Y2024, {"output": {"value": 90}, "quality": {"value": 3}, "waiting": {"value": 18}}))
    monkeypatch.setattr(engine, "Step", boom)
    assert rule.evaluate(structured).score == D("89.5")
    with pytest.raises(AssertionError):
        rule.explain(structured)


def test_explanation_cites_its_sources() -> None:
    from kinerja.schemes.asemrowo import example_document

    text = io.explain(example_document())
    sources = [s["source"] for s in text["explanation"]["steps"]]
    assert any(s.startswith("BKN Asemrowo") for s in sources)
    assert any(s.startswith("PermenPANRB 14/2017") for s in sources)
    assert "kinerja, illustrative weights chosen by kinerja [agency]" in sources


# --- flags -----------------------------------------------------------------------------------------


def test_flags_need_their_facts() -> None:
    result = score(doc(Y2024, {"output": {"value": 100}, "quality": {"value": 4}, "waiting": {"value": 15}}))
    # waiting: (2 - 15/20) x 100 = 125, capped at 120; 50 + 30 + 20 x 120 / 100 = 104 -> 104.0
    assert result.score == D("104.0")
    with pytest.raises(ValidationError) as err:
        SCHEME.decide(result)
    assert err.value.paths == ("unit",)
    other = Result("test-scheme", "2024", "199001152015031002", result.period, {"score": D(80), "unit": "Unit A"})
    with pytest.raises(ValidationError) as err:
        SCHEME.decide(result, unit=[result, other])
    assert err.value.paths == ("previous",)
    before = score(doc(Y2023, {"output": {"value": 90}, "quality": {"value": 3}}))
    with pytest.raises(ValidationError, match=r"has no waiting\.measured"):
        SCHEME.decide(result, unit=[result, other], previous=before)


def test_flags_decide_with_unit_and_previous() -> None:
    q = {"start": "2025-01-01", "end": "2025-12-31"}
    before = score(doc(Y2024, {"output": {"value": 100}, "quality": {"value": 4}, "waiting": {"value": 20}}))
    after = score(doc(q, {"output": {"value": 100}, "quality": {"value": 4}, "waiting": {"value": 15}}))
    other = Result("test-scheme", "2024", "199001152015031002", after.period, {"score": D(80), "unit": "Unit A"})
    good, faster = SCHEME.decide(after, unit=[after, other], previous=before)
    assert good.outcome is True and [r.name for r in good.requirements] == ["score", "above the unit average"]
    assert faster.outcome is True
    assert faster.requirements[0].value == D(25)  # 20 -> 15 minutes: 25 % shorter
    assert faster.requirements[0].name == "improvement of waiting (percent)"
    assert faster.requirements[0].note == "waiting improved by 25 % since 2024-01-01..2024-12-31"
    with pytest.raises(ValidationError) as err:
        kinerja.schemes.asemrowo.RULE.decide(after)
    assert err.value.paths == ("result",)


def test_change_by_indicator_id_reads_direction_and_name() -> None:
    before = score(doc(Y2024, {"output": {"value": 100}, "quality": {"value": 4}, "waiting": {"value": 20}}))
    after = score(
        doc(
            {"start": "2025-01-01", "end": "2025-12-31"},
            {"output": {"value": 110}, "quality": {"value": 4}, "waiting": {"value": 15}},
        )
    )
    assert (
        SCHEME.change(before, after, "waiting", since="last year").describe()
        == "waiting improved by 25 % since last year"
    )
    assert SCHEME.change(before, after, "output").describe(1) == f"output improved by 10 % since {before.period}"
    assert SCHEME.higher_is_better("waiting.measured") is False
    assert SCHEME.higher_is_better("waiting.score") is True


# --- direction from the version that scored each result ------------------------------------------

# version 1 (2024): "t" is a rate, lower is better; version 2 (2025): "t" is a count, higher is better
FLIP = Scheme.from_json(
    {
        "name": "test-flip",
        "title": "Direction changes between versions",
        "versions": [
            {
                "version": "1",
                "valid_from": "2024-01-01",
                "indicators": [{"id": "t", "kind": "lower-is-better", "target": "10", "weight": "1"}],
            },
            {
                "version": "2",
                "valid_from": "2025-01-01",
                "indicators": [{"id": "t", "kind": "count", "target": "10", "weight": "1"}],
            },
        ],
    }
)


def _flip(start: str, end: str, t: int, nip: str = NIP) -> Result:
    kinerja.rules.register(FLIP, replace=True)
    document = {
        "regime": "test-flip",
        "employee": {"nip": nip, "name": "x", "unit": "u"},
        "period": {"start": start, "end": end},
        "measurements": {"t": {"value": t}},
    }
    return score(document)


def test_compare_reads_the_direction_from_the_results_own_version() -> None:
    # 2024 results (version 1, lower is better): 8 beats 12; the newest version (a count) would invert it
    low = _flip("2024-01-01", "2024-12-31", 8)
    high = _flip("2024-01-01", "2024-12-31", 12, nip="199101152015031002")
    comparison = FLIP.compare([high, low], "t")
    assert comparison.higher_is_better is False
    assert [(s.value, s.rank) for s in comparison.standings] == [(D(8), D(1)), (D(12), D(2))]
    # 2025 results (version 2, a count): 12 beats 8
    later = [_flip("2025-01-01", "2025-12-31", v, nip=n) for v, n in ((8, NIP), (12, "199101152015031002"))]
    assert [s.value for s in FLIP.compare(later, "t").standings] == [D(12), D(8)]


def test_change_reads_the_direction_from_the_results_own_version() -> None:
    # two quarters of 2024 (version 1): the rate fell from 8 to 6, an improvement of 25 %
    q1 = _flip("2024-01-01", "2024-03-31", 8)
    q2 = _flip("2024-04-01", "2024-06-30", 6)
    ch = FLIP.change(q1, q2, "t")
    assert (ch.higher_is_better, ch.improved, ch.improvement_percent) == (False, True, D(25))


def test_compare_and_change_refuse_an_indicator_whose_kind_changed() -> None:
    r2024 = _flip("2024-01-01", "2024-12-31", 8)
    r2025 = _flip("2025-01-01", "2025-12-31", 9)
    with pytest.raises(ValidationError) as err:
        FLIP.change(r2024, r2025, "t")
    assert err.value.paths == ("after.version",)
    assert "'count' indicator (higher is better) in version 2" in str(err.value)
    assert "'lower-is-better' indicator (lower is better) in version 1" in str(err.value)
    with pytest.raises(ValidationError) as err:
        FLIP.compare([r2024, _flip("2025-01-01", "2025-12-31", 9, nip="199101152015031002")], "t.score")
    assert err.value.paths == ("[1].version",)
    # the final score is comparable across versions: (1 + (1 - 8 / 10)) x 100 = 120 -> 9 / 10 x 100 = 90
    assert FLIP.change(r2024, r2025, "score").absolute == D(-30)


def test_higher_is_better_needs_the_version_when_versions_disagree() -> None:
    with pytest.raises(ValidationError) as err:
        FLIP.higher_is_better("t.measured")
    assert err.value.paths == ("version",)
    assert FLIP.higher_is_better("t.measured", version="1") is False
    assert FLIP.higher_is_better("t.measured", version="2") is True
    assert FLIP.higher_is_better("t.score") is True
    assert FLIP.indicator("t", version="1").kind.kind == "lower-is-better"
    assert FLIP.indicator("t").kind.kind == "count"  # without a version: the latest definition
    with pytest.raises(ValidationError) as err:
        SCHEME.indicator("waiting", version="2023")
    assert err.value.paths == ("indicator",)


# --- the built-in presets: one JSON file each (kinerja.schemes.presets) ----------------------------


def test_a_preset_file_is_its_definition_and_its_worked_example(tmp_path: Any, monkeypatch: Any) -> None:
    from kinerja import bundled
    from kinerja.schemes import presets, salatiga

    data = bundled.read_json("data/salatiga.json", "kinerja.schemes")
    data["example"] = bundled.example("salatiga")  # where a new city keeps its example
    monkeypatch.setattr(presets, "DATA", tmp_path)
    (tmp_path / "salatiga.json").write_text(json.dumps(data), encoding="utf-8")
    made = presets.preset("salatiga")
    assert made.definition == salatiga.DEFINITION and made.rule == salatiga.RULE
    assert made.article == salatiga.ARTICLE
    first = made.example_document()
    first["employee"]["name"] = "changed"  # each call is a fresh copy
    assert made.example_document() == salatiga.example_document()


def test_builtin_rule_and_example_read_the_preset_file(tmp_path: Any, monkeypatch: Any) -> None:
    from kinerja import bundled
    from kinerja.schemes import presets, salatiga

    data = bundled.read_json("data/salatiga.json", "kinerja.schemes")
    data["example"] = bundled.example("salatiga")
    monkeypatch.setattr(presets, "DATA", tmp_path)
    (tmp_path / "salatiga.json").write_text(json.dumps(data), encoding="utf-8")
    assert presets.builtin_rule("salatiga") == salatiga.RULE
    first = presets.builtin_example("salatiga")
    first["employee"]["name"] = "changed"  # each call is a fresh copy
    assert presets.builtin_example("salatiga") == salatiga.example_document()
    assert presets.builtin_rule("nowhere") is None  # no file: not in this checkout, like a missing rule module
    with pytest.raises(FileNotFoundError):
        presets.builtin_example("nowhere")


def test_rules_example_document_is_the_worked_example_of_any_built_in_rule() -> None:
    from kinerja.rules import permenpanrb_6_2022
    from kinerja.schemes import jakarta, presets

    assert kinerja.rules.example_document("jakarta") == jakarta.example_document() == presets.builtin_example("jakarta")
    assert kinerja.rules.example_document("permenpanrb-6-2022") == permenpanrb_6_2022.example_document()
    document = kinerja.rules.example_document("jakarta")
    document["employee"]["name"] = "changed"
    assert kinerja.rules.example_document("jakarta") == jakarta.example_document()  # a fresh copy
    with pytest.raises(kinerja.UnknownRuleError):
        kinerja.rules.example_document("nowhere")


def test_importing_the_schemes_hooks_nothing() -> None:
    import sys

    import kinerja.schemes.presets  # noqa: F401

    assert not [f for f in sys.meta_path if type(f).__module__.startswith("kinerja")]
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("kinerja.schemes.nowhere")
