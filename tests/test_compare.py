"""Unit comparison (mean, median, rank with a declared tie policy, percentile, above average) and change over
time (absolute and relative, per employee and per unit). Numbers worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.aggregation import MissingRule
from kinerja.compare import by_unit, change, change_between, changes, compare, median, progress, summarise
from kinerja.errors import ValidationError
from kinerja.ranking import TiePolicy
from kinerja.result import Result

Q1 = "2024-01-01..2024-03-31"
Q2 = "2024-04-01..2024-06-30"


def res(subject: str, score: str | None, period: str = Q1, unit: str = "u", **extra: object) -> Result:
    values: dict[str, object] = {"unit": unit, **extra}
    if score is not None:
        values["score"] = D(score)
    return Result("test", "1", subject, period, values)


UNIT = [res("a", "90"), res("b", "95"), res("c", "90"), res("d", "70")]


def test_summary() -> None:
    s = summarise([D(90), D(95), D(90), D(70)])
    # mean 345 / 4 = 86.25; median of 70, 90, 90, 95 = 90
    assert (s.n, s.mean, s.median, s.minimum, s.maximum) == (4, D("86.25"), D(90), D(70), D(95))
    assert median([D(1), D(3), D(2)]) == D(2)
    assert median([D(1), D(2)]) == D("1.5")
    with pytest.raises(ValidationError):
        median([])


def test_rank_average_ties_percentile_and_above_mean() -> None:
    c = compare(UNIT)
    assert [(s.key, s.rank) for s in c.standings] == [("b", D(1)), ("a", D("2.5")), ("c", D("2.5")), ("d", D(4))]
    assert c["a"].tied_with == ("c",)
    assert c["a"].how == "ties share the average of their ranks"
    # percentile: (below + half the equal) / n: a -> (1 + 1) / 4 = 50
    assert [c[k].percentile for k in "abcd"] == [D(50), D("87.5"), D(50), D("12.5")]
    assert c.above_mean() == ("b", "a", "c")
    assert c["d"].from_mean == D("-16.25")
    assert "d" in c and "z" not in c


def test_rank_ties_minimum_and_breakers() -> None:
    c = compare(UNIT, ties=TiePolicy.minimum())
    assert [str(s.rank) for s in c.standings] == ["1", "2", "2", "4"]
    # tie-breaker read from the results' values: higher satisfaction first
    unit = [res("a", "90", sat=D(80)), res("c", "90", sat=D(85)), res("b", "95", sat=D(70))]
    c = compare(unit, ties=TiePolicy.breakers("sat"))
    assert [(s.key, str(s.rank)) for s in c.standings] == [("b", "1"), ("c", "2"), ("a", "3")]


def test_ties_do_not_depend_on_input_order() -> None:
    forward = compare(UNIT)
    backward = compare(list(reversed(UNIT)))
    assert forward.standings == backward.standings


def test_lower_is_better() -> None:
    c = compare({"a": D(50), "b": D(40), "c": D(45)}, "service time", higher_is_better=False)
    assert [s.key for s in c.standings] == ["b", "c", "a"]
    # mean 45: b is better than average, c is at it (not above), a is worse
    assert [c[k].above_mean for k in "abc"] == [False, True, False]
    assert c["b"].percentile == D("83.33333333333333333333333333333333333333")  # (2 + 0.5) / 3


def test_missing_values_refused_or_skipped() -> None:
    unit = [*UNIT, res("e", None)]
    with pytest.raises(ValidationError) as err:
        compare(unit)
    assert err.value.paths == ("[4].values.score",)
    c = compare(unit, missing=MissingRule.SKIP)
    assert c.skipped == ("e",) and c.summary.n == 4


def test_duplicates_refused() -> None:
    with pytest.raises(ValidationError, match="appears twice"):
        compare([res("a", "1"), res("a", "2")])


def test_by_unit() -> None:
    results = [res("a", "80", unit="x"), res("b", "90", unit="x"), res("c", "70", unit="y")]
    per = by_unit(results)
    assert list(per) == ["x", "y"]
    assert per["x"].summary.mean == D(85)
    assert per["y"].standings[0].rank == D(1)


def test_change_service_time_improved_by_18_percent() -> None:
    ch = change(D(50), D(41), higher_is_better=False, what="service time", since="last quarter")
    assert ch.absolute == D(-9)
    assert ch.relative == D(-18)
    assert ch.improvement == D(9) and ch.improvement_percent == D(18)
    assert ch.improved and not ch.worsened
    assert ch.describe() == "service time improved by 18 % since last quarter"


def test_change_wording() -> None:
    assert change(D(80), D(72), what="score").describe() == "score worsened by 10 %"
    assert change(D(3), D(3), what="score", since="2023").describe() == "score unchanged since 2023"
    from_zero = change(D(0), D(5), what="complaints")
    assert from_zero.relative is None
    assert from_zero.describe() == "complaints improved by 5 (from 0)"
    assert change(D(60), D(71), what="x").describe(1) == "x improved by 18.3 %"  # 11 / 60 = 18.33...


def test_change_between_results() -> None:
    before = res("a", "82.67", service_time=D(50))
    after = res("a", "91.67", Q2, service_time=D(41))
    ch = change_between(before, after, "service_time", higher_is_better=False, what="service time")
    assert ch.describe() == f"service time improved by 18 % since {Q1}"
    assert change_between(before, after).absolute == D(9)
    with pytest.raises(ValidationError) as err:
        change_between(before, res("b", "1", Q2))
    assert err.value.paths == ("after.subject",)
    with pytest.raises(ValidationError) as err:
        change_between(before, res("a", "1", Q1))
    assert err.value.paths == ("after.period",)
    with pytest.raises(ValidationError) as err:
        change_between(before, res("a", None, Q2))
    assert err.value.paths == ("after.values.score",)


def test_changes_per_employee_and_unit() -> None:
    before = [res("a", "80"), res("b", "60"), res("c", "70")]
    after = [res("a", "88", Q2), res("b", "57", Q2), res("d", "90", Q2)]
    report = changes(before, after, since="Q1")
    assert [c.subject for c in report.per_subject] == ["a", "b"]
    assert report["a"].relative == D(10)
    assert report["b"].relative == D(-5)
    assert report.improved() == ("a",)
    assert (report.only_before, report.only_after) == (("c",), ("d",))
    # unit mean 70 -> 235 / 3 = 78.333...: +11.9 %
    assert report.unit.describe(1) == "unit mean score improved by 11.9 % since Q1"


def test_progress_over_periods() -> None:
    q3 = "2024-07-01..2024-09-30"
    steps = progress([res("a", "90", q3), res("a", "80"), res("a", "85", Q2)])
    assert [(c.before, c.after) for c in steps] == [(D(80), D(85)), (D(85), D(90))]
    assert [c.since for c in steps] == [Q1, Q2]
    with pytest.raises(ValidationError, match="one employee"):
        progress([res("a", "1"), res("b", "2", Q2)])
    assert progress([]) == ()


def test_comparison_json_and_text() -> None:
    c = compare(UNIT)
    data = c.to_json()
    assert data["summary"]["mean"] == "86.25"
    assert data["standings"][1]["rank"] == "2.5"
    assert "mean=86.25" in str(c)


@given(st.lists(st.decimals(min_value=0, max_value=200, places=2), min_size=1, max_size=12))
def test_properties(values: list[D]) -> None:
    data = {f"k{i}": v for i, v in enumerate(values)}
    c = compare(data)
    ranks = sorted(s.rank for s in c.standings)
    assert sum(ranks) == D(len(values) * (len(values) + 1)) / 2  # average ranks keep the total
    assert all(D(0) < s.percentile < D(100) for s in c.standings)
    best = max(values)
    assert all(s.rank == c.standings[0].rank for s in c.standings if s.value == best)


# --- audit fixes: relative change from a negative base; tie policies and tie-breaker values -------------


def test_relative_change_from_a_negative_base_has_the_sign_of_the_change() -> None:
    # -10 -> -5 is a rise of 5: relative to |before| = 10 that is +50 % (it was -50 %, contradicting improved)
    up = change(D(-10), D(-5))
    assert (up.absolute, up.relative, up.improved, up.improvement_percent) == (D(5), D(50), True, D(50))
    assert up.describe() == "value improved by 50 %"
    # where less is better the same rise is a worsening of 50 %
    worse = change(D(-10), D(-5), higher_is_better=False)
    assert (worse.relative, worse.improvement_percent, worse.worsened) == (D(50), D(-50), True)
    # -5 -> -10: a fall of 5 is -100 % of |before| = 5
    down = change(D(-5), D(-10))
    assert (down.relative, down.improved) == (D(-100), False)
    assert change(D(50), D(41)).relative == D(-18)  # positive bases unchanged


@given(
    st.decimals(min_value=-1000, max_value=1000, places=2).filter(lambda d: d != 0),
    st.decimals(min_value=-1000, max_value=1000, places=2),
    st.booleans(),
)
def test_relative_change_always_agrees_with_the_improvement(before: D, after: D, higher: bool) -> None:
    ch = change(before, after, higher_is_better=higher)
    assert ch.relative is not None and ch.improvement_percent is not None
    assert (ch.relative > 0) == (ch.absolute > 0) and (ch.relative < 0) == (ch.absolute < 0)
    assert (ch.improvement_percent > 0) == ch.improved


def test_tie_policy_mode_and_keys_are_checked() -> None:
    with pytest.raises(ValidationError) as err:
        TiePolicy("bogus")  # type: ignore[arg-type]
    assert err.value.paths == ("mode",)
    with pytest.raises(ValidationError) as err:
        TiePolicy("breakers")
    assert err.value.paths == ("keys",)
    with pytest.raises(ValidationError) as err:
        TiePolicy("average", ("sat",))
    assert err.value.paths == ("keys",)
    with pytest.raises(ValidationError) as err:
        TiePolicy.breakers("sat", ascending=["nip"])
    assert err.value.paths == ("ascending[0]",)
    with pytest.raises(ValidationError) as err:
        TiePolicy("breakers", (1,))
    assert err.value.paths == ("keys[0]",)
    assert TiePolicy.breakers("sat", "nip", ascending=["nip"]).keys == ("sat", "nip")


def test_tie_breaker_values_that_cannot_be_ordered_name_the_path() -> None:
    from kinerja.ranking import RankItem, rank

    mixed = [RankItem("a", D(1), {"k": 1}), RankItem("b", D(1), {"k": "x"}), RankItem("c", D(1), {"k": D(2)})]
    with pytest.raises(ValidationError) as err:
        rank(mixed, ties=TiePolicy.breakers("k"))
    assert err.value.paths == ("[1].tiebreak.k",)
    assert "a text value cannot be ordered with the number value of [0]" in str(err.value)
    with pytest.raises(ValidationError) as err:
        rank([RankItem("a", D(1), {"k": None}), RankItem("b", D(1), {"k": 2})], ties=TiePolicy.breakers("k"))
    assert err.value.paths == ("[0].tiebreak.k",)
    with pytest.raises(ValidationError) as err:
        rank([RankItem("a", D(1), {"k": D("NaN")}), RankItem("b", D(1), {"k": 2})], ties=TiePolicy.breakers("k"))
    assert err.value.paths == ("[0].tiebreak.k",)
    with pytest.raises(ValidationError) as err:
        rank([RankItem("a", D(1), {"k": {"x": 1}}), RankItem("b", D(1), {"k": {"x": 2}})], ties=TiePolicy.breakers("k"))
    assert err.value.paths == ("[*].tiebreak.k",)
    # through compare(): a mapping of values with explicit tie-breakers
    with pytest.raises(ValidationError) as err:
        compare({"a": D(90), "b": D(90)}, ties=TiePolicy.breakers("p"), tiebreak={"a": {"p": 2}, "b": {"p": "2"}})
    assert err.value.paths == ("[1].tiebreak.p",)
    # ints and decimals are one family: 3 beats 2.5
    ok = rank([RankItem("a", D(1), {"k": D("2.5")}), RankItem("b", D(1), {"k": 3})], ties=TiePolicy.breakers("k"))
    assert [r.key for r in ok] == ["b", "a"]
