"""What an agency indicator kind reads and returns: a :class:`Measurement` in, a :class:`Scored` out, and the :class:`IndicatorKind` protocol."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Protocol, runtime_checkable

import attrs

from kinerja.errors import Problem, Problems, ValidationError, join_path
from kinerja.explain import Source
from kinerja.model import Target
from kinerja.numbers import ONE, ZERO, NumberLike, exact, fmt, to_decimal
from kinerja.raters import Rating
from kinerja.result import OutputKind
from kinerja.survey import SurveyData

__all__ = ["IndicatorKind", "Measurement", "Scored", "tidy"]


def target_conv(value: object) -> Target | None:
    """A target given as a number, a ``(low, high)`` pair or ``{"low", "high"}`` (fields named ``target``)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (Target, str, int, float, Decimal, Mapping, tuple, list)):
        raise ValidationError.one("target", 'a target is a number or {"low": ..., "high": ...}')
    if isinstance(value, Mapping):
        extra = set(value) - {"low", "high"}
        if extra:
            raise ValidationError(Problem(join_path("target", str(k)), "unknown field") for k in sorted(extra))
    try:
        return Target.of(value)
    except ValidationError as exc:
        raise exc.prefixed("target") from None


def _ratings_conv(value: object) -> tuple[Rating, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("ratings", "expected a list of ratings")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, Rating):
            raise ValidationError.one(f"ratings[{i}]", "expected a Rating")
        out.append(item)
    return tuple(out)


def _evidence_conv(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("evidence", "expected a list of references")
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, str):
            raise ValidationError.one(f"evidence[{i}]", "expected text")
    return items


# --- the measurement (what a document gives for one indicator) ---------------------------------
# Named, typed converters (rather than decimal_field) so that type checkers accept ints and strings here.


def _opt_decimal(value: NumberLike | None, path: str) -> Decimal | None:
    return None if value is None else to_decimal(value, path)


def _m_value(value: NumberLike | None) -> Decimal | None:
    return _opt_decimal(value, "value")


def _m_present(value: NumberLike | None) -> Decimal | None:
    return _opt_decimal(value, "present")


def _m_working_days(value: NumberLike | None) -> Decimal | None:
    return _opt_decimal(value, "working_days")


def _m_knowledge(value: NumberLike | None) -> Decimal | None:
    return _opt_decimal(value, "knowledge")


def _m_skill(value: NumberLike | None) -> Decimal | None:
    return _opt_decimal(value, "skill")


def _m_attitude(value: NumberLike | None) -> Decimal | None:
    return _opt_decimal(value, "attitude")


