"""SAW's normalisations (max, min-max, vector, sum) and the checks that refuse a column they would divide by zero."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Source
from kinerja.mcdm._arith import HWANG_YOON, KUSUMADEWI, PYMCDM, exact_sum
from kinerja.mcdm.matrix import DecisionMatrix
from kinerja.numbers import fmt

N = TypeVar("N", Fraction, Decimal)
T = TypeVar("T")

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
            return Source(f"{KUSUMADEWI}; {PYMCDM}", "SAW normalisation: x/max (benefit), min/x (cost)", "R")
        return Source(f"{HWANG_YOON}; {PYMCDM}", f"{self.value} normalisation and its cost variant", "R")


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


def normalisation_conv(value: object) -> Normalisation:
    if isinstance(value, Normalisation):
        return value
    if isinstance(value, str):
        key = value.strip().lower().replace("-", "").replace("_", "").replace(" ", "")
        if key in _NORMALISATION_NAMES:
            return _NORMALISATION_NAMES[key]
    raise ValidationError.one("normalisation", f"expected one of max, min-max, vector, sum; got {quote(value)}")


def _cells(ps: Problems, matrix: DecisionMatrix, name: str, bad: Callable[[Decimal], bool], needs: str) -> None:
    """Add a problem for every value of column *name* that is *bad*, saying what the normalisation *needs*."""
    for i, x in enumerate(matrix.column(name)):
        if bad(x):
            ps.add(matrix.cell_path(i, name), f"{needs}, got {fmt(x)}")


def check_column(kind: Normalisation, matrix: DecisionMatrix, j: int, ps: Problems) -> None:
    """Refuse, with paths, a column the normalisation would divide by zero (or read meaninglessly)."""
    c = matrix.criteria[j]
    xs = matrix.column(c.name)
    where = f"criteria[{j}]"
    if kind is Normalisation.MAX and c.is_benefit:
        _cells(ps, matrix, c.name, lambda x: x < 0, "max normalisation needs values ≥ 0")
        if max(xs) == 0:
            ps.add(where, f"column {quote(c.name)} is all zeros: max normalisation (x / max) divides by 0")
    elif kind is Normalisation.MAX:
        _cells(
            ps, matrix, c.name, lambda x: x <= 0, "cost criterion under max normalisation computes min / x; needs x > 0"
        )
    elif kind is Normalisation.MIN_MAX:
        if max(xs) == min(xs):
            ps.add(
                where,
                f"column {quote(c.name)} is constant ({fmt(xs[0])}): min-max normalisation divides by max − min = 0",
            )
    elif kind is Normalisation.VECTOR:
        if all(x == 0 for x in xs):
            ps.add(where, f"column {quote(c.name)} is all zeros: vector normalisation divides by √Σx² = 0")
    elif c.is_benefit:
        _cells(ps, matrix, c.name, lambda x: x < 0, "sum normalisation needs values ≥ 0")
        if all(x == 0 for x in xs):
            ps.add(where, f"column {quote(c.name)} is all zeros: sum normalisation (x / Σx) divides by 0")
    else:
        _cells(
            ps, matrix, c.name, lambda x: x <= 0, "cost criterion under sum normalisation computes 1 / x; needs x > 0"
        )


def check_columns(kind: Normalisation, matrix: DecisionMatrix) -> None:
    """Refuse, all at once and with paths, every column the normalisation would divide by zero."""
    ps = Problems()
    for j in range(len(matrix.criteria)):
        check_column(kind, matrix, j, ps)
    ps.raise_if_any()


def normalise_column(
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
        norm = sqrt(exact_sum([x * x for x in xs]))
        if benefit:
            return [x / norm for x in xs], {"√Σx²": norm}
        return [1 - x / norm for x in xs], {"√Σx²": norm}
    if benefit:
        total = exact_sum(list(xs))
        return [x / total for x in xs], {"Σx": total}
    inverses = [1 / x for x in xs]
    total = exact_sum(inverses)
    return [v / total for v in inverses], {"Σ(1/x)": total}
