"""The decision matrix: criteria (name, weight, direction) × alternatives, validated once with a path for every problem."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from kinerja.errors import Problem, Problems, ValidationError, collect, quote
from kinerja.explain import render_value
from kinerja.mcdm._arith import round_fraction
from kinerja.model import Direction
from kinerja.numbers import fmt, is_number_like, to_decimal
from kinerja.result import Result

# --- criteria, alternatives, decision matrix ---------------------------------------------------

_BENEFIT_WORDS = frozenset({"benefit", "profit", "keuntungan", "manfaat", "max", "maximise", "maximize", "+1", "1"})
_COST_WORDS = frozenset({"cost", "biaya", "min", "minimise", "minimize", "-1"})


def direction_of(value: object, path: str = "direction") -> Direction:
    """Read a criterion direction: ``"benefit"``/``"cost"`` (also ``keuntungan``/``biaya``, ``1``/``-1``) or a :class:`~kinerja.model.Direction`.

    >>> direction_of("biaya"), direction_of(1)
    (<Direction.LOWER_IS_BETTER: 'LOWER_IS_BETTER'>, <Direction.HIGHER_IS_BETTER: 'HIGHER_IS_BETTER'>)
    >>> direction_of("bigger")
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: direction: expected benefit or cost (keuntungan/biaya, 1/-1), got 'bigger'
    """
    if isinstance(value, Direction):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value in (1, -1):
        return Direction.HIGHER_IS_BETTER if value == 1 else Direction.LOWER_IS_BETTER
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _BENEFIT_WORDS:
            return Direction.HIGHER_IS_BETTER
        if word in _COST_WORDS:
            return Direction.LOWER_IS_BETTER
        try:
            return Direction.parse(value, path)
        except ValidationError:
            pass
    raise ValidationError.one(path, f"expected benefit or cost (keuntungan/biaya, 1/-1), got {quote(value)}")


def _direction_conv(value: object) -> Direction:
    return direction_of(value, "direction")


def _weight_conv(value: object) -> Decimal | Fraction:
    if isinstance(value, Fraction):
        return value
    return to_decimal(value, "weight")


def _name_validator(inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError.one(attribute.name, "must be a non-empty string")


@attrs.frozen
class Criterion:
    """One criterion: its *name*, non-negative *weight* and *direction* (benefit: higher is better; cost: lower is better).

    Weights are read with :func:`~kinerja.numbers.to_decimal`; a ``Fraction`` is kept
    as it is (exact AHP priorities, for instance). Methods use each weight's share
    of the total, ``w / Σw``, so weights may be given as fractions of 1, as percent
    or as points (``5, 3, 4, 4, 2``).

    >>> Criterion("disiplin", "0.25", "cost").direction
    <Direction.LOWER_IS_BETTER: 'LOWER_IS_BETTER'>
    """

    name: str = attrs.field(validator=_name_validator)
    weight: Decimal | Fraction = attrs.field(converter=_weight_conv)
    direction: Direction = attrs.field(default=Direction.HIGHER_IS_BETTER, converter=_direction_conv)

    def __attrs_post_init__(self) -> None:
        if self.weight < 0:
            raise ValidationError.one("weight", f"a weight cannot be negative, got {render_value(self.weight)}")

    @property
    def is_benefit(self) -> bool:
        return self.direction is Direction.HIGHER_IS_BETTER

    @property
    def kind(self) -> str:
        """``"benefit"`` or ``"cost"``."""
        return "benefit" if self.is_benefit else "cost"


def _check_fields(item: Mapping[Any, object], fields: tuple[str, str, str], needs: str) -> None:
    """Refuse a mapping with a field not in *fields*, or without both of the first two (*needs* says so)."""
    unknown = sorted(set(item) - set(fields))
    if unknown:
        raise ValidationError.one(str(unknown[0]), f"unknown field (expected {', '.join(fields)})")
    if fields[0] not in item or fields[1] not in item:
        raise ValidationError.one("", needs)


def _criterion_of(item: object) -> Criterion:
    if isinstance(item, Criterion):
        return item
    if isinstance(item, Mapping):
        _check_fields(item, ("name", "weight", "direction"), "a criterion needs a name and a weight")
        return Criterion(item["name"], item["weight"], item.get("direction", Direction.HIGHER_IS_BETTER))
    if isinstance(item, tuple | list) and len(item) in (2, 3):
        return Criterion(*item)
    raise ValidationError.one("", "expected a Criterion, a (name, weight[, direction]) tuple or a mapping")


def criteria_conv(value: object) -> tuple[Criterion, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError.one("criteria", "expected a list of criteria")
    return tuple(collect(value, _criterion_of, "criteria[{}]"))


def _values_conv(value: object) -> dict[str, Decimal]:
    if not isinstance(value, Mapping):
        raise ValidationError.one("values", "expected a mapping of criterion name to value")
    return dict(collect(value.items(), lambda nv: (str(nv[0]), to_decimal(nv[1], f"values.{nv[0]}"))))


def _attributes_conv(value: object) -> dict[str, object]:
    if not isinstance(value, Mapping):
        raise ValidationError.one("attributes", "expected a mapping of name to value")
    return {str(k): v for k, v in value.items()}


@attrs.frozen
class Alternative:
    """One alternative (usually an employee): its *key*, a value per criterion, and free *attributes*.

    ``attributes`` carry what rankings and selections may use besides the scores:
    tie-breakers (``"predikat"``, ``"nip"``) and groupings (``"unit"``).
    """

    key: str = attrs.field(validator=_name_validator)
    values: Mapping[str, Decimal] = attrs.field(converter=_values_conv)
    attributes: Mapping[str, object] = attrs.field(factory=dict, converter=_attributes_conv)


def _alternative_of(item: object) -> Alternative:
    if isinstance(item, Alternative):
        return item
    if isinstance(item, Mapping):
        _check_fields(item, ("key", "values", "attributes"), "an alternative needs a key and values")
        return Alternative(item["key"], item["values"], item.get("attributes", {}))
    raise ValidationError.one("", "expected an Alternative or a mapping with key, values and attributes")


def _alternatives_conv(value: object) -> tuple[Alternative, ...]:
    if isinstance(value, Mapping):  # {key: {criterion: value}}
        value = [{"key": k, "values": v} for k, v in value.items()]
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError.one("alternatives", "expected a list of alternatives")
    return tuple(collect(value, _alternative_of, "alternatives[{}]"))


def _optional_total(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, "weight_total")


Extractor = str | Callable[[Result], object]
"""How to take one value out of a result: the name of a value in ``result.values``, or a function."""


@attrs.frozen(eq=False, init=False)
class DecisionMatrix:
    """Alternatives × criteria, validated once: every alternative has a number for every criterion.

    Problems are reported all at once with their paths (``criteria[1].weight``,
    ``alternatives[2].values.disiplin``). A missing value is refused (missing is not
    zero). With ``weight_total`` the weights must add up to exactly that total (1 or
    100, no tolerance); without it they may add up to anything positive and the
    methods use each weight's share of the total.
    """

    criteria: tuple[Criterion, ...] = attrs.field(converter=criteria_conv)
    alternatives: tuple[Alternative, ...] = attrs.field(converter=_alternatives_conv)
    weight_total: Decimal | None = attrs.field(default=None, converter=_optional_total)

    def __init__(self, criteria: object, alternatives: object, weight_total: object = None) -> None:
        # Read every field before refusing, so that one error lists the problems of all of them.
        ps = Problems()
        parsed: list[object] = []
        for conv, value in (
            (criteria_conv, criteria),
            (_alternatives_conv, alternatives),
            (_optional_total, weight_total),
        ):
            try:
                parsed.append(conv(value))
            except ValidationError as exc:
                ps.extend(exc)
        ps.raise_if_any()
        self.__attrs_init__(*parsed)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not self.criteria:
            ps.add("criteria", "at least one criterion is needed")
        if not self.alternatives:
            ps.add("alternatives", "at least one alternative is needed")
        seen: set[str] = set()
        for j, c in enumerate(self.criteria):
            if c.name in seen:
                ps.add(f"criteria[{j}].name", f"duplicate criterion {quote(c.name)}")
            seen.add(c.name)
        keys: set[str] = set()
        names = [c.name for c in self.criteria]
        for i, alt in enumerate(self.alternatives):
            if alt.key in keys:
                ps.add(f"alternatives[{i}].key", f"duplicate alternative {quote(alt.key)}")
            keys.add(alt.key)
            for name in names:
                if name not in alt.values:
                    ps.add(
                        f"alternatives[{i}].values.{name}",
                        "missing: every alternative needs a value for every criterion (missing is not zero)",
                    )
            for name in alt.values:
                if name not in seen:
                    ps.add(
                        f"alternatives[{i}].values.{name}",
                        f"not a criterion of this matrix (criteria: {', '.join(names)})",
                    )
        if self.criteria:
            total = self.total_weight
            if total == 0:
                ps.add("criteria", "the weights add up to 0; at least one weight must be positive")
            if self.weight_total is not None and total != Fraction(self.weight_total):
                ps.add(
                    "criteria",
                    f"weights must add up to {fmt(self.weight_total)}, they add up to {show_number(total)}",
                )
        ps.raise_if_any()

    # --- views: the criteria, then the alternatives ----------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        """The criterion names, in order."""
        return tuple(c.name for c in self.criteria)

    @property
    def total_weight(self) -> Fraction:
        """The sum of the weights, ``Σw``, exact."""
        return sum((Fraction(c.weight) for c in self.criteria), Fraction(0))

    @property
    def shares(self) -> tuple[Fraction, ...]:
        """Each weight's exact share of the total, ``w / Σw`` (they add up to exactly 1)."""
        total = self.total_weight
        return tuple(Fraction(c.weight) / total for c in self.criteria)

    def column(self, name: str) -> tuple[Decimal, ...]:
        """The values of criterion *name*, in alternative order."""
        return tuple(a.values[name] for a in self.alternatives)

    @property
    def keys(self) -> tuple[str, ...]:
        """The alternative keys, in order."""
        return tuple(a.key for a in self.alternatives)

    def value(self, key: str, name: str) -> Decimal:
        for a in self.alternatives:
            if a.key == key:
                return a.values[name]
        raise KeyError(key)

    def cell_path(self, i: int, name: str) -> str:
        """The path of one cell in messages: ``alternatives[i].values.name``."""
        return f"alternatives[{i}].values.{name}"

    # --- constructors --------------------------------------------------------------------------

    @classmethod
    def of(
        cls,
        criteria: Iterable[object],
        rows: Mapping[str, Mapping[str, object]],
        *,
        attributes: Mapping[str, Mapping[str, object]] | None = None,
        weight_total: object = None,
    ) -> DecisionMatrix:
        """Build from ``{key: {criterion: value}}`` and criteria given as ``(name, weight, direction)`` tuples.

        *attributes* maps a key to its attributes (``{"B": {"unit": "Dukcapil"}}``).
        """
        attributes = attributes or {}
        extra = sorted(set(attributes) - set(rows))
        if extra:
            raise ValidationError(Problem(f"attributes.{k}", "no alternative with this key") for k in extra)
        alternatives = [
            {"key": key, "values": values, "attributes": attributes.get(key, {})} for key, values in rows.items()
        ]
        return cls(criteria, alternatives, weight_total)

    @classmethod
    def from_arrays(
        cls,
        values: Sequence[Sequence[object]],
        weights: Sequence[object],
        types: Sequence[object],
        *,
        criteria: Sequence[str] | None = None,
        alternatives: Sequence[str] | None = None,
        weight_total: object = None,
    ) -> DecisionMatrix:
        """Build from a row-per-alternative array, a weight vector and a type vector (``1``/``-1`` or benefit/cost).

        The shapes are checked against each other (``weights: 3 weights for 4
        criteria``) and every cell is named by its position (``values[2][1]``).
        Criteria default to ``C1…Cn`` and alternatives to ``A1…Am``.

        >>> DecisionMatrix.from_arrays([[1, 2], [3, 4]], [1, 1, 1], [1, -1])
        Traceback (most recent call last):
        ...
        kinerja.errors.ValidationError: weights: 3 weights for 2 criteria (the columns of values)
        """
        ps = Problems()
        for label, seq in (("values", values), ("weights", weights), ("types", types)):
            if isinstance(seq, str | bytes) or not isinstance(seq, Sequence):
                ps.add(label, "expected a list")
        ps.raise_if_any()
        rows = list(values)
        names, keys = _array_names(rows, weights, types, criteria, alternatives)
        parsed_w = collect(enumerate(weights), _array_weight, problems=ps)
        parsed_t = collect(enumerate(types), lambda jt: direction_of(jt[1], f"types[{jt[0]}]"), problems=ps)
        cells = [_array_row(i, row, names, ps) for i, row in enumerate(rows)]
        if not ps and parsed_w and all(w == 0 for w in parsed_w):
            ps.add("weights", "the weights add up to 0; at least one weight must be positive")
        ps.raise_if_any()
        crit = [Criterion(n, w, t) for n, w, t in zip(names, parsed_w, parsed_t)]
        alts = [Alternative(k, row) for k, row in zip(keys, cells)]
        return cls(crit, alts, weight_total)

    @classmethod
    def from_results(
        cls,
        criteria: Iterable[object],
        results: Sequence[Result],
        *,
        values: Mapping[str, Extractor] | None = None,
        attributes: Mapping[str, Extractor] | None = None,
        weight_total: object = None,
    ) -> DecisionMatrix:
        """Build from scored results: one alternative per result, keyed by ``result.subject`` (the NIP).

        Each criterion takes the result value of the same name unless *values* maps
        it to another name or to a function of the result (``{"predikat": lambda r:
        r.predikat.rank + 1}``). Every alternative gets the attributes ``nip`` (the
        subject) and ``predikat`` (when the result has one) for tie-breaking, plus
        those named in *attributes*. A value that is missing, ``None`` or not a
        number is refused with its path (``results[3].values.capaian``).
        """
        crit = criteria_conv(criteria)
        values = dict(values or {})
        ps = Problems()
        for name in values:
            if name not in {c.name for c in crit}:
                ps.add(f"values.{name}", "not one of the criteria")
        alts: list[Alternative] = []
        for i, res in enumerate(results):
            if not isinstance(res, Result):
                ps.add(f"results[{i}]", f"expected a Result, got {type(res).__name__}")
                continue
            row: dict[str, Decimal] = {}
            for c in crit:
                how = values.get(c.name, c.name)
                path = f"results[{i}].values.{how if isinstance(how, str) else c.name}"
                try:
                    raw = _extract(res, how, path)
                    if not is_number_like(raw) or raw is None:
                        kind = type(raw).__name__
                        raise ValidationError.one(
                            path,
                            f"expected a number for criterion {quote(c.name)}, got {kind}; map it to a number with values=",
                        )
                    row[c.name] = to_decimal(raw, path)
                except ValidationError as exc:
                    ps.extend(exc)
            attrs_: dict[str, object] = {"nip": res.subject}
            if res.predikat is not None:
                attrs_["predikat"] = res.predikat
            for name, how in (attributes or {}).items():
                try:
                    attrs_[name] = _extract(res, how, f"results[{i}].values.{how if isinstance(how, str) else name}")
                except ValidationError as exc:
                    ps.extend(exc)
            alts.append(Alternative(res.subject, row, attrs_))
        ps.raise_if_any()
        try:
            return cls(crit, alts, weight_total)
        except ValidationError as exc:  # name the result, not the internal alternative
            raise ValidationError(
                Problem(p.path.replace("alternatives[", "results[", 1), p.message) for p in exc.problems
            ) from None


