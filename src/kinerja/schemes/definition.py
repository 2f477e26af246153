"""A scheme as data: its indicators, aggregation, bands, flags and versions, and the document it scores (:class:`SchemeDocument`)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from kinerja.aggregation import Aggregator, Mean, MissingRule, WeightedMean
from kinerja.compare import Change, Standing
from kinerja.errors import Problems, ValidationError, collect, join_path, quote
from kinerja.explain import Source
from kinerja.measures import (
    IndicatorKind,
    Measurement,
    build,
    fields_to_plain,
    kind_from_json,
    kind_to_json,
    to_plain,
)
from kinerja.model import Employee, Period, date_field, decimal_field, flag_conv
from kinerja.numbers import HUNDRED, ONE, ZERO, exact, fmt, round_half_up, to_decimal
from kinerja.plain import convert_field, init_fields, text_conv, text_field
from kinerja.policy import Decision, Ladder, Requirement
from kinerja.raters import parse_missing
from kinerja.result import Result

ILLUSTRATIVE: Final = Source("kinerja", "illustrative weights chosen by kinerja", "agency")
"""The source of every weight and threshold in a built-in preset: kinerja's illustrative choice."""

ID_PATTERN: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
NAME_PATTERN: Final = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


# --- small converters ---------------------------------------------------------------------------


TEXT: Final = attrs.Converter(text_conv, takes_field=True)
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


T = TypeVar("T")


