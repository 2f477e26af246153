"""Exact and confirmed numbers for the MCDM methods: rounding, rational sums, digits confirmed at rising precision; and the methods' sources."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import TypeVar

from kinerja.errors import KinerjaError
from kinerja.explain import Source

N = TypeVar("N", Fraction, Decimal)
T = TypeVar("T")

# --- sources ----------------------------------------------------------------------------------

HWANG_YOON = "Hwang & Yoon (1981), Multiple Attribute Decision Making: Methods and Applications, Springer (LNEMS 186)"
KUSUMADEWI = (
    "Kusumadewi, Hartati, Harjoko & Wardoyo (2006), Fuzzy Multi-Attribute Decision Making (Fuzzy MADM), Graha Ilmu"
)
PYMCDM = "pymcdm normalizations (Kizielewicz, Shekhovtsov & Sałabun (2023), SoftwareX 22, 101368)"
SAATY = "Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill"

SAW_SOURCE = Source(HWANG_YOON, "simple additive weighting: V = Σ w·r (after Fishburn 1967, MacCrimmon 1968)", "R")
WP_SOURCE = Source(
    f"{KUSUMADEWI}; {HWANG_YOON}",
    "weighted product: S = Π x^w, w > 0 for benefit and w < 0 for cost; V = S / ΣS",
    "R",
)
TOPSIS_SOURCE = Source(
    HWANG_YOON, "TOPSIS: vector normalisation, ideal and negative-ideal solutions, relative closeness", "R"
)
AHP_SOURCE = Source(SAATY, "priority vector, λmax, CI = (λmax − n)/(n − 1), CR = CI/RI, CR ≤ 0.10", "R")
GEOMETRIC_SOURCE = Source(
    "Crawford & Williams (1985), A note on the analysis of subjective judgment matrices, J. Math. Psychology 29(4)",
    "row geometric mean",
    "R",
)
COLUMN_MEAN_SOURCE = Source(SAATY, "approximation: mean of the normalised columns", "R")
TIE_SOURCE_ARTICLE = "declared tie policy (kinerja.ranking)"


class PrecisionError(KinerjaError, ArithmeticError):
    """An inexact computation did not confirm its digits (two runs at rising precision never agreed)."""


# --- exact and confirmed numbers -----------------------------------------------------------------

WIDE = decimal.Context(prec=100_000, rounding=ROUND_HALF_EVEN, Emax=999_999, Emin=-999_999)
_MAX_PRECISION = 4000
_GUARD = 25


def working_context(prec: int) -> decimal.Context:
    return decimal.Context(
        prec=prec,
        rounding=ROUND_HALF_EVEN,
        Emax=999_999,
        Emin=-999_999,
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )


def tidy_decimal(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (``4.000`` → ``4``, ``100`` stays ``100``)."""
    if d.is_zero():
        return Decimal(0)
    n = d.normalize(context=WIDE)
    exponent = n.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        n = n.quantize(Decimal(1), context=WIDE)
    return n


def round_decimal(d: Decimal, places: int) -> Decimal:
    return tidy_decimal(d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN, context=WIDE))


def round_fraction(q: Fraction, places: int) -> Decimal:
    """*q* rounded half-even to *places* decimals, in one exact rounding."""
    scaled = round(q * 10**places)  # Fraction.__round__ rounds half to even, exactly
    return tidy_decimal(Decimal(f"{scaled}E-{places}"))


def reported_decimals(values: Sequence[Fraction], places: int) -> tuple[list[Decimal], int]:
    """Exact values as decimals, with as many places as needed to keep different values different."""
    p = places
    while True:
        shown = [round_fraction(v, p) for v in values]
        if len(set(shown)) == len(set(values)):
            return shown, p
        p += 10


def fraction_decimal(q: Fraction) -> Decimal:
    """A fraction as a decimal at the current context's precision."""
    return Decimal(q.numerator) / Decimal(q.denominator)


def exact_sum(values: Sequence[N]) -> N:
    total = values[0]
    for v in values[1:]:
        total = total + v
    return total


def exact_product(values: Sequence[N]) -> N:
    total = values[0]
    for v in values[1:]:
        total = total * v
    return total


def confirm_digits(compute: Callable[[], T], rounder: Callable[[T], T], places: int) -> tuple[T, int]:
    """Run *compute* at rising precision until two runs agree after *rounder*; return the result and precision."""
    prec = places + _GUARD
    previous: T | None = None
    while True:
        with decimal.localcontext(working_context(prec)):
            result = rounder(compute())
        if previous is not None and result == previous:
            return result, prec
        previous = result
        if prec >= _MAX_PRECISION:
            raise PrecisionError(
                f"could not confirm {places} decimal places: runs up to {prec} significant digits disagree"
            )
        prec *= 2
