"""Exact numbers: the one place that decides how numeric input is read and how values round.

Every score in kinerja is a :class:`decimal.Decimal`. This module owns

* **input** — :func:`to_decimal` accepts ``int``, ``str``, ``Decimal`` and ``float``
  (a float is read through its shortest ``repr``, so ``0.1`` means one tenth, not
  0.1000000000000000055…). It refuses ``bool``, NaN, infinities, more than
  :data:`MAX_DIGITS` significant digits and exponents beyond :data:`MAX_EXPONENT`
  — a hostile ``"1e999999999"`` is refused by looking at its exponent, before any
  arithmetic, so it cannot hang the process;
* **arithmetic** — :data:`CONTEXT`, a private :class:`decimal.Context` with 40
  significant digits. Inputs carry at most 28 significant digits, so sums,
  differences and products of two inputs are exact; a quotient is correct to 40
  significant digits (ROUND_HALF_EVEN at the 40th digit), far below any place
  where a regulation rounds. Use :func:`exact` (``with exact(): ...``) around a
  computation so that the caller's thread context is never read or changed;
* **rounding** — :func:`round_half_up` is the only rounding primitive. Half-up
  here means *half away from zero* (``ROUND_HALF_UP`` in :mod:`decimal`), which is
  what PHP's ``round()`` does, so a PHP SIMPEG system gets the same digits
  (see ``../shared/spec/pitfalls.md``, "Rounding differs by language").
  Rounding happens only where a rule says so; each call site cites its rule.

Missing is not zero: a value that was not assessed is ``None`` in the model and
is never converted to a number here (``to_decimal(None)`` is an error).
"""

from __future__ import annotations

import contextlib
import decimal
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Final

from kinerja.errors import Problem, ValidationError, quote

__all__ = [
    "CONTEXT",
    "HUNDRED",
    "INT_LIMIT",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "ONE",
    "ZERO",
    "NumberLike",
    "exact",
    "fmt",
    "fraction_to_decimal",
    "is_number_like",
    "round_exact",
    "round_half_up",
    "to_decimal",
]

NumberLike = int | str | Decimal | float
"""What :func:`to_decimal` accepts."""

MAX_DIGITS: Final = 28
"""Largest number of significant digits accepted in an input value."""

MAX_EXPONENT: Final = 15
"""Largest accepted magnitude: values must lie within ±10**15 and have no digit below 10**-15."""

CONTEXT: Final = decimal.Context(
    prec=40,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""The arithmetic context of every kinerja computation (40 significant digits)."""

ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)
HUNDRED: Final = Decimal(100)

INT_LIMIT: Final = 10**MAX_EXPONENT
"""The one bound of every number and count: |x| ≤ 10**15 (as an ``int``: compared as an int, linear, never via Decimal)."""

_DEC_LIMIT: Final = Decimal(INT_LIMIT)
_ZERO_D = Decimal(0)
_SIMPLE = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,13})?\Z").match
"""Decimal text that needs no further checks: at most 15 integer and 13 fraction digits."""


def exact() -> contextlib.AbstractContextManager[decimal.Context]:
    """Return a context manager that runs the enclosed arithmetic in :data:`CONTEXT`."""
    return decimal.localcontext(CONTEXT)


def _problem(path: str, message: str, code: str = "number.invalid") -> ValidationError:
    return ValidationError((Problem(path, message, code),))


def _not_a_number(value: str, path: str) -> ValidationError:
    """The refusal of a text that is not plain ASCII decimal text, with the most useful code."""
    if any(c.isdigit() and not c.isascii() for c in value):
        return _problem(path, f"only the digits 0-9 are read, got {quote(value)}", "number.non_ascii_digit")
    if re.fullmatch(r"\s*[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+\s*", value):  # Indonesian form (kinerja.formats)
        return _problem(path, f"{quote(value)} looks like a decimal comma: read with locale id", "number.decimal_comma")
    return _problem(path, f"not a number: {quote(value)}")


def to_decimal(value: object, path: str = "value") -> Decimal:
    """Read one numeric input as an exact ``Decimal``, or raise a :class:`ValidationError` naming *path*.

    >>> to_decimal("88.31")
    Decimal('88.31')
    >>> to_decimal(0.1)
    Decimal('0.1')
    >>> to_decimal(True, "indicators[0].target")
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: indicators[0].target: expected a number, got a boolean
    """
    kind = type(value)
    if kind is str:
        text: str = value  # type: ignore[assignment]
        if text.isdigit() and text.isascii() and len(text) <= MAX_EXPONENT:
            return Decimal(text)  # the commonest: a count or an amount, whole, within the bound (cheaper than below)
        text = text.strip()
        if _SIMPLE(text):  # fast path: plain decimal text within the limits, nothing more to check
            d = Decimal(text)
            return d if d or text[0] != "-" else _ZERO_D
    elif kind is Decimal:
        d = value  # type: ignore[assignment]
        if not d.is_finite():
            raise _problem(path, f"not a finite number: {quote(value)}", "number.not_finite")
        if not d:
            return _ZERO_D
        if d.adjusted() > MAX_EXPONENT or abs(d) > _DEC_LIMIT:
            raise _problem(path, f"number out of range: {quote(value)}", "number.too_large")
        if d.adjusted() < -MAX_EXPONENT:
            raise _problem(path, f"number too precise: {quote(value)}", "number.too_precise")
        return d
    return _bounded(_read_other(value, path), value, path)


def _read_other(value: object, path: str) -> Decimal:
    """Every input but plain decimal text and a finite Decimal: read it, or refuse it with its code."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise _problem(path, "expected a number, got a boolean", "type.number")
    if isinstance(value, int):
        if value.bit_length() > 60 or abs(value) > INT_LIMIT:  # int against int: linear, never via Decimal
            raise _problem(path, f"number out of range (more than 10**{MAX_EXPONENT} in magnitude)", "number.too_large")
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # shortest repr: 0.1 -> Decimal('0.1')
    if isinstance(value, str):
        text = value.strip().replace("_", "#")  # Decimal() accepts underscores; we do not
        if len(text) > 64:
            raise _problem(path, "number is too long (more than 64 characters)", "number.too_large")
        if not text.isascii():  # Decimal() reads Arabic-Indic and full-width digits; a NIP does not, nor do we
            raise _not_a_number(text, path)
        try:
            return Decimal(text)
        except decimal.InvalidOperation:
            raise _not_a_number(value, path) from None
    if value is None:
        raise _problem(path, "a value is required here (missing is not zero)", "field.missing")
    raise _problem(path, f"expected a number, got {type(value).__name__}", "type.number")


def _bounded(d: Decimal, value: object, path: str) -> Decimal:
    """*d* when finite and within :data:`MAX_EXPONENT` and :data:`MAX_DIGITS` (a negative zero becomes 0)."""
    if not d.is_finite():
        raise _problem(path, f"not a finite number: {quote(value)}", "number.not_finite")
    sign, digits, exponent = d.as_tuple()
    assert isinstance(exponent, int)
    if exponent < -MAX_EXPONENT or len(digits) + exponent > MAX_EXPONENT + 1:
        if d.is_zero():
            return Decimal(0)
        if exponent < -MAX_EXPONENT:
            raise _problem(path, f"number too precise: {quote(value)}", "number.too_precise")
        raise _problem(path, f"number out of range: {quote(value)}", "number.too_large")
    if len(digits) > MAX_DIGITS:
        raise _problem(path, f"too many significant digits (more than {MAX_DIGITS})", "number.too_precise")
    if abs(d) > _DEC_LIMIT:  # 16 integer digits pass the exponent test above; the bound is 10**15 itself
        raise _problem(path, f"number out of range: {quote(value)}", "number.too_large")
    if d.is_zero() and sign:
        return Decimal(0)
    return d


def is_number_like(value: object) -> bool:
    """True when *value* has a type :func:`to_decimal` can read (it may still be refused)."""
    return isinstance(value, (int, str, Decimal, float)) and not isinstance(value, bool)


def round_half_up(value: Decimal | Fraction, places: int = 0) -> Decimal:
    """Round *value* to *places* decimals, halves away from zero (PHP ``round()``).

    A :class:`~fractions.Fraction` is rounded exactly, with integer arithmetic: with
    ``q = |value| × 10**places`` the result is ``sign × floor(q + 1/2) × 10**-places``.
    It is never first turned into a 40-digit decimal, which would round it once
    (half-even at the 40th digit) before this rounding — a double rounding that moves
    a value a hair below a tie, such as 85.205 − 8.4·10⁻⁴³, up to 85.21 instead of 85.20.

    >>> round_half_up(Decimal("2.085"), 2), round_half_up(Decimal("-2.5"))
    (Decimal('2.09'), Decimal('-3'))
    >>> round_half_up(Fraction(85205, 1000) - Fraction(1, 10**43), 2), round_half_up(Fraction(-5, 2))
    (Decimal('85.20'), Decimal('-3'))
    """
    if isinstance(value, Fraction):
        return _round_fraction(value, places)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=CONTEXT)


