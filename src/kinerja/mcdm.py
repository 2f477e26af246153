"""Multi-criteria selection: SAW, WP, TOPSIS and AHP weights — exact where possible, always explained.

Agencies pick their *ASN berprestasi* / *pegawai teladan*, rank candidates for a
position or decide who gets an incentive with multi-criteria decision methods.
This module makes those methods first-class:

* a :class:`DecisionMatrix` — alternatives (employees) × :class:`Criterion`
  (name, weight, direction *benefit* or *cost*), built from plain values
  (:meth:`DecisionMatrix.of`, :meth:`DecisionMatrix.from_arrays`) or from scored
  :class:`~kinerja.result.Result` objects (:meth:`DecisionMatrix.from_results`),
  validated once with a path for every problem;
* three ranking methods, each returning a :class:`Ranking` that explains itself
  (normalised matrix, weighted values, every score, every rank and the tie rule):

  - :class:`SAW` — simple additive weighting with the normalisations of
    :class:`Normalisation` (max, min-max, vector, sum);
  - :class:`WP` — weighted product, ``S = Π x^w`` with negative exponents for
    cost criteria and ``V = S / ΣS``;
  - :class:`TOPSIS` — Hwang & Yoon's vector normalisation, distances to the
    ideal and anti-ideal solutions, relative closeness;

* :class:`AHP` — criterion weights from a :class:`PairwiseMatrix` on Saaty's
  1–9 scale: priority vector (principal eigenvector, row geometric mean or
  mean of normalised columns, see :class:`PriorityMethod`), λmax, CI, CR with
  Saaty's random-index table, and a refusal (or a stated warning) when CR > 0.10;
* two selection policies on a ranking, :class:`TopK` (optionally per unit) and
  :class:`AboveThreshold`, each giving a :class:`~kinerja.policy.Decision` per
  alternative with the reasons.

Exactness
---------
*Exact methods* — SAW with max, min-max or sum normalisation, WP whose exponents
are all whole numbers, AHP priorities of a consistent matrix, the mean of
normalised columns, and the geometric mean when every row product is a perfect
n-th power — are computed in rational arithmetic (:class:`fractions.Fraction`).
Their results are reported as ``Decimal`` rounded half-even to ``places`` decimal
places (default 30; exactly, when the value terminates sooner). Ties and ranks
are decided on the exact rationals: when two different exact scores would round
to the same decimal, the scores are reported with more places until they differ,
so a reported tie is always an exact tie.

*Inexact methods* — anything that needs a square root, a logarithm, an
exponential or an eigenvector (SAW with vector normalisation, WP with fractional
exponents, TOPSIS, the AHP eigenvector and λmax, the geometric mean in general) —
are computed in ``Decimal`` with the correctly rounded ``sqrt``, ``ln`` and
``exp`` of :mod:`decimal`, first at ``places + 25`` significant digits and again
at twice that precision (doubling further, up to 4000 digits, until two
successive runs agree). Every value returned is the common result rounded
half-even to ``places`` decimal places, so each reported digit is confirmed by a
computation carrying at least 25 more digits; when no agreement is reached a
:class:`PrecisionError` is raised rather than a doubtful digit returned. Two
inexact scores that agree to ``places`` decimal places are treated as tied.

Ties are never the accident of sort order: every method takes a declared
:class:`~kinerja.ranking.TiePolicy` and ranks with :func:`kinerja.ranking.rank`.

>>> m = DecisionMatrix.of(
...     [("hasil", 3, "benefit"), ("absen", 1, "cost")],
...     {"A": {"hasil": 90, "absen": 2}, "B": {"hasil": 80, "absen": 1}},
... )
>>> r = SAW().rank(m)
>>> [(x.key, str(x.rank), x.score) for x in r.ranked]
[('B', '1', Decimal('0.916666666666666666666666666667')), ('A', '2', Decimal('0.875'))]
"""

from __future__ import annotations

import decimal
import enum
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any, Generic, Literal, Protocol, TypeVar, runtime_checkable

import attrs

from kinerja.errors import KinerjaError, Problem, Problems, ValidationError
from kinerja.explain import Explanation, Source, Step, render_value
from kinerja.model import Direction
from kinerja.numbers import fmt, is_number_like, round_half_up, to_decimal
from kinerja.policy import Decision, Requirement
from kinerja.ranking import Ranked, RankItem, TiePolicy, rank
from kinerja.result import Result

__all__ = [
    "AHP",
    "SAATY_RANDOM_INDEX",
    "SAW",
    "TOPSIS",
    "WP",
    "AboveThreshold",
    "Alternative",
    "Candidate",
    "Criterion",
    "DecisionMatrix",
    "InconsistentJudgmentsError",
    "Normalisation",
    "PairwiseMatrix",
    "PrecisionError",
    "Priorities",
    "PriorityMethod",
    "RandomIndex",
    "Ranking",
    "RankingMethod",
    "Selection",
    "TopK",
    "direction_of",
]

N = TypeVar("N", Fraction, Decimal)
T = TypeVar("T")

# --- sources ----------------------------------------------------------------------------------

_HWANG_YOON = "Hwang & Yoon (1981), Multiple Attribute Decision Making: Methods and Applications, Springer (LNEMS 186)"
_KUSUMADEWI = (
    "Kusumadewi, Hartati, Harjoko & Wardoyo (2006), Fuzzy Multi-Attribute Decision Making (Fuzzy MADM), Graha Ilmu"
)
_PYMCDM = "pymcdm normalizations (Kizielewicz, Shekhovtsov & Sałabun (2023), SoftwareX 22, 101368)"
_SAATY = "Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill"

SAW_SOURCE = Source(_HWANG_YOON, "simple additive weighting: V = Σ w·r (after Fishburn 1967, MacCrimmon 1968)", "R")
WP_SOURCE = Source(
    f"{_KUSUMADEWI}; {_HWANG_YOON}",
    "weighted product: S = Π x^w, w > 0 for benefit and w < 0 for cost; V = S / ΣS",
    "R",
)
TOPSIS_SOURCE = Source(
    _HWANG_YOON, "TOPSIS: vector normalisation, ideal and negative-ideal solutions, relative closeness", "R"
)
AHP_SOURCE = Source(_SAATY, "priority vector, λmax, CI = (λmax − n)/(n − 1), CR = CI/RI, CR ≤ 0.10", "R")
_GEOMETRIC_SOURCE = Source(
    "Crawford & Williams (1985), A note on the analysis of subjective judgment matrices, J. Math. Psychology 29(4)",
    "row geometric mean",
    "R",
)
_COLUMN_MEAN_SOURCE = Source(_SAATY, "approximation: mean of the normalised columns", "R")
_TIE_SOURCE_ARTICLE = "declared tie policy (kinerja.ranking)"


class PrecisionError(KinerjaError, ArithmeticError):
    """An inexact computation did not confirm its digits (two runs at rising precision never agreed)."""


class InconsistentJudgmentsError(ValidationError):
    """A pairwise comparison matrix whose consistency ratio exceeds the threshold (Saaty: CR > 0.10).

    ``cr`` and ``threshold`` hold the numbers; the problem's path names the judgment
    that departs most from the priorities it produced.
    """

    cr: Decimal
    threshold: Decimal

    def __init__(self, problems: Iterable[Problem], cr: Decimal, threshold: Decimal) -> None:
        super().__init__(problems)
        self.cr = cr
        self.threshold = threshold

    def __reduce__(self) -> tuple[object, ...]:
        return (InconsistentJudgmentsError, (self.problems, self.cr, self.threshold))


# --- exact and confirmed numbers -----------------------------------------------------------------

_WIDE = decimal.Context(prec=100_000, rounding=ROUND_HALF_EVEN, Emax=999_999, Emin=-999_999)
_MAX_PRECISION = 4000
_GUARD = 25


def _working(prec: int) -> decimal.Context:
    return decimal.Context(
        prec=prec,
        rounding=ROUND_HALF_EVEN,
        Emax=999_999,
        Emin=-999_999,
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )


