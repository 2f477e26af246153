"""The generic parts: aggregation, ladders, ranking, explanations."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.aggregation import Item, Mean, MissingRule, WeightedMean
from kinerja.errors import ValidationError
from kinerja.explain import Explanation, Source, Step
from kinerja.policy import Decision, Ladder, Requirement
from kinerja.ranking import RankItem, TiePolicy, percentile_rank, rank


def test_weighted_mean_by_hand() -> None:
    # (0.6*80 + 0.4*90) / 1 = 84
    agg = WeightedMean(require_total=D(1)).aggregate([Item("a", D(80), D("0.6")), Item("b", D(90), D("0.4"))])
    assert agg.value == D(84)


def test_missing_is_refused_by_default_and_skipped_only_when_declared() -> None:
    items = [Item("raters.self", None, D("0.2")), Item("raters.atasan", D(90), D("0.8"))]
    with pytest.raises(ValidationError) as info:
        WeightedMean().aggregate(items)
    assert info.value.paths == ("raters.self",)
    agg = WeightedMean(MissingRule.SKIP).aggregate(items)
    assert agg.value == D(90) and agg.skipped == ("raters.self",) and agg.weight_total == D("0.8")
    # a coerced zero would have given 72: missing is not zero
    assert Mean(MissingRule.SKIP).aggregate([Item("x", None), Item("y", D(70))]).value == D(70)


def test_weight_total_is_checked_exactly() -> None:
    with pytest.raises(ValidationError, match=r"0\.99"):
        WeightedMean(require_total=D(1)).aggregate([Item("a", D(1), D("0.5")), Item("b", D(1), D("0.49"))])


@given(st.lists(st.decimals(0, 120, places=2), min_size=1, max_size=8), st.randoms())
def test_mean_is_order_independent_and_bounded(values: list[D], rnd: object) -> None:
    items = [Item(str(i), v) for i, v in enumerate(values)]
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = Mean().aggregate(items).value, Mean().aggregate(shuffled).value
    assert a == b and min(values) <= a <= max(values)


LADDER = Ladder([(91, "Sangat Baik"), (76, "Baik"), (61, "Cukup"), (51, "Kurang")], floor="Buruk")


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("91", "Sangat Baik"),
        ("90.999", "Baik"),
        ("90.5", "Baik"),
        ("76", "Baik"),
        ("75.99", "Cukup"),
        ("51", "Kurang"),
        ("50.99", "Buruk"),
        ("0", "Buruk"),
    ],
)
def test_ladder_is_half_open(value: str, label: str) -> None:
    assert LADDER.classify(D(value)) == label


@given(st.decimals(-1000, 1000, places=4))
def test_ladder_is_gap_free(value: D) -> None:
    hits = [lab for lo, hi, lab in LADDER.bounds() if (lo is None or value >= lo) and (hi is None or value < hi)]
    assert hits == [LADDER.classify(value)]


def test_ladder_refuses_duplicate_bounds() -> None:
    with pytest.raises(ValidationError):
        Ladder([(1, "a"), (1, "b")], floor="c")


def test_ranking_ties_are_declared() -> None:
    items = [RankItem("b", D(90)), RankItem("a", D(90)), RankItem("c", D(80))]
    avg = {r.key: r.rank for r in rank(items)}
    assert avg == {"a": D("1.5"), "b": D("1.5"), "c": D(3)}
    comp = {r.key: r.rank for r in rank(items, ties=TiePolicy.minimum())}
    assert comp == {"a": D(1), "b": D(1), "c": D(3)}
    items = [RankItem("b", D(90), {"predikat": 4, "nip": "2"}), RankItem("a", D(90), {"predikat": 4, "nip": "1"})]
    broken = rank(items, ties=TiePolicy.breakers("predikat", "nip", ascending=["nip"]))
    assert [(r.key, r.rank) for r in broken] == [("a", D(1)), ("b", D(2))]
    assert rank([RankItem("x", D(5)), RankItem("y", D(3))], higher_is_better=False)[0].key == "y"


@given(st.lists(st.decimals(0, 10, places=0), min_size=1, max_size=8, unique_by=lambda d: d), st.randoms())
def test_rank_does_not_depend_on_input_order(scores: list[D], rnd: object) -> None:
    items = [RankItem(f"k{i}", s) for i, s in enumerate(scores)]
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert rank(items) == rank(shuffled)


def test_rank_refuses_duplicates_and_missing_breakers() -> None:
    with pytest.raises(ValidationError):
        rank([RankItem("a", D(1)), RankItem("a", D(2))])
    with pytest.raises(ValidationError) as info:
        rank([RankItem("a", D(1))], ties=TiePolicy.breakers("nip"))
    assert info.value.paths == ("[0].tiebreak.nip",)


def test_percentile_rank_by_hand() -> None:
    # 2 below, 1 equal of 4: (2 + 0.5) / 4 = 62.5 %
    assert percentile_rank(D(90), [D(70), D(80), D(90), D(100)]) == D("62.5")


def test_explanation_renders_text_json_html() -> None:
    e = Explanation("t", (Step("rule", Source("PP 46/2011", "Pasal 1", "C1"), {"x": D("1.50")}, D(2)),))
    assert "x = 1.50" in e.to_text() and "[C1]" in e.to_text()
    assert e.to_json()["steps"][0]["inputs"] == {"x": "1.50"}
    assert "<table" in e._repr_html_()


def test_decision_lists_requirements() -> None:
    d = Decision("p", "s", True, (Requirement("masa kerja", 4, ">= 4 tahun", True, Source("PP 99/2000")),))
    assert d.all_met and "[OK ] masa kerja" in str(d) and d.to_json()["requirements"][0]["met"] is True
