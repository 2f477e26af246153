"""The scheme engine: :class:`Scheme`, a rule of kind ``"scheme"`` that picks the version in force, scores, aggregates and explains."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from kinerja.aggregation import Item, MissingRule, WeightedMean
from kinerja.compare import Change, Comparison, change_between, compare
from kinerja.errors import Problems, ValidationError, join_path, quote
from kinerja.explain import Explanation, Source, Step
from kinerja.measures import (
    Scored,
    build,
    tidy,
    to_plain,
)
from kinerja.model import Period
from kinerja.numbers import ONE, fmt, round_half_up
from kinerja.plain import text_conv, text_field
from kinerja.policy import Decision
from kinerja.ranking import TiePolicy
from kinerja.result import OutputField, OutputKind, Result
from kinerja.rules import RuleInfo
from kinerja.schemes.definition import (
    ILLUSTRATIVE,
    NAME_PATTERN,
    TEXT,
    FlagFacts,
    SchemeDocument,
    SchemeIndicator,
    SchemeVersion,
    direction_text,
    sources_conv,
    versions_conv,
)

# --- the scheme --------------------------------------------------------------------------------


def _scheme_name(value: object, field: attrs.Attribute[Any]) -> str:
    text = text_conv(value, field)
    if not NAME_PATTERN.match(text):
        raise ValidationError.one(
            field.name, f"a scheme name is lower-case letters, digits, '.', '_' or '-', got {quote(text)}"
        )
    return text


@attrs.frozen(hash=False)
class Scheme:
    """A named list of versions; a :class:`kinerja.rules.Rule` of kind ``"scheme"`` (see the module docstring).

    Schemes compare equal when their definitions are equal, and hash by name and
    version labels (so they can key a dict).
    """

    name: str = attrs.field(converter=attrs.Converter(_scheme_name, takes_field=True))  # type: ignore[misc]
    title: str = attrs.field(converter=TEXT)  # type: ignore[misc]
    versions: tuple[SchemeVersion, ...] = attrs.field(converter=versions_conv)
    description: str = text_field("")
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources_conv)
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
                ps.add(f"versions[{i}].version", f"versions[{labels[v.version]}] has the same label {quote(v.version)}")
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
        raise ValidationError.one("version", f"scheme {self.name} has no version {quote(label)}; known: {known}")

    def version_for(self, period: Period, pinned: str = "") -> SchemeVersion:
        """The version in force for the whole of *period* (or check that the *pinned* one is)."""
        if pinned:
            v = self.version(pinned)
            if v.valid_from > period.start:
                raise ValidationError.one(
                    "version",
                    f"version {v.version} of {self.name} is valid from {v.valid_from.isoformat()}, "
                    f"after the start of the period {period.label}",
                )
        else:
            in_force = [v for v in self.versions if v.valid_from <= period.start]
            if not in_force:
                first = self.versions[0]
                raise ValidationError.one(
                    "period",
                    f"no version of {self.name} is in force on {period.start.isoformat()}: the first, version "
                    f"{first.version}, is valid from {first.valid_from.isoformat()} (versions[0].valid_from)",
                )
            v = in_force[-1]
        # the version must also be the one in force on the period's last day
        i = self.versions.index(v)
        nxt = self.versions[i + 1] if i + 1 < len(self.versions) else None
        if nxt is None or nxt.valid_from > period.end:
            return v
        if pinned:
            raise ValidationError.one(
                "version",
                f"version {v.version} of {self.name} was replaced by version {nxt.version} on "
                f"{nxt.valid_from.isoformat()}, within or before the period {period.label}",
            )
        raise ValidationError.one(
            "period",
            f"the period {period.label} straddles a change of version of {self.name} "
            f"(version {nxt.version} from {nxt.valid_from.isoformat()}); split it there and score each part",
        )

    def indicator(self, indicator_id: str, *, version: str | None = None, function: str = "") -> SchemeIndicator:
        """The indicator *indicator_id*: as defined in *version* (and job *function*), or else its
        latest definition across versions and functions."""
        if version is not None:
            for ind in self.version(version).indicator_set(function):
                if ind.id == indicator_id:
                    return ind
            where = f" (function {function})" if function else ""
            raise ValidationError.one(
                "indicator", f"version {version} of {self.name}{where} has no indicator {quote(indicator_id)}"
            )
        try:
            return self._indicators[indicator_id]
        except KeyError:
            raise ValidationError.one(
                "indicator", f"scheme {self.name} has no indicator {quote(indicator_id)}"
            ) from None

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
                    f"{head} is a '{ind.kind.kind}' indicator ({direction_text(ind)}) in version {r.version} but a "
                    f"'{ref.kind.kind}' indicator ({direction_text(ref)}) in version {ref_result.version} of "
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
        scored = self._score_all(doc, version, items)
        if trace is not None:
            trace.extend(self._scoring_steps(doc, version, items, scored))
        tally = _Tally.of(version, items, scored)
        if trace is not None:
            trace.extend(self._tally_steps(doc, version, tally))
        return Result(
            rule=self.name,
            version=version.version,
            subject=doc.employee.nip.digits,
            period=doc.period.label,
            values=_values(doc, version, tally),
            warnings=tuple(_warnings(tally)),
            explainer=functools.partial(self.explain, doc),
        )

    def _score_all(
        self, doc: SchemeDocument, version: SchemeVersion, items: tuple[SchemeIndicator, ...]
    ) -> dict[str, Scored | None]:
        """Each indicator's score (``None`` when not assessed), after checking every id the document names."""
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
                ps.add(f"notes[{i}].indicator", f"no indicator {quote(note.indicator)} in this version")
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
        return scored

    def _scoring_steps(
        self,
        doc: SchemeDocument,
        version: SchemeVersion,
        items: tuple[SchemeIndicator, ...],
        scored: Mapping[str, Scored | None],
    ) -> list[Step]:
        steps = [
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
        ]
        for ind in items:
            s = scored[ind.id]
            if s is None:
                steps.append(
                    Step(f"{ind.title}", ind.kind.source, {"kind": ind.kind.describe()}, None, note="not assessed")
                )
                continue
            steps.append(
                Step(
                    f"{ind.title}",
                    ind.kind.source,
                    {"kind": ind.kind.describe(), **dict(s.details)},
                    tidy(s.value),
                    note="; ".join(s.warnings),
                )
            )
        return steps

    def _tally_steps(self, doc: SchemeDocument, version: SchemeVersion, tally: _Tally) -> list[Step]:
        """Components, the aggregation, the presentation rounding, the category and the notes."""
        steps = [
            Step(
                f"component {comp}",
                ILLUSTRATIVE,
                {ind.id: tally.value_of[ind.id] for ind in tally.items if ind.component == comp},
                cv,
                note="weighted mean of the component's indicators",
            )
            for comp, cv in tally.components.items()
        ]
        inputs: dict[str, object] = {}
        for ind in tally.items:
            w = f"weight {fmt(ind.weight)}" if ind.weight is not None else "equal weight"
            inputs[f"{ind.id} ({w})"] = tally.value_of[ind.id]
        renormalised = f"renormalised over {fmt(tally.weight_total)}; not assessed: {', '.join(tally.skipped)}"
        steps.append(
            Step(
                version.aggregation.describe(),
                ILLUSTRATIVE,
                inputs,
                tidy(tally.exact_score),
                note=renormalised if tally.skipped else "",
            )
        )
        if version.places is not None:
            steps.append(
                Step(
                    f"round half-up to {version.places} decimals",
                    ILLUSTRATIVE,
                    {"score": tidy(tally.exact_score)},
                    tally.score,
                    note="the scheme's presentation rounding",
                )
            )
        if version.bands is not None:
            bands = {"score": tally.score, "bands": version.bands.describe()}
            steps.append(Step("category", ILLUSTRATIVE, bands, tally.category))
        source = self.sources[0] if self.sources else ILLUSTRATIVE
        steps += [
            Step("note", source, {"by": n.by or "-", "indicator": n.indicator or "-"}, n.text, note=n.render())
            for n in doc.notes
        ]
        return steps

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


