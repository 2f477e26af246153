from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.errors import KinerjaError, ValidationError
from kinerja.numbers import fmt, round_half_up, to_decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.1, "0.1"),
        (1, "1"),
        ("88.31", "88.31"),
        (" 24 ", "24"),
        (Decimal("2.50"), "2.50"),
        ("-0", "0"),
        ("1e3", "1E+3"),
    ],
)
def test_accepts(value: object, expected: str) -> None:
    assert str(to_decimal(value)) == expected


@pytest.mark.parametrize(
    "value",
    [
        True,
        False,
        float("nan"),
        float("inf"),
        "NaN",
        "-Infinity",
        "sNaN",
        "abc",
        "",
        None,
        [1],
        "1_000",
        "1e16",
        "1e-16",
        "9" * 29,
    ],
)
def test_rejects_with_path(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        to_decimal(value, "indicators[2].target")
    assert info.value.paths == ("indicators[2].target",)


def test_hostile_exponent_is_refused_quickly() -> None:
    start = time.perf_counter()
    for text in ("1e999999999", "-1e-999999999", "9" * 64, "1" + "0" * 10_000):
        with pytest.raises(ValidationError):
            to_decimal(text)
    with pytest.raises(ValidationError):
        to_decimal(10**100_000)
    assert time.perf_counter() - start < 1.0  # a correctness guard against hangs, not a benchmark


def test_float_means_its_shortest_repr() -> None:
    # 9.12 as a binary double is 9.1199999999999992184..., kinerja reads the 9.12 the user typed.
    assert to_decimal(9.12) == Decimal("9.12")
    assert to_decimal(0.1) + to_decimal(0.2) == Decimal("0.3")


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    # PHP round() gives these (half away from zero); Python's round() would give 1.2, 2 and -2 for the first three.
    [
        ("1.25", 1, "1.3"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("2.0833", 2, "2.08"),
        ("91.475", 2, "91.48"),
        ("85.5", 2, "85.50"),
    ],
)
def test_round_half_up_matches_php(value: str, places: int, expected: str) -> None:
    assert str(round_half_up(Decimal(value), places)) == expected


def test_fmt_has_no_exponent() -> None:
    assert fmt(Decimal("1E+2")) == "100"
    assert fmt(Decimal("85.50")) == "85.50"
    assert fmt(Decimal("-0.0")) == "0"


@given(st.one_of(st.text(max_size=40), st.floats(), st.integers(), st.booleans(), st.none(), st.decimals()))
def test_anything_is_a_decimal_or_a_kinerja_error(value: object) -> None:
    try:
        d = to_decimal(value)
    except KinerjaError:
        return
    assert isinstance(d, Decimal) and d.is_finite()


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**9), max_value=10**9))
def test_round_trip_through_text(d: Decimal) -> None:
    assert to_decimal(fmt(d)) == d
