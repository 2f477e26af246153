"""Agency schemes: named, versioned appraisal configurations built only from kinerja's public parts.

A :class:`Scheme` is a named list of :class:`SchemeVersion` objects, each valid
from a date, each with its indicators (an :class:`~kinerja.measures.IndicatorKind`
with a weight, optionally grouped into components, optionally one set per job
function), an aggregation (:class:`Aggregation`: weighted mean or mean, and the
rule for missing indicators), the rounding of the final score, optional
category :class:`Bands` and follow-up :class:`Flag` policies (promotion
consideration, improvement award…). Scoring a period uses the version in force
on the period's first day, so re-scoring a past year is always faithful; a period
that straddles a change of version is refused.

A scheme **is** a rule (:class:`kinerja.rules.Rule`, kind ``"scheme"``, never
chosen by :func:`kinerja.rules.for_period`): register it with
:func:`kinerja.rules.register` and score documents with :func:`kinerja.io.evaluate`.
Its definition is plain data: :meth:`Scheme.from_json` / :meth:`Scheme.to_json`
round-trip, so an agency edits weights without Python.

A document (:class:`SchemeDocument`) gives the employee, the period, one
:class:`~kinerja.measures.Measurement` per indicator id, optionally the job
function, a pinned version and notes::

    {"regime": "asemrowo", "employee": {...}, "period": {"start": "2024-03-01", "end": "2024-03-31"},
     "function": "pelayanan-dokumen",
     "measurements": {"documents": {"value": 460}, "error_rate": {"value": "1.5"},
                      "satisfaction": {"survey": {"totals": [90, 90, 90, 90, 90, 90, 90, 90, 90], "respondents": 25}}}}

The five built-in presets (``surakarta``, ``jakarta``, ``asemrowo``,
``tanjungpinang``, ``salatiga``) are in the modules of this package; their weights
are illustrative, chosen by kinerja (source confidence "agency").
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from kinerja.aggregation import Aggregator, Item, Mean, MissingRule, WeightedMean
from kinerja.compare import Change, Comparison, Standing, change_between, compare
from kinerja.errors import Problems, ValidationError, join_path
from kinerja.explain import Explanation, Source, Step
from kinerja.measures import (
    IndicatorKind,
    Measurement,
    Scored,
    build,
    fields_to_plain,
    kind_from_json,
    kind_to_json,
    tidy,
    to_plain,
)
from kinerja.model import Employee, Period, date_field, decimal_field, flag_conv
from kinerja.numbers import HUNDRED, ONE, ZERO, exact, fmt, round_half_up, to_decimal
from kinerja.policy import Decision, Ladder, Requirement
from kinerja.ranking import TiePolicy
from kinerja.raters import parse_missing
from kinerja.result import OutputField, OutputKind, Result
from kinerja.rules import RuleInfo

__all__ = [
    "ILLUSTRATIVE",
    "Aggregation",
    "Bands",
    "Flag",
    "FlagFacts",
    "Note",
    "Scheme",
    "SchemeDocument",
    "SchemeIndicator",
    "SchemeVersion",
]

ILLUSTRATIVE: Final = Source("kinerja", "illustrative weights chosen by kinerja", "agency")
"""The source of every weight and threshold in a built-in preset: kinerja's illustrative choice."""

_ID: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_NAME: Final = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


# --- small converters ---------------------------------------------------------------------------


def _text_conv(value: object, field: attrs.Attribute[Any]) -> str:
    if not isinstance(value, str):
        raise ValidationError.one(field.name, f"expected text, got {type(value).__name__}")
    return value


def _text(default: str) -> Any:
    """An optional text field (with *default*) refusing anything but text, naming the field."""
    return attrs.field(default=default, converter=attrs.Converter(_text_conv, takes_field=True))


_TEXT: Final = attrs.Converter(_text_conv, takes_field=True)
"""The converter of a required text field."""


