"""TOPSIS after Hwang & Yoon (1981): distances to the ideal and anti-ideal solutions, relative closeness."""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import attrs

from kinerja.errors import ValidationError
from kinerja.mcdm._arith import TOPSIS_SOURCE, exact_sum
from kinerja.mcdm.matrix import DecisionMatrix
from kinerja.mcdm.normalisation import Normalisation, check_columns
from kinerja.mcdm.outcome import Frame, Ranking, method_ranking, places_validator
from kinerja.ranking import TiePolicy


def _topsis_frame(cols: list[list[Decimal]], shares: list[Decimal], *, benefit: list[bool]) -> Frame[Decimal]:
    n, m = len(cols), len(cols[0])
    norms = [exact_sum([x * x for x in col]).sqrt() for col in cols]
    normalised = [[cols[j][i] / norms[j] for j in range(n)] for i in range(m)]
    weighted = [[shares[j] * normalised[i][j] for j in range(n)] for i in range(m)]
    columns = [[weighted[i][j] for i in range(m)] for j in range(n)]
    ideal = [max(col) if benefit[j] else min(col) for j, col in enumerate(columns)]
    anti = [min(col) if benefit[j] else max(col) for j, col in enumerate(columns)]
    d_plus = [exact_sum([(weighted[i][j] - ideal[j]) ** 2 for j in range(n)]).sqrt() for i in range(m)]
    d_minus = [exact_sum([(weighted[i][j] - anti[j]) ** 2 for j in range(n)]).sqrt() for i in range(m)]
    closeness = [d_minus[i] / (d_plus[i] + d_minus[i]) for i in range(m)]
    stats = [{"√Σx²": norms[j], "A+": ideal[j], "A−": anti[j]} for j in range(n)]
    return Frame(normalised, weighted, stats, {"D+": d_plus, "D−": d_minus}, closeness)


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
    places: int = attrs.field(default=30, validator=places_validator)

    @property
    def name(self) -> str:
        return "TOPSIS"

    def rank(self, matrix: DecisionMatrix) -> Ranking:
        check_columns(Normalisation.VECTOR, matrix)
        shares = matrix.shares
        if all(s == 0 or len(set(matrix.column(c.name))) == 1 for s, c in zip(shares, matrix.criteria)):
            raise ValidationError.one(
                "alternatives",
                "every weighted criterion has the same value for all alternatives: "
                "each alternative is both ideal and anti-ideal and closeness is 0/0",
            )
        benefit = [c.is_benefit for c in matrix.criteria]
        inexact = partial(_topsis_frame, benefit=benefit)
        return method_ranking(self.name, "TOPSIS", TOPSIS_SOURCE, matrix, shares, None, inexact, self.ties, self.places)
