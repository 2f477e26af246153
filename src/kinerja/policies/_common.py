"""Shared helpers of the follow-up policies: yearly predikat, calendar arithmetic, list-field checks, bundles.

Private to :mod:`kinerja.policies`; the public names are re-exported from the package.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Generic, Protocol, TypeVar, cast

import attrs

from kinerja.errors import Problems, ValidationError, collect
from kinerja.model import Employee, Predikat, date_field, enum_field
from kinerja.numbers import to_decimal
from kinerja.policy import Decision

__all__ = [
    "BundlePart",
    "FactsBundle",
    "PartPolicy",
    "YearlyPredikat",
    "add_months",
    "add_years",
    "as_tuple",
    "check_date",
    "check_instance",
    "check_int",
    "check_parameter",
    "decimal_map",
    "first_index",
    "from_bundle",
    "instances",
    "months_between",
    "not_applicable",
    "optional_date_field",
    "predikat_by_year",
    "subject_of",
    "years_months_text",
]

MIN_YEAR = 1900
MAX_YEAR = 2200


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """The converter of a list field: a tuple of the items; a single text or a mapping is refused."""
    if isinstance(value, (str, bytes, Mapping)):
        raise ValidationError.one("", "expected a list")
    return tuple(value)


T = TypeVar("T")


def instances(ps: Problems, path: str, items: Iterable[object], cls: type[T], what: str) -> list[tuple[int, T]]:
    """The ``(index, item)`` of each item that is a *cls*; any other adds ``path[i]: expected <what>, got <type>``."""
    out: list[tuple[int, T]] = []
    for i, item in enumerate(items):
        if isinstance(item, cls):
            out.append((i, item))
        else:
            ps.add(f"{path}[{i}]", f"expected {what}, got {type(item).__name__}")
    return out


K = TypeVar("K")


def first_index(seen: dict[K, int], key: K, i: int) -> int | None:
    """Where *key* was first met (its index in *seen*), or ``None`` the first time, when *i* is recorded for it."""
    first = seen.setdefault(key, i)
    return None if first == i else first


def check_instance(value: object, cls: type[T], path: str, what: str) -> T:
    """*value* if it is a *cls*, else a :class:`ValidationError` ``path: expected <what>, got <type>``."""
    if not isinstance(value, cls):
        raise ValidationError.one(path, f"expected {what}, got {type(value).__name__}")
    return value


def check_parameter(path: str, value: object, lo: int, hi: int, code: str) -> None:
    """A whole-number policy parameter within ``lo``…``hi``, else a :class:`ValidationError` with *code*."""
    ps = Problems()
    if not check_int(ps, path, value, lo, hi):
        raise ValidationError(attrs.evolve(p, code=code) for p in ps.items)


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
    for i, item in instances(ps, path, items, YearlyPredikat, "a YearlyPredikat"):
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


F = TypeVar("F")


@attrs.frozen
class BundlePart(Generic[F]):
    """Where a per-employee policy finds its facts: its *policy* name, the bundle's *key*, the facts class *facts*.

    *what* names the facts in the "not applicable: no …" decision of a bundle without them.
    """

    policy: str
    key: str
    facts: type[F]
    what: str


class PartPolicy(Generic[F]):
    """A per-employee policy that decides on its own facts or on its part of an employee's bundle.

    A subclass declares its :class:`BundlePart` as ``part`` and decides on the facts in ``_decide``.
    """

    __slots__ = ()
    part: ClassVar[BundlePart[Any]]

    @property
    def name(self) -> str:
        return self.part.policy

    def decide(self, facts: F | FactsBundle) -> Decision:
        """The decision on *facts*, or on the bundle's part (``"not applicable"`` when the bundle has none)."""
        part = self.part
        if isinstance(facts, part.facts):
            return self._decide(facts)
        return from_bundle(cast(FactsBundle, facts), part.key, part.facts, part.policy, self._decide, part.what)

    def _decide(self, facts: F) -> Decision:
        raise NotImplementedError
