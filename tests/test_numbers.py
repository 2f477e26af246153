from __future__ import annotations

import math
import time
from decimal import Decimal
from fractions import Fraction

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


def test_a_fraction_is_rounded_once_not_twice() -> None:
    """Audit reproducer (f_doubleround.py): 85.205 - 8.4e-43 is below the tie, so it rounds down.

    The old path made a 40-digit decimal first: 85.20499...9(42 nines)16 -> 85.20500000000000000000000000000000000000
    (half-even at the 40th digit), then rounded that tie up to 85.21.
    """
    tie = Fraction(85205, 1000)
    tiny = Fraction(84, 10**44)  # 8.4e-43
    assert str(round_half_up(tie - tiny, 2)) == "85.20"
    assert str(round_half_up(tie, 2)) == "85.21"  # the exact tie goes away from zero
    assert str(round_half_up(tie + tiny, 2)) == "85.21"
    assert str(round_half_up(-tie + tiny, 2)) == "-85.20"
    assert str(round_half_up(-tie, 2)) == "-85.21"
    # 1/3 to 3 places, 2/3 to none, -1/2000 to 2 places (rounds to zero: no "-0.00")
    assert [str(round_half_up(Fraction(n, d), p)) for n, d, p in ((1, 3, 3), (2, 3, 0), (-1, 2000, 2))] == [
        "0.333",
        "1",
        "0.00",
    ]
    assert str(round_half_up(Fraction(12345), -2)) == "1.23E+4"  # negative places: to hundreds


@st.composite
def near_ties(draw: st.DrawFn) -> tuple[Fraction, int]:
    """A value a hair (1e-39 .. 1e-60) off a rounding tie at *places*: where a 40-digit detour rounds wrongly."""
    places = draw(st.integers(min_value=0, max_value=8))
    tie = Fraction(2 * draw(st.integers(min_value=-(10**12), max_value=10**12)) + 1, 2 * 10**places)
    hair = Fraction(draw(st.integers(1, 9)), 10 ** draw(st.integers(min_value=39, max_value=60)))
    return tie + draw(st.sampled_from([hair, -hair])), places


anywhere = st.tuples(
    st.fractions(min_value=-(10**12), max_value=10**12, max_denominator=10**60),
    st.integers(min_value=0, max_value=8),
)


@given(st.one_of(near_ties(), anywhere))
def test_round_half_up_of_a_fraction_is_the_integer_arithmetic_definition(case: tuple[Fraction, int]) -> None:
    value, places = case
    q = value * 10**places
    n = math.floor(abs(q) + Fraction(1, 2))  # half away from zero, on the exact rational
    expected = Fraction(n if q >= 0 else -n, 10**places)
    got = round_half_up(value, places)
    assert Fraction(got) == expected
    assert got.as_tuple().exponent == -places  # the places are part of the value's meaning ("85.50")
    assert abs(Fraction(got) - value) <= Fraction(1, 2 * 10**places)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=10, min_value=-(10**9), max_value=10**9),
    st.integers(0, 8),
)
def test_decimal_and_fraction_paths_agree(d: Decimal, places: int) -> None:
    a, b = round_half_up(d, places), round_half_up(Fraction(d), places)
    assert a == b and a.as_tuple().exponent == b.as_tuple().exponent


def test_fmt_has_no_exponent() -> None:
    assert fmt(Decimal("1E+2")) == "100"
    assert fmt(Decimal("85.50")) == "85.50"
    assert fmt(Decimal("-0.0")) == "0"


@given(st.decimals(allow_nan=False, allow_infinity=False), st.booleans())
def test_fmt_is_the_fixed_point_format(d: Decimal, lower: bool) -> None:
    # fmt reads str(d) when it has no exponent (cheaper); it must be the fixed-point text whatever the digits,
    # exponent or the context's capitals
    import decimal

    with decimal.localcontext() as ctx:
        ctx.capitals = 0 if lower else 1
        expected = f"{d:f}"
        assert fmt(d) == ("0" if expected in ("-0", "-0.0") else expected)
        assert "e" not in fmt(d).lower()


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
