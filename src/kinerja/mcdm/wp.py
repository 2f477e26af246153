"""Weighted product (WP): ``S = Π x^w``, ``V = S / ΣS`` (Kusumadewi et al. 2006; Hwang & Yoon 1981)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import TypeVar

import attrs

from kinerja.errors import Problems, ValidationError
from kinerja.explain import render_value
from kinerja.mcdm._arith import WP_SOURCE, exact_product, exact_sum
from kinerja.mcdm.matrix import DecisionMatrix
from kinerja.mcdm.outcome import Frame, Ranking, method_ranking, places_validator
from kinerja.numbers import fmt
from kinerja.ranking import TiePolicy

N = TypeVar("N", Fraction, Decimal)


def _wp_frame(cols: list[list[N]], exponents: list[N], *, power: Callable[[N, N], N]) -> Frame[N]:
    n, m = len(cols), len(cols[0])
    factors = [[power(cols[j][i], exponents[j]) for j in range(n)] for i in range(m)]
    s = [exact_product(row) for row in factors]
    total = exact_sum(s)
    return Frame(None, factors, [{"exponent": e} for e in exponents], {"S": s}, [x / total for x in s])


def _exact_power(x: Fraction, e: Fraction) -> Fraction:
    return x ** int(e)


def _decimal_power(x: Decimal, e: Decimal) -> Decimal:
    if e == 0:
        return Decimal(1)
    if x == 0:
        return Decimal(0)  # e > 0 here: a zero under a negative exponent was refused
    return (e * x.ln()).exp()


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
    places: int = attrs.field(default=30, validator=places_validator)

    def _exponents(self, matrix: DecisionMatrix) -> list[Fraction]:
        """±share (or ±raw weight) per criterion, after refusing every value the product cannot take."""
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
                    ps.add(matrix.cell_path(i, c.name), f"weighted product needs values ≥ 0, got {fmt(x)}")
                elif x == 0 and exponents[j] < 0:
                    ps.add(
                        matrix.cell_path(i, c.name),
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
        return exponents

    @property
    def name(self) -> str:
        return "WP" if self.normalise_weights else "WP (raw weights as exponents)"

    def rank(self, matrix: DecisionMatrix) -> Ranking:
        exponents = self._exponents(matrix)
        notes = (
            ("exponents are the raw weights (rank-equivalent to shares; V differs)",)
            if not self.normalise_weights
            else ()
        )
        exact = partial(_wp_frame, power=_exact_power) if all(e.denominator == 1 for e in exponents) else None
        inexact = partial(_wp_frame, power=_decimal_power)
        return method_ranking(
            self.name, "WP", WP_SOURCE, matrix, exponents, exact, inexact, self.ties, self.places, notes=notes
        )