def _texts_conv(value: object, field: attrs.Attribute[Any]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one(field.name, "expected a list of names")
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item:
            raise ValidationError.one(f"{field.name}[{i}]", "expected a non-empty name")
    return items


def _source(value: object, path: str) -> Source:
    if isinstance(value, Source):
        return value
    src = build(Source, value, path)
    ps = Problems()
    for name in ("regulation", "article", "confidence"):
        if not isinstance(getattr(src, name), str):
            ps.add(join_path(path, name), "expected text")
    if not ps and not src.regulation:
        ps.add(join_path(path, "regulation"), "a source names its regulation or document")
    ps.raise_if_any()
    return src


def _sources_conv(value: object) -> tuple[Source, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("sources", "expected a list of sources")
    ps = Problems()
    out: list[Source] = []
    for i, item in enumerate(value):
        try:
            out.append(_source(item, f"sources[{i}]"))
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return tuple(out)


def _one_source_conv(value: object) -> Source:
    return _source(value, "source")


def _opt_int_places(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValidationError.one("places", f"expected a whole number of decimals 0-10 or null, got {value!r}")
    return value


# --- definitions ------------------------------------------------------------------------------

_COMMON: Final = ("id", "name", "weight", "component", "satuan", "description")


@attrs.frozen
class SchemeIndicator:
    """One indicator of a scheme version: its *id*, *kind* (with parameters), *weight*, and labels.

    In JSON the kind's parameters sit beside the common keys::

        {"id": "error_rate", "name": "Error rate in filled documents", "kind": "lower-is-better",
         "target": "2", "weight": "0.3", "satuan": "%"}

    ``weight`` is required for a weighted mean and must be left out for a plain mean.
    ``component`` groups indicators (the scheme reports each component's weighted mean).
    """

    id: str = attrs.field(converter=_TEXT)  # type: ignore[misc]
    kind: IndicatorKind = attrs.field()
    weight: Decimal | None = decimal_field(optional=True)
    name: str = _text("")
    component: str = _text("")
    satuan: str = _text("")
    description: str = _text("")

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not _ID.match(self.id):
            ps.add("id", f"an indicator id is letters, digits, '_' or '-' (no spaces or dots), got {self.id!r}")
        elif self.id == "component":
            ps.add("id", "'component' is reserved for component subtotals")
        if self.weight is not None and self.weight < ZERO:
            ps.add("weight", f"a weight cannot be negative, got {self.weight}")
        ps.raise_if_any()

    @property
    def title(self) -> str:
        return self.name or self.id

    @classmethod
    def from_json(cls, data: object, path: str = "") -> SchemeIndicator:
        if not isinstance(data, Mapping):
            raise ValidationError.one(path, f"expected a JSON object, got {type(data).__name__}")
        ps = Problems()
        if "id" not in data:
            ps.add(join_path(path, "id"), "required field missing")
        if "kind" not in data:
            ps.add(join_path(path, "kind"), "required field missing")
        kind = None
        if "kind" in data:
            try:
                kind = kind_from_json({k: v for k, v in data.items() if k not in _COMMON}, path)
            except ValidationError as exc:
                ps.extend(exc)
        common = {k: v for k, v in data.items() if k in _COMMON}
        for name, a in _fields(cls).items():
            if name in common:
                try:
                    _run_converter(a, common[name])
                except ValidationError as exc:
                    ps.extend(exc, path)
        ps.raise_if_any()
        assert kind is not None
        try:
            return cls(kind=kind, **common)
        except ValidationError as exc:
            raise exc.prefixed(path) from None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        if self.name:
            data["name"] = self.name
        data.update(kind_to_json(self.kind))
        if self.weight is not None:
            data["weight"] = fmt(self.weight)
        for key in ("component", "satuan", "description"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


def _fields(cls: Any) -> dict[str, Any]:
    return {a.alias: a for a in attrs.fields(cls) if a.init}


def _run_converter(field: Any, value: object) -> object:
    conv: Any = field.converter
    if conv is None:
        return value
    if isinstance(conv, attrs.Converter):
        c: Any = conv
        return c.converter(value, field) if c.takes_field else c.converter(value)
    return conv(value)


def _indicators(value: object, path: str) -> tuple[SchemeIndicator, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one(path, "expected a list of indicators")
    ps = Problems()
    out: list[SchemeIndicator] = []
    for i, item in enumerate(value):
        try:
            out.append(item if isinstance(item, SchemeIndicator) else SchemeIndicator.from_json(item, f"{path}[{i}]"))
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return tuple(out)


def _indicators_conv(value: object) -> tuple[SchemeIndicator, ...]:
    return _indicators(value, "indicators")


def _functions_conv(value: object) -> dict[str, tuple[SchemeIndicator, ...]]:
    if not isinstance(value, Mapping):
        raise ValidationError.one("functions", "expected an object: job function → list of indicators")
    ps = Problems()
    out: dict[str, tuple[SchemeIndicator, ...]] = {}
    for key, items in value.items():
        if not isinstance(key, str) or not _ID.match(key):
            ps.add(f"functions.{key}", "a function name is letters, digits, '_' or '-'")
            continue
        try:
            out[key] = _indicators(items, f"functions.{key}")
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return out


def _aggregation_method(value: object) -> str:
    if value not in ("weighted-mean", "mean"):
        raise ValidationError.one("method", f"expected 'weighted-mean' or 'mean', got {value!r}")
    return str(value)


@attrs.frozen
class Aggregation:
    """How the indicator scores become one: ``method`` ``"weighted-mean"`` (default) or ``"mean"``,
    and ``missing``: ``"refuse"`` (default; an indicator without a measurement is an error) or
    ``"renormalise"`` (left out, the other weights renormalised, with a warning)."""

    method: str = attrs.field(default="weighted-mean", converter=_aggregation_method)
    missing: MissingRule = attrs.field(default=MissingRule.REFUSE, converter=parse_missing)

    @classmethod
    def from_json(cls, data: object, path: str = "") -> Aggregation:
        return build(cls, data, path)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"method": self.method}
        data["missing"] = "renormalise" if self.missing is MissingRule.SKIP else "refuse"
        return data

    def aggregator(self, total: Decimal | None) -> Aggregator:
        if self.method == "mean":
            return Mean(missing=self.missing)
        return WeightedMean(missing=self.missing, require_total=total)

    def describe(self) -> str:
        how = "weighted mean" if self.method == "weighted-mean" else "mean"
        rule = "renormalise the other weights" if self.missing is MissingRule.SKIP else "refuse"
        return f"{how}; an indicator not assessed: {rule}"


def _aggregation_conv(value: object) -> Aggregation:
    return build(Aggregation, value, "aggregation")


def _rungs_conv(value: object) -> tuple[tuple[Decimal, str], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("rungs", "expected a list of [lower bound, label] pairs")
    ps = Problems()
    out: list[tuple[Decimal, str]] = []
    for i, item in enumerate(value):
        if isinstance(item, str) or not isinstance(item, Sequence) or len(item) != 2:
            ps.add(f"rungs[{i}]", "expected a [lower bound, label] pair")
            continue
        try:
            lower = to_decimal(item[0], f"rungs[{i}][0]")
        except ValidationError as exc:
            ps.extend(exc)
            continue
        if not isinstance(item[1], str) or not item[1]:
            ps.add(f"rungs[{i}][1]", "a band label is non-empty text")
            continue
        out.append((lower, item[1]))
    lowers = [lo for lo, _ in out]
    if len(set(lowers)) != len(lowers):
        ps.add("rungs", "two bands share the same lower bound")
    if not out and not ps:
        ps.add("rungs", "name at least one band")
    ps.raise_if_any()
    return tuple(sorted(out, key=lambda r: r[0], reverse=True))


@attrs.frozen
class Bands:
    """Category bands for the final score, half-open (``score >= lower``), with a *floor* label below the lowest."""

    rungs: tuple[tuple[Decimal, str], ...] = attrs.field(converter=_rungs_conv)
    floor: str = attrs.field(converter=_TEXT)  # type: ignore[misc]

    @classmethod
    def from_json(cls, data: object, path: str = "") -> Bands:
        return build(cls, data, path)

    def to_json(self) -> dict[str, Any]:
        return {"rungs": [[fmt(lo), label] for lo, label in self.rungs], "floor": self.floor}

    @property
    def ladder(self) -> Ladder[str]:
        return Ladder(self.rungs, floor=self.floor, source=ILLUSTRATIVE)

    def describe(self) -> str:
        return "; ".join(f">= {fmt(lo)} {label}" for lo, label in self.rungs) + f"; else {self.floor}"


def _opt_bands_conv(value: object) -> Bands | None:
    return None if value is None else build(Bands, value, "bands")


@attrs.frozen
class FlagFacts:
    """What a :class:`Flag` decides on: the *result*, its *standing* in the unit, its *change* since a previous period."""

    result: Result
    standing: Standing | None = None
    change: Change | None = None


@attrs.frozen
class Flag:
    """A follow-up policy of a scheme: a named flag granted when every declared condition holds.

    Conditions (each optional, at least one): ``min_score`` (score ≥),
    ``above_unit_mean`` (better than the unit's mean score), ``min_percentile``
    (percentile rank in the unit ≥), ``min_improvement`` / ``min_improvement_percent``
    (the change of ``improvement_of`` since the previous period, signed so that
    positive is better, ≥). ``functions`` limits the flag to those job functions.
    :meth:`decide` returns a :class:`~kinerja.policy.Decision` listing every
    requirement in this order. The thresholds of the presets are illustrative.
    """

    name: str = attrs.field(converter=_TEXT)  # type: ignore[misc]
    title: str = _text("")
    functions: tuple[str, ...] = attrs.field(default=(), converter=attrs.Converter(_texts_conv, takes_field=True))  # type: ignore[misc]
    min_score: Decimal | None = decimal_field(optional=True)
    above_unit_mean: bool = attrs.field(default=False, converter=attrs.Converter(flag_conv, takes_field=True))  # type: ignore[misc]
    min_percentile: Decimal | None = decimal_field(optional=True)
    improvement_of: str = _text("score")
    min_improvement: Decimal | None = decimal_field(optional=True)
    min_improvement_percent: Decimal | None = decimal_field(optional=True)
    source: Source = attrs.field(default=ILLUSTRATIVE, converter=_one_source_conv)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not _ID.match(self.name):
            ps.add("name", f"a flag name is letters, digits, '_' or '-', got {self.name!r}")
        if (
            self.min_score is None
            and not self.above_unit_mean
            and self.min_percentile is None
            and self.min_improvement is None
            and self.min_improvement_percent is None
        ):
            ps.add("", "a flag needs at least one condition")
        if self.min_percentile is not None and not ZERO <= self.min_percentile <= HUNDRED:
            ps.add("min_percentile", f"a percentile is 0-100, got {self.min_percentile}")
        ps.raise_if_any()

    @classmethod
    def from_json(cls, data: object, path: str = "") -> Flag:
        return build(cls, data, path)

    def to_json(self) -> dict[str, Any]:
        return fields_to_plain(self)

    @property
    def needs_unit(self) -> bool:
        return self.above_unit_mean or self.min_percentile is not None

    @property
    def needs_previous(self) -> bool:
        return self.min_improvement is not None or self.min_improvement_percent is not None

    def decide(self, facts: FlagFacts) -> Decision:
        """Check every condition, in the declared order, and grant the flag when all hold."""
        result = facts.result
        reqs: list[Requirement] = []
        if self.min_score is not None:
            score = result.score
            reqs.append(
                Requirement(
                    "score",
                    score,
                    f">= {fmt(self.min_score)}",
                    score is not None and score >= self.min_score,
                    self.source,
                )
            )
        if self.needs_unit:
            st = facts.standing
            if st is None:
                raise ValidationError.one(
                    "unit", f"the flag {self.name} compares with the unit: give the unit's results"
                )
            if self.above_unit_mean:
                reqs.append(
                    Requirement(
                        "above the unit average",
                        st.value,
                        f"> unit mean ({fmt(round_half_up(st.value - st.from_mean, 2))})",
                        st.above_mean,
                        self.source,
                        note=f"rank {fmt(st.rank)}; {st.how}",
                    )
                )
            if self.min_percentile is not None:
                reqs.append(
                    Requirement(
                        "percentile in the unit",
                        st.percentile,
                        f">= {fmt(self.min_percentile)}",
                        st.percentile >= self.min_percentile,
                        self.source,
                    )
                )
        if self.needs_previous:
            ch = facts.change
            if ch is None:
                raise ValidationError.one(
                    "previous", f"the flag {self.name} looks at improvement: give the previous period's result"
                )
            if self.min_improvement is not None:
                reqs.append(
                    Requirement(
                        f"improvement of {ch.what}",
                        ch.improvement,
                        f">= {fmt(self.min_improvement)}",
                        ch.improvement >= self.min_improvement,
                        self.source,
                        note=ch.describe(1),
                    )
                )
            if self.min_improvement_percent is not None:
                pct = ch.improvement_percent
                reqs.append(
                    Requirement(
                        f"improvement of {ch.what} (percent)",
                        pct,
                        f">= {fmt(self.min_improvement_percent)} %",
                        pct is not None and pct >= self.min_improvement_percent,
                        self.source,
                        note=ch.describe(1),
                    )
                )
        granted = all(r.met for r in reqs)
        title = self.title or self.name
        summary = f"{title}: {'granted' if granted else 'not granted'}"
        return Decision(self.name, result.subject, granted, tuple(reqs), summary=summary)


def _flags_conv(value: object) -> tuple[Flag, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("flags", "expected a list of flags")
    ps = Problems()
    out: list[Flag] = []
    for i, item in enumerate(value):
        try:
            out.append(build(Flag, item, f"flags[{i}]"))
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return tuple(out)


@attrs.frozen
class SchemeVersion:
    """One version of a scheme: valid from *valid_from* until the next version starts.

    ``indicators`` is the indicator set; ``functions`` maps a job function to its own
    set (a document names its ``function``). The weights of each set add up to
    exactly 1 or exactly 100. ``places`` rounds the final score half-up (the
    agency's presentation rule; ``None`` keeps it exact).
    """

    version: str = attrs.field(converter=_TEXT)  # type: ignore[misc]
    valid_from: _dt.date = date_field()
    indicators: tuple[SchemeIndicator, ...] = attrs.field(default=(), converter=_indicators_conv)
    functions: dict[str, tuple[SchemeIndicator, ...]] = attrs.field(factory=dict, converter=_functions_conv)
    aggregation: Aggregation = attrs.field(factory=Aggregation, converter=_aggregation_conv)
    places: int | None = attrs.field(default=2, converter=_opt_int_places)
    bands: Bands | None = attrs.field(default=None, converter=_opt_bands_conv)
    flags: tuple[Flag, ...] = attrs.field(default=(), converter=_flags_conv)
    note: str = _text("")
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources_conv)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not self.version.strip():
            ps.add("version", "a version needs a label")
        if not self.indicators and not self.functions:
            ps.add("indicators", "a version needs indicators (or per-function indicator sets)")
        for path, items in self.sets():
            self._check_set(path, items, ps)
        names: set[str] = set()
        for i, flag in enumerate(self.flags):
            if flag.name in names:
                ps.add(f"flags[{i}].name", f"two flags are named {flag.name!r}")
            names.add(flag.name)
            for j, fn in enumerate(flag.functions):
                if fn not in self.functions:
                    ps.add(f"flags[{i}].functions[{j}]", f"no indicator set for the function {fn!r}")
            known = set().union(*(self._output_names(items) for _, items in self.sets())) if self.sets() else set()
            if flag.improvement_of not in known:
                ps.add(f"flags[{i}].improvement_of", f"{flag.improvement_of!r} is not a value this version produces")
        ps.raise_if_any()

    def _check_set(self, path: str, items: tuple[SchemeIndicator, ...], ps: Problems) -> None:
        ids: set[str] = set()
        for i, ind in enumerate(items):
            if ind.id in ids:
                ps.add(f"{path}[{i}].id", f"two indicators have the id {ind.id!r}")
            ids.add(ind.id)
        if self.aggregation.method == "weighted-mean":
            missing = [i for i, ind in enumerate(items) if ind.weight is None]
            for i in missing:
                ps.add(f"{path}[{i}].weight", "a weighted mean needs a weight for every indicator")
            if not missing:
                with exact():
                    total = sum((ind.weight for ind in items if ind.weight is not None), ZERO)
                if total not in (ONE, HUNDRED):
                    ps.add(path, f"the weights must add up to exactly 1 (or 100), they add up to {fmt(total)}")
        else:
            for i, ind in enumerate(items):
                if ind.weight is not None:
                    ps.add(f"{path}[{i}].weight", "a plain mean takes no weights")

    def sets(self) -> tuple[tuple[str, tuple[SchemeIndicator, ...]], ...]:
        """Every indicator set with its path: ``("indicators", ...)`` and ``("functions.<name>", ...)``."""
        out: list[tuple[str, tuple[SchemeIndicator, ...]]] = []
        if self.indicators:
            out.append(("indicators", self.indicators))
        out.extend((f"functions.{k}", v) for k, v in self.functions.items())
        return tuple(out)

    def indicator_set(self, function: str = "") -> tuple[SchemeIndicator, ...]:
        """The indicators for a job *function* (``""``: the version's general set)."""
        if function:
            if function not in self.functions:
                known = ", ".join(self.functions) or "none"
                raise ValidationError.one(
                    "function", f"version {self.version} has no indicator set {function!r}; known: {known}"
                )
            return self.functions[function]
        if not self.indicators:
            raise ValidationError.one(
                "function",
                f"version {self.version} sets indicators per job function; name one of {', '.join(self.functions)}",
            )
        return self.indicators

    def weight_total(self, items: Sequence[SchemeIndicator]) -> Decimal | None:
        if self.aggregation.method != "weighted-mean":
            return None
        with exact():
            return sum((i.weight for i in items if i.weight is not None), ZERO)

    @staticmethod
    def _output_names(items: Sequence[SchemeIndicator]) -> set[str]:
        names = {"score"}
        for ind in items:
            names.update({f"{ind.id}.score", f"{ind.id}.measured"})
            names.update(f"{ind.id}.{extra}" for extra, _ in ind.kind.extra_outputs())
            if ind.component:
                names.add(f"component.{ind.component}")
        return names

    @classmethod
    def from_json(cls, data: object, path: str = "") -> SchemeVersion:
        return build(cls, data, path)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": self.version, "valid_from": self.valid_from.isoformat()}
        if self.note:
            data["note"] = self.note
        if self.indicators:
            data["indicators"] = [i.to_json() for i in self.indicators]
        if self.functions:
            data["functions"] = {k: [i.to_json() for i in v] for k, v in self.functions.items()}
        data["aggregation"] = self.aggregation.to_json()
        data["places"] = self.places
        if self.bands is not None:
            data["bands"] = self.bands.to_json()
        if self.flags:
            data["flags"] = [f.to_json() for f in self.flags]
        if self.sources:
            data["sources"] = [to_plain(s) for s in self.sources]
        return data


def _versions_conv(value: object) -> tuple[SchemeVersion, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("versions", "expected a list of versions")
    ps = Problems()
    out: list[SchemeVersion] = []
    for i, item in enumerate(value):
        try:
            out.append(build(SchemeVersion, item, f"versions[{i}]"))
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return tuple(out)


# --- the document ------------------------------------------------------------------------------


def _direction_text(ind: SchemeIndicator) -> str:
    return "higher is better" if ind.kind.higher_is_better else "lower is better"


def _nonempty_text(value: object, field: attrs.Attribute[Any]) -> str:
    text = _text_conv(value, field)
    if not text.strip():
        raise ValidationError.one(field.name, "must not be empty")
    return text


@attrs.frozen
class Note:
    """A note attached to an appraisal — how a result was reached ("finished on time without involving the team").

    ``indicator`` optionally ties it to one indicator id; ``by`` says who wrote it
    (a role such as "atasan langsung"). Notes are kept and shown in the result and
    the explanation; they do not change the score.
    """

    text: str = attrs.field(converter=attrs.Converter(_nonempty_text, takes_field=True))  # type: ignore[misc]
    indicator: str = _text("")
    by: str = _text("")

    def render(self) -> str:
        head = f"{self.indicator}: " if self.indicator else ""
        tail = f" ({self.by})" if self.by else ""
        return f"{head}{self.text}{tail}"


def _measurements_conv(value: object) -> dict[str, Measurement]:
    if not isinstance(value, Mapping):
        raise ValidationError.one("measurements", "expected an object: indicator id → measurement")
    out: dict[str, Measurement] = {}
    for key, m in value.items():
        if not isinstance(m, Measurement):
            raise ValidationError.one(f"measurements.{key}", "expected a Measurement")
        out[str(key)] = m
    return out


@attrs.frozen
class SchemeDocument:
    """What an agency scheme scores: who, which period, and one :class:`~kinerja.measures.Measurement` per indicator.

    ``function`` picks a per-function indicator set; ``version`` optionally pins the
    scheme version (it must be the one in force for the period); ``notes`` are kept
    and shown. An indicator without a measurement was not assessed.
    """

    employee: Employee
    period: Period
    measurements: dict[str, Measurement] = attrs.field(factory=dict, converter=_measurements_conv)
    function: str = _text("")
    version: str = _text("")
    notes: tuple[Note, ...] = ()


# --- the scheme --------------------------------------------------------------------------------


def _scheme_name(value: object, field: attrs.Attribute[Any]) -> str:
    text = _text_conv(value, field)
    if not _NAME.match(text):
        raise ValidationError.one(
            field.name, f"a scheme name is lower-case letters, digits, '.', '_' or '-', got {text!r}"
        )
    return text


@attrs.frozen(hash=False)
class Scheme:
    """A named list of versions; a :class:`kinerja.rules.Rule` of kind ``"scheme"`` (see the module docstring).

    Schemes compare equal when their definitions are equal, and hash by name and
    version labels (so they can key a dict).
    """

    name: str = attrs.field(converter=attrs.Converter(_scheme_name, takes_field=True))  # type: ignore[misc]
    title: str = attrs.field(converter=_TEXT)  # type: ignore[misc]
    versions: tuple[SchemeVersion, ...] = attrs.field(converter=_versions_conv)
    description: str = _text("")
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources_conv)
    _outputs: tuple[OutputField, ...] = attrs.field(init=False, repr=False, eq=False)
    _info: RuleInfo = attrs.field(init=False, repr=False, eq=False)
    _indicators: dict[str, SchemeIndicator] = attrs.field(init=False, repr=False, eq=False)
    _definitions: dict[str, tuple[tuple[str, str, SchemeIndicator], ...]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not self.versions:
            ps.add("versions", "a scheme needs at least one version")
        labels: dict[str, int] = {}
        for i, v in enumerate(self.versions):
            if v.version in labels:
                ps.add(f"versions[{i}].version", f"versions[{labels[v.version]}] has the same label {v.version!r}")
            labels.setdefault(v.version, i)
            if i:
                prev = self.versions[i - 1]
                if v.valid_from == prev.valid_from:
                    ps.add(
                        f"versions[{i}].valid_from",
                        f"two versions start on {v.valid_from.isoformat()} (versions[{i - 1}] and versions[{i}])",
                    )
                elif v.valid_from < prev.valid_from:
                    ps.add(
                        f"versions[{i}].valid_from",
                        f"versions are listed oldest first; {v.valid_from.isoformat()} is before {prev.valid_from.isoformat()}",
                    )
        ps.raise_if_any()
        object.__setattr__(self, "_outputs", self._make_outputs())
        indicators: dict[str, SchemeIndicator] = {}
        definitions: dict[str, list[tuple[str, str, SchemeIndicator]]] = {}
        for v in self.versions:
            for set_path, items in v.sets():
                function = set_path.removeprefix("functions.") if set_path != "indicators" else ""
                for ind in items:
                    indicators[ind.id] = ind
                    definitions.setdefault(ind.id, []).append((v.version, function, ind))
        object.__setattr__(self, "_indicators", indicators)
        object.__setattr__(self, "_definitions", {k: tuple(v) for k, v in definitions.items()})
        object.__setattr__(
            self,
            "_info",
            RuleInfo(
                name=self.name,
                kind="scheme",
                title=self.title,
                version=self.versions[-1].version,
                valid_from=self.versions[0].valid_from,
                valid_to=None,
                sources=(*self.sources, ILLUSTRATIVE),
                selectable=False,
                description=self.description,
            ),
        )

    def __hash__(self) -> int:
        return hash((self.name, tuple((v.version, v.valid_from) for v in self.versions)))

    # -- JSON ----------------------------------------------------------------------------------

    @classmethod
    def from_json(cls, data: object, path: str = "") -> Scheme:
        """Build a scheme from its JSON definition (every problem reported with its path)."""
        return build(cls, data, path)

    @classmethod
    def loads(cls, text: str) -> Scheme:
        """Build a scheme from JSON text (numbers are read exactly)."""
        try:
            data = json.loads(text, parse_float=Decimal)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ValidationError.one("", f"not valid JSON: {exc}") from None
        return cls.from_json(data)

    def dumps(self, indent: int | None = 2) -> str:
        """The JSON definition as text."""
        return json.dumps(self.to_json(), indent=indent, ensure_ascii=False)

    def to_json(self) -> dict[str, Any]:
        """The JSON definition; :meth:`from_json` reads it back to an equal scheme."""
        data: dict[str, Any] = {"name": self.name, "title": self.title}
        if self.description:
            data["description"] = self.description
        if self.sources:
            data["sources"] = [to_plain(s) for s in self.sources]
        data["versions"] = [v.to_json() for v in self.versions]
        return data

    # -- Rule protocol -----------------------------------------------------------------------

    @property
    def info(self) -> RuleInfo:
        return self._info

    @property
    def document_type(self) -> type[SchemeDocument]:
        return SchemeDocument

    @property
    def outputs(self) -> tuple[OutputField, ...]:
        return self._outputs

    def evaluate(self, document: SchemeDocument) -> Result:
        """Score *document* with the version in force for its period (no explanation is built)."""
        return self._run(document, None)

    def explain(self, document: SchemeDocument) -> Explanation:
        """Score *document* again, recording every step with its source."""
        trace: list[Step] = []
        result = self._run(document, trace)
        return Explanation(
            f"{self.title} - version {result.version} - {result.subject} - {result.period}", tuple(trace)
        )

    # -- versions ------------------------------------------------------------------------------

    def version(self, label: str) -> SchemeVersion:
        """The version labelled *label*."""
        for v in self.versions:
            if v.version == label:
                return v
        known = ", ".join(v.version for v in self.versions)
        raise ValidationError.one("version", f"scheme {self.name} has no version {label!r}; known: {known}")

    def version_for(self, period: Period, pinned: str = "") -> SchemeVersion:
        """The version in force for the whole of *period* (or check that the *pinned* one is)."""
        if pinned:
            v = self.version(pinned)
            i = self.versions.index(v)
            if v.valid_from > period.start:
                raise ValidationError.one(
                    "version",
                    f"version {v.version} of {self.name} is valid from {v.valid_from.isoformat()}, "
                    f"after the start of the period {period.label}",
                )
            nxt = self.versions[i + 1] if i + 1 < len(self.versions) else None
            if nxt is not None and nxt.valid_from <= period.end:
                raise ValidationError.one(
                    "version",
                    f"version {v.version} of {self.name} was replaced by version {nxt.version} on "
                    f"{nxt.valid_from.isoformat()}, within or before the period {period.label}",
                )
            return v
        in_force = [v for v in self.versions if v.valid_from <= period.start]
        if not in_force:
            first = self.versions[0]
            raise ValidationError.one(
                "period",
                f"no version of {self.name} is in force on {period.start.isoformat()}: the first, version "
                f"{first.version}, is valid from {first.valid_from.isoformat()} (versions[0].valid_from)",
            )
        v = in_force[-1]
        i = self.versions.index(v)
        nxt = self.versions[i + 1] if i + 1 < len(self.versions) else None
        if nxt is not None and nxt.valid_from <= period.end:
            raise ValidationError.one(
                "period",
                f"the period {period.label} straddles a change of version of {self.name} "
                f"(version {nxt.version} from {nxt.valid_from.isoformat()}); split it there and score each part",
            )
        return v

    def indicator(self, indicator_id: str, *, version: str | None = None, function: str = "") -> SchemeIndicator:
        """The indicator *indicator_id*: as defined in *version* (and job *function*), or else its
        latest definition across versions and functions."""
        if version is not None:
            for ind in self.version(version).indicator_set(function):
                if ind.id == indicator_id:
                    return ind
            where = f" (function {function})" if function else ""
            raise ValidationError.one(
                "indicator", f"version {version} of {self.name}{where} has no indicator {indicator_id!r}"
            )
        try:
            return self._indicators[indicator_id]
        except KeyError:
            raise ValidationError.one("indicator", f"scheme {self.name} has no indicator {indicator_id!r}") from None

    def higher_is_better(self, value: str, *, version: str | None = None, function: str = "") -> bool:
        """Whether a larger *value* is better: ``False`` for the measured value of a rate or duration.

        The direction is read from the indicator as defined in *version* (and *function*).
        Without a version every definition of the indicator must agree; when versions
        disagree (a rate in one year, a count the next) the version must be named.
        """
        head, _, tail = value.partition(".")
        if tail != "measured" or head not in self._indicators:
            return True
        if version is not None:
            return bool(self.indicator(head, version=version, function=function).kind.higher_is_better)
        directions = {bool(ind.kind.higher_is_better) for _, _, ind in self._definitions[head]}
        if len(directions) > 1:
            raise ValidationError.one(
                "version",
                f"{head} is higher-is-better in some versions of {self.name} and lower-is-better in others "
                f"({self._kinds_text(head)}): name the version",
            )
        return directions.pop()

    def _kinds_text(self, indicator_id: str) -> str:
        return ", ".join(
            f"version {v}{f' function {fn}' if fn else ''}: {ind.kind.kind}"
            for v, fn, ind in self._definitions[indicator_id]
        )

    def _indicator_of(self, result: Result, indicator_id: str, path: str) -> SchemeIndicator | None:
        """The indicator as the version (and job function) that scored *result* defines it; ``None`` if absent."""
        try:
            version = self.version(result.version)
        except ValidationError as exc:
            raise exc.prefixed(path) from None
        function = result.get("function")
        try:
            items = version.indicator_set(function if isinstance(function, str) else "")
        except ValidationError as exc:
            raise exc.prefixed(path) from None
        for ind in items:
            if ind.id == indicator_id:
                return ind
        return None

    def _direction(self, results: Sequence[tuple[str, Result]], value: str) -> tuple[bool, SchemeIndicator | None]:
        """The direction of *value* read from each result's own version; refuse results that disagree.

        An indicator's outputs (``id.measured``, ``id.score``, its extras) are only
        compared between results whose versions give the indicator the same kind and
        direction: a rate and a count of the same id are different measurements.
        """
        head, _, tail = value.partition(".")
        if not tail or head not in self._indicators:
            return True, None
        first: tuple[str, SchemeIndicator, Result] | None = None
        ps = Problems()
        for path, r in results:
            ind = self._indicator_of(r, head, path)
            if ind is None:
                continue  # this version has no such indicator: the value is missing, compare() says so
            if first is None:
                first = (path, ind, r)
                continue
            _, ref, ref_result = first
            if (ind.kind.kind, ind.kind.higher_is_better) != (ref.kind.kind, ref.kind.higher_is_better):
                ps.add(
                    join_path(path, "version"),
                    f"{head} is a '{ind.kind.kind}' indicator ({_direction_text(ind)}) in version {r.version} but a "
                    f"'{ref.kind.kind}' indicator ({_direction_text(ref)}) in version {ref_result.version} of "
                    f"{self.name}: its values cannot be compared across these versions",
                )
        ps.raise_if_any()
        if first is None:
            return True, None
        ind = first[1]
        return (bool(ind.kind.higher_is_better) if tail == "measured" else True), ind

    # -- scoring -------------------------------------------------------------------------------

    def _run(self, doc: SchemeDocument, trace: list[Step] | None) -> Result:
        if not isinstance(doc, SchemeDocument):
            raise ValidationError.one("", f"a {self.name} document is a SchemeDocument, got {type(doc).__name__}")
        version = self.version_for(doc.period, doc.version)
        items = version.indicator_set(doc.function)
        by_id = {ind.id: ind for ind in items}
        ps = Problems()
        for key in doc.measurements:
            if key not in by_id:
                where = f" (function {doc.function})" if doc.function else ""
                ps.add(
                    f"measurements.{key}",
                    f"not an indicator of {self.name} version {version.version}{where}; expected one of {', '.join(by_id)}",
                )
        for i, note in enumerate(doc.notes):
            if note.indicator and note.indicator not in by_id:
                ps.add(f"notes[{i}].indicator", f"no indicator {note.indicator!r} in this version")
        scored: dict[str, Scored | None] = {}
        for ind in items:
            m = doc.measurements.get(ind.id)
            if m is None:
                scored[ind.id] = None
                continue
            try:
                scored[ind.id] = ind.kind.score(m)
            except ValidationError as exc:
                ps.extend(exc, f"measurements.{ind.id}")
        ps.raise_if_any()

        if trace is not None:
            trace.append(
                Step(
                    "version in force",
                    self.sources[0] if self.sources else ILLUSTRATIVE,
                    {
                        "period": doc.period.label,
                        "versions": ", ".join(f"{v.version} from {v.valid_from}" for v in self.versions),
                    },
                    version.version,
                    note=version.note,
                )
            )
            for ind in items:
                s = scored[ind.id]
                if s is None:
                    trace.append(
                        Step(f"{ind.title}", ind.kind.source, {"kind": ind.kind.describe()}, None, note="not assessed")
                    )
                    continue
                trace.append(
                    Step(
                        f"{ind.title}",
                        ind.kind.source,
                        {"kind": ind.kind.describe(), **dict(s.details)},
                        tidy(s.value),
                        note="; ".join(s.warnings),
                    )
                )

        total = version.weight_total(items)
        value_of: dict[str, Decimal | None] = {k: None if s is None else s.value for k, s in scored.items()}
        agg_items = [Item(f"measurements.{ind.id}", value_of[ind.id], ind.weight or ONE) for ind in items]
        aggregate = version.aggregation.aggregator(total).aggregate(agg_items)
        exact_score = aggregate.value
        # the agency's presentation rounding, half-up like PHP round() (kinerja.numbers)
        score = round_half_up(exact_score, version.places) if version.places is not None else tidy(exact_score)

        warnings: list[str] = []
        for ind in items:
            s = scored[ind.id]
            if s is not None:
                warnings.extend(f"{ind.id}: {w}" for w in s.warnings)
        skipped = [k.removeprefix("measurements.") for k in aggregate.skipped]
        if skipped:
            warnings.append(f"not assessed: {', '.join(skipped)}; the other weights were renormalised")

        components: dict[str, Decimal | None] = {}
        for comp in dict.fromkeys(ind.component for ind in items if ind.component):
            members = [ind for ind in items if ind.component == comp]
            present = [
                Item(ind.id, value_of[ind.id], ind.weight or ONE) for ind in members if value_of[ind.id] is not None
            ]
            components[comp] = (
                tidy(WeightedMean(missing=MissingRule.SKIP).aggregate(present).value) if present else None
            )

        values: dict[str, object] = {"score": score}
        category = None
        if version.bands is not None:
            category = version.bands.ladder.classify(score)
            values["category"] = category
        values["unit"] = doc.employee.unit
        if doc.function:
            values["function"] = doc.function
        for comp, cv in components.items():
            values[f"component.{comp}"] = cv
        for ind in items:
            s = scored[ind.id]
            if s is None:
                continue
            values[f"{ind.id}.score"] = s.value
            values[f"{ind.id}.measured"] = s.measured
            for key, extra in s.extras:
                if extra is not None:
                    values[f"{ind.id}.{key}"] = tidy(extra) if isinstance(extra, Decimal) else extra
        if doc.notes:
            values["notes"] = " | ".join(n.render() for n in doc.notes)
        if skipped:
            values["skipped"] = ", ".join(skipped)

        if trace is not None:
            for comp, cv in components.items():
                members = [ind for ind in items if ind.component == comp]
                trace.append(
                    Step(
                        f"component {comp}",
                        ILLUSTRATIVE,
                        {ind.id: value_of[ind.id] for ind in members},
                        cv,
                        note="weighted mean of the component's indicators",
                    )
                )
            inputs: dict[str, object] = {}
            for ind in items:
                w = f"weight {fmt(ind.weight)}" if ind.weight is not None else "equal weight"
                inputs[f"{ind.id} ({w})"] = value_of[ind.id]
            trace.append(
                Step(
                    version.aggregation.describe(),
                    ILLUSTRATIVE,
                    inputs,
                    tidy(exact_score),
                    note=(
                        f"renormalised over {fmt(aggregate.weight_total)}; not assessed: {', '.join(skipped)}"
                        if skipped
                        else ""
                    ),
                )
            )
            if version.places is not None:
                trace.append(
                    Step(
                        f"round half-up to {version.places} decimals",
                        ILLUSTRATIVE,
                        {"score": tidy(exact_score)},
                        score,
                        note="the scheme's presentation rounding",
                    )
                )
            if version.bands is not None:
                trace.append(
                    Step("category", ILLUSTRATIVE, {"score": score, "bands": version.bands.describe()}, category)
                )
            for note in doc.notes:
                trace.append(
                    Step(
                        "note",
                        self.sources[0] if self.sources else ILLUSTRATIVE,
                        {"by": note.by or "-", "indicator": note.indicator or "-"},
                        note.text,
                        note=note.render(),
                    )
                )

        return Result(
            rule=self.name,
            version=version.version,
            subject=doc.employee.nip.digits,
            period=doc.period.label,
            values=values,
            warnings=tuple(warnings),
            explainer=functools.partial(self.explain, doc),
        )

    def _make_outputs(self) -> tuple[OutputField, ...]:
        fields: dict[str, OutputField] = {}

        def add(name: str, kind: OutputKind, description: str, optional: bool = True) -> None:
            fields.setdefault(name, OutputField(name, kind, description, optional))

        add("score", "decimal", "the final score, rounded as the version declares", optional=False)
        if any(v.bands is not None for v in self.versions):
            add("category", "text", "the category band of the score")
        add("unit", "text", "the employee's unit", optional=False)
        if any(v.functions for v in self.versions):
            add("function", "text", "the job function whose indicator set applied")
        for v in self.versions:
            for _, items in v.sets():
                for ind in items:
                    if ind.component:
                        add(f"component.{ind.component}", "decimal", f"weighted mean of the component {ind.component}")
        for v in self.versions:
            for _, items in v.sets():
                for ind in items:
                    add(f"{ind.id}.score", "decimal", f"{ind.title}: score in percent")
                    add(f"{ind.id}.measured", "decimal", f"{ind.title}: the measured value")
                    for extra, kind in ind.kind.extra_outputs():
                        add(f"{ind.id}.{extra}", kind, f"{ind.title}: {extra}")
        add("notes", "text", "notes attached to the appraisal")
        add("skipped", "text", "indicators not assessed (renormalised)")
        return tuple(fields.values())

    # -- follow-up -----------------------------------------------------------------------------

    def change(self, before: Result, after: Result, value: str = "score", *, since: str | None = None) -> Change:
        """The change of *value* between two results of one employee.

        *value* is an output name or an indicator id (then its measured value, read
        the right way round: a shorter service time is an improvement). The direction
        comes from the indicator as the version that scored each result defines it;
        results whose versions define the indicator differently (another kind or
        direction) are refused.
        """
        self._own(before, "before")
        self._own(after, "after")
        what = value
        if value in self._indicators:
            value = f"{value}.measured"
        higher, ind = self._direction((("before", before), ("after", after)), value)
        if ind is not None and value.partition(".")[2] == "measured":
            what = ind.title
        return change_between(before, after, value, higher_is_better=higher, what=what, since=since)

    def compare(
        self,
        results: Sequence[Result],
        value: str = "score",
        *,
        ties: TiePolicy | None = None,
        missing: MissingRule = MissingRule.REFUSE,
    ) -> Comparison:
        """Compare a unit's results on *value* (an output name or an indicator id), the right way round.

        With ``TiePolicy.breakers("satisfaction.score", ...)`` the tie-breakers are
        read from each result's values. The direction of an indicator's measured value
        is read from the version that scored each result; results whose versions give
        the indicator another kind or direction are refused (``[i].version``).
        """
        for i, r in enumerate(results):
            self._own(r, f"[{i}]")
        if value in self._indicators:
            value = f"{value}.measured"
        higher, _ = self._direction([(f"[{i}]", r) for i, r in enumerate(results)], value)
        return compare(results, value, higher_is_better=higher, ties=ties, missing=missing)

    def decide(
        self,
        result: Result,
        *,
        unit: Comparison | Sequence[Result] | None = None,
        previous: Result | None = None,
    ) -> tuple[Decision, ...]:
        """Run the flags of the version that scored *result*: each a :class:`~kinerja.policy.Decision`.

        *unit* (the unit's results, or a :class:`~kinerja.compare.Comparison` of their
        scores) is needed by flags that compare with the unit; *previous* (the same
        employee's result for an earlier period) by flags on improvement.
        """
        self._own(result, "result")
        version = self.version(result.version)
        function = result.get("function") or ""
        flags = [f for f in version.flags if not f.functions or function in f.functions]
        standing = None
        if unit is not None and any(f.needs_unit for f in flags):
            comparison = unit if isinstance(unit, Comparison) else self.compare(unit, "score")
            if comparison.value != "score":
                raise ValidationError.one("unit", f"the comparison is of {comparison.value}; flags compare the score")
            if result.subject not in comparison:
                raise ValidationError.one("unit", "the unit's results do not include this employee")
            standing = comparison[result.subject]
        decisions = []
        for flag in flags:
            ch = None
            if previous is not None and flag.needs_previous:
                self._own(previous, "previous")
                ch = self.change(previous, result, flag.improvement_of)
            decisions.append(flag.decide(FlagFacts(result, standing, ch)))
        return tuple(decisions)

    def _own(self, result: Result, path: str) -> None:
        if result.rule != self.name:
            raise ValidationError.one(path, f"a result of {result.rule}, not of {self.name}")