@attrs.frozen
class Measurement:
    """What was measured for one indicator in one period; each kind reads the fields it needs.

    * ``value`` — the realised count, rate, duration or rating (:class:`Count`,
      :class:`LowerIsBetter`, :class:`ScaleRating`);
    * ``target`` — this employee's target, overriding the scheme's default target;
    * ``within`` / ``total`` — cases finished within the limit / all cases (:class:`ShareWithin`);
    * ``present`` / ``working_days`` / ``late`` — attendance (:class:`Attendance`);
    * ``knowledge`` / ``skill`` / ``attitude`` — competency scores (:class:`Competency`);
    * ``survey`` — IKM survey answers (:class:`SatisfactionSurvey`);
    * ``ratings`` — ratings from several raters (:class:`RaterPanel`);
    * ``evidence`` — references to bukti dukung (supporting evidence), kept as given.

    An indicator that was not assessed has no measurement at all (missing is not zero).
    """

    value: Decimal | None = attrs.field(default=None, converter=_m_value)
    target: Target | None = attrs.field(default=None, converter=target_conv)
    within: int | None = None
    total: int | None = None
    present: Decimal | None = attrs.field(default=None, converter=_m_present)
    working_days: Decimal | None = attrs.field(default=None, converter=_m_working_days)
    late: int | None = None
    knowledge: Decimal | None = attrs.field(default=None, converter=_m_knowledge)
    skill: Decimal | None = attrs.field(default=None, converter=_m_skill)
    attitude: Decimal | None = attrs.field(default=None, converter=_m_attitude)
    survey: SurveyData | None = None
    ratings: tuple[Rating, ...] = attrs.field(default=(), converter=_ratings_conv)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_evidence_conv)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        for name in ("within", "total", "late"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                ps.add(name, f"expected a whole number, got {type(v).__name__}")
            elif v is not None and v < 0:
                ps.add(name, f"cannot be negative, got {v}")
        for name in ("value", "present", "working_days", "knowledge", "skill", "attitude"):
            v = getattr(self, name)
            if v is not None and v < ZERO:
                ps.add(name, f"cannot be negative, got {v}")
        if self.survey is not None and not isinstance(self.survey, SurveyData):
            ps.add("survey", "expected survey data")
        ps.raise_if_any()

    def need(self, name: str) -> Decimal:
        """The decimal field *name*, or an error naming it when it was not given."""
        v = getattr(self, name)
        if v is None:
            raise ValidationError.one(name, "required by this indicator's kind (missing is not zero)")
        return Decimal(v)


def tidy(value: Decimal) -> Decimal:
    """The same number without meaningless trailing zeros of exact arithmetic (``80.0`` → ``80``, ``1E+2`` → ``100``).

    Only for unrounded intermediate values: a value rounded by a rule keeps its places.
    """
    with exact():
        if value == value.to_integral_value():
            return value.quantize(ONE)
        return value.normalize()


def _tidy_details(details: Iterable[tuple[str, object]]) -> tuple[tuple[str, object], ...]:
    return tuple((k, tidy(v) if isinstance(v, Decimal) else v) for k, v in details)


@attrs.frozen
class Scored:
    """One indicator's outcome: *value* in percent (100 = fully met), the raw *measured* value, and what led there.

    ``details`` are the named inputs an explanation shows; ``extras`` are further
    named outputs (an IKM's mutu, a rater gap); ``warnings`` are remarks that are
    not errors (too few survey respondents, renormalised raters).
    """

    value: Decimal
    measured: Decimal
    details: tuple[tuple[str, object], ...] = attrs.field(default=(), converter=_tidy_details)
    extras: tuple[tuple[str, object], ...] = ()
    warnings: tuple[str, ...] = ()


def bounded(raw: Decimal, floor: Decimal | None, cap: Decimal | None) -> tuple[Decimal, str]:
    if cap is not None and raw > cap:
        return cap, f"capped at {fmt(cap)}"
    if floor is not None and raw < floor:
        return floor, f"raised to the floor {fmt(floor)}"
    return raw, ""


def bounded_score(
    raw: Decimal, floor: Decimal | None, cap: Decimal | None, measured: Decimal, details: list[tuple[str, object]]
) -> Scored:
    """The :class:`Scored` of a *raw* percentage held within *floor*–*cap*; a bound that applied is the last detail."""
    score, note = bounded(raw, floor, cap)
    if note:
        details = [*details, ("bound", note)]
    return Scored(score, measured, tuple(details))


@runtime_checkable
class IndicatorKind(Protocol):
    """What every indicator kind offers: its JSON ``kind`` name, a basis, and ``score``."""

    kind: ClassVar[str]

    @property
    def higher_is_better(self) -> bool:
        """Whether a larger *measured* value is better (``False`` for rates and durations)."""
        ...

    @property
    def source(self) -> Source: ...

    def describe(self) -> str: ...

    def score(self, m: Measurement) -> Scored: ...

    def extra_outputs(self) -> tuple[tuple[str, OutputKind], ...]: ...

    def to_json(self) -> dict[str, Any]: ...


AGENCY = "agency"


def check_positive(value: Decimal | None, name: str, ps: Problems, *, allow_zero: bool = False) -> None:
    if value is None:
        return
    if value < ZERO or (value == ZERO and not allow_zero):
        ps.add(name, f"must be {'zero or more' if allow_zero else 'positive'}, got {value}")