def list_of(value: object, path: str, what: str, make: Callable[[object, str], T]) -> tuple[T, ...]:
    """A JSON list read item by item with *make(item, path[i])*, every problem of every item reported at once."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one(path, f"expected a list of {what}")
    return tuple(collect(enumerate(value), lambda iv: make(iv[1], f"{path}[{iv[0]}]")))


def sources_conv(value: object) -> tuple[Source, ...]:
    return list_of(value, "sources", "sources", _source)


def _one_source_conv(value: object) -> Source:
    return _source(value, "source")


def _opt_int_places(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValidationError.one("places", f"expected a whole number of decimals 0-10 or null, got {quote(value)}")
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

    id: str = attrs.field(converter=TEXT)  # type: ignore[misc]
    kind: IndicatorKind = attrs.field()
    weight: Decimal | None = decimal_field(optional=True)
    name: str = text_field("")
    component: str = text_field("")
    satuan: str = text_field("")
    description: str = text_field("")

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not ID_PATTERN.match(self.id):
            ps.add("id", f"an indicator id is letters, digits, '_' or '-' (no spaces or dots), got {quote(self.id)}")
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
        for name, a in init_fields(cls).items():
            if name in common:
                try:
                    convert_field(a, common[name])
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


def _indicators(value: object, path: str) -> tuple[SchemeIndicator, ...]:
    def one(item: object, at: str) -> SchemeIndicator:
        return item if isinstance(item, SchemeIndicator) else SchemeIndicator.from_json(item, at)

    return list_of(value, path, "indicators", one)


def _indicators_conv(value: object) -> tuple[SchemeIndicator, ...]:
    return _indicators(value, "indicators")


def _functions_conv(value: object) -> dict[str, tuple[SchemeIndicator, ...]]:
    if not isinstance(value, Mapping):
        raise ValidationError.one("functions", "expected an object: job function → list of indicators")
    ps = Problems()
    out: dict[str, tuple[SchemeIndicator, ...]] = {}
    for key, items in value.items():
        if not isinstance(key, str) or not ID_PATTERN.match(key):
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
        raise ValidationError.one("method", f"expected 'weighted-mean' or 'mean', got {quote(value)}")
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
    floor: str = attrs.field(converter=TEXT)  # type: ignore[misc]

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

    name: str = attrs.field(converter=TEXT)  # type: ignore[misc]
    title: str = text_field("")
    functions: tuple[str, ...] = attrs.field(default=(), converter=attrs.Converter(_texts_conv, takes_field=True))  # type: ignore[misc]
    min_score: Decimal | None = decimal_field(optional=True)
    above_unit_mean: bool = attrs.field(default=False, converter=attrs.Converter(flag_conv, takes_field=True))  # type: ignore[misc]
    min_percentile: Decimal | None = decimal_field(optional=True)
    improvement_of: str = text_field("score")
    min_improvement: Decimal | None = decimal_field(optional=True)
    min_improvement_percent: Decimal | None = decimal_field(optional=True)
    source: Source = attrs.field(default=ILLUSTRATIVE, converter=_one_source_conv)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not ID_PATTERN.match(self.name):
            ps.add("name", f"a flag name is letters, digits, '_' or '-', got {quote(self.name)}")
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
            reqs += self._unit_requirements(facts.standing)
        if self.needs_previous:
            reqs += self._improvement_requirements(facts.change)
        granted = all(r.met for r in reqs)
        title = self.title or self.name
        summary = f"{title}: {'granted' if granted else 'not granted'}"
        return Decision(self.name, result.subject, granted, tuple(reqs), summary=summary)

    def _unit_requirements(self, st: Standing | None) -> list[Requirement]:
        reqs: list[Requirement] = []
        if st is None:
            raise ValidationError.one("unit", f"the flag {self.name} compares with the unit: give the unit's results")
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
        return reqs

    def _improvement_requirements(self, ch: Change | None) -> list[Requirement]:
        reqs: list[Requirement] = []
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
        return reqs


def _flags_conv(value: object) -> tuple[Flag, ...]:
    return list_of(value, "flags", "flags", lambda item, at: build(Flag, item, at))


@attrs.frozen
class SchemeVersion:
    """One version of a scheme: valid from *valid_from* until the next version starts.

    ``indicators`` is the indicator set; ``functions`` maps a job function to its own
    set (a document names its ``function``). The weights of each set add up to
    exactly 1 or exactly 100. ``places`` rounds the final score half-up (the
    agency's presentation rule; ``None`` keeps it exact).
    """

    version: str = attrs.field(converter=TEXT)  # type: ignore[misc]
    valid_from: _dt.date = date_field()
    indicators: tuple[SchemeIndicator, ...] = attrs.field(default=(), converter=_indicators_conv)
    functions: dict[str, tuple[SchemeIndicator, ...]] = attrs.field(factory=dict, converter=_functions_conv)
    aggregation: Aggregation = attrs.field(factory=Aggregation, converter=_aggregation_conv)
    places: int | None = attrs.field(default=2, converter=_opt_int_places)
    bands: Bands | None = attrs.field(default=None, converter=_opt_bands_conv)
    flags: tuple[Flag, ...] = attrs.field(default=(), converter=_flags_conv)
    note: str = text_field("")
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources_conv)

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
                ps.add(f"flags[{i}].name", f"two flags are named {quote(flag.name)}")
            names.add(flag.name)
            for j, fn in enumerate(flag.functions):
                if fn not in self.functions:
                    ps.add(f"flags[{i}].functions[{j}]", f"no indicator set for the function {quote(fn)}")
            known = set().union(*(self._output_names(items) for _, items in self.sets())) if self.sets() else set()
            if flag.improvement_of not in known:
                ps.add(
                    f"flags[{i}].improvement_of", f"{quote(flag.improvement_of)} is not a value this version produces"
                )
        ps.raise_if_any()

    def _check_set(self, path: str, items: tuple[SchemeIndicator, ...], ps: Problems) -> None:
        ids: set[str] = set()
        for i, ind in enumerate(items):
            if ind.id in ids:
                ps.add(f"{path}[{i}].id", f"two indicators have the id {quote(ind.id)}")
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
                    "function", f"version {self.version} has no indicator set {quote(function)}; known: {known}"
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


def versions_conv(value: object) -> tuple[SchemeVersion, ...]:
    return list_of(value, "versions", "versions", lambda item, at: build(SchemeVersion, item, at))


# --- the document ------------------------------------------------------------------------------


def direction_text(ind: SchemeIndicator) -> str:
    return "higher is better" if ind.kind.higher_is_better else "lower is better"


def _nonempty_text(value: object, field: attrs.Attribute[Any]) -> str:
    text = text_conv(value, field)
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
    indicator: str = text_field("")
    by: str = text_field("")

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
    function: str = text_field("")
    version: str = text_field("")
    notes: tuple[Note, ...] = ()
