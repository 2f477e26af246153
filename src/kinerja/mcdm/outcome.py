"""What every ranking method returns: the computation frame, the :class:`Ranking` with its explanation, and the shared finish."""

from __future__ import annotations

import decimal
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Generic, Literal, Protocol, TypeVar, runtime_checkable

import attrs

from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Explanation, Source, Step, render_value
from kinerja.mcdm._arith import (
    TIE_SOURCE_ARTICLE,
    WIDE,
    confirm_digits,
    exact_sum,
    fraction_decimal,
    reported_decimals,
    round_decimal,
    round_fraction,
)
from kinerja.mcdm.matrix import Alternative, DecisionMatrix, show_number
from kinerja.mcdm.normalisation import Normalisation
from kinerja.numbers import fmt
from kinerja.ranking import Ranked, RankItem, TiePolicy, rank

N = TypeVar("N", Fraction, Decimal)

# --- the computation frame ------------------------------------------------------------------------


@attrs.define
class Frame(Generic[N]):
    """Everything a method computes: rows are alternatives, columns criteria."""

    normalised: list[list[N]] | None
    weighted: list[list[N]]
    column_stats: list[dict[str, N]]
    alternative_values: dict[str, list[N]]
    scores: list[N]


def frame_map(frame: Frame[Any], f: Callable[[Any], Decimal]) -> Frame[Decimal]:
    return Frame(
        None if frame.normalised is None else [[f(x) for x in row] for row in frame.normalised],
        [[f(x) for x in row] for row in frame.weighted],
        [{k: f(v) for k, v in stats.items()} for stats in frame.column_stats],
        {k: [f(x) for x in vs] for k, vs in frame.alternative_values.items()},
        [f(x) for x in frame.scores],
    )


def no_sqrt(x: Fraction) -> Fraction:
    raise AssertionError("an exact method asked for a square root")


def confirmed_frame(compute: Callable[[], Frame[Decimal]], places: int) -> tuple[Frame[Decimal], int]:
    """An inexact method's frame, every value confirmed to *places* decimals (see the package docstring)."""
    return confirm_digits(compute, lambda f: frame_map(f, lambda d: round_decimal(d, places)), places)


def columns_exact(matrix: DecisionMatrix) -> list[list[Fraction]]:
    return [[Fraction(x) for x in matrix.column(name)] for name in matrix.names]


def columns_decimal(matrix: DecisionMatrix) -> list[list[Decimal]]:
    return [list(matrix.column(name)) for name in matrix.names]


# --- rankings -----------------------------------------------------------------------------------------


def rank_items(matrix: DecisionMatrix, scores: Sequence[Decimal], ties: TiePolicy) -> tuple[RankItem, ...]:
    ps = Problems()
    items: list[RankItem] = []
    for i, (alt, score) in enumerate(zip(matrix.alternatives, scores)):
        tiebreak: dict[str, object] = {}
        for k in ties.keys:
            if alt.attributes.get(k) is None:
                ps.add(
                    f"alternatives[{i}].attributes.{k}",
                    f"tie-breaker {quote(k)} missing (the tie policy declares it: {ties.describe()})",
                )
            else:
                tiebreak[k] = alt.attributes[k]
        items.append(RankItem(alt.key, score, tiebreak))
    ps.raise_if_any()
    return tuple(items)


