"""AHP weights (Saaty 1980): pairwise matrices, priority vectors, λmax, CI, RI, CR and the consistency verdict."""

from __future__ import annotations

import decimal
import enum
import itertools
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

import attrs

from kinerja.errors import Problem, Problems, ValidationError, collect, quote
from kinerja.explain import Explanation, Source, Step, render_value
from kinerja.mcdm._arith import (
    AHP_SOURCE,
    COLUMN_MEAN_SOURCE,
    GEOMETRIC_SOURCE,
    SAATY,
    PrecisionError,
    confirm_digits,
    exact_product,
    exact_sum,
    fraction_decimal,
    reported_decimals,
    round_decimal,
    round_fraction,
)
from kinerja.mcdm.matrix import Criterion
from kinerja.mcdm.outcome import places_validator
from kinerja.model import Direction
from kinerja.numbers import fmt, round_half_up, to_decimal


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
            raise ValidationError.one(path, f"division by zero in {quote(value)}")
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
        rows.append(tuple(collect(row, lambda v: _judgment(v, ""), f"cells[{i}][{{}}]", problems=ps)))
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
                ps.add(f"names[{k}]", f"duplicate name {quote(name)}")
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
                ps.add(path, f"expected a pair of names, got {quote(pair)}")
                continue
            a, b = pair
            unknown = [x for x in (a, b) if x not in index]
            if unknown:
                ps.add(path, f"unknown name {quote(unknown[0])} (names: {', '.join(names)})")
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
    Source(SAATY, "random consistency index RI, n = 1…10", "R"),
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
        sums = [exact_sum(row) for row in b]
        total = exact_sum(sums)
        return [s / total for s in sums]

    b = [row[:] for row in a]
    w = direction(b)
    for _ in range(80):
        b = [[exact_sum([b[i][k] * b[k][j] for k in range(n)]) for j in range(n)] for i in range(n)]
        top = max(max(row) for row in b)
        b = [[x / top for x in row] for row in b]
        nxt = direction(b)
        if max(abs(x - y) for x, y in zip(nxt, w)) <= tol:
            w = nxt
            break
        w = nxt
    else:  # pragma: no cover - a positive matrix always converges
        raise PrecisionError("the power iteration did not converge")
    aw = [exact_sum([a[i][j] * w[j] for j in range(n)]) for i in range(n)]
    return w, exact_sum(aw) / exact_sum(w)


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

        def criterion(name: str) -> Criterion:
            weight = self.exact_weights[name] if self.exact_weights is not None else Fraction(self.weights[name])
            return Criterion(name, weight, directions.get(name, Direction.HIGHER_IS_BETTER))

        return tuple(collect(self.weights, criterion, lambda _, name: f"directions.{name}"))

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
            PriorityMethod.GEOMETRIC_MEAN: GEOMETRIC_SOURCE,
            PriorityMethod.COLUMN_MEAN: COLUMN_MEAN_SOURCE,
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
        steps.append(self._verdict_step())
        return Explanation(f"AHP priorities ({self.method.value}) of {', '.join(names)}", tuple(steps))

    def _verdict_step(self) -> Step:
        verdict = "consistent" if self.consistent else "inconsistent"
        note = ""
        if self.worst is not None:
            path, given, implied = self.worst
            note = f"judgment furthest from the priorities: {path} = {given} (the priorities imply {display_number(implied)})"
        return Step(
            f"consistency check: CR ≤ {fmt(self.threshold)}",
            AHP_SOURCE,
            {"CR": self.cr, "threshold": self.threshold},
            verdict,
            note="; ".join(x for x in (note, *self.warnings) if x),
        )

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
            f"AHP ({self.method.value}): CR = {display_number(self.cr)} ({'consistent' if self.consistent else 'inconsistent'})"
        ]
        width = max(len(n) for n in self.weights)
        for name, w in self.weights.items():
            lines.append(f"  {name.ljust(width)}  {fmt(w)}")
        lines.extend(f"  warning: {w}" for w in self.warnings)
        return "\n".join(lines)


def threshold_conv(value: object) -> Decimal:
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
    raise ValidationError.one(
        "method", f"expected one of {', '.join(m.value for m in PriorityMethod)}, got {quote(value)}"
    )