@attrs.frozen
class _Tally:
    """What one document's indicator scores add up to under a version (the aggregation and its parts)."""

    items: tuple[SchemeIndicator, ...]
    scored: Mapping[str, Scored | None]
    value_of: Mapping[str, Decimal | None]
    exact_score: Decimal
    score: Decimal
    weight_total: Decimal
    skipped: tuple[str, ...]
    components: Mapping[str, Decimal | None]
    category: str | None

    @classmethod
    def of(
        cls, version: SchemeVersion, items: tuple[SchemeIndicator, ...], scored: Mapping[str, Scored | None]
    ) -> _Tally:
        value_of: dict[str, Decimal | None] = {k: None if s is None else s.value for k, s in scored.items()}
        agg_items = [Item(f"measurements.{ind.id}", value_of[ind.id], ind.weight or ONE) for ind in items]
        aggregate = version.aggregation.aggregator(version.weight_total(items)).aggregate(agg_items)
        exact_score = aggregate.value
        # the agency's presentation rounding, half-up like PHP round() (kinerja.numbers)
        score = round_half_up(exact_score, version.places) if version.places is not None else tidy(exact_score)
        components: dict[str, Decimal | None] = {}
        for comp in dict.fromkeys(ind.component for ind in items if ind.component):
            present = [
                Item(ind.id, value_of[ind.id], ind.weight or ONE)
                for ind in items
                if ind.component == comp and value_of[ind.id] is not None
            ]
            components[comp] = (
                tidy(WeightedMean(missing=MissingRule.SKIP).aggregate(present).value) if present else None
            )
        return cls(
            items=items,
            scored=scored,
            value_of=value_of,
            exact_score=exact_score,
            score=score,
            weight_total=aggregate.weight_total,
            skipped=tuple(k.removeprefix("measurements.") for k in aggregate.skipped),
            components=components,
            category=None if version.bands is None else version.bands.ladder.classify(score),
        )


def _warnings(tally: _Tally) -> list[str]:
    warnings: list[str] = []
    for ind in tally.items:
        s = tally.scored[ind.id]
        if s is not None:
            warnings.extend(f"{ind.id}: {w}" for w in s.warnings)
    if tally.skipped:
        warnings.append(f"not assessed: {', '.join(tally.skipped)}; the other weights were renormalised")
    return warnings


def _values(doc: SchemeDocument, version: SchemeVersion, tally: _Tally) -> dict[str, object]:
    """The result values, in their declared order: score, category, unit, function, components, indicators, notes."""
    values: dict[str, object] = {"score": tally.score}
    if version.bands is not None:
        values["category"] = tally.category
    values["unit"] = doc.employee.unit
    if doc.function:
        values["function"] = doc.function
    for comp, cv in tally.components.items():
        values[f"component.{comp}"] = cv
    for ind in tally.items:
        s = tally.scored[ind.id]
        if s is None:
            continue
        values[f"{ind.id}.score"] = s.value
        values[f"{ind.id}.measured"] = s.measured
        for key, extra in s.extras:
            if extra is not None:
                values[f"{ind.id}.{key}"] = tidy(extra) if isinstance(extra, Decimal) else extra
    if doc.notes:
        values["notes"] = " | ".join(n.render() for n in doc.notes)
    if tally.skipped:
        values["skipped"] = ", ".join(tally.skipped)
    return values