def rank_wide(items: Sequence[RankItem], ties: TiePolicy) -> tuple[Ranked, ...]:
    """:func:`kinerja.ranking.rank` in a wide context: it orders by ``-score``, and a unary minus rounds to
    the context precision (28 digits by default), which would merge scores that differ further down."""
    with decimal.localcontext(WIDE):
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
        return {r.key: r for r in self.ranked}[key]

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
        steps = self._input_steps()
        if self.kind == "SAW" and self.normalisation is not None and self.normalised is not None:
            steps += self._saw_steps(self.normalisation, self.normalised)
        elif self.kind == "WP":
            steps += self._wp_steps()
        elif self.kind == "TOPSIS" and self.normalised is not None:
            steps += self._topsis_steps(self.normalised)
        steps += self._rank_steps()
        return Explanation(f"{self.method}: ranking of {len(self.matrix.alternatives)} alternatives", tuple(steps))

    def _input_steps(self) -> list[Step]:
        m = self.matrix
        how = (
            "exact rational arithmetic; values shown to "
            f"{self.places} decimal places (exact where they terminate sooner)"
            if self.exact
            else f"Decimal arithmetic at {self.precision // 2 if self.precision else '?'} and {self.precision} "
            f"significant digits; every value confirmed to {self.places} decimal places"
        )
        return [
            Step(
                "decision matrix (alternatives × criteria)",
                self.source,
                {a.key: dict(a.values) for a in m.alternatives},
                f"{len(m.alternatives)} alternatives × {len(m.criteria)} criteria",
                note=how,
            ),
            Step(
                "weights as shares of their total: w / Σw",
                self.source,
                {c.name: f"{render_value(c.weight)} ({c.kind})" for c in m.criteria},
                dict(self.shares),
                note=f"Σw = {show_number(m.total_weight)}",
            ),
        ]

    def _weighted_step(self) -> Step:
        return Step("weighted values v = w · r", self.source, {}, {k: dict(v) for k, v in self.weighted.items()})

    def _saw_steps(self, normalisation: Normalisation, normalised: Mapping[str, Mapping[str, Decimal]]) -> list[Step]:
        m = self.matrix
        steps = [
            Step(
                f"normalise {c.name} ({c.kind}, {normalisation.value}): {normalisation.formula(c.is_benefit)}",
                normalisation.source,
                dict(self.column_stats[c.name]),
                {k: normalised[k][c.name] for k in m.keys},
            )
            for c in m.criteria
        ]
        steps.append(self._weighted_step())
        steps += [
            Step(f"score of {k}: V = Σ w · r", self.source, dict(self.weighted[k]), self.scores[k]) for k in m.keys
        ]
        return steps

    def _wp_steps(self) -> list[Step]:
        m = self.matrix
        s = self.alternative_values["S"]
        steps = [
            Step(
                "exponents: +share for benefit, −share for cost",
                self.source,
                {},
                {c.name: self.column_stats[c.name]["exponent"] for c in m.criteria},
                note="WP does not normalise the matrix: the exponents carry the weights and the directions",
            ),
            Step("factors x^w", self.source, {}, {k: dict(v) for k, v in self.weighted.items()}),
        ]
        steps += [Step(f"S of {k} = Π x^w", self.source, dict(self.weighted[k]), s[k]) for k in m.keys]
        with decimal.localcontext(WIDE):  # exact: the S values carry `places` decimals
            s_total = exact_sum(list(s.values()))
        steps += [
            Step(f"score of {k}: V = S / ΣS", self.source, {"S": s[k], "ΣS": s_total}, self.scores[k]) for k in m.keys
        ]
        return steps

    def _topsis_steps(self, normalised: Mapping[str, Mapping[str, Decimal]]) -> list[Step]:
        m = self.matrix
        stats = self.column_stats
        steps = [
            Step(
                f"normalise {c.name}: r = x / √Σx² (vector normalisation)",
                self.source,
                {"√Σx²": stats[c.name]["√Σx²"]},
                {k: normalised[k][c.name] for k in m.keys},
            )
            for c in m.criteria
        ]
        steps.append(self._weighted_step())
        steps.append(
            Step(
                "ideal A+ (max v for benefit, min v for cost) and anti-ideal A− (the opposite)",
                self.source,
                {c.name: c.kind for c in m.criteria},
                {
                    "A+": {c.name: stats[c.name]["A+"] for c in m.criteria},
                    "A−": {c.name: stats[c.name]["A−"] for c in m.criteria},
                },
            )
        )
        d = {k: {"D+": self.alternative_values["D+"][k], "D−": self.alternative_values["D−"][k]} for k in m.keys}
        steps += [
            Step(f"distances of {k}: D+ = √Σ(v − A+)², D− = √Σ(v − A−)²", self.source, dict(self.weighted[k]), d[k])
            for k in m.keys
        ]
        steps += [
            Step(f"score of {k}: closeness C = D− / (D+ + D−)", self.source, d[k], self.scores[k]) for k in m.keys
        ]
        return steps

    def _rank_steps(self) -> list[Step]:
        tie_source = Source(TIE_SOURCE_ARTICLE, self.ties.describe(), "agency")
        steps = [
            Step(
                "rank by score, higher is better",
                tie_source,
                dict(self.scores),
                {r.key: r.rank for r in self.ranked},
                note=f"tie rule: {self.ties.describe()}",
            )
        ]
        steps += [
            Step(f"rank of {r.key}", tie_source, {"score": r.score, "tied with": list(r.tied_with)}, r.rank, note=r.how)
            for r in self.ranked
        ]
        return steps

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data: how the ranking was computed, its tables (decimals as strings), the ranks and the notes."""
        how = {"method": self.method, "exact": self.exact, "places": self.places, "precision": self.precision}
        tables = {name: render_value(getattr(self, name)) for name in _TABLES}
        ranking = [
            {"key": r.key, "score": fmt(r.score), "rank": fmt(r.rank), "tied_with": list(r.tied_with), "how": r.how}
            for r in self.ranked
        ]
        return {**how, "ties": self.ties.describe(), **tables, "ranking": ranking, "notes": list(self.notes)}

    def __str__(self) -> str:
        width = max(len(r.key) for r in self.ranked)
        lines = [f"{self.method} — {self.ties.describe()}"]
        for r in self.ranked:
            lines.append(f"  {fmt(r.rank):>5}  {r.key.ljust(width)}  {fmt(r.score)}  ({r.how})")
        return "\n".join(lines)


_TABLES = ("shares", "normalised", "weighted", "column_stats", "alternative_values", "scores")
"""The tables a :class:`Ranking` carries, in the order its JSON gives them."""


@runtime_checkable
class RankingMethod(Protocol):
    """A multi-criteria ranking method: a *name* and ``rank(matrix) -> Ranking``."""

    @property
    def name(self) -> str: ...

    def rank(self, matrix: DecisionMatrix) -> Ranking: ...


def places_validator(inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 200:
        raise ValidationError.one(attribute.name, f"places must be a whole number 1…200, got {quote(value)}")


def method_ranking(
    method: str,
    kind: Literal["SAW", "WP", "TOPSIS"],
    source: Source,
    matrix: DecisionMatrix,
    params: Sequence[Fraction],
    exact: Callable[[list[list[Fraction]], list[Fraction]], Frame[Fraction]] | None,
    inexact: Callable[[list[list[Decimal]], list[Decimal]], Frame[Decimal]],
    ties: TiePolicy,
    places: int,
    *,
    normalisation: Normalisation | None = None,
    notes: tuple[str, ...] = (),
) -> Ranking:
    """What every ranking method does once its values are checked: compute its frame, then rank and explain.

    A frame function takes the matrix columns and one parameter per criterion (SAW and
    TOPSIS the weight shares, WP the exponents). With *exact* the method runs in rational
    arithmetic; otherwise *inexact* runs in ``Decimal``, the parameters as decimals at each
    run's precision, and every value is confirmed to *places* decimal places.
    """
    exact_scores: list[Fraction] | None = None
    precision: int | None = None
    if exact is not None:
        exact_frame = exact(columns_exact(matrix), list(params))
        frame, exact_scores = round_frame_exact(exact_frame, places), exact_frame.scores
        scores, _ = reported_decimals(exact_scores, places)
    else:
        cols = columns_decimal(matrix)
        frame, precision = confirmed_frame(lambda: inexact(cols, [fraction_decimal(p) for p in params]), places)
        scores = frame.scores
    keys, names = matrix.keys, matrix.names
    items = rank_items(matrix, scores, ties)
    shares, _ = reported_decimals(list(matrix.shares), places)

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
        ranked=rank_wide(items, ties),
        source=source,
        normalisation=normalisation,
        notes=notes,
        exact_scores=None if exact_scores is None else dict(zip(keys, exact_scores)),
        items=items,
    )


def round_frame_exact(frame: Frame[Fraction], places: int) -> Frame[Decimal]:
    return frame_map(frame, lambda q: round_fraction(q, places))