def display_number(value: Decimal) -> str:
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
    threshold: Decimal = attrs.field(default=Decimal("0.10"), converter=threshold_conv)
    on_inconsistent: Literal["refuse", "warn"] = "refuse"
    random_index: RandomIndex = SAATY_RANDOM_INDEX
    places: int = attrs.field(default=30, validator=places_validator)

    def __attrs_post_init__(self) -> None:
        if self.on_inconsistent not in ("refuse", "warn"):
            raise ValidationError.one(
                "on_inconsistent", f"expected 'refuse' or 'warn', got {quote(self.on_inconsistent)}"
            )

    def weigh(self, matrix: PairwiseMatrix) -> Priorities:
        n = matrix.size
        ri = self.random_index.for_size(n)
        names = matrix.names
        exact_w, intermediates = self._exact_priorities(matrix)
        consistent = _is_consistent(matrix.cells)
        precision: int | None = None
        gm_w: list[Decimal] | None = None
        if consistent:
            column = [matrix.cells[i][0] for i in range(n)]
            total = sum(column, Fraction(0))
            exact_w = [c / total for c in column]  # every method gives this vector for a consistent matrix
            lam, ci, cr = Decimal(n), Decimal(0), Decimal(0)
            eig_w = [round_fraction(w, self.places) for w in exact_w]
        else:
            want_gm = self.method is PriorityMethod.GEOMETRIC_MEAN and exact_w is None
            values, precision = self._confirmed(matrix, ri, want_gm)
            eig_w = values[:n]
            lam, ci, cr = values[n], values[n + 1], values[n + 2]
            if want_gm:
                gm_w = values[n + 3 : 2 * n + 3]
                intermediates.append((f"{n}-th roots (Π_j a_ij)^(1/{n})", dict(zip(names, values[2 * n + 3 :]))))
        if exact_w is not None:
            weights, _ = reported_decimals(exact_w, self.places)
        else:
            weights = gm_w if gm_w is not None else eig_w
        if consistent and n > 1:
            intermediates.append(("consistent matrix: a_ij · a_jk = a_ik for all i, j, k", {"w_i": "a_i1 / Σ_k a_k1"}))
        worst = None if consistent else _worst_judgment(matrix, eig_w)
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
            places=self.places,
            precision=precision,
            random_index=self.random_index,
            warnings=self._verdict(cr, worst),
            worst=worst,
            intermediates=tuple(intermediates),
            exact_weights=None if exact_w is None else dict(zip(names, exact_w)),
        )

    def _exact_priorities(
        self, matrix: PairwiseMatrix
    ) -> tuple[list[Fraction] | None, list[tuple[str, Mapping[str, object]]]]:
        """The exact priority vector of the column mean, or of a geometric mean of perfect n-th powers."""
        n, a, names = matrix.size, matrix.cells, matrix.names
        intermediates: list[tuple[str, Mapping[str, object]]] = []
        if self.method is PriorityMethod.COLUMN_MEAN:
            sums = [sum((a[i][j] for i in range(n)), Fraction(0)) for j in range(n)]
            normalised = [[a[i][j] / sums[j] for j in range(n)] for i in range(n)]
            intermediates.append(("column sums Σ_i a_ij", dict(zip(names, (str(s) for s in sums)))))
            shown = {
                x: dict(zip(names, (round_fraction(v, self.places) for v in row))) for x, row in zip(names, normalised)
            }
            intermediates.append(("normalised columns a_ij / Σ_k a_kj", shown))
            return [sum(row, Fraction(0)) / n for row in normalised], intermediates
        if self.method is PriorityMethod.GEOMETRIC_MEAN:
            products = [exact_product(list(row)) for row in a]
            intermediates.append(("row products Π_j a_ij (exact)", dict(zip(names, (str(p) for p in products)))))
            roots = [_exact_root(p, n) for p in products]
            if all(r is not None for r in roots):
                exact_roots = [r for r in roots if r is not None]
                total = sum(exact_roots, Fraction(0))
                intermediates.append((f"{n}-th roots (exact)", dict(zip(names, (str(r) for r in exact_roots)))))
                return [r / total for r in exact_roots], intermediates
        return None, intermediates

    def _confirmed(self, matrix: PairwiseMatrix, ri: Decimal, want_gm: bool) -> tuple[list[Decimal], int]:
        """Eigenvector, λmax, CI, CR (and the geometric-mean weights and roots), confirmed to ``places``."""
        n, a = matrix.size, matrix.cells
        products = [exact_product(list(row)) for row in a]

        def compute() -> list[Decimal]:
            dec = [[fraction_decimal(x) for x in row] for row in a]
            w, lam_ = _principal(dec)
            ci_ = (lam_ - n) / (n - 1)
            out = [*w, lam_, ci_, ci_ / ri]
            if want_gm:
                roots = [((Decimal(p.numerator).ln() - Decimal(p.denominator).ln()) / n).exp() for p in products]
                total_ = exact_sum(roots)
                out.extend(r / total_ for r in roots)
                out.extend(roots)
            return out

        return confirm_digits(compute, lambda xs: [round_decimal(x, self.places) for x in xs], self.places)

    def _verdict(self, cr: Decimal, worst: tuple[str, Fraction, Decimal] | None) -> tuple[str, ...]:
        """Refuse (or, with ``on_inconsistent="warn"``, warn about) a CR over the threshold."""
        if cr <= self.threshold:
            return ()
        path, given, implied = worst if worst is not None else ("cells", Fraction(1), Decimal(1))
        message = (
            f"consistency ratio CR = {display_number(cr)} exceeds {fmt(self.threshold)} (Saaty 1980); "
            f"revise the judgments — the one furthest from the priorities is {path} = {given} "
            f"(the priorities imply {display_number(implied)})"
        )
        if self.on_inconsistent == "refuse":
            raise InconsistentJudgmentsError([Problem(path, message)], cr, self.threshold)
        return (f"accepted although inconsistent: {message}",)


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
            deviation = round_fraction(max(ratio, 1 / ratio), 20)
            if best is None or deviation > best[0]:
                best = (deviation, f"cells[{i}][{j}]", given, round_fraction(implied, 10))
    return None if best is None else best[1:]