def _tidy(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (``4.000`` → ``4``, ``100`` stays ``100``)."""
    if d.is_zero():
        return Decimal(0)
    n = d.normalize(context=_WIDE)
    exponent = n.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        n = n.quantize(Decimal(1), context=_WIDE)
    return n


def _round_decimal(d: Decimal, places: int) -> Decimal:
    return _tidy(d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN, context=_WIDE))


def _round_fraction(q: Fraction, places: int) -> Decimal:
    """*q* rounded half-even to *places* decimals, in one exact rounding."""
    scaled = round(q * 10**places)  # Fraction.__round__ rounds half to even, exactly
    return _tidy(Decimal(f"{scaled}E-{places}"))


def _reported(values: Sequence[Fraction], places: int) -> tuple[list[Decimal], int]:
    """Exact values as decimals, with as many places as needed to keep different values different."""
    p = places
    while True:
        shown = [_round_fraction(v, p) for v in values]
        if len(set(shown)) == len(set(values)):
            return shown, p
        p += 10


def _dec(q: Fraction) -> Decimal:
    """A fraction as a decimal at the current context's precision."""
    return Decimal(q.numerator) / Decimal(q.denominator)


def _sum(values: Sequence[N]) -> N:
    total = values[0]
    for v in values[1:]:
        total = total + v
    return total


def _product(values: Sequence[N]) -> N:
    total = values[0]
    for v in values[1:]:
        total = total * v
    return total


def _confirm(compute: Callable[[], T], rounder: Callable[[T], T], places: int) -> tuple[T, int]:
    """Run *compute* at rising precision until two runs agree after *rounder*; return the result and precision."""
    prec = places + _GUARD
    previous: T | None = None
    while True:
        with decimal.localcontext(_working(prec)):
            result = rounder(compute())
        if previous is not None and result == previous:
            return result, prec
        previous = result
        if prec >= _MAX_PRECISION:
            raise PrecisionError(
                f"could not confirm {places} decimal places: runs up to {prec} significant digits disagree"
            )
        prec *= 2


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
    raise ValidationError.one(path, f"expected benefit or cost (keuntungan/biaya, 1/-1), got {value!r}")


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


def _criterion_of(item: object) -> Criterion:
    if isinstance(item, Criterion):
        return item
    if isinstance(item, Mapping):
        unknown = sorted(set(item) - {"name", "weight", "direction"})
        if unknown:
            raise ValidationError.one(str(unknown[0]), "unknown field (expected name, weight, direction)")
        if "name" not in item or "weight" not in item:
            raise ValidationError.one("", "a criterion needs a name and a weight")
        return Criterion(item["name"], item["weight"], item.get("direction", Direction.HIGHER_IS_BETTER))
    if isinstance(item, tuple | list) and len(item) in (2, 3):
        return Criterion(*item)
    raise ValidationError.one("", "expected a Criterion, a (name, weight[, direction]) tuple or a mapping")


def _criteria_conv(value: object) -> tuple[Criterion, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError.one("criteria", "expected a list of criteria")
    ps = Problems()
    out: list[Criterion] = []
    for i, item in enumerate(value):
        try:
            out.append(_criterion_of(item))
        except ValidationError as exc:
            ps.extend(exc, f"criteria[{i}]")
    ps.raise_if_any()
    return tuple(out)


def _values_conv(value: object) -> dict[str, Decimal]:
    if not isinstance(value, Mapping):
        raise ValidationError.one("values", "expected a mapping of criterion name to value")
    ps = Problems()
    out: dict[str, Decimal] = {}
    for name, v in value.items():
        try:
            out[str(name)] = to_decimal(v, f"values.{name}")
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return out


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
        unknown = sorted(set(item) - {"key", "values", "attributes"})
        if unknown:
            raise ValidationError.one(str(unknown[0]), "unknown field (expected key, values, attributes)")
        if "key" not in item or "values" not in item:
            raise ValidationError.one("", "an alternative needs a key and values")
        return Alternative(item["key"], item["values"], item.get("attributes", {}))
    raise ValidationError.one("", "expected an Alternative or a mapping with key, values and attributes")


def _alternatives_conv(value: object) -> tuple[Alternative, ...]:
    if isinstance(value, Mapping):  # {key: {criterion: value}}
        value = [{"key": k, "values": v} for k, v in value.items()]
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError.one("alternatives", "expected a list of alternatives")
    ps = Problems()
    out: list[Alternative] = []
    for i, item in enumerate(value):
        try:
            out.append(_alternative_of(item))
        except ValidationError as exc:
            ps.extend(exc, f"alternatives[{i}]")
    ps.raise_if_any()
    return tuple(out)


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

    criteria: tuple[Criterion, ...] = attrs.field(converter=_criteria_conv)
    alternatives: tuple[Alternative, ...] = attrs.field(converter=_alternatives_conv)
    weight_total: Decimal | None = attrs.field(default=None, converter=_optional_total)

    def __init__(self, criteria: object, alternatives: object, weight_total: object = None) -> None:
        # Read every field before refusing, so that one error lists the problems of all of them.
        ps = Problems()
        parsed: list[object] = []
        for conv, value in (
            (_criteria_conv, criteria),
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
                ps.add(f"criteria[{j}].name", f"duplicate criterion {c.name!r}")
            seen.add(c.name)
        keys: set[str] = set()
        names = [c.name for c in self.criteria]
        for i, alt in enumerate(self.alternatives):
            if alt.key in keys:
                ps.add(f"alternatives[{i}].key", f"duplicate alternative {alt.key!r}")
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
            total = sum((Fraction(c.weight) for c in self.criteria), Fraction(0))
            if total == 0:
                ps.add("criteria", "the weights add up to 0; at least one weight must be positive")
            if self.weight_total is not None and total != Fraction(self.weight_total):
                ps.add(
                    "criteria",
                    f"weights must add up to {fmt(self.weight_total)}, they add up to {_show(total)}",
                )
        ps.raise_if_any()

    # --- views -------------------------------------------------------------------------------

    @property
    def names(self) -> tuple[str, ...]:
        """The criterion names, in order."""
        return tuple(c.name for c in self.criteria)

    @property
    def keys(self) -> tuple[str, ...]:
        """The alternative keys, in order."""
        return tuple(a.key for a in self.alternatives)

    @property
    def shares(self) -> tuple[Fraction, ...]:
        """Each weight's exact share of the total, ``w / Σw`` (they add up to exactly 1)."""
        total = sum((Fraction(c.weight) for c in self.criteria), Fraction(0))
        return tuple(Fraction(c.weight) / total for c in self.criteria)

    def column(self, name: str) -> tuple[Decimal, ...]:
        """The values of criterion *name*, in alternative order."""
        return tuple(a.values[name] for a in self.alternatives)

    def value(self, key: str, name: str) -> Decimal:
        for a in self.alternatives:
            if a.key == key:
                return a.values[name]
        raise KeyError(key)

    def _path(self, i: int, name: str) -> str:
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
        parsed_w: list[Decimal] = []
        for j, w in enumerate(weights):
            try:
                d = to_decimal(w, f"weights[{j}]")
                if d < 0:
                    ps.add(f"weights[{j}]", f"a weight cannot be negative, got {fmt(d)}")
                parsed_w.append(d)
            except ValidationError as exc:
                ps.extend(exc)
        parsed_t: list[Direction] = []
        for j, t in enumerate(types):
            try:
                parsed_t.append(direction_of(t, f"types[{j}]"))
            except ValidationError as exc:
                ps.extend(exc)
        cells: list[dict[str, Decimal]] = []
        for i, row in enumerate(rows):
            cell_row: dict[str, Decimal] = {}
            for j, x in enumerate(row):
                try:
                    cell_row[names[j]] = to_decimal(x, f"values[{i}][{j}]")
                except ValidationError as exc:
                    ps.extend(exc)
            cells.append(cell_row)
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
        crit = _criteria_conv(criteria)
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
                            f"expected a number for criterion {c.name!r}, got {kind}; map it to a number with values=",
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


def _extract(res: Result, how: Extractor, path: str) -> object:
    if isinstance(how, str):
        if how not in res.values:
            raise ValidationError.one(path, f"no value named {how!r} in this result (rule {res.rule})")
        value = res.values[how]
    else:
        value = how(res)
    if value is None:
        raise ValidationError.one(path, "missing (not assessed); missing is not zero")
    return value


def _show(value: Fraction | Decimal) -> str:
    """Text for a number in a message: exact when it terminates, else 12 places (display only)."""
    if isinstance(value, Decimal):
        return fmt(value)
    shown = _round_fraction(value, 12)
    return fmt(shown) if Fraction(shown) == value else f"{value} ≈ {fmt(shown)}"


# --- normalisations --------------------------------------------------------------------------------


class Normalisation(enum.Enum):
    """How SAW puts every criterion on a comparable 0…1 scale, per column, by direction.

    ========  ==============================  ======================================
    name      benefit                         cost
    ========  ==============================  ======================================
    MAX       r = x / max                     r = min / x
    MIN_MAX   r = (x − min) / (max − min)     r = (max − x) / (max − min)
    VECTOR    r = x / √Σx²                    r = 1 − x / √Σx²
    SUM       r = x / Σx                      r = (1/x) / Σ(1/x)
    ========  ==============================  ======================================

    MAX is the SAW normalisation of the Indonesian textbooks (Kusumadewi et al.
    2006) and pymcdm's ``linear_normalization``; MIN_MAX, VECTOR and SUM are
    pymcdm's ``minmax``, ``vector`` and ``sum`` normalisations, cost variants
    included. Each refuses a column it would divide by zero (MIN_MAX a constant
    column, VECTOR and SUM an all-zero column, MAX and SUM a zero or negative
    value in a cost column).
    """

    MAX = "max"
    MIN_MAX = "min-max"
    VECTOR = "vector"
    SUM = "sum"

    def formula(self, benefit: bool) -> str:
        return _FORMULAS[self][0 if benefit else 1]

    @property
    def exact(self) -> bool:
        """True when the normalisation needs no square root."""
        return self is not Normalisation.VECTOR

    @property
    def source(self) -> Source:
        if self is Normalisation.MAX:
            return Source(f"{_KUSUMADEWI}; {_PYMCDM}", "SAW normalisation: x/max (benefit), min/x (cost)", "R")
        return Source(f"{_HWANG_YOON}; {_PYMCDM}", f"{self.value} normalisation and its cost variant", "R")


_FORMULAS = {
    Normalisation.MAX: ("r = x / max", "r = min / x"),
    Normalisation.MIN_MAX: ("r = (x − min) / (max − min)", "r = (max − x) / (max − min)"),
    Normalisation.VECTOR: ("r = x / √Σx²", "r = 1 − x / √Σx²"),
    Normalisation.SUM: ("r = x / Σx", "r = (1/x) / Σ(1/x)"),
}

_NORMALISATION_NAMES = {
    "max": Normalisation.MAX,
    "linear": Normalisation.MAX,
    "minmax": Normalisation.MIN_MAX,
    "vector": Normalisation.VECTOR,
    "sum": Normalisation.SUM,
}


def _normalisation_conv(value: object) -> Normalisation:
    if isinstance(value, Normalisation):
        return value
    if isinstance(value, str):
        key = value.strip().lower().replace("-", "").replace("_", "").replace(" ", "")
        if key in _NORMALISATION_NAMES:
            return _NORMALISATION_NAMES[key]
    raise ValidationError.one("normalisation", f"expected one of max, min-max, vector, sum; got {value!r}")


def _check_column(kind: Normalisation, matrix: DecisionMatrix, j: int, ps: Problems) -> None:
    """Refuse, with paths, a column the normalisation would divide by zero (or read meaninglessly)."""
    c = matrix.criteria[j]
    xs = matrix.column(c.name)
    where = f"criteria[{j}]"
    if kind is Normalisation.MAX:
        if c.is_benefit:
            for i, x in enumerate(xs):
                if x < 0:
                    ps.add(matrix._path(i, c.name), f"max normalisation needs values ≥ 0, got {fmt(x)}")
            if max(xs) == 0:
                ps.add(where, f"column {c.name!r} is all zeros: max normalisation (x / max) divides by 0")
        else:
            for i, x in enumerate(xs):
                if x <= 0:
                    ps.add(
                        matrix._path(i, c.name),
                        f"cost criterion under max normalisation computes min / x; needs x > 0, got {fmt(x)}",
                    )
    elif kind is Normalisation.MIN_MAX:
        if max(xs) == min(xs):
            ps.add(
                where,
                f"column {c.name!r} is constant ({fmt(xs[0])}): min-max normalisation divides by max − min = 0",
            )
    elif kind is Normalisation.VECTOR:
        if all(x == 0 for x in xs):
            ps.add(where, f"column {c.name!r} is all zeros: vector normalisation divides by √Σx² = 0")
    elif c.is_benefit:
        for i, x in enumerate(xs):
            if x < 0:
                ps.add(matrix._path(i, c.name), f"sum normalisation needs values ≥ 0, got {fmt(x)}")
        if all(x == 0 for x in xs):
            ps.add(where, f"column {c.name!r} is all zeros: sum normalisation (x / Σx) divides by 0")
    else:
        for i, x in enumerate(xs):
            if x <= 0:
                ps.add(
                    matrix._path(i, c.name),
                    f"cost criterion under sum normalisation computes 1 / x; needs x > 0, got {fmt(x)}",
                )


def _normalise_column(
    kind: Normalisation, xs: Sequence[N], benefit: bool, sqrt: Callable[[N], N]
) -> tuple[list[N], dict[str, N]]:
    if kind is Normalisation.MAX:
        if benefit:
            hi = max(xs)
            return [x / hi for x in xs], {"max": hi}
        lo = min(xs)
        return [lo / x for x in xs], {"min": lo}
    if kind is Normalisation.MIN_MAX:
        lo, hi = min(xs), max(xs)
        span = hi - lo
        if benefit:
            return [(x - lo) / span for x in xs], {"min": lo, "max": hi}
        return [(hi - x) / span for x in xs], {"min": lo, "max": hi}
    if kind is Normalisation.VECTOR:
        norm = sqrt(_sum([x * x for x in xs]))
        if benefit:
            return [x / norm for x in xs], {"√Σx²": norm}
        return [1 - x / norm for x in xs], {"√Σx²": norm}
    if benefit:
        total = _sum(list(xs))
        return [x / total for x in xs], {"Σx": total}
    inverses = [1 / x for x in xs]
    total = _sum(inverses)
    return [v / total for v in inverses], {"Σ(1/x)": total}


# --- the computation frame ------------------------------------------------------------------------


@attrs.define
class _Frame(Generic[N]):
    """Everything a method computes: rows are alternatives, columns criteria."""

    normalised: list[list[N]] | None
    weighted: list[list[N]]
    column_stats: list[dict[str, N]]
    alternative_values: dict[str, list[N]]
    scores: list[N]


def _frame_map(frame: _Frame[Any], f: Callable[[Any], Decimal]) -> _Frame[Decimal]:
    return _Frame(
        None if frame.normalised is None else [[f(x) for x in row] for row in frame.normalised],
        [[f(x) for x in row] for row in frame.weighted],
        [{k: f(v) for k, v in stats.items()} for stats in frame.column_stats],
        {k: [f(x) for x in vs] for k, vs in frame.alternative_values.items()},
        [f(x) for x in frame.scores],
    )


def _no_sqrt(x: Fraction) -> Fraction:
    raise AssertionError("an exact method asked for a square root")


def _columns_exact(matrix: DecisionMatrix) -> list[list[Fraction]]:
    return [[Fraction(x) for x in matrix.column(name)] for name in matrix.names]


def _columns_decimal(matrix: DecisionMatrix) -> list[list[Decimal]]:
    return [list(matrix.column(name)) for name in matrix.names]


def _saw_frame(
    cols: list[list[N]], shares: list[N], benefit: list[bool], kind: Normalisation, sqrt: Callable[[N], N]
) -> _Frame[N]:
    n, m = len(cols), len(cols[0])
    normalised_cols: list[list[N]] = []
    stats: list[dict[str, N]] = []
    for j in range(n):
        r, st = _normalise_column(kind, cols[j], benefit[j], sqrt)
        normalised_cols.append(r)
        stats.append(st)
    normalised = [[normalised_cols[j][i] for j in range(n)] for i in range(m)]
    weighted = [[shares[j] * normalised[i][j] for j in range(n)] for i in range(m)]
    return _Frame(normalised, weighted, stats, {}, [_sum(row) for row in weighted])


def _wp_frame(cols: list[list[N]], exponents: list[N], power: Callable[[N, N], N]) -> _Frame[N]:
    n, m = len(cols), len(cols[0])
    factors = [[power(cols[j][i], exponents[j]) for j in range(n)] for i in range(m)]
    s = [_product(row) for row in factors]
    total = _sum(s)
    return _Frame(None, factors, [{"exponent": e} for e in exponents], {"S": s}, [x / total for x in s])


def _exact_power(x: Fraction, e: Fraction) -> Fraction:
    return x ** int(e)


def _decimal_power(x: Decimal, e: Decimal) -> Decimal:
    if e == 0:
        return Decimal(1)
    if x == 0:
        return Decimal(0)  # e > 0 here: a zero under a negative exponent was refused
    return (e * x.ln()).exp()


def _topsis_frame(cols: list[list[Decimal]], shares: list[Decimal], benefit: list[bool]) -> _Frame[Decimal]:
    n, m = len(cols), len(cols[0])
    norms = [_sum([x * x for x in col]).sqrt() for col in cols]
    normalised = [[cols[j][i] / norms[j] for j in range(n)] for i in range(m)]
    weighted = [[shares[j] * normalised[i][j] for j in range(n)] for i in range(m)]
    columns = [[weighted[i][j] for i in range(m)] for j in range(n)]
    ideal = [max(col) if benefit[j] else min(col) for j, col in enumerate(columns)]
    anti = [min(col) if benefit[j] else max(col) for j, col in enumerate(columns)]
    d_plus = [_sum([(weighted[i][j] - ideal[j]) ** 2 for j in range(n)]).sqrt() for i in range(m)]
    d_minus = [_sum([(weighted[i][j] - anti[j]) ** 2 for j in range(n)]).sqrt() for i in range(m)]
    closeness = [d_minus[i] / (d_plus[i] + d_minus[i]) for i in range(m)]
    stats = [{"√Σx²": norms[j], "A+": ideal[j], "A−": anti[j]} for j in range(n)]
    return _Frame(normalised, weighted, stats, {"D+": d_plus, "D−": d_minus}, closeness)


# --- rankings -----------------------------------------------------------------------------------------


def _rank_items(matrix: DecisionMatrix, scores: Sequence[Decimal], ties: TiePolicy) -> tuple[RankItem, ...]:
    ps = Problems()
    items: list[RankItem] = []
    for i, (alt, score) in enumerate(zip(matrix.alternatives, scores)):
        tiebreak: dict[str, object] = {}
        for k in ties.keys:
            if alt.attributes.get(k) is None:
                ps.add(
                    f"alternatives[{i}].attributes.{k}",
                    f"tie-breaker {k!r} missing (the tie policy declares it: {ties.describe()})",
                )
            else:
                tiebreak[k] = alt.attributes[k]
        items.append(RankItem(alt.key, score, tiebreak))
    ps.raise_if_any()
    return tuple(items)


def _rank(items: Sequence[RankItem], ties: TiePolicy) -> tuple[Ranked, ...]:
    """:func:`kinerja.ranking.rank` in a wide context: it orders by ``-score``, and a unary minus rounds to
    the context precision (28 digits by default), which would merge scores that differ further down."""
    with decimal.localcontext(_WIDE):
        return tuple(rank(items, ties=ties))


def _by_key(keys: Sequence[str], values: Sequence[Decimal]) -> dict[str, Decimal]:
    return dict(zip(keys, values))


@attrs.frozen(eq=False)
class Ranking:
    """The outcome of a ranking method: every intermediate value, the scores and the ranks, explained.

    * ``shares`` — each criterion's weight share ``w / Σw``;
    * ``normalised`` — ``{key: {criterion: r}}`` (``None`` for WP, which does not normalise);
    * ``weighted`` — ``{key: {criterion: v}}`` (for WP the factors ``x^w``);
    * ``column_stats`` — per criterion the column values a method used (max, min,
      √Σx², WP exponent, TOPSIS ideal ``A+`` and anti-ideal ``A−``);
    * ``alternative_values`` — per name, ``{key: value}`` (WP ``S``, TOPSIS ``D+``, ``D−``);
    * ``scores`` and ``ranked`` (best first, :class:`~kinerja.ranking.Ranked`).

    ``exact`` tells whether the method ran in rational arithmetic; ``places`` how
    many decimal places the values carry; ``precision`` the working precision of an
    inexact method (see the module docstring).
    """

    method: str
    kind: Literal["SAW", "WP", "TOPSIS"]
    matrix: DecisionMatrix
    ties: TiePolicy
    exact: bool
    places: int
    precision: int | None
    shares: Mapping[str, Decimal]
    normalised: Mapping[str, Mapping[str, Decimal]] | None
    weighted: Mapping[str, Mapping[str, Decimal]]
    column_stats: Mapping[str, Mapping[str, Decimal]]
    alternative_values: Mapping[str, Mapping[str, Decimal]]
    scores: Mapping[str, Decimal]
    ranked: tuple[Ranked, ...]
    source: Source
    normalisation: Normalisation | None = None
    notes: tuple[str, ...] = ()
    exact_scores: Mapping[str, Fraction] | None = attrs.field(default=None, repr=False)
    items: tuple[RankItem, ...] = attrs.field(default=(), repr=False)

    @property
    def order(self) -> tuple[str, ...]:
        """The keys, best first (alternatives that remain tied in key order)."""
        return tuple(r.key for r in self.ranked)

    def __getitem__(self, key: str) -> Ranked:
        for r in self.ranked:
            if r.key == key:
                return r
        raise KeyError(key)

    def rank_of(self, key: str) -> Decimal:
        return self[key].rank

    def alternative(self, key: str) -> Alternative:
        for a in self.matrix.alternatives:
            if a.key == key:
                return a
        raise KeyError(key)

    # --- explanation -------------------------------------------------------------------------

    def explain(self) -> Explanation:
        """Every step: matrix, weight shares, normalisation per criterion, weighting, scores, ranks and tie rule."""
        m = self.matrix
        steps: list[Step] = []
        how = (
            "exact rational arithmetic; values shown to "
            f"{self.places} decimal places (exact where they terminate sooner)"
            if self.exact
            else f"Decimal arithmetic at {self.precision // 2 if self.precision else '?'} and {self.precision} "
            f"significant digits; every value confirmed to {self.places} decimal places"
        )
        steps.append(
            Step(
                "decision matrix (alternatives × criteria)",
                self.source,
                {a.key: dict(a.values) for a in m.alternatives},
                f"{len(m.alternatives)} alternatives × {len(m.criteria)} criteria",
                note=how,
            )
        )
        total = sum((Fraction(c.weight) for c in m.criteria), Fraction(0))
        steps.append(
            Step(
                "weights as shares of their total: w / Σw",
                self.source,
                {c.name: f"{render_value(c.weight)} ({c.kind})" for c in m.criteria},
                dict(self.shares),
                note=f"Σw = {_show(total)}",
            )
        )
        if self.kind == "SAW" and self.normalisation is not None and self.normalised is not None:
            for c in m.criteria:
                steps.append(
                    Step(
                        f"normalise {c.name} ({c.kind}, {self.normalisation.value}): "
                        f"{self.normalisation.formula(c.is_benefit)}",
                        self.normalisation.source,
                        dict(self.column_stats[c.name]),
                        {k: self.normalised[k][c.name] for k in m.keys},
                    )
                )
            steps.append(
                Step("weighted values v = w · r", self.source, {}, {k: dict(v) for k, v in self.weighted.items()})
            )
            for k in m.keys:
                steps.append(Step(f"score of {k}: V = Σ w · r", self.source, dict(self.weighted[k]), self.scores[k]))
        elif self.kind == "WP":
            steps.append(
                Step(
                    "exponents: +share for benefit, −share for cost",
                    self.source,
                    {},
                    {c.name: self.column_stats[c.name]["exponent"] for c in m.criteria},
                    note="WP does not normalise the matrix: the exponents carry the weights and the directions",
                )
            )
            steps.append(Step("factors x^w", self.source, {}, {k: dict(v) for k, v in self.weighted.items()}))
            for k in m.keys:
                steps.append(
                    Step(f"S of {k} = Π x^w", self.source, dict(self.weighted[k]), self.alternative_values["S"][k])
                )
            with decimal.localcontext(_WIDE):  # exact: the S values carry `places` decimals
                s_total = _sum(list(self.alternative_values["S"].values()))
            for k in m.keys:
                steps.append(
                    Step(
                        f"score of {k}: V = S / ΣS",
                        self.source,
                        {"S": self.alternative_values["S"][k], "ΣS": s_total},
                        self.scores[k],
                    )
                )
        elif self.kind == "TOPSIS" and self.normalised is not None:
            for c in m.criteria:
                steps.append(
                    Step(
                        f"normalise {c.name}: r = x / √Σx² (vector normalisation)",
                        self.source,
                        {"√Σx²": self.column_stats[c.name]["√Σx²"]},
                        {k: self.normalised[k][c.name] for k in m.keys},
                    )
                )
            steps.append(
                Step("weighted values v = w · r", self.source, {}, {k: dict(v) for k, v in self.weighted.items()})
            )
            steps.append(
                Step(
                    "ideal A+ (max v for benefit, min v for cost) and anti-ideal A− (the opposite)",
                    self.source,
                    {c.name: c.kind for c in m.criteria},
                    {
                        "A+": {c.name: self.column_stats[c.name]["A+"] for c in m.criteria},
                        "A−": {c.name: self.column_stats[c.name]["A−"] for c in m.criteria},
                    },
                )
            )
            for k in m.keys:
                steps.append(
                    Step(
                        f"distances of {k}: D+ = √Σ(v − A+)², D− = √Σ(v − A−)²",
                        self.source,
                        dict(self.weighted[k]),
                        {"D+": self.alternative_values["D+"][k], "D−": self.alternative_values["D−"][k]},
                    )
                )
            for k in m.keys:
                steps.append(
                    Step(
                        f"score of {k}: closeness C = D− / (D+ + D−)",
                        self.source,
                        {"D+": self.alternative_values["D+"][k], "D−": self.alternative_values["D−"][k]},
                        self.scores[k],
                    )
                )
        tie_source = Source(_TIE_SOURCE_ARTICLE, self.ties.describe(), "agency")
        steps.append(
            Step(
                "rank by score, higher is better",
                tie_source,
                dict(self.scores),
                {r.key: r.rank for r in self.ranked},
                note=f"tie rule: {self.ties.describe()}",
            )
        )
        for r in self.ranked:
            steps.append(
                Step(
                    f"rank of {r.key}",
                    tie_source,
                    {"score": r.score, "tied with": list(r.tied_with)},
                    r.rank,
                    note=r.how,
                )
            )
        return Explanation(f"{self.method}: ranking of {len(m.alternatives)} alternatives", tuple(steps))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data; decimals are strings."""
        return {
            "method": self.method,
            "exact": self.exact,
            "places": self.places,
            "precision": self.precision,
            "ties": self.ties.describe(),
            "shares": render_value(self.shares),
            "normalised": render_value(self.normalised),
            "weighted": render_value(self.weighted),
            "column_stats": render_value(self.column_stats),
            "alternative_values": render_value(self.alternative_values),
            "scores": render_value(self.scores),
            "ranking": [
                {"key": r.key, "score": fmt(r.score), "rank": fmt(r.rank), "tied_with": list(r.tied_with), "how": r.how}
                for r in self.ranked
            ],
            "notes": list(self.notes),
        }

    def __str__(self) -> str:
        width = max(len(r.key) for r in self.ranked)
        lines = [f"{self.method} — {self.ties.describe()}"]
        for r in self.ranked:
            lines.append(f"  {fmt(r.rank):>5}  {r.key.ljust(width)}  {fmt(r.score)}  ({r.how})")
        return "\n".join(lines)


@runtime_checkable
class RankingMethod(Protocol):
    """A multi-criteria ranking method: a *name* and ``rank(matrix) -> Ranking``."""

    @property
    def name(self) -> str: ...

    def rank(self, matrix: DecisionMatrix) -> Ranking: ...


def _places_validator(inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 200:
        raise ValidationError.one(attribute.name, f"places must be a whole number 1…200, got {value!r}")


def _finish(
    method: str,
    kind: Literal["SAW", "WP", "TOPSIS"],
    matrix: DecisionMatrix,
    ties: TiePolicy,
    places: int,
    source: Source,
    frame: _Frame[Decimal],
    *,
    exact_scores: list[Fraction] | None,
    precision: int | None,
    normalisation: Normalisation | None = None,
    notes: tuple[str, ...] = (),
) -> Ranking:
    keys, names = matrix.keys, matrix.names
    scores = frame.scores
    if exact_scores is not None:
        scores, _ = _reported(exact_scores, places)
    items = _rank_items(matrix, scores, ties)
    ranked = _rank(items, ties)
    shares, _ = _reported(list(matrix.shares), places)

    def table(rows: list[list[Decimal]]) -> dict[str, dict[str, Decimal]]:
        return {k: dict(zip(names, row)) for k, row in zip(keys, rows)}

    return Ranking(
        method=method,
        kind=kind,
        matrix=matrix,
        ties=ties,
        exact=exact_scores is not None,
        places=places,
        precision=precision,
        shares=dict(zip(names, shares)),
        normalised=None if frame.normalised is None else table(frame.normalised),
        weighted=table(frame.weighted),
        column_stats=dict(zip(names, frame.column_stats)),
        alternative_values={k: _by_key(keys, vs) for k, vs in frame.alternative_values.items()},
        scores=_by_key(keys, scores),
        ranked=ranked,
        source=source,
        normalisation=normalisation,
        notes=notes,
        exact_scores=None if exact_scores is None else dict(zip(keys, exact_scores)),
        items=items,
    )


def _round_frame_exact(frame: _Frame[Fraction], places: int) -> _Frame[Decimal]:
    return _frame_map(frame, lambda q: _round_fraction(q, places))


@attrs.frozen
class SAW:
    """Simple additive weighting: ``V = Σ_j (w_j / Σw) · r_ij`` with the declared :class:`Normalisation`.

    Exact (rational arithmetic) under MAX (the default), MIN_MAX and SUM; under
    VECTOR the column norms are square roots, computed as described in the module
    docstring and confirmed to ``places`` decimal places (default 30).

    >>> m = DecisionMatrix.from_arrays([[4, 2], [2, 1]], [1, 1], ["benefit", "cost"], alternatives=["x", "y"])
    >>> SAW().rank(m).scores          # x: (4/4 + 1/2)/2, y: (2/4 + 1/1)/2 — an exact tie
    {'x': Decimal('0.75'), 'y': Decimal('0.75')}
    >>> [str(r.rank) for r in SAW().rank(m).ranked]
    ['1.5', '1.5']
    """

    normalisation: Normalisation = attrs.field(default=Normalisation.MAX, converter=_normalisation_conv)
    ties: TiePolicy = attrs.field(factory=TiePolicy.average)
    places: int = attrs.field(default=30, validator=_places_validator)

    @property
    def name(self) -> str:
        return f"SAW ({self.normalisation.value} normalisation)"

    def rank(self, matrix: DecisionMatrix) -> Ranking:
        ps = Problems()
        for j in range(len(matrix.criteria)):
            _check_column(self.normalisation, matrix, j, ps)
        ps.raise_if_any()
        benefit = [c.is_benefit for c in matrix.criteria]
        if self.normalisation.exact:
            frame = _saw_frame(_columns_exact(matrix), list(matrix.shares), benefit, self.normalisation, _no_sqrt)
            return _finish(
                self.name,
                "SAW",
                matrix,
                self.ties,
                self.places,
                SAW_SOURCE,
                _round_frame_exact(frame, self.places),
                exact_scores=frame.scores,
                precision=None,
                normalisation=self.normalisation,
            )
        cols = _columns_decimal(matrix)
        shares = list(matrix.shares)

        def compute() -> _Frame[Decimal]:
            return _saw_frame(cols, [_dec(s) for s in shares], benefit, self.normalisation, Decimal.sqrt)

        confirmed, precision = _confirm(
            compute, lambda f: _frame_map(f, lambda d: _round_decimal(d, self.places)), self.places
        )
        return _finish(
            self.name,
            "SAW",
            matrix,
            self.ties,
            self.places,
            SAW_SOURCE,
            confirmed,
            exact_scores=None,
            precision=precision,
            normalisation=self.normalisation,
        )


@attrs.frozen
class WP:
    """Weighted product: ``S_i = Π_j x_ij^(±w_j)``, ``V_i = S_i / Σ_k S_k`` (higher V is better).

    The exponent of a benefit criterion is its weight share ``w_j / Σw`` ("perbaikan
    bobot"), of a cost criterion minus that share (Kusumadewi et al. 2006). Values
    must be ≥ 0, and > 0 in a cost criterion (a zero there would be divided by).

    With ``normalise_weights=False`` the raw weights are the exponents; they must
    then be whole numbers 0…1000 and the method is exact (``S`` changes but the
    ranking does not: ``S`` is raised to the power ``Σw``). With shares, the method is
    exact only when every exponent is a whole number (one criterion carries all the
    weight); otherwise ``x^w`` is ``exp(w·ln x)`` computed as the module docstring
    describes and confirmed to ``places`` decimal places.
    """

    normalise_weights: bool = True
    ties: TiePolicy = attrs.field(factory=TiePolicy.average)
    places: int = attrs.field(default=30, validator=_places_validator)

    @property
    def name(self) -> str:
        return "WP" if self.normalise_weights else "WP (raw weights as exponents)"

    def rank(self, matrix: DecisionMatrix) -> Ranking:
        ps = Problems()
        if self.normalise_weights:
            magnitudes = list(matrix.shares)
        else:
            magnitudes = [Fraction(c.weight) for c in matrix.criteria]
            for j, w in enumerate(magnitudes):
                if w.denominator != 1 or w > 1000:
                    ps.add(
                        f"criteria[{j}].weight",
                        f"raw weights as exponents must be whole numbers 0…1000, got {render_value(matrix.criteria[j].weight)}",
                    )
        exponents = [e if c.is_benefit else -e for e, c in zip(magnitudes, matrix.criteria)]
        for j, c in enumerate(matrix.criteria):
            if exponents[j] == 0:
                continue
            for i, x in enumerate(matrix.column(c.name)):
                if x < 0:
                    ps.add(matrix._path(i, c.name), f"weighted product needs values ≥ 0, got {fmt(x)}")
                elif x == 0 and exponents[j] < 0:
                    ps.add(
                        matrix._path(i, c.name),
                        "cost criterion in a weighted product raises x to a negative power; needs x > 0, got 0",
                    )
        ps.raise_if_any()
        zero_rows = [
            a.key
            for a in matrix.alternatives
            if any(a.values[c.name] == 0 and e > 0 for c, e in zip(matrix.criteria, exponents))
        ]
        if len(zero_rows) == len(matrix.alternatives):
            raise ValidationError.one(
                "alternatives", "every alternative has S = 0 (a zero in a benefit criterion): V = S / ΣS divides by 0"
            )
        notes = (
            ("exponents are the raw weights (rank-equivalent to shares; V differs)",)
            if not self.normalise_weights
            else ()
        )
        if all(e.denominator == 1 for e in exponents):
            frame = _wp_frame(_columns_exact(matrix), exponents, _exact_power)
            return _finish(
                self.name,
                "WP",
                matrix,
                self.ties,
                self.places,
                WP_SOURCE,
                _round_frame_exact(frame, self.places),
                exact_scores=frame.scores,
                precision=None,
                notes=notes,
            )
        cols = _columns_decimal(matrix)

        def compute() -> _Frame[Decimal]:
            return _wp_frame(cols, [_dec(e) for e in exponents], _decimal_power)

        confirmed, precision = _confirm(
            compute, lambda f: _frame_map(f, lambda d: _round_decimal(d, self.places)), self.places
        )
        return _finish(
            self.name,
            "WP",
            matrix,
            self.ties,
            self.places,
            WP_SOURCE,
            confirmed,
            exact_scores=None,
            precision=precision,
            notes=notes,
        )


@attrs.frozen
class TOPSIS:
    """TOPSIS after Hwang & Yoon (1981).

    1. ``r_ij = x_ij / √Σ_k x_kj²`` (vector normalisation, the same for both directions);
    2. ``v_ij = (w_j / Σw) · r_ij``;
    3. ideal ``A+_j`` = max of column j for a benefit criterion, min for a cost
       criterion; anti-ideal ``A−_j`` the opposite;
    4. ``D+_i = √Σ_j (v_ij − A+_j)²``, ``D−_i = √Σ_j (v_ij − A−_j)²``;
    5. closeness ``C_i = D−_i / (D+_i + D−_i)``, higher is better.

    Square roots make it inexact: every value is confirmed to ``places`` decimal
    places (default 30) as the module docstring describes. An all-zero column, or a
    matrix in which every weighted criterion is constant (closeness 0/0), is refused.
    """

    ties: TiePolicy = attrs.field(factory=TiePolicy.average)
    places: int = attrs.field(default=30, validator=_places_validator)

    @property
    def name(self) -> str:
        return "TOPSIS"

    def rank(self, matrix: DecisionMatrix) -> Ranking:
        ps = Problems()
        for j in range(len(matrix.criteria)):
            _check_column(Normalisation.VECTOR, matrix, j, ps)
        ps.raise_if_any()
        shares = list(matrix.shares)
        if all(s == 0 or len(set(matrix.column(c.name))) == 1 for s, c in zip(shares, matrix.criteria)):
            raise ValidationError.one(
                "alternatives",
                "every weighted criterion has the same value for all alternatives: "
                "each alternative is both ideal and anti-ideal and closeness is 0/0",
            )
        cols = _columns_decimal(matrix)
        benefit = [c.is_benefit for c in matrix.criteria]

        def compute() -> _Frame[Decimal]:
            return _topsis_frame(cols, [_dec(s) for s in shares], benefit)

        confirmed, precision = _confirm(
            compute, lambda f: _frame_map(f, lambda d: _round_decimal(d, self.places)), self.places
        )
        return _finish(
            self.name,
            "TOPSIS",
            matrix,
            self.ties,
            self.places,
            TOPSIS_SOURCE,
            confirmed,
            exact_scores=None,
            precision=precision,
        )


# --- AHP ------------------------------------------------------------------------------------------------

_ONE_NINTH = Fraction(1, 9)


def _judgment(value: object, path: str) -> Fraction:
    """Read one pairwise judgment: a number, a Fraction or text such as ``"1/3"``."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, str) and "/" in value:
        top, _, bottom = value.partition("/")
        num = Fraction(to_decimal(top, path))
        den = Fraction(to_decimal(bottom, path))
        if den == 0:
            raise ValidationError.one(path, f"division by zero in {value!r}")
        return num / den
    return Fraction(to_decimal(value, path))


def _names_conv(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("names", "expected a list of names")
    return tuple(str(v) for v in value)


def _cells_conv(value: object) -> tuple[tuple[Fraction, ...], ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one("cells", "expected a square matrix (a list of rows)")
    ps = Problems()
    rows: list[tuple[Fraction, ...]] = []
    for i, row in enumerate(value):
        if isinstance(row, str) or not isinstance(row, Iterable):
            ps.add(f"cells[{i}]", "expected a row (a list of judgments)")
            continue
        out: list[Fraction] = []
        for j, v in enumerate(row):
            try:
                out.append(_judgment(v, f"cells[{i}][{j}]"))
            except ValidationError as exc:
                ps.extend(exc)
                out.append(Fraction(1))
        rows.append(tuple(out))
    ps.raise_if_any()
    return tuple(rows)


@attrs.frozen
class PairwiseMatrix:
    """A pairwise comparison matrix on Saaty's 1–9 scale: ``cells[i][j]`` = how much more *names[i]* matters than *names[j]*.

    Judgments may be numbers, ``Fraction`` or text such as ``"1/3"``. The matrix must
    be square, have 1 on the diagonal, values within 1/9…9, and be reciprocal
    *exactly* (``cells[j][i] = 1 / cells[i][j]``; 0.333 is not 1/3). Every violation
    is reported with its cell.

    >>> PairwiseMatrix(["a", "b"], [[1, 3], ["0.333", 1]])
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: cells[1][0]: not the reciprocal of cells[0][1] = 3: expected 1/3, got 333/1000
    """

    names: tuple[str, ...] = attrs.field(converter=_names_conv)
    cells: tuple[tuple[Fraction, ...], ...] = attrs.field(converter=_cells_conv)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        n = len(self.cells)
        if n == 0:
            ps.add("cells", "an empty matrix: compare at least one element")
        if len(self.names) != n:
            ps.add("names", f"{len(self.names)} names for a matrix of {n} rows")
        seen: set[str] = set()
        for k, name in enumerate(self.names):
            if not name.strip():
                ps.add(f"names[{k}]", "must be a non-empty string")
            if name in seen:
                ps.add(f"names[{k}]", f"duplicate name {name!r}")
            seen.add(name)
        for i, row in enumerate(self.cells):
            if len(row) != n:
                ps.add(f"cells[{i}]", f"{len(row)} judgments in a row of a {n}×{n} matrix")
        ps.raise_if_any()
        for i in range(n):
            for j in range(n):
                v = self.cells[i][j]
                path = f"cells[{i}][{j}]"
                if not _ONE_NINTH <= v <= 9:
                    ps.add(path, f"outside Saaty's scale 1/9…9: got {v}")
                elif i == j and v != 1:
                    ps.add(path, f"the diagonal must be 1 (an element compared with itself), got {v}")
        for i in range(n):
            for j in range(i + 1, n):
                a, b = self.cells[i][j], self.cells[j][i]
                if a > 0 and b != 1 / a:
                    ps.add(
                        f"cells[{j}][{i}]",
                        f"not the reciprocal of cells[{i}][{j}] = {a}: expected {1 / a}, got {b}",
                    )
        ps.raise_if_any()

    @property
    def size(self) -> int:
        return len(self.cells)

    def __getitem__(self, pair: tuple[str, str]) -> Fraction:
        a, b = pair
        return self.cells[self.names.index(a)][self.names.index(b)]

    @classmethod
    def from_judgments(cls, names: Sequence[str], judgments: Mapping[tuple[str, str], object]) -> PairwiseMatrix:
        """Build from the upper triangle: ``{("a", "b"): 3}`` means *a* matters 3 times as much as *b*.

        Every unordered pair must be judged exactly once; the reciprocals and the
        diagonal are filled in.

        >>> PairwiseMatrix.from_judgments(["a", "b", "c"], {("a", "b"): 3, ("a", "c"): 5, ("c", "b"): "1/3"}).cells[1]
        (Fraction(1, 3), Fraction(1, 1), Fraction(3, 1))
        """
        names = list(names)
        index = {n: k for k, n in enumerate(names)}
        ps = Problems()
        cells = [[Fraction(1) if i == j else None for j in range(len(names))] for i in range(len(names))]
        for pair, value in judgments.items():
            path = f"judgments[{pair[0]}, {pair[1]}]" if isinstance(pair, tuple) and len(pair) == 2 else "judgments"
            if not (isinstance(pair, tuple) and len(pair) == 2):
                ps.add(path, f"expected a pair of names, got {pair!r}")
                continue
            a, b = pair
            unknown = [x for x in (a, b) if x not in index]
            if unknown:
                ps.add(path, f"unknown name {unknown[0]!r} (names: {', '.join(names)})")
                continue
            if a == b:
                ps.add(path, "an element is not compared with itself (the diagonal is 1)")
                continue
            i, j = index[a], index[b]
            if cells[i][j] is not None:
                ps.add(path, f"the pair {a}/{b} is judged twice")
                continue
            try:
                v = _judgment(value, path)
            except ValidationError as exc:
                ps.extend(exc)
                continue
            if not _ONE_NINTH <= v <= 9:
                ps.add(path, f"outside Saaty's scale 1/9…9: got {v}")
                continue
            cells[i][j], cells[j][i] = v, 1 / v
        for i, j in itertools.combinations(range(len(names)), 2):
            if cells[i][j] is None:
                ps.add(f"judgments[{names[i]}, {names[j]}]", "this pair is not judged")
        ps.raise_if_any()
        return cls(names, cells)


class PriorityMethod(enum.Enum):
    """How AHP turns the pairwise matrix into a priority vector.

    * ``EIGENVECTOR`` — the principal right eigenvector, normalised to Σw = 1 (Saaty 1980);
    * ``GEOMETRIC_MEAN`` — the geometric mean of each row, normalised (Crawford & Williams 1985);
    * ``COLUMN_MEAN`` — the mean of each row of the column-normalised matrix, the
      approximation of the spreadsheets (Saaty 1980); exact.

    λmax (and so CI and CR) is always the principal eigenvalue of the matrix,
    whichever method gives the priorities.
    """

    EIGENVECTOR = "eigenvector"
    GEOMETRIC_MEAN = "geometric-mean"
    COLUMN_MEAN = "column-mean"


@attrs.frozen
class RandomIndex:
    """A random-index table: ``values[n]`` is RI for an n×n matrix, with its *source*."""

    values: Mapping[int, Decimal]
    source: Source

    def for_size(self, n: int) -> Decimal:
        if n not in self.values:
            sizes = sorted(self.values)
            raise ValidationError.one(
                "cells",
                f"no random index for a {n}×{n} matrix in {self.source.regulation} "
                f"(it covers n = {sizes[0]}…{sizes[-1]}); pass random_index= with a table that does",
            )
        return self.values[n]


SAATY_RANDOM_INDEX = RandomIndex(
    {
        n: Decimal(v)
        for n, v in {
            1: "0",
            2: "0",
            3: "0.58",
            4: "0.90",
            5: "1.12",
            6: "1.24",
            7: "1.32",
            8: "1.41",
            9: "1.45",
            10: "1.49",
        }.items()
    },
    Source(_SAATY, "random consistency index RI, n = 1…10", "R"),
)
"""Saaty's random index, n = 1…10: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49."""


def _is_consistent(a: tuple[tuple[Fraction, ...], ...]) -> bool:
    n = len(a)
    return all(a[i][j] * a[j][k] == a[i][k] for i in range(n) for j in range(n) for k in range(n))


def _iroot(x: int, n: int) -> int:
    """The integer n-th root of x ≥ 0, rounded down."""
    if x < 2:
        return x
    y = 1 << ((x.bit_length() + n - 1) // n)
    while True:
        z = ((n - 1) * y + x // y ** (n - 1)) // n
        if z >= y:
            return y
        y = z


def _exact_root(q: Fraction, n: int) -> Fraction | None:
    rn, rd = _iroot(q.numerator, n), _iroot(q.denominator, n)
    if rn**n == q.numerator and rd**n == q.denominator:
        return Fraction(rn, rd)
    return None


def _principal(a: list[list[Decimal]]) -> tuple[list[Decimal], Decimal]:
    """Principal eigenvector (Σw = 1) and eigenvalue of a positive matrix, at the current precision.

    Row sums of A^(2^k), normalised, converge to the Perron vector (repeated
    squaring: the error shrinks like (|λ₂|/λmax)^(2^k)); λmax = Σ(A·w) since Σw = 1.
    """
    n = len(a)
    tol = Decimal(1).scaleb(-(decimal.getcontext().prec - 5))

    def direction(b: list[list[Decimal]]) -> list[Decimal]:
        sums = [_sum(row) for row in b]
        total = _sum(sums)
        return [s / total for s in sums]

    b = [row[:] for row in a]
    w = direction(b)
    for _ in range(80):
        b = [[_sum([b[i][k] * b[k][j] for k in range(n)]) for j in range(n)] for i in range(n)]
        top = max(max(row) for row in b)
        b = [[x / top for x in row] for row in b]
        nxt = direction(b)
        if max(abs(x - y) for x, y in zip(nxt, w)) <= tol:
            w = nxt
            break
        w = nxt
    else:  # pragma: no cover - a positive matrix always converges
        raise PrecisionError("the power iteration did not converge")
    aw = [_sum([a[i][j] * w[j] for j in range(n)]) for i in range(n)]
    return w, _sum(aw) / _sum(w)


@attrs.frozen(eq=False)
class Priorities:
    """AHP priorities of a :class:`PairwiseMatrix`, with λmax, CI, RI, CR and the explanation.

    ``weights`` are the priorities by name (they add up to 1, up to the last of
    ``places`` decimals when inexact). ``consistent`` is ``CR ≤ threshold``. When the
    matrix was accepted despite CR > threshold (``on_inconsistent="warn"``),
    ``warnings`` says so. ``worst`` names the judgment furthest from the ratio
    ``w_i / w_j`` its priorities imply: ``(cell path, judgment, implied ratio)``.

    ``exact`` says whether the priority vector is exact (``exact_weights`` then holds
    the rationals); λmax, CI and CR are exact only for a consistent matrix, and
    ``precision`` is the working precision that confirmed them otherwise.
    """

    matrix: PairwiseMatrix
    method: PriorityMethod
    weights: Mapping[str, Decimal]
    lambda_max: Decimal
    ci: Decimal
    ri: Decimal
    cr: Decimal
    threshold: Decimal
    exact: bool
    places: int
    precision: int | None
    random_index: RandomIndex
    warnings: tuple[str, ...] = ()
    worst: tuple[str, Fraction, Decimal] | None = None
    intermediates: tuple[tuple[str, Mapping[str, object]], ...] = ()
    exact_weights: Mapping[str, Fraction] | None = attrs.field(default=None, repr=False)

    @property
    def consistent(self) -> bool:
        return self.cr <= self.threshold

    def criteria(self, directions: Mapping[str, object] | None = None) -> tuple[Criterion, ...]:
        """These priorities as criteria for SAW, WP or TOPSIS; *directions* maps names to benefit/cost (default benefit).

        The weights keep their exact value (a ``Fraction``) when the priorities are exact.
        """
        directions = dict(directions or {})
        ps = Problems()
        for name in directions:
            if name not in self.weights:
                ps.add(f"directions.{name}", f"not one of the compared names ({', '.join(self.weights)})")
        ps.raise_if_any()
        out = []
        for name, w in self.weights.items():
            weight = self.exact_weights[name] if self.exact_weights is not None else Fraction(w)
            try:
                out.append(Criterion(name, weight, directions.get(name, Direction.HIGHER_IS_BETTER)))
            except ValidationError as exc:
                ps.extend(exc, f"directions.{name}")
        ps.raise_if_any()
        return tuple(out)

    def explain(self) -> Explanation:
        """Matrix, priority method and its intermediate values, λmax, CI, RI, CR and the verdict."""
        n = self.matrix.size
        names = self.matrix.names
        steps: list[Step] = [
            Step(
                "pairwise comparison matrix (Saaty 1–9 scale)",
                AHP_SOURCE,
                {a: {b: str(self.matrix.cells[i][j]) for j, b in enumerate(names)} for i, a in enumerate(names)},
                f"{n}×{n}",
                note="checked: diagonal 1, values within 1/9…9, exactly reciprocal",
            )
        ]
        method_source = {
            PriorityMethod.EIGENVECTOR: AHP_SOURCE,
            PriorityMethod.GEOMETRIC_MEAN: _GEOMETRIC_SOURCE,
            PriorityMethod.COLUMN_MEAN: _COLUMN_MEAN_SOURCE,
        }[self.method]
        for rule, values in self.intermediates:
            steps.append(Step(rule, method_source, {}, dict(values)))
        how = (
            f"exact rational arithmetic, shown to {self.places} decimal places"
            if self.exact
            else f"Decimal arithmetic up to {self.precision} significant digits, confirmed to {self.places} decimal places"
        )
        steps.append(
            Step(f"priority vector ({self.method.value}), Σw = 1", method_source, {}, dict(self.weights), note=how)
        )
        steps.append(
            Step(
                "λmax = principal eigenvalue of the matrix",
                AHP_SOURCE,
                {"n": n},
                self.lambda_max,
                note="λmax = n exactly for a consistent matrix (a_ij · a_jk = a_ik)" if self.ci == 0 else "",
            )
        )
        steps.append(Step("CI = (λmax − n) / (n − 1)", AHP_SOURCE, {"λmax": self.lambda_max, "n": n}, self.ci))
        steps.append(Step(f"RI for n = {n}", self.random_index.source, {"n": n}, self.ri))
        steps.append(
            Step(
                "CR = CI / RI",
                AHP_SOURCE,
                {"CI": self.ci, "RI": self.ri},
                self.cr,
                note="for n ≤ 2 RI = 0 and every reciprocal matrix is consistent: CR = 0" if n <= 2 else "",
            )
        )
        verdict = "consistent" if self.consistent else "inconsistent"
        note = ""
        if self.worst is not None:
            path, given, implied = self.worst
            note = f"judgment furthest from the priorities: {path} = {given} (the priorities imply {_display(implied)})"
        steps.append(
            Step(
                f"consistency check: CR ≤ {fmt(self.threshold)}",
                AHP_SOURCE,
                {"CR": self.cr, "threshold": self.threshold},
                verdict,
                note="; ".join(x for x in (note, *self.warnings) if x),
            )
        )
        return Explanation(f"AHP priorities ({self.method.value}) of {', '.join(names)}", tuple(steps))

    def to_json(self) -> dict[str, Any]:
        return {
            "names": list(self.matrix.names),
            "cells": [[str(v) for v in row] for row in self.matrix.cells],
            "method": self.method.value,
            "weights": render_value(self.weights),
            "lambda_max": fmt(self.lambda_max),
            "ci": fmt(self.ci),
            "ri": fmt(self.ri),
            "cr": fmt(self.cr),
            "consistent": self.consistent,
            "exact": self.exact,
            "warnings": list(self.warnings),
        }

    def __str__(self) -> str:
        lines = [
            f"AHP ({self.method.value}): CR = {_display(self.cr)} ({'consistent' if self.consistent else 'inconsistent'})"
        ]
        width = max(len(n) for n in self.weights)
        for name, w in self.weights.items():
            lines.append(f"  {name.ljust(width)}  {fmt(w)}")
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)


def _threshold_conv(value: object) -> Decimal:
    return to_decimal(value, "threshold")


def _priority_method_conv(value: object) -> PriorityMethod:
    if isinstance(value, PriorityMethod):
        return value
    for m in PriorityMethod:
        if isinstance(value, str) and value.strip().lower().replace("_", "-") in (
            m.value,
            m.name.lower().replace("_", "-"),
        ):
            return m
    raise ValidationError.one("method", f"expected one of {', '.join(m.value for m in PriorityMethod)}, got {value!r}")


def _display(value: Decimal) -> str:
    """Four decimals for a message (display only; the value itself is not rounded)."""
    return fmt(round_half_up(value, 4))


@attrs.frozen
class AHP:
    """Analytic Hierarchy Process weights (Saaty 1980) from a :class:`PairwiseMatrix`.

    ``weigh(matrix)`` returns :class:`Priorities`: the priority vector by the
    declared :class:`PriorityMethod`, ``λmax`` (the principal eigenvalue),
    ``CI = (λmax − n)/(n − 1)``, ``RI`` from *random_index* (Saaty's table by
    default) and ``CR = CI/RI``. When ``CR > threshold`` (0.10) the matrix is refused
    with :class:`InconsistentJudgmentsError` naming the judgment furthest from the
    priorities, or — with ``on_inconsistent="warn"`` — accepted with a stated warning.

    Precision: a consistent matrix (``a_ij · a_jk = a_ik``) is solved exactly
    (λmax = n, CI = CR = 0, priorities = any column over its sum). Otherwise λmax and
    the eigenvector come from a power iteration (repeated squaring) in ``Decimal``,
    the geometric mean from ``exp(ln(Π a_ij)/n)`` unless every row product is a
    perfect n-th power, and all of them are confirmed to ``places`` decimal places
    (default 30) as the module docstring describes. The column mean is exact.

    >>> p = AHP().weigh(PairwiseMatrix(["a", "b", "c"], [[1, 3, 5], ["1/3", 1, 3], ["1/5", "1/3", 1]]))
    >>> [fmt(round_half_up(x, 4)) for x in (p.lambda_max, p.ci, p.cr)]
    ['3.0385', '0.0193', '0.0332']
    """

    method: PriorityMethod = attrs.field(default=PriorityMethod.EIGENVECTOR, converter=_priority_method_conv)
    threshold: Decimal = attrs.field(default=Decimal("0.10"), converter=_threshold_conv)
    on_inconsistent: Literal["refuse", "warn"] = "refuse"
    random_index: RandomIndex = SAATY_RANDOM_INDEX
    places: int = attrs.field(default=30, validator=_places_validator)

    def __attrs_post_init__(self) -> None:
        if self.on_inconsistent not in ("refuse", "warn"):
            raise ValidationError.one("on_inconsistent", f"expected 'refuse' or 'warn', got {self.on_inconsistent!r}")

    def weigh(self, matrix: PairwiseMatrix) -> Priorities:
        n = matrix.size
        ri = self.random_index.for_size(n)
        a = matrix.cells
        names = matrix.names
        places = self.places
        intermediates: list[tuple[str, Mapping[str, object]]] = []
        exact_w: list[Fraction] | None = None
        precision: int | None = None

        if self.method is PriorityMethod.COLUMN_MEAN:
            sums = [sum((a[i][j] for i in range(n)), Fraction(0)) for j in range(n)]
            normalised = [[a[i][j] / sums[j] for j in range(n)] for i in range(n)]
            exact_w = [sum(row, Fraction(0)) / n for row in normalised]
            intermediates.append(("column sums Σ_i a_ij", dict(zip(names, (str(s) for s in sums)))))
            intermediates.append(
                (
                    "normalised columns a_ij / Σ_k a_kj",
                    {
                        x: dict(zip(names, (_round_fraction(v, places) for v in row)))
                        for x, row in zip(names, normalised)
                    },
                )
            )
        elif self.method is PriorityMethod.GEOMETRIC_MEAN:
            products = [_product(list(row)) for row in a]
            intermediates.append(("row products Π_j a_ij (exact)", dict(zip(names, (str(p) for p in products)))))
            roots = [_exact_root(p, n) for p in products]
            if all(r is not None for r in roots):
                exact_roots = [r for r in roots if r is not None]
                total = sum(exact_roots, Fraction(0))
                exact_w = [r / total for r in exact_roots]
                intermediates.append((f"{n}-th roots (exact)", dict(zip(names, (str(r) for r in exact_roots)))))

        consistent = _is_consistent(a)
        if consistent:
            column = [a[i][0] for i in range(n)]
            total = sum(column, Fraction(0))
            exact_w = [c / total for c in column]  # every method gives this vector for a consistent matrix
            lam = Decimal(n)
            ci = Decimal(0)
            cr = Decimal(0)
            eig_w: list[Decimal] = [_round_fraction(w, places) for w in exact_w]
            gm_w: list[Decimal] | None = None
        else:
            want_gm = self.method is PriorityMethod.GEOMETRIC_MEAN and exact_w is None
            products = [_product(list(row)) for row in a]

            def compute() -> list[Decimal]:
                dec = [[_dec(x) for x in row] for row in a]
                w, lam_ = _principal(dec)
                ci_ = (lam_ - n) / (n - 1)
                out = [*w, lam_, ci_, ci_ / ri]
                if want_gm:
                    roots = [((Decimal(p.numerator).ln() - Decimal(p.denominator).ln()) / n).exp() for p in products]
                    total_ = _sum(roots)
                    out.extend(r / total_ for r in roots)
                    out.extend(roots)
                return out

            values, precision = _confirm(compute, lambda xs: [_round_decimal(x, places) for x in xs], places)
            eig_w = values[:n]
            lam, ci, cr = values[n], values[n + 1], values[n + 2]
            gm_w = values[n + 3 : 2 * n + 3] if want_gm else None
            if want_gm:
                intermediates.append((f"{n}-th roots (Π_j a_ij)^(1/{n})", dict(zip(names, values[2 * n + 3 :]))))

        if exact_w is not None:
            weights, _ = _reported(exact_w, places)
        elif gm_w is not None:
            weights = gm_w
        else:
            weights = eig_w

        if consistent and n > 1:
            intermediates.append(("consistent matrix: a_ij · a_jk = a_ik for all i, j, k", {"w_i": "a_i1 / Σ_k a_k1"}))

        worst = None if consistent else _worst_judgment(matrix, eig_w)
        verdict_cr = cr
        warnings: tuple[str, ...] = ()
        if verdict_cr > self.threshold:
            path, given, implied = worst if worst is not None else ("cells", Fraction(1), Decimal(1))
            message = (
                f"consistency ratio CR = {_display(verdict_cr)} exceeds {fmt(self.threshold)} (Saaty 1980); "
                f"revise the judgments — the one furthest from the priorities is {path} = {given} "
                f"(the priorities imply {_display(implied)})"
            )
            if self.on_inconsistent == "refuse":
                raise InconsistentJudgmentsError([Problem(path, message)], verdict_cr, self.threshold)
            warnings = (f"accepted although inconsistent: {message}",)
        return Priorities(
            matrix=matrix,
            method=self.method,
            weights=dict(zip(names, weights)),
            lambda_max=lam,
            ci=ci,
            ri=ri,
            cr=cr,
            threshold=self.threshold,
            exact=exact_w is not None,
            places=places,
            precision=precision,
            random_index=self.random_index,
            warnings=warnings,
            worst=worst,
            intermediates=tuple(intermediates),
            exact_weights=None if exact_w is None else dict(zip(names, exact_w)),
        )


def _worst_judgment(matrix: PairwiseMatrix, w: Sequence[Decimal]) -> tuple[str, Fraction, Decimal] | None:
    """The judgment a_ij (i < j) furthest, as a ratio, from w_i / w_j (the first in reading order on a tie)."""
    best: tuple[Decimal, str, Fraction, Decimal] | None = None
    n = matrix.size
    for i in range(n):
        for j in range(i + 1, n):
            implied = Fraction(w[i]) / Fraction(w[j])
            given = matrix.cells[i][j]
            ratio = given / implied
            # compared to 20 places, far coarser than the 30 of w: ties (all three cells of an
            # inconsistent 3×3 deviate alike) go to the first cell in reading order, not to noise
            deviation = _round_fraction(max(ratio, 1 / ratio), 20)
            if best is None or deviation > best[0]:
                best = (deviation, f"cells[{i}][{j}]", given, _round_fraction(implied, 10))
    return None if best is None else best[1:]


# --- selection policies ------------------------------------------------------------------------


@attrs.frozen
class Candidate:
    """The facts a selection policy decides on: a *ranking* and the *key* of one alternative in it."""

    ranking: Ranking
    key: str


@attrs.frozen
class Selection:
    """What a selection policy decided for every alternative of a ranking (in rank order)."""

    policy: str
    decisions: tuple[Decision, ...]

    @property
    def chosen(self) -> tuple[str, ...]:
        """The selected keys, in rank order."""
        return tuple(d.subject for d in self.decisions if d.outcome is True)

    def decision(self, key: str) -> Decision:
        for d in self.decisions:
            if d.subject == key:
                return d
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        return {"policy": self.policy, "chosen": list(self.chosen), "decisions": [d.to_json() for d in self.decisions]}

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.decisions)


_CutOff = Literal["refuse", "include", "exclude"]


def _k_validator(inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError.one("k", f"k must be a whole number ≥ 1, got {value!r}")


def _cutoff_validator(inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("refuse", "include", "exclude"):
        raise ValidationError.one("at_cutoff", f"expected 'refuse', 'include' or 'exclude', got {value!r}")


@attrs.frozen
class TopK:
    """Select the best *k* alternatives of a ranking, or the best *k* of each group when *per* names an attribute (``"unit"``).

    Positions within a group follow the ranking's own scores and tie policy. A tie
    that straddles the cut-off (two alternatives sharing places k and k+1) is
    handled by *at_cutoff*: ``"refuse"`` (default: raise, naming the tied keys, so
    the agency declares a tie-breaker), ``"include"`` (all of them, possibly more
    than k) or ``"exclude"`` (none of them, possibly fewer than k).

    An agency choice: *source* defaults to ``Source("agency choice", …, "agency")``.
    ``decide(Candidate(ranking, key))`` answers for one alternative (the Policy
    protocol); ``select(ranking)`` decides for all of them at once.
    """

    k: int = attrs.field(validator=_k_validator)
    per: str | None = None
    at_cutoff: _CutOff = attrs.field(default="refuse", validator=_cutoff_validator)
    name: str = "top-k"
    source: Source = Source("agency choice", "selection of the top k of a ranking", "agency")

    def decide(self, facts: Candidate) -> Decision:
        return self.select(facts.ranking).decision(facts.key)

    def select(self, ranking: Ranking) -> Selection:
        groups: dict[str, list[RankItem]] = {}
        ps = Problems()
        group_of: dict[str, str] = {}
        for i, alt in enumerate(ranking.matrix.alternatives):
            if self.per is None:
                g = ""
            else:
                value = alt.attributes.get(self.per)
                if value is None:
                    ps.add(f"alternatives[{i}].attributes.{self.per}", f"missing: selection per {self.per} needs it")
                    continue
                g = str(render_value(value))
            group_of[alt.key] = g
        ps.raise_if_any()
        for item in ranking.items:
            groups.setdefault(group_of[item.key], []).append(item)
        placed: dict[str, tuple[Ranked, int, int, int, tuple[str, ...]]] = {}
        for members in groups.values():
            local = _rank(members, ranking.ties)
            position = 0
            idx = 0
            while idx < len(local):
                block = [r for r in local[idx:] if r.rank == local[idx].rank]
                start, end = position + 1, position + len(block)
                keys = tuple(r.key for r in block)
                for r in block:
                    placed[r.key] = (r, start, end, len(members), keys)
                position = end
                idx += len(block)
        straddling = sorted(
            {v[4] for v in placed.values() if v[1] <= self.k < v[2]}, key=lambda keys: ranking.order.index(keys[0])
        )
        if straddling and self.at_cutoff == "refuse":
            raise ValidationError(
                Problem(
                    "ties",
                    f"{', '.join(keys)} tie across the cut-off (top {self.k}"
                    f"{'' if self.per is None else ' per ' + self.per}); declare a tie-breaker "
                    "(TiePolicy.breakers) or at_cutoff='include'/'exclude'",
                )
                for keys in straddling
            )
        decisions = []
        for overall in ranking.ranked:
            local_r, start, end, size, keys = placed[overall.key]
            group = group_of[overall.key]
            where = "" if self.per is None else f" in {self.per} {group}"
            straddles = start <= self.k < end
            selected = end <= self.k or (straddles and self.at_cutoff == "include")
            requirements = [
                Requirement(
                    "rank" if self.per is None else f"rank within {self.per}",
                    local_r.rank,
                    f"≤ {self.k} (top {self.k} of {size}{where})",
                    end <= self.k,
                    self.source,
                    note=local_r.how,
                )
            ]
            if straddles:
                others = ", ".join(x for x in keys if x != overall.key)
                requirements.append(
                    Requirement(
                        "tie at the cut-off",
                        f"tied with {others} for places {start}–{end}",
                        f"at_cutoff = {self.at_cutoff}",
                        self.at_cutoff == "include",
                        self.source,
                    )
                )
            summary = (
                f"{'selected' if selected else 'not selected'}: place {fmt(local_r.rank)} of {size}{where}, "
                f"top {self.k} {'chosen' if self.per is None else 'per ' + self.per}"
            )
            details: list[tuple[str, object]] = [
                ("method", ranking.method),
                ("score", overall.score),
                ("overall rank", overall.rank),
                ("tie rule", ranking.ties.describe()),
            ]
            if self.per is not None:
                details.insert(0, (self.per, group))
            decisions.append(Decision(self.name, overall.key, selected, tuple(requirements), tuple(details), summary))
        return Selection(self.name, tuple(decisions))


@attrs.frozen
class AboveThreshold:
    """Select every alternative whose score reaches *threshold* (``score ≥ threshold``; ``>`` with ``inclusive=False``).

    Exact methods compare their exact rational scores, so a score just below the
    threshold is never rounded up to it.
    """

    threshold: Decimal = attrs.field(converter=_threshold_conv)
    inclusive: bool = True
    name: str = "above-threshold"
    source: Source = Source("agency choice", "selection of the scores above a threshold", "agency")

    def decide(self, facts: Candidate) -> Decision:
        return self.select(facts.ranking).decision(facts.key)

    def select(self, ranking: Ranking) -> Selection:
        decisions = []
        sign = "≥" if self.inclusive else ">"
        for r in ranking.ranked:
            exact = ranking.exact_scores[r.key] if ranking.exact_scores is not None else None
            score: Fraction | Decimal = exact if exact is not None else r.score
            limit = Fraction(self.threshold) if exact is not None else self.threshold
            met = score >= limit if self.inclusive else score > limit
            requirement = Requirement(
                "score", r.score, f"{sign} {fmt(self.threshold)}", bool(met), self.source, note=ranking.method
            )
            summary = f"{'selected' if met else 'not selected'}: score {fmt(r.score)} {sign if met else 'not ' + sign} {fmt(self.threshold)}"
            details = (("method", ranking.method), ("rank", r.rank), ("tie rule", ranking.ties.describe()))
            decisions.append(Decision(self.name, r.key, bool(met), (requirement,), details, summary))
        return Selection(self.name, tuple(decisions))