def _array_names(
    rows: list[Sequence[object]],
    weights: Sequence[object],
    types: Sequence[object],
    criteria: Sequence[str] | None,
    alternatives: Sequence[str] | None,
) -> tuple[list[str], list[str]]:
    """Check the shapes of :meth:`DecisionMatrix.from_arrays`'s arguments against each other; the names and keys."""
    ps = Problems()
    ncols = len(rows[0]) if rows and isinstance(rows[0], Sequence) else len(weights)
    for i, row in enumerate(rows):
        if isinstance(row, str | bytes) or not isinstance(row, Sequence):
            ps.add(f"values[{i}]", "expected a row (a list of values)")
        elif len(row) != ncols:
            ps.add(f"values[{i}]", f"{len(row)} values, but the first row has {ncols}")
    if len(weights) != ncols:
        ps.add("weights", f"{len(weights)} weights for {ncols} criteria (the columns of values)")
    if len(types) != ncols:
        ps.add("types", f"{len(types)} types for {ncols} criteria (the columns of values)")
    names = list(criteria) if criteria is not None else [f"C{j + 1}" for j in range(ncols)]
    keys = list(alternatives) if alternatives is not None else [f"A{i + 1}" for i in range(len(rows))]
    if len(names) != ncols:
        ps.add("criteria", f"{len(names)} names for {ncols} criteria")
    if len(keys) != len(rows):
        ps.add("alternatives", f"{len(keys)} keys for {len(rows)} rows")
    ps.raise_if_any()
    return names, keys


