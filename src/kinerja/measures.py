"""Agency indicator kinds: the building blocks of agency schemes (``kinerja.schemes``).

Small frozen classes that turn one :class:`~kinerja.measurement.Measurement` into a
:class:`~kinerja.measurement.Scored` value in percent (100 = fully met), each declaring
its parameters as plain data (``to_json``/``from_json``, :mod:`kinerja.plain`) and citing
its basis. They moved here from :mod:`kinerja.indicators`, which keeps the formulas only
(the old import paths work for one release, with a ``DeprecationWarning``); this module may
use :mod:`kinerja.raters` and :mod:`kinerja.survey`, the formulas may not.

==========================  ==================  ====================================================
class                       ``kind`` in JSON    measures
==========================  ==================  ====================================================
:class:`Count`              ``count``           a count against a target, more is better
:class:`LowerIsBetter`      ``lower-is-better`` a rate or duration, less is better, bounded floor–cap
:class:`ShareWithin`        ``share-within``    the share of cases finished within a time limit
:class:`Attendance`         ``attendance``      days present / working days, less late arrivals
:class:`ScaleRating`        ``rating``          a qualitative rating on a declared scale
:class:`Competency`         ``competency``      knowledge, skill and attitude scores
:class:`SatisfactionSurvey` ``ikm``             an IKM survey (PermenPANRB 14/2017, :mod:`kinerja.survey`)
:class:`RaterPanel`         ``raters``          several raters combined (:mod:`kinerja.raters`)
==========================  ==================  ====================================================

>>> Count(target=Target(400)).score(Measurement(value=460)).value
Decimal('115')
>>> LowerIsBetter(target=Decimal(2)).score(Measurement(value=Decimal("1.5"))).value
Decimal('120')

Missing is not zero: scoring an indicator with no realisation raises a
:class:`~kinerja.errors.ValidationError` naming the missing field.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, Final

import attrs

from kinerja.errors import Problems, ValidationError, join_path, quote
from kinerja.explain import Source
from kinerja.indicators import inverse_ratio, range_reference, ratio
from kinerja.measurement import (
    AGENCY,
    IndicatorKind,
    Measurement,
    Scored,
    bounded_score,
    check_positive,
    target_conv,
    tidy,
)
from kinerja.model import Target, Weights, decimal_field
from kinerja.numbers import HUNDRED, ZERO, NumberLike, exact, fmt, to_decimal
from kinerja.plain import PlainData, build, fields_to_plain, text_field, to_plain
from kinerja.raters import RATERS_SOURCE, Panel
from kinerja.result import OutputKind
from kinerja.survey import IKM_SOURCE, IkmMethod, ikm

__all__ = [
    "KINDS",
    "Attendance",
    "Competency",
    "Count",
    "IndicatorKind",
    "LowerIsBetter",
    "Measurement",
    "RaterPanel",
    "SatisfactionSurvey",
    "Scale",
    "ScaleRating",
    "Scored",
    "ShareWithin",
    "build",
    "fields_to_plain",
    "kind_from_json",
    "kind_to_json",
    "register_kind",
    "tidy",
    "to_plain",
]

# --- the kinds ----------------------------------------------------------------------------------


class _ScoreOnly(PlainData):
    """A kind whose only output is its score: no named outputs beyond it."""

    __slots__ = ()

    def extra_outputs(self) -> tuple[tuple[str, OutputKind], ...]:
        return ()


@attrs.frozen
class Count(_ScoreOnly):
    """A count against a target, more is better: ``realisasi / target × 100`` (documents processed, students passing).

    Basis: capaian IKI kondisi normal, PermenPANRB 8/2021 Lampiran (spec §2.3); a
    range target uses the bound the realisation falls outside of. ``target`` is the
    scheme's default (a measurement may carry its own); ``cap`` optionally bounds
    the percentage (``None`` = uncapped).
    """

    kind: ClassVar[str] = "count"
    higher_is_better: ClassVar[bool] = True
    source: ClassVar[Source] = Source(
        "PermenPANRB 8/2021", "Lampiran, capaian IKI kondisi normal: realisasi / target x 100 (spec §2.3)"
    )
    target: Target | None = attrs.field(default=None, converter=target_conv)
    cap: Decimal | None = decimal_field(optional=True)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        check_positive(self.cap, "cap", ps)
        ps.raise_if_any()

    def describe(self) -> str:
        bound = f", capped at {fmt(self.cap)}" if self.cap is not None else ""
        return f"count against a target, more is better (realisasi / target x 100{bound})"

    def score(self, m: Measurement) -> Scored:
        value = m.need("value")
        target = m.target or self.target
        if target is None:
            raise ValidationError.one("target", "no target: give one in the scheme's indicator or in the measurement")
        ref = range_reference(value, target) if target.is_range else target.low
        raw = tidy(ratio(value, ref))
        return bounded_score(
            raw, None, self.cap, value, [("realisasi", value), ("target", _target_text(target)), ("capaian", raw)]
        )


def _target_text(t: Target) -> str:
    return fmt(t.low) if t.high is None else f"{fmt(t.low)}-{fmt(t.high)}"


def _method(value: object, choices: tuple[str, str]) -> str:
    """A ``method`` named by one of the two *choices*."""
    if value not in choices:
        raise ValidationError.one("method", f"expected {choices[0]!r} or {choices[1]!r}, got {quote(value)}")
    return str(value)


def _method_conv(value: object) -> str:
    return _method(value, ("inverse", "linear"))


@attrs.frozen
class LowerIsBetter(_ScoreOnly):
    """A rate or duration, less is better (error rate, response time, waiting time), bounded to ``floor``–``cap``.

    * ``method="inverse"`` (default): ``(1 + (1 − realisasi / target)) × 100``, capaian
      IKI kondisi khusus, PermenPANRB 8/2021 Lampiran (spec §2.3); the target must be positive;
    * ``method="linear"``: 100 at the ``target`` (which may be 0, "no errors") falling
      linearly to 0 at the declared ``worst`` value — an agency's choice.

    Either way the score is held within ``floor`` (default 0) and ``cap`` (default 120,
    the top of the PermenPANRB 8/2021 nilai scale, spec §2.4 — kinerja's default), so a
    zero realisation or a tiny target cannot explode the score.

    >>> LowerIsBetter(target=Decimal("0.01")).score(Measurement(value=Decimal(1))).value
    Decimal('0')
    >>> LowerIsBetter(method="linear", target=Decimal(0), worst=Decimal(10)).score(Measurement(value=Decimal(2))).value
    Decimal('80')
    """

    kind: ClassVar[str] = "lower-is-better"
    higher_is_better: ClassVar[bool] = False
    target: Decimal | None = decimal_field(optional=True)
    method: str = attrs.field(default="inverse", converter=_method_conv)
    worst: Decimal | None = decimal_field(optional=True)
    floor: Decimal = decimal_field(default=ZERO)
    cap: Decimal = decimal_field(default=Decimal(120))

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.method == "inverse":
            check_positive(self.target, "target", ps)
            if self.worst is not None:
                ps.add("worst", "only the linear method uses a worst value")
        else:
            check_positive(self.target, "target", ps, allow_zero=True)
            if self.worst is None:
                ps.add("worst", "the linear method needs the worst value (where the score reaches 0)")
            elif self.target is not None and self.worst <= self.target:
                ps.add("worst", f"the worst value ({self.worst}) must be above the target ({self.target})")
        if self.cap <= self.floor:
            ps.add("cap", f"the cap ({self.cap}) must be above the floor ({self.floor})")
        ps.raise_if_any()

    @property
    def source(self) -> Source:
        if self.method == "inverse":
            return Source(
                "PermenPANRB 8/2021",
                "Lampiran, capaian IKI kondisi khusus: (1 + (1 - realisasi / target)) x 100 (spec §2.3); "
                "floor and cap declared by the scheme",
            )
        return Source("kinerja", "linear from the target (100) to the declared worst value (0), bounded", AGENCY)

    def describe(self) -> str:
        formula = (
            "(1 + (1 - realisasi / target)) x 100"
            if self.method == "inverse"
            else "100 x (worst - realisasi) / (worst - target)"
        )
        return f"lower is better: {formula}, bounded {fmt(self.floor)}-{fmt(self.cap)}"

    def score(self, m: Measurement) -> Scored:
        value = m.need("value")
        if m.target is not None:
            target = range_reference(value, m.target) if m.target.is_range else m.target.low
        elif self.target is not None:
            target = self.target
        else:
            raise ValidationError.one("target", "no target: give one in the scheme's indicator or in the measurement")
        if self.method == "inverse":
            raw = inverse_ratio(value, target)
        else:
            assert self.worst is not None
            if target >= self.worst:
                raise ValidationError.one(
                    "target", f"the target ({target}) must be below the worst value ({self.worst})"
                )
            with exact():
                raw = HUNDRED * (self.worst - value) / (self.worst - target)
        raw = tidy(raw)
        return bounded_score(
            raw, self.floor, self.cap, value, [("realisasi", value), ("target", target), ("capaian", raw)]
        )


@attrs.frozen
class ShareWithin(_ScoreOnly):
    """The share of cases finished within a time limit (complaints resolved within ``limit`` days).

    ``share = within / total × 100``. With a ``target`` share (percent) the score is
    ``share / target × 100`` (optionally held at ``cap``), else the share itself.
    Basis: an agency's service standard (standar pelayanan) — agency choice.

    >>> ShareWithin(limit=Decimal(3), target=Decimal(90)).score(Measurement(within=45, total=50)).value
    Decimal('100')
    """

    kind: ClassVar[str] = "share-within"
    higher_is_better: ClassVar[bool] = True
    limit: Decimal = decimal_field()
    limit_unit: str = text_field("days")
    target: Decimal | None = decimal_field(optional=True)
    cap: Decimal | None = decimal_field(optional=True)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        check_positive(self.limit, "limit", ps)
        check_positive(self.cap, "cap", ps)
        if self.target is not None and not ZERO < self.target <= HUNDRED:
            ps.add("target", f"a target share is a percentage above 0 and at most 100, got {self.target}")
        ps.raise_if_any()

    @property
    def source(self) -> Source:
        return Source("kinerja", f"share of cases finished within {fmt(self.limit)} {self.limit_unit}", AGENCY)

    def describe(self) -> str:
        tail = f", against a target of {fmt(self.target)} %" if self.target is not None else ""
        return f"share finished within {fmt(self.limit)} {self.limit_unit}{tail}"

    def score(self, m: Measurement) -> Scored:
        ps = Problems()
        if m.within is None:
            ps.add("within", "required: how many cases were finished within the limit")
        if m.total is None:
            ps.add("total", "required: how many cases there were")
        elif m.total == 0:
            ps.add("total", "no cases: the share is undefined (leave the measurement out when nothing was assessed)")
        elif m.within is not None and m.within > m.total:
            ps.add("within", f"{m.within} finished within the limit, but there were only {m.total} cases")
        ps.raise_if_any()
        assert m.within is not None and m.total is not None
        share = tidy(ratio(Decimal(m.within), Decimal(m.total)))
        raw = share if self.target is None else tidy(ratio(share, self.target))
        details: list[tuple[str, object]] = [("within", m.within), ("total", m.total), ("share", share)]
        if self.target is not None:
            details.append(("target share", self.target))
        return bounded_score(raw, None, self.cap, share, details)


@attrs.frozen
class Attendance(_ScoreOnly):
    """Attendance and discipline: ``present / working_days × 100 − late × late_penalty``, not below ``floor``.

    ``late_penalty`` (points per late arrival) is the agency's declared choice; the
    national discipline rules (PP 94/2021, spec §7.3) sanction absences separately.
    The *measured* value is the attendance rate in percent.

    >>> Attendance(late_penalty=Decimal(1)).score(Measurement(present=Decimal(21), working_days=Decimal(21), late=2)).value
    Decimal('98')
    """

    kind: ClassVar[str] = "attendance"
    higher_is_better: ClassVar[bool] = True
    source: ClassVar[Source] = Source(
        "kinerja", "days present / working days x 100, less the declared penalty per late arrival", AGENCY
    )
    late_penalty: Decimal = decimal_field()
    floor: Decimal = decimal_field(default=ZERO)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        check_positive(self.late_penalty, "late_penalty", ps, allow_zero=True)
        ps.raise_if_any()

    def describe(self) -> str:
        return f"attendance: present / working days x 100 - {fmt(self.late_penalty)} per late arrival"

    def score(self, m: Measurement) -> Scored:
        ps = Problems()
        for name in ("present", "working_days"):
            if getattr(m, name) is None:
                ps.add(name, "required by an attendance indicator (missing is not zero)")
        ps.raise_if_any()
        present, days = m.need("present"), m.need("working_days")
        if days == ZERO:
            raise ValidationError.one("working_days", "must be positive")
        if present > days:
            raise ValidationError.one("present", f"{present} days present, but there were only {days} working days")
        late = m.late or 0
        rate = tidy(ratio(present, days))
        with exact():
            raw = tidy(rate - Decimal(late) * self.late_penalty)
        details: list[tuple[str, object]] = [
            ("present", present),
            ("working days", days),
            ("attendance", rate),
            ("late arrivals", late),
            ("penalty per late arrival", self.late_penalty),
        ]
        return bounded_score(raw, self.floor, None, rate, details)


def _scale_low(value: NumberLike) -> Decimal:
    return to_decimal(value, "low")


def _scale_high(value: NumberLike) -> Decimal:
    return to_decimal(value, "high")


def _scale_method(value: object) -> str:
    return _method(value, ("ratio", "linear"))


@attrs.frozen
class Scale(PlainData):
    """A declared rating scale ``low``–``high`` (1–4, 1–5, 0–100) and how it maps to percent.

    ``method="ratio"`` (default): ``value / high × 100`` — the convention of the IKM
    (1–4 × 25, spec §5.3), so 4 on 1–4 is 100 and 1 is 25; ``method="linear"``:
    ``(value − low) / (high − low) × 100`` — the bottom of the scale is 0.

    >>> Scale(1, 4).to_percent(Decimal(3)), Scale(1, 5, "linear").to_percent(Decimal(3))
    (Decimal('75'), Decimal('50'))
    """

    low: Decimal = attrs.field(converter=_scale_low)
    high: Decimal = attrs.field(converter=_scale_high)
    method: str = attrs.field(default="ratio", converter=_scale_method)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.low < ZERO:
            ps.add("low", f"a scale starts at 0 or above, got {self.low}")
        if self.high <= self.low:
            ps.add("high", f"the top of the scale ({self.high}) must be above its bottom ({self.low})")
        ps.raise_if_any()

    def check(self, value: Decimal, path: str = "value") -> None:
        if not self.low <= value <= self.high:
            raise ValidationError.one(path, f"{value} is outside the scale {fmt(self.low)}-{fmt(self.high)}")

    def to_percent(self, value: Decimal) -> Decimal:
        with exact():
            if self.method == "ratio":
                return tidy(value / self.high * HUNDRED)
            return tidy((value - self.low) / (self.high - self.low) * HUNDRED)

    def describe(self) -> str:
        how = "value / top x 100" if self.method == "ratio" else "(value - bottom) / (top - bottom) x 100"
        return f"scale {fmt(self.low)}-{fmt(self.high)} ({how})"


def _scale_conv(value: object) -> Scale:
    return build(Scale, value, "scale")


@attrs.frozen
class ScaleRating(_ScoreOnly):
    """A qualitative rating on a declared :class:`Scale`, normalised to percent (an agency's rating guide).

    >>> ScaleRating(Scale(1, 5)).score(Measurement(value=4)).value
    Decimal('80')
    """

    kind: ClassVar[str] = "rating"
    higher_is_better: ClassVar[bool] = True
    scale: Scale = attrs.field(converter=_scale_conv)

    @property
    def source(self) -> Source:
        return Source("kinerja", f"rating on the declared {self.scale.describe()}", AGENCY)

    def describe(self) -> str:
        return f"qualitative rating on the {self.scale.describe()}"

    def score(self, m: Measurement) -> Scored:
        value = m.need("value")
        self.scale.check(value)
        pct = self.scale.to_percent(value)
        return Scored(pct, value, (("rating", value), ("scale", self.scale.describe()), ("percent", pct)))


_PARTS: Final = ("knowledge", "skill", "attitude")


def _competency_weights(value: object) -> Weights | None:
    if value is None or isinstance(value, Weights):
        return value
    if not isinstance(value, Mapping):
        raise ValidationError.one("weights", "expected an object: knowledge, skill, attitude → weight")
    try:
        return Weights(value)
    except ValidationError as first:
        try:
            return Weights(value, total=HUNDRED)
        except ValidationError:
            raise first.prefixed("weights") from None


@attrs.frozen
class Competency(PlainData):
    """Competency: knowledge (pengetahuan), skill (keterampilan) and attitude (sikap) on a declared scale.

    Each part is normalised to percent by ``scale``; the score is their weighted
    mean by ``weights`` (keys ``knowledge``, ``skill``, ``attitude``, adding up to 1
    or 100) or, without weights, their plain mean. Basis: a competency-based
    appraisal such as Salatiga's (an agency's choice).

    >>> c = Competency(Scale(0, 100), weights={"knowledge": "0.3", "skill": "0.4", "attitude": "0.3"})
    >>> c.score(Measurement(knowledge=70, skill=75, attitude=80)).value
    Decimal('75')
    """

    kind: ClassVar[str] = "competency"
    higher_is_better: ClassVar[bool] = True
    source: ClassVar[Source] = Source(
        "kinerja", "competency: knowledge, skill and attitude, weighted as the scheme declares", AGENCY
    )
    scale: Scale = attrs.field(converter=_scale_conv)
    weights: Weights | None = attrs.field(default=None, converter=_competency_weights)

    def __attrs_post_init__(self) -> None:
        if self.weights is not None and sorted(self.weights.keys()) != sorted(_PARTS):
            raise ValidationError.one(
                "weights", f"weigh exactly {', '.join(_PARTS)}; got {', '.join(self.weights.keys())}"
            )

    def describe(self) -> str:
        if self.weights is None:
            return f"competency: mean of knowledge, skill and attitude on the {self.scale.describe()}"
        shares = ", ".join(f"{k} {fmt(self.weights[k])}" for k in _PARTS)
        return f"competency: {shares} on the {self.scale.describe()}"

    def score(self, m: Measurement) -> Scored:
        ps = Problems()
        parts: dict[str, Decimal] = {}
        for name in _PARTS:
            v = getattr(m, name)
            if v is None:
                ps.add(name, "required by a competency indicator (missing is not zero)")
                continue
            try:
                self.scale.check(v, name)
            except ValidationError as exc:
                ps.extend(exc)
                continue
            parts[name] = self.scale.to_percent(v)
        ps.raise_if_any()
        with exact():
            if self.weights is None:
                value = sum(parts.values(), ZERO) / len(parts)
            else:
                value = sum((self.weights.share(k) * parts[k] for k in _PARTS), ZERO)
        value = tidy(value)
        details = tuple((k, parts[k]) for k in _PARTS)
        return Scored(value, value, details, details)

    def extra_outputs(self) -> tuple[tuple[str, OutputKind], ...]:
        return tuple((k, "decimal") for k in _PARTS)


@attrs.frozen
class SatisfactionSurvey:
    """Citizen satisfaction by IKM survey (PermenPANRB 14/2017, :mod:`kinerja.survey`).

    The score and the measured value are the IKM on 25–100 as reported (2 decimals,
    spec §9.2); extras give the mutu (A–D) and the number of respondents. In JSON the
    :class:`~kinerja.survey.IkmMethod` fields sit beside ``kind``:
    ``{"kind": "ikm", "penimbang": "0.11"}``.
    """

    kind: ClassVar[str] = "ikm"
    higher_is_better: ClassVar[bool] = True
    source: ClassVar[Source] = IKM_SOURCE
    method: IkmMethod = attrs.field(factory=IkmMethod)

    @classmethod
    def from_json(cls, data: object, path: str = "") -> SatisfactionSurvey:
        return cls(build(IkmMethod, data, path))

    def to_json(self) -> dict[str, Any]:
        return fields_to_plain(self.method)

    def describe(self) -> str:
        return f"IKM survey, {self.method.describe()}, value on 25-100"

    def score(self, m: Measurement) -> Scored:
        if m.survey is None:
            raise ValidationError.one("survey", "required by an IKM indicator: the survey answers or totals")
        try:
            result = ikm(m.survey, self.method)
        except ValidationError as exc:
            raise exc.prefixed("survey") from None
        details: list[tuple[str, object]] = [
            ("respondents", result.respondents),
            ("method", self.method.describe()),
            *((f"NRR {u}", n) for u, n in zip(result.unsur, result.nrr)),
            ("IKM (1-4)", result.index_4),
            ("IKM (25-100)", result.index_100),
            ("mutu", f"{result.mutu.value} ({result.mutu.kinerja})"),
        ]
        if result.required_sample is not None:
            details.append(("Krejcie-Morgan sample", result.required_sample))
        extras: tuple[tuple[str, object], ...] = (("mutu", result.mutu.value), ("respondents", result.respondents))
        return Scored(result.value, result.value, tuple(details), extras, result.warnings)

    def extra_outputs(self) -> tuple[tuple[str, OutputKind], ...]:
        return (("mutu", "text"), ("respondents", "integer"))


@attrs.frozen
class RaterPanel:
    """Ratings from several raters combined by a :class:`~kinerja.raters.Panel`, on a declared :class:`Scale`.

    The measured value is the blended rating on the scale; the score its percent.
    Extras: the self − supervisor ``gap`` (on the scale) and each group's mean —
    anonymous groups only as a mean of at least ``min_group`` ratings. In JSON the
    panel's fields sit beside ``kind`` and ``scale``:
    ``{"kind": "raters", "scale": {"low": 1, "high": 5}, "weights": {"self": "0.3", "supervisor": "0.7"}}``.
    """

    kind: ClassVar[str] = "raters"
    higher_is_better: ClassVar[bool] = True
    source: ClassVar[Source] = RATERS_SOURCE
    panel: Panel
    scale: Scale = attrs.field(converter=_scale_conv)

    @classmethod
    def from_json(cls, data: object, path: str = "") -> RaterPanel:
        if not isinstance(data, Mapping):
            raise ValidationError.one(path, f"expected a JSON object, got {type(data).__name__}")
        ps = Problems()
        rest = {k: v for k, v in data.items() if k != "scale"}
        scale = panel = None
        if "scale" not in data:
            ps.add(join_path(path, "scale"), "required field missing")
        else:
            try:
                scale = build(Scale, data["scale"], join_path(path, "scale"))
            except ValidationError as exc:
                ps.extend(exc)
        try:
            panel = build(Panel, rest, path)
        except ValidationError as exc:
            ps.extend(exc)
        ps.raise_if_any()
        assert panel is not None and scale is not None
        return cls(panel, scale)

    def to_json(self) -> dict[str, Any]:
        return {"scale": self.scale.to_json(), **self.panel.to_json()}

    def describe(self) -> str:
        return f"{self.panel.describe()}; {self.scale.describe()}"

    def score(self, m: Measurement) -> Scored:
        blend = self.panel.blend(m.ratings, low=self.scale.low, high=self.scale.high)
        pct = self.scale.to_percent(blend.value)
        details: list[tuple[str, object]] = []
        for g in blend.groups:
            label = f"{g.name} ({'anonymous, ' if g.anonymous else ''}weight {fmt(g.weight)})"
            details.append((label, "no rating" if g.mean is None else f"{g.count} rating(s), mean {fmt(tidy(g.mean))}"))
        details.append(("blended rating", tidy(blend.value)))
        if blend.gap is not None:
            details.append(("gap self - supervisor", blend.gap))
        extras: list[tuple[str, object]] = [("gap", blend.gap)]
        extras.extend((g.name, g.mean) for g in blend.groups)
        return Scored(pct, tidy(blend.value), tuple(details), tuple(extras), blend.warnings)

    def extra_outputs(self) -> tuple[tuple[str, OutputKind], ...]:
        names = ["gap", *(r.value for r in self.panel.roles)]
        if any(self.panel.is_anonymous(r) for r in self.panel.roles):
            names.append("pooled")
        return tuple((n, "decimal") for n in names)


KINDS: dict[str, type[Any]] = {
    cls.kind: cls
    for cls in (Count, LowerIsBetter, ShareWithin, Attendance, ScaleRating, Competency, SatisfactionSurvey, RaterPanel)
}
"""Indicator kinds by their JSON ``kind`` name."""


def register_kind(cls: type[Any]) -> type[Any]:
    """Add a third-party indicator kind (a class with ``kind``, ``from_json`` and the :class:`IndicatorKind` methods)."""
    name = getattr(cls, "kind", None)
    if not isinstance(name, str) or not name:
        raise ValidationError.one("kind", "an indicator kind needs a class attribute 'kind' naming it")
    if name in KINDS and KINDS[name] is not cls:
        raise ValidationError.one("kind", f"an indicator kind named {quote(name)} is already registered")
    KINDS[name] = cls
    return cls


def kind_from_json(data: Mapping[str, Any], path: str = "") -> IndicatorKind:
    """Build an indicator kind from ``{"kind": name, ...parameters}``."""
    name = data.get("kind")
    if not isinstance(name, str) or name not in KINDS:
        raise ValidationError.one(
            join_path(path, "kind"), f"unknown indicator kind {quote(name)}; expected one of {', '.join(sorted(KINDS))}"
        )
    params = {k: v for k, v in data.items() if k != "kind"}
    kind: IndicatorKind = KINDS[name].from_json(params, path)
    return kind


def kind_to_json(kind: IndicatorKind) -> dict[str, Any]:
    """``{"kind": name, ...parameters}`` for an indicator kind."""
    return {"kind": kind.kind, **kind.to_json()}
