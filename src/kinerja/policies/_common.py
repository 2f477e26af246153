"""Shared helpers of the follow-up policies: yearly predikat, calendar arithmetic, bundles.

Private to :mod:`kinerja.policies`; the public names are re-exported from the package.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Protocol, TypeVar

import attrs

from kinerja.errors import Problems, ValidationError, collect
from kinerja.model import Employee, Predikat, date_field, enum_field
from kinerja.numbers import to_decimal
from kinerja.policy import Decision

__all__ = [
    "FactsBundle",
    "YearlyPredikat",
    "add_months",
    "add_years",
    "check_date",
    "check_int",
    "decimal_map",
    "from_bundle",
    "months_between",
    "not_applicable",
    "optional_date_field",
    "predikat_by_year",
    "subject_of",
    "years_months_text",
]

MIN_YEAR = 1900
MAX_YEAR = 2200


def check_int(ps: Problems, path: str, value: object, lo: int | None = None, hi: int | None = None) -> bool:
    """Add a problem unless *value* is an ``int`` (not a bool) within ``lo``…``hi``; return whether it is fine."""
    if isinstance(value, bool) or not isinstance(value, int):
        ps.add(path, f"expected a whole number, got {type(value).__name__}")
        return False
    if lo is not None and value < lo:
        ps.add(path, f"must be at least {lo}, got {value}")
        return False
    if hi is not None and value > hi:
        ps.add(path, f"must be at most {hi}, got {value}")
        return False
    return True


@attrs.frozen
class YearlyPredikat:
    """The annual predikat kinerja of one appraisal *year*.

    >>> YearlyPredikat(2024, "Baik")
    YearlyPredikat(year=2024, predikat=<Predikat.BAIK: 'BAIK'>)
    """

    year: int
    predikat: Predikat = enum_field(Predikat)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        check_int(ps, "year", self.year, MIN_YEAR, MAX_YEAR)
        ps.raise_if_any()


def predikat_by_year(items: Iterable[YearlyPredikat], path: str = "predikat") -> dict[int, Predikat]:
    """Index yearly predikat by year, refusing a year given twice (``predikat[3].year``)."""
    ps = Problems()
    out: dict[int, Predikat] = {}
    for i, item in enumerate(items):
        if not isinstance(item, YearlyPredikat):
            ps.add(f"{path}[{i}]", f"expected a YearlyPredikat, got {type(item).__name__}")
            continue
        if item.year in out:
            ps.add(f"{path}[{i}].year", f"year {item.year} is given twice")
        out[item.year] = item.predikat
    ps.raise_if_any()
    return out


def optional_date_field() -> Any:
    """An attrs field holding a :class:`datetime.date` or ``None`` (default), read from ISO text, naming the field."""
    return date_field(optional=True)


def check_date(value: object, path: str) -> _dt.date:
    """*value* if it is a date (not a datetime), else a :class:`ValidationError` naming *path*."""
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise ValidationError.one(path, f"expected a date, got {type(value).__name__}")
    return value


def add_years(d: _dt.date, years: int) -> _dt.date:
    """The same calendar day *years* later; 29 February becomes 1 March in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return _dt.date(d.year + years, 3, 1)


def add_months(d: _dt.date, months: int) -> _dt.date:
    """The same day *months* later, or the 1st of the following month when that day does not exist."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    try:
        return _dt.date(year, month + 1, d.day)
    except ValueError:
        return add_months(_dt.date(year, month + 1, 1), 1)


def months_between(start: _dt.date, end: _dt.date) -> int:
    """Whole calendar months from *start* to *end* (``2020-04-01`` → ``2024-03-31`` is 47); negative if *end* is earlier."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


def years_months_text(months: int) -> str:
    """``50`` → ``'4 tahun 2 bulan'`` (masa kerja as BKD writes it)."""
    sign = "-" if months < 0 else ""
    y, m = divmod(abs(months), 12)
    return f"{sign}{y} tahun {m} bulan"


def subject_of(employee: Employee | None) -> str:
    """The subject id of a decision: the NIP digits, or ``'-'`` when no employee was given."""
    return employee.nip.digits if employee is not None else "-"


def not_applicable(policy: str, subject: str, reason: str) -> Decision:
    """A decision saying the policy does not apply (no facts for it); its outcome is ``None``."""
    return Decision(policy=policy, subject=subject, outcome=None, summary=f"not applicable: {reason}")


class FactsBundle(Protocol):
    """What a per-employee bundle (:class:`kinerja.policies.EmployeeFacts`) offers a policy."""

    @property
    def employee(self) -> Employee: ...

    def part(self, key: str) -> Any:
        """The facts for the policy kind *key*, completed from the bundle, or ``None``."""
        ...


def require_employee(employee: Employee | None, policy: str) -> Employee:
    if employee is None:
        raise ValidationError.one("employee", f"{policy} needs the employee (give it in the facts or in EmployeeFacts)")
    return employee


T = TypeVar("T")


def from_bundle(
    bundle: FactsBundle,
    key: str,
    cls: type[T],
    policy: str,
    decide: Callable[[T], Decision],
    what: str,
) -> Decision:
    """Decide on the bundle's part *key*: "not applicable" without it, errors prefixed with *key*."""
    part = bundle.part(key)
    if part is None:
        return not_applicable(policy, subject_of(bundle.employee), f"no {what}")
    if not isinstance(part, cls):
        raise ValidationError.one(key, f"expected {cls.__name__}, got {type(part).__name__}")
    try:
        return decide(part)
    except ValidationError as exc:
        raise exc.prefixed(key) from None


def decimal_map(value: Mapping[str, Any]) -> dict[str, Decimal]:
    """A mapping of name to number (a tie-breaker table) with every bad entry reported at once."""
    if not isinstance(value, Mapping):
        raise ValidationError.one("tiebreak", "expected a mapping of name to number")
    return dict(collect(value.items(), lambda kv: (str(kv[0]), to_decimal(kv[1], f"tiebreak.{kv[0]}"))))