def _array_weight(jw: tuple[int, object]) -> Decimal:
    j, w = jw
    d = to_decimal(w, f"weights[{j}]")
    if d < 0:
        raise ValidationError.one(f"weights[{j}]", f"a weight cannot be negative, got {fmt(d)}")
    return d


def _array_row(i: int, row: Sequence[object], names: list[str], ps: Problems) -> dict[str, Decimal]:
    cells = collect(enumerate(row), lambda jx: (names[jx[0]], to_decimal(jx[1], f"values[{i}][{jx[0]}]")), problems=ps)
    return dict(cells)


def _extract(res: Result, how: Extractor, path: str) -> object:
    if isinstance(how, str):
        if how not in res.values:
            raise ValidationError.one(path, f"no value named {quote(how)} in this result (rule {res.rule})")
        value = res.values[how]
    else:
        value = how(res)
    if value is None:
        raise ValidationError.one(path, "missing (not assessed); missing is not zero")
    return value


def show_number(value: Fraction | Decimal) -> str:
    """Text for a number in a message: exact when it terminates, else 12 places (display only)."""
    if isinstance(value, Decimal):
        return fmt(value)
    shown = round_fraction(value, 12)
    return fmt(shown) if Fraction(shown) == value else f"{value} ≈ {fmt(shown)}"
