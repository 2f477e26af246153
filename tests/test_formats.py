"""Indonesian numbers and dates (issue 18): exact, never guessed, the rule named when refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.errors import ValidationError
from kinerja.formats import format_decimal, parse_date, parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250,5", Decimal("1250.5")),
        ("98,5", Decimal("98.5")),
        ("1.000", Decimal("1000")),  # dot thousands: one thousand
        ("1.000.000,25", Decimal("1000000.25")),
        ("-2.500", Decimal("-2500")),
        (" 76,50 ", Decimal("76.50")),
        ("120", Decimal("120")),
    ],
)
def test_indonesian_numbers(text: str, expected: Decimal) -> None:
    assert parse_decimal(text, "id") == expected
    assert str(parse_decimal(text, "id")) == str(expected)


def test_one_thousand_under_both_rules() -> None:
    assert parse_decimal("1.000", "json") == Decimal(1)
    assert parse_decimal("1.000", "id") == Decimal(1000)


@pytest.mark.parametrize("text", ["1.5", "1.25", "12.3456", "1.2.3", ".5", "1.000.00"])
def test_ambiguous_under_id_is_refused_naming_the_rule(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_decimal(text, "id", "rhk[0].target")
    (p,) = info.value.problems
    assert p.code == "number.locale_ambiguous"
    assert p.path == "rhk[0].target"
    assert "locale id" in p.message and "three digits" in p.message


def test_decimal_comma_under_json_hints_at_locale_id() -> None:
    with pytest.raises(ValidationError) as info:
        parse_decimal("98,5", None, "x")
    (p,) = info.value.problems
    assert p.code == "number.decimal_comma"
    assert "98,5" in p.message and "read with locale id" in p.message


def test_not_a_number_keeps_its_code() -> None:
    with pytest.raises(ValidationError) as info:
        parse_decimal("abc", "id")
    assert info.value.problems[0].code == "number.invalid"


def test_bounds_still_apply() -> None:
    with pytest.raises(ValidationError) as info:
        parse_decimal("1" + ".000" * 6, "id")
    assert info.value.problems[0].code == "number.too_large"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31/12/2025", dt.date(2025, 12, 31)),
        ("01/02/2025", dt.date(2025, 2, 1)),  # 1 February, never 2 January
        ("1-2-2025", dt.date(2025, 2, 1)),
        ("15.08.2024", dt.date(2024, 8, 15)),
        ("31 Desember 2025", dt.date(2025, 12, 31)),
        ("17 Agustus 1945", dt.date(1945, 8, 17)),
        ("1 Des 2025", dt.date(2025, 12, 1)),
        ("3 mei 2024", dt.date(2024, 5, 3)),
        ("2025-12-31", dt.date(2025, 12, 31)),
    ],
)
def test_indonesian_dates(text: str, expected: dt.date) -> None:
    assert parse_date(text, "id") == expected


def test_month_day_order_is_refused_with_the_rule() -> None:
    with pytest.raises(ValidationError) as info:
        parse_date("12/31/2025", "id", "period.end")
    (p,) = info.value.problems
    assert p.code == "date.invalid" and p.path == "period.end"
    assert "day/month/year" in p.message and "month/day/year" in p.message


def test_two_digit_year_is_ambiguous() -> None:
    with pytest.raises(ValidationError) as info:
        parse_date("31/12/25", "id")
    assert info.value.problems[0].code == "date.locale_ambiguous"


def test_json_rule_wants_iso_and_hints() -> None:
    assert parse_date("2025-01-01") == dt.date(2025, 1, 1)
    with pytest.raises(ValidationError) as info:
        parse_date("01/01/2025")
    (p,) = info.value.problems
    assert p.code == "date.locale_ambiguous" and "locale id" in p.message


def test_unknown_month_and_locale() -> None:
    with pytest.raises(ValidationError):
        parse_date("31 December 2025", "id")
    with pytest.raises(ValidationError):
        parse_decimal("1", "fr")


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False, allow_infinity=False))
def test_format_then_parse_round_trips(value: Decimal) -> None:
    assert parse_decimal(format_decimal(value, "id"), "id") == value
    assert parse_decimal(format_decimal(value, "json"), "json") == value


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_round_trip(day: dt.date) -> None:
    assert parse_date(day.strftime("%d/%m/%Y"), "id") == day


def test_share_is_exact_and_shown_rounded() -> None:
    from kinerja.formats import Share

    s = Share(Decimal(100) / Decimal(3), 1)
    assert str(s) == "33.3" and f"{s}" == "33.3"
    assert s == Decimal(100) / Decimal(3) and s.exact == Decimal(100) / Decimal(3)
    assert type(s * 3) is Decimal and s * 3 == Decimal(100) / Decimal(3) * 3
    assert str(Share(Decimal("12.345"), 2)) == "12.35"  # half-up, for display only
    assert "places=2" in repr(Share(Decimal(1)))
