"""Simple additive weighting (SAW) with a declared normalisation (Hwang & Yoon 1981; Kusumadewi et al. 2006)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import TypeVar

import attrs

from kinerja.mcdm._arith import SAW_SOURCE, exact_sum
from kinerja.mcdm.matrix import DecisionMatrix
from kinerja.mcdm.normalisation import Normalisation, check_columns, normalisation_conv, normalise_column
from kinerja.mcdm.outcome import Frame, Ranking, method_ranking, no_sqrt, places_validator
from kinerja.ranking import TiePolicy

N = TypeVar("N", Fraction, Decimal)


def _saw_frame(
    cols: list[list[N]], shares: list[N], *, benefit: list[bool], kind: Normalisation, sqrt: Callable[[N], N]
) -> Frame[N]:
    n, m = len(cols), len(cols[0])
    normalised_cols: list[list[N]] = []
    stats: list[dict[str, N]] = []
    for j in range(n):
        r, st = normalise_column(kind, cols[j], benefit[j], sqrt)
        normalised_cols.append(r)
        stats.append(st)
    normalised = [[normalised_cols[j][i] for j in range(n)] for i in range(m)]
    weighted = [[shares[j] * normalised[i][j] for j in range(n)] for i in range(m)]
    return Frame(normalised, weighted, stats, {}, [exact_sum(row) for row in weighted])


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

    normalisation: Normalisation = attrs.field(default=Normalisation.MAX, converter=normalisation_conv)
    ties: TiePolicy = attrs.field(factory=TiePolicy.average)
    places: int = attrs.field(default=30, validator=places_validator)

    @property
    def name(self) -> str:
        return f"SAW ({self.normalisation.value} normalisation)"

    def rank(self, matrix: DecisionMatrix) -> Ranking:
        kind = self.normalisation
        check_columns(kind, matrix)
        benefit = [c.is_benefit for c in matrix.criteria]
        exact = partial(_saw_frame, benefit=benefit, kind=kind, sqrt=no_sqrt) if kind.exact else None
        inexact = partial(_saw_frame, benefit=benefit, kind=kind, sqrt=Decimal.sqrt)
        return method_ranking(
            self.name,
            "SAW",
            SAW_SOURCE,
            matrix,
            matrix.shares,
            exact,
            inexact,
            self.ties,
            self.places,
            normalisation=kind,
        )
