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
