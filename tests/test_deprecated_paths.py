"""Names that moved keep working for one release from their old path, with a DeprecationWarning."""

from __future__ import annotations

import importlib

import pytest

import kinerja.mcdm

MOVED_FROM_AGGREGATION = [
    "AHP",
    "SAATY_RANDOM_INDEX",
    "SAW",
    "TOPSIS",
    "WP",
    "AboveThreshold",
    "Alternative",
    "Candidate",
    "Criterion",
    "DecisionMatrix",
    "InconsistentJudgmentsError",
    "Normalisation",
    "PairwiseMatrix",
    "PrecisionError",
    "Priorities",
    "PriorityMethod",
    "RandomIndex",
    "Ranking",
    "RankingMethod",
    "Selection",
    "TopK",
    "direction_of",
]


@pytest.mark.parametrize("name", MOVED_FROM_AGGREGATION)
def test_mcdm_names_from_aggregation_warn_and_are_the_same_object(name: str) -> None:
    aggregation = importlib.import_module("kinerja.aggregation")
    with pytest.warns(DeprecationWarning, match=f"kinerja.aggregation.{name} is deprecated.*kinerja.mcdm"):
        moved = getattr(aggregation, name)
    assert moved is getattr(kinerja.mcdm, name)


def test_aggregation_no_longer_lists_the_mcdm_names() -> None:
    aggregation = importlib.import_module("kinerja.aggregation")
    assert set(aggregation.__all__) == {"Aggregate", "Aggregator", "Item", "Mean", "MissingRule", "WeightedMean"}
    assert "SAW" not in vars(aggregation)  # resolved on use, not imported with the module


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    aggregation = importlib.import_module("kinerja.aggregation")
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        aggregation.Nope  # noqa: B018


MOVED_FROM_INDICATORS = [
    "KINDS",
    "Attendance",
    "Competency",
    "Count",
    "IndicatorKind",
    "LowerIsBetter",
    "Measurement",
    "RaterPanel",
    "SatisfactionSurvey",
    "Scale",
    "ScaleRating",
    "Scored",
    "ShareWithin",
    "build",
    "fields_to_plain",
    "kind_from_json",
    "kind_to_json",
    "register_kind",
    "tidy",
    "to_plain",
]


@pytest.mark.parametrize("name", MOVED_FROM_INDICATORS)
def test_agency_kinds_from_indicators_warn_and_are_the_same_object(name: str) -> None:
    indicators = importlib.import_module("kinerja.indicators")
    measures = importlib.import_module("kinerja.measures")
    with pytest.warns(DeprecationWarning, match=f"kinerja.indicators.{name} is deprecated.*kinerja.measures"):
        moved = getattr(indicators, name)
    assert moved is getattr(measures, name)


def test_indicators_keeps_the_formulas_only() -> None:
    indicators = importlib.import_module("kinerja.indicators")
    assert set(indicators.__all__) == {"IndicatorScorer", "capaian", "inverse_ratio", "range_reference", "ratio"}


MOVED_FROM_ROOT = {
    "Aggregate": "kinerja.aggregation",
    "Item": "kinerja.aggregation",
    "MissingRule": "kinerja.aggregation",
    "WeightedMean": "kinerja.aggregation",
    "calibrate": "kinerja.distribution",
    "check_distribution": "kinerja.distribution",
    "Step": "kinerja.explain",
    "capaian": "kinerja.indicators",
    "Golongan": "kinerja.model",
    "Jenjang": "kinerja.model",
    "Gender": "kinerja.nip",
    "Ladder": "kinerja.policy",
    "Decision": "kinerja.policy",
    "run_policies": "kinerja.policy",
    "report": "kinerja.reporting",
    "OutputField": "kinerja.result",
    "Scheme": "kinerja.schemes",
}


@pytest.mark.parametrize(("name", "module"), sorted(MOVED_FROM_ROOT.items()))
def test_names_that_left_the_root_warn_and_are_the_same_object(name: str, module: str) -> None:
    import kinerja

    assert name not in kinerja.__all__
    with pytest.warns(DeprecationWarning, match=f"kinerja.{name} is deprecated.*use {module}.{name}"):
        moved = getattr(kinerja, name)
    assert moved is getattr(importlib.import_module(module), name)


def test_every_old_root_name_still_resolves() -> None:
    import warnings

    import kinerja

    old_root = (
        "Aggregate Aggregator Aspek Calibration Decision Direction DistributionReport Ekspektasi Employee Explanation "
        "Gender Golongan Indicator IndicatorScorer Item JenisJabatan Jenjang KategoriJenjang KinerjaError Ladder Mean "
        "MissingRule Nip NipKind OutputField Period Policy Predikat PredikatOrganisasi Problem Problems Realization "
        "Requirement Result Rule RuleInfo RuleNotInForceError Scheme SchemeVersion Source Status Step Target "
        "UnknownRuleError ValidationError WeightedMean Weights calibrate capaian check_distribution check_weight_sum "
        "compare dump evaluate explain inverse_ratio load load_result loads parse_nip policies raters ratio report "
        "round_half_up rules run_policies schemes survey to_decimal"
    ).split()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        missing = [name for name in old_root if not hasattr(kinerja, name)]
    assert not missing


def test_the_6_2022_classes_follow_the_naming_pattern_and_keep_their_old_names() -> None:
    from kinerja.rules import integrasi_2021, permenpanrb_6_2022, permenpanrb_8_2021, pp46_2011

    # one pattern for every regime: <Regulation>Rule scores a <Regulation>Document
    for module, stem in (
        (pp46_2011, "Pp46"),
        (permenpanrb_8_2021, "Permenpanrb8"),
        (integrasi_2021, "Integrasi2021"),
        (permenpanrb_6_2022, "Permenpanrb6"),
    ):
        assert type(module.RULE).__name__ == f"{stem}Rule"
        assert module.RULE.document_type.__name__ == f"{stem}Document"
    for old, new in (("Skp", "Permenpanrb6Document"), ("Regime", "Permenpanrb6Rule")):
        with pytest.warns(DeprecationWarning, match=f"permenpanrb_6_2022.{old} is deprecated.*use {new}"):
            assert getattr(permenpanrb_6_2022, old) is getattr(permenpanrb_6_2022, new)
    with pytest.raises(AttributeError):
        permenpanrb_6_2022.NoSuchName  # noqa: B018
