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
