"""Choosing the regime by date: ``kinerja.rules.for_period`` over the dated regimes (spec §1, §2.6, §3)."""

from __future__ import annotations

import datetime as dt

import pytest

import kinerja
from kinerja import Period, RuleNotInForceError
from kinerja.io import load
from kinerja.rules import for_period


def name(period: Period) -> str:
    return for_period(period).info.name


@pytest.mark.parametrize(
    ("start", "end", "regime"),
    [
        ("2014-01-01", "2014-12-31", "pp-46-2011"),  # first year of PP 46/2011
        ("2014-01-01", "2014-01-01", "pp-46-2011"),
        ("2019-01-01", "2019-12-31", "pp-46-2011"),
        ("2021-01-01", "2021-06-30", "pp-46-2011"),  # first half of 2021
        ("2021-06-30", "2021-06-30", "pp-46-2011"),  # its last day
        ("2021-07-01", "2021-07-01", "permenpanrb-8-2021"),  # the first day of 8/2021
        ("2021-07-01", "2021-12-31", "permenpanrb-8-2021"),
        ("2021-10-01", "2021-12-31", "permenpanrb-8-2021"),
        ("2021-12-31", "2021-12-31", "permenpanrb-8-2021"),
    ],
)
def test_regime_in_force(start: str, end: str, regime: str) -> None:
    assert name(Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end))) == regime


def test_semesters_of_2021() -> None:
    assert name(Period.semester(2021, 1)) == "pp-46-2011"
    assert name(Period.semester(2021, 2)) == "permenpanrb-8-2021"


@pytest.mark.parametrize(
    ("start", "end", "where"),
    [
        ("2021-01-01", "2021-12-31", "pp-46-2011 ends 2021-06-30"),
        ("2021-06-30", "2021-07-01", "pp-46-2011 ends 2021-06-30"),
        ("2020-07-01", "2021-09-30", "pp-46-2011 ends 2021-06-30"),
    ],
)
def test_a_period_straddling_the_july_2021_change_says_where_to_split(start: str, end: str, where: str) -> None:
    with pytest.raises(RuleNotInForceError) as info:
        for_period(Period(dt.date.fromisoformat(start), dt.date.fromisoformat(end)))
    assert "straddles a change of regime" in str(info.value)
    assert where in str(info.value)
    assert "split it there" in str(info.value)


def test_before_pp46_no_regime() -> None:
    with pytest.raises(RuleNotInForceError, match="no regime"):
        for_period(Period.year(2013))
    with pytest.raises(RuleNotInForceError):
        for_period(Period(dt.date(2013, 12, 1), dt.date(2014, 1, 31)))


def test_integration_rule_is_never_chosen() -> None:
    for period in (Period.year(2021), Period.semester(2021, 1), Period.semester(2021, 2), Period.month(2021, 6)):
        try:
            assert name(period) != "integrasi-2021"
        except RuleNotInForceError:
            pass


def test_from_2022_permenpanrb_6_2022() -> None:
    pytest.importorskip("kinerja.rules.permenpanrb_6_2022")
    assert name(Period.year(2022)) == "permenpanrb-6-2022"
    assert name(Period.month(2022, 1)) == "permenpanrb-6-2022"
    assert name(Period.year(2025)) == "permenpanrb-6-2022"


def test_a_period_straddling_the_2022_change() -> None:
    pytest.importorskip("kinerja.rules.permenpanrb_6_2022")
    with pytest.raises(RuleNotInForceError) as info:
        for_period(Period(dt.date(2021, 12, 1), dt.date(2022, 1, 31)))
    assert "permenpanrb-8-2021 ends 2021-12-31" in str(info.value)


def test_the_dates_are_data() -> None:
    infos = {i.name: i for i in kinerja.rules.available("regime")}
    assert infos["pp-46-2011"].to_json()["valid_from"] == "2014-01-01"
    assert infos["pp-46-2011"].to_json()["valid_to"] == "2021-06-30"
    assert infos["permenpanrb-8-2021"].to_json()["valid_from"] == "2021-07-01"
    assert infos["permenpanrb-8-2021"].to_json()["valid_to"] == "2021-12-31"
    for n in ("pp-46-2011", "permenpanrb-8-2021", "integrasi-2021"):
        assert infos[n].sources, n
    # selectable regimes do not overlap: at most one covers any day
    selectable = [i for i in infos.values() if i.selectable]
    for a in selectable:
        for b in selectable:
            if a is not b and a.valid_from and b.valid_from:
                a_end = a.valid_to or dt.date.max
                b_end = b.valid_to or dt.date.max
                assert a_end < b.valid_from or b_end < a.valid_from, (a.name, b.name)


def test_a_document_without_regime_is_scored_under_the_regime_of_its_period() -> None:
    from kinerja.rules import permenpanrb_8_2021, pp46_2011

    for module in (pp46_2011, permenpanrb_8_2021):
        d = module.example_document()
        del d["regime"]
        assert load(d)[0] is module.RULE
    d = pp46_2011.example_document()
    del d["regime"]
    d["period"] = {"start": "2021-01-01", "end": "2021-12-31"}
    with pytest.raises(kinerja.ValidationError, match="straddles"):
        load(d)