def round_exact(value: Fraction, places: int | None) -> Fraction:
    """*value* unchanged (``places=None``), or rounded half-up to *places* as an exact fraction.

    For rules that compare a rounded value with band thresholds: the rounding is
    :func:`round_half_up` on the exact rational, so it happens once.

    >>> round_exact(Fraction(181, 2), 0), round_exact(Fraction(1, 3), None)
    (Fraction(91, 1), Fraction(1, 3))
    """
    return value if places is None else Fraction(round_half_up(value, places))


def _round_fraction(value: Fraction, places: int) -> Decimal:
    """Half away from zero on an exact rational; the digits are built directly, so no context can round them."""
    # with q = |value| × 10**places = a / d: floor(q + 1/2) = (2a + d) // 2d, all in integers
    num, den = value.numerator, value.denominator
    a = abs(num) * 10**places if places >= 0 else abs(num)
    d = den if places >= 0 else den * 10**-places
    n = (2 * a + d) // (2 * d)
    sign = "-" if num < 0 and n else ""  # a value that rounds to zero is 0, not -0
    return Decimal(f"{sign}{n}E{-places}")  # the digits and exponent as text: exact, no context involved


def fraction_to_decimal(value: Fraction) -> Decimal:
    """A rational as a Decimal: exact when it terminates within 40 digits, else correctly rounded at the 40th.

    For showing an exact intermediate value; a rule that rounds uses :func:`round_half_up` on the fraction.

    >>> fraction_to_decimal(Fraction(1, 8)), fraction_to_decimal(Fraction(3))
    (Decimal('0.125'), Decimal('3'))
    """
    if value.denominator == 1:
        return Decimal(value.numerator)
    return CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


def fmt(value: Decimal) -> str:
    """Render a decimal as plain text without exponent (``Decimal('1E+2')`` → ``'100'``).

    Trailing zeros that the value carries are kept (``'85.50'`` stays ``'85.50'``)
    because a rounded result's places are part of its meaning; a negative zero is ``'0'``.

    >>> fmt(Decimal("1E+2")), fmt(Decimal("85.50")), fmt(Decimal("-0.0"))
    ('100', '85.50', '0')
    """
    text = str(value)  # the same digits as the fixed-point format, unless written with an exponent (cheaper)
    if "E" in text or "e" in text:
        text = f"{value:f}"  # fixed-point: never an exponent ('1E+2' is '100')
    return "0" if text in ("-0", "-0.0") else text
