"""Multi-criteria selection: SAW, WP, TOPSIS and AHP weights — exact where possible, always explained.

A package: :mod:`~kinerja.mcdm.matrix` (the decision matrix), one module per method
(:mod:`~kinerja.mcdm.saw`, :mod:`~kinerja.mcdm.wp`, :mod:`~kinerja.mcdm.topsis`,
:mod:`~kinerja.mcdm.ahp`), :mod:`~kinerja.mcdm.outcome` (the :class:`Ranking` they return) and
:mod:`~kinerja.mcdm.selection`; every public name is importable from ``kinerja.mcdm``.

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

from kinerja.mcdm._arith import PrecisionError
from kinerja.mcdm.ahp import (
    AHP,
    SAATY_RANDOM_INDEX,
    InconsistentJudgmentsError,
    PairwiseMatrix,
    Priorities,
    PriorityMethod,
    RandomIndex,
)
from kinerja.mcdm.matrix import Alternative, Criterion, DecisionMatrix, direction_of
from kinerja.mcdm.normalisation import Normalisation
from kinerja.mcdm.outcome import Ranking, RankingMethod
from kinerja.mcdm.saw import SAW
from kinerja.mcdm.selection import AboveThreshold, Candidate, Selection, TopK
from kinerja.mcdm.topsis import TOPSIS
from kinerja.mcdm.wp import WP

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

# The errors keep the path they always had: a traceback names kinerja.mcdm.InconsistentJudgmentsError.
InconsistentJudgmentsError.__module__ = PrecisionError.__module__ = __name__
