"""Numbers and dates as Indonesian files write them, read exactly and never guessed (issue 18).

Two reading rules, chosen explicitly by *locale*:

``"json"`` (the default, also ``None`` or ``"en"``)
    JSON's rule: a dot is the decimal mark and there is no thousands separator
    (``"1250.5"``, ``"1.000"`` is one); dates are ISO 8601 (``2025-12-31``).

``"id"`` (Bahasa Indonesia, as SIMPEG exports and Excel in an Indonesian locale write)
    the comma is the decimal mark and the dot separates thousands, in groups of
    exactly three digits (``"1.250,5"`` → 1250.5, ``"1.000"`` → 1000, ``"98,5"``
    → 98.5); dates are day/month/year (``31/12/2025``, ``31-12-2025``,
    ``31.12.2025``) with a four-digit year, or with the Indonesian month name or
    its abbreviation (``"31 Desember 2025"``, ``"31 Des 2025"``); an ISO date
    (year first) is read too, as it cannot be mistaken.

A text that the chosen rule cannot read without guessing is refused with a
:class:`~kinerja.errors.ValidationError` whose message names the rule that
applied: ``"1.5"`` under ``id`` (a dot must be followed by three digits),
``"1,5"`` under ``json`` (with the hint to read with locale ``id``),
``"12/31/2025"`` under ``id`` (there is no month 31), a two-digit year.

>>> parse_decimal("1.250,5", "id"), parse_decimal("1.000", "id"), parse_decimal("1.000", "json")
(Decimal('1250.5'), Decimal('1000'), Decimal('1.000'))
>>> parse_date("31 Desember 2025", "id"), parse_date("01/02/2025", "id")
(datetime.date(2025, 12, 31), datetime.date(2025, 2, 1))
>>> parse_decimal("98,5")
Traceback (most recent call last):
...
kinerja.errors.ValidationError: value: '98,5' looks like a decimal comma: read with locale id (under the JSON rule the decimal mark is a dot)
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from typing import Final

from kinerja.errors import Problem, ValidationError, quote
from kinerja.numbers import to_decimal

__all__ = [
    "LOCALES",
    "MONTHS_ID",
    "Share",
    "decimal_comma_hint",
    "format_decimal",
    "iso_date",
    "normalize_locale",
    "parse_date",
    "parse_decimal",
]

LOCALES: Final = ("json", "id")
"""The reading rules: ``json`` (dot decimal, ISO dates) and ``id`` (comma decimal, dot thousands, dd/mm/yyyy)."""

MONTHS_ID: Final[dict[str, int]] = {
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "ags": 8, "agt": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
"""Indonesian month names and their usual abbreviations (lower case) → month number."""

_ID_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\Z", re.ASCII)
_JSON_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?\Z", re.ASCII)
_COMMA_DECIMAL = re.compile(r"[+-]?\d+,\d+\Z", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z", re.ASCII)
_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d+)\Z", re.ASCII)
_NAMED = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d+)\Z", re.ASCII)

_RULE_ID = "under locale id the comma is the decimal mark and a dot separates thousands in groups of three"
_RULE_JSON = "under the JSON rule the decimal mark is a dot"
_DATE_ID = "under locale id a date is day/month/year with a four-digit year, or '31 Desember 2025'"


def normalize_locale(locale: str | None, path: str = "locale") -> str:
    """``"json"`` or ``"id"`` for *locale* (``None`` and ``"en"`` mean JSON's rule); anything else is refused."""
    chosen = (locale or "json").strip().lower()
    chosen = {"en": "json", "iso": "json", "id_id": "id", "id-id": "id", "in": "id"}.get(chosen, chosen)
    if chosen not in LOCALES:
        raise ValidationError.one(path, f"unknown locale {quote(locale)}: use 'id' or 'json'", "invalid")
    return chosen


def _fail(path: str, message: str, code: str) -> ValidationError:
    return ValidationError((Problem(path, message, code),))


def decimal_comma_hint(text: str) -> str | None:
    """The hint for a text that JSON's rule refuses but that reads under locale ``id`` (``"98,5"``), else ``None``."""
    stripped = text.strip()
    if _COMMA_DECIMAL.match(stripped) or (_ID_NUMBER.match(stripped) and "," in stripped):
        return f"{quote(text)} looks like a decimal comma: read with locale id"
    return None


def parse_decimal(text: str, locale: str | None = "json", path: str = "value") -> Decimal:
    """Read *text* as an exact ``Decimal`` under the rule of *locale* (see the module text).

    Raises :class:`~kinerja.errors.ValidationError` naming *path*: code
    ``number.decimal_comma`` for a decimal comma under the JSON rule,
    ``number.locale_ambiguous`` for a text the ``id`` rule cannot read without
    guessing, and the codes of :func:`kinerja.numbers.to_decimal` for the rest
    (bounds, digits).
    """
    rule = normalize_locale(locale)
    if not isinstance(text, str):
        return to_decimal(text, path)
    stripped = text.strip()
    if rule == "json":
        hint = decimal_comma_hint(stripped)
        if hint and not _JSON_NUMBER.match(stripped):
            raise _fail(path, f"{hint} ({_RULE_JSON})", "number.decimal_comma")
        return to_decimal(stripped, path)
    if not _ID_NUMBER.match(stripped):
        if re.fullmatch(r"[+-]?\d+(?:\.\d+)+(?:,\d+)?", stripped) or re.fullmatch(r"[+-]?\d*\.\d+", stripped):
            raise _fail(
                path,
                f"{quote(text)} cannot be read: {_RULE_ID}, so a dot must be followed by exactly three digits",
                "number.locale_ambiguous",
            )
        return to_decimal(stripped, path)  # the usual refusal (not a number, non-ASCII digits…)
    return to_decimal(stripped.replace(".", "").replace(",", "."), path)


def iso_date(text: str) -> _dt.date | None:
    """*text* as an ISO calendar date ``YYYY-MM-DD`` in ASCII digits, or ``None`` (JSON's rule, the edge's reader).

    Stricter than :meth:`datetime.date.fromisoformat`, which in Python 3.11 also reads week
    dates (``2024-W01-1``) and other digits than 0-9.

    >>> iso_date("2024-02-29"), iso_date("2024-W01-1"), iso_date("2023-02-29")
    (datetime.date(2024, 2, 29), None, None)
    """
    m = _ISO.match(text)
    if m is None:
        return None
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _make_date(year: int, month: int, day: int, text: str, path: str, rule: str) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        hint = " (a month/day/year date?)" if month > 12 and day <= 12 else ""
        raise _fail(
            path, f"{quote(text)} is not a date: {rule}; day {day}, month {month}{hint}", "date.invalid"
        ) from None


def parse_date(text: str, locale: str | None = "json", path: str = "value") -> _dt.date:
    """Read *text* as a date under the rule of *locale* (see the module text).

    Raises :class:`~kinerja.errors.ValidationError` naming *path* with code
    ``date.invalid`` (not a date under the rule; the message names the rule) or
    ``date.locale_ambiguous`` (a two-digit year, or a day/month date under the
    JSON rule).
    """
    rule = normalize_locale(locale)
    if not isinstance(text, str):
        raise _fail(path, f"expected a date as text, got {quote(text)}", "date.invalid")
    s = text.strip()
    m = _ISO.match(s)
    if m:
        return _make_date(int(m[1]), int(m[2]), int(m[3]), text, path, "an ISO date is year-month-day")
    if rule == "json":
        code = "date.locale_ambiguous" if _DMY.match(s) or _NAMED.match(s) else "date.invalid"
        hint = ": read with locale id for day/month/year" if code != "date.invalid" else ""
        raise _fail(path, f"expected an ISO date (2025-12-31), got {quote(text)}{hint}", code)
    m = _DMY.match(s)
    if m:
        day, month, year = int(m[1]), int(m[3]), m[4]
    else:
        n = _NAMED.match(s)
        if n is None or n[2].lower() not in MONTHS_ID:
            raise _fail(path, f"{quote(text)} is not a date: {_DATE_ID}", "date.invalid")
        day, month, year = int(n[1]), MONTHS_ID[n[2].lower()], n[3]
    if len(year) != 4:
        raise _fail(path, f"{quote(text)}: the year must have four digits ({_DATE_ID})", "date.locale_ambiguous")
    return _make_date(int(year), month, day, text, path, _DATE_ID)


def format_decimal(value: Decimal, locale: str | None = "json", places: int | None = None) -> str:
    """*value* as text under the rule of *locale*; *places* rounds half-up for display only.

    >>> format_decimal(Decimal("1250.5"), "id"), format_decimal(Decimal("0.38461"), "id", 1)
    ('1.250,5', '0,4')
    """
    from kinerja.numbers import fmt, round_half_up

    shown = round_half_up(value, places) if places is not None else value
    plain = fmt(shown) if places is None else f"{shown:f}"
    if normalize_locale(locale) == "json":
        return plain
    negative = plain.startswith("-")
    whole, _, frac = plain.lstrip("-").partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return ("-" if negative else "") + grouped + ("," + frac if frac else "")


class Share(Decimal):
    """An exact share (a percentage) that *shows* itself rounded half-up to :attr:`places` decimals.

    The value is the exact :class:`~decimal.Decimal` (compare it, compute with it,
    ``Decimal(share)`` or :attr:`exact` gives every digit); only ``str()`` and
    ``format()`` — what a notebook or a printed frame shows — round, for display.

    >>> s = Share(Decimal(500) / Decimal(13), 2)
    >>> str(s), s == Decimal(500) / Decimal(13), s.exact
    ('38.46', True, Decimal('38.46153846153846153846153846'))
    """

    places: int = 2

    def __new__(cls, value: Decimal | int | str, places: int = 2) -> Share:
        obj = super().__new__(cls, value)
        obj.places = places
        return obj

    @property
    def exact(self) -> Decimal:
        """The exact value as a plain :class:`~decimal.Decimal`."""
        return Decimal(self)

    def shown(self) -> Decimal:
        """The value as shown: rounded half-up to :attr:`places` decimals (display only)."""
        from kinerja.numbers import round_half_up

        return round_half_up(Decimal(self), self.places)

    def __str__(self) -> str:
        return str(self.shown())

    def __format__(self, spec: str, context: object = None, /) -> str:
        return format(self.shown(), spec)

    def __repr__(self) -> str:
        return f"Share('{Decimal(self)}', places={self.places})"
