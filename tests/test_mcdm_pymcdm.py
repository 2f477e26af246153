"""Cross-check against a peer: kinerja's SAW, WP and TOPSIS against pymcdm on generated decision matrices.

pymcdm (a test-only dependency) computes in float64; kinerja exactly or in confirmed
Decimal. Scores must agree to 1e-9, and the rankings must be identical wherever
pymcdm's scores have no ties. "No ties" is read with the same 1e-9: two float scores
closer than that may be an exact tie that float rounding split (kinerja would then
report a shared rank), so such draws are not compared rank for rank.

Definitions that differ, and how each test bridges them:

* SAW ``Normalisation.MAX`` is pymcdm's ``linear_normalization`` (x/max, min/x), not
  pymcdm's ``max_normalization`` (whose cost variant is 1 − x/max);
* min-max: pymcdm maps a constant column to all ones, kinerja refuses it (it would
  divide by max − min = 0); the comparison draws non-constant columns and a separate
  test checks the refusal;
* WP: kinerja follows the Indonesian textbook form (Kusumadewi et al. 2006) —
  S = Π x^(±w) on the raw values, V = S / ΣS — while pymcdm's ``WPM`` multiplies
  sum-normalised values, P = Π r^w. For benefit r = x/Σx and for cost
  r = (1/x)/Σ(1/x), so P = S / C with the same constant C for every alternative:
  kinerja's V equals pymcdm's P / ΣP, which is what is compared;
* TOPSIS: kinerja normalises every column by x/‖x‖ and lets the direction choose the
  ideal (Hwang & Yoon); pymcdm's ``vector_normalization`` turns a cost column into
  1 − x/‖x‖ and takes the column maximum as ideal. The distances are identical;
* pymcdm's weights are the floats w/Σw; kinerja uses the exact shares w/Σw.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kinerja.errors import ValidationError
from kinerja.mcdm import SAW, TOPSIS, WP, DecisionMatrix, Ranking

pymcdm = pytest.importorskip("pymcdm")
np = pytest.importorskip("numpy")

from pymcdm import methods, normalizations  # noqa: E402

TOLERANCE = 1e-9
Problem = tuple[list[list[D]], list[int], list[int]]


@st.composite
def problems(draw: st.DrawFn, min_criteria: int = 1) -> Problem:
    m = draw(st.integers(2, 6))
    n = draw(st.integers(min_criteria, 4))
    cell = st.decimals(min_value=D("0.01"), max_value=D(1000), places=2)
    values = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    weights = draw(st.lists(st.integers(1, 10), min_size=n, max_size=n))
    types = draw(st.lists(st.sampled_from([1, -1]), min_size=n, max_size=n))
    return values, weights, types


def _ours(problem: Problem) -> DecisionMatrix:
    values, weights, types = problem
    return DecisionMatrix.from_arrays(values, weights, types)


def _theirs(problem: Problem) -> tuple[object, object, object]:
    values, weights, types = problem
    w = np.array(weights, dtype=float)
    return np.array([[float(x) for x in row] for row in values]), w / w.sum(), np.array(types)


def _agree(ranking: Ranking, method: object, preferences: object) -> None:
    ours = [float(ranking.scores[k]) for k in ranking.matrix.keys]
    theirs = [float(x) for x in preferences]  # type: ignore[attr-defined]
    assert all(abs(a - b) < TOLERANCE for a, b in zip(ours, theirs)), (ours, theirs)
    tied = any(abs(a - b) <= TOLERANCE for i, a in enumerate(theirs) for b in theirs[i + 1 :])
    if not tied:
        their_ranks = [float(x) for x in method.rank(np.array(theirs))]  # type: ignore[attr-defined]
        our_ranks = [float(ranking.rank_of(k)) for k in ranking.matrix.keys]
        assert our_ranks == their_ranks


def _constant_column(problem: Problem) -> bool:
    values = problem[0]
    return any(len({row[j] for row in values}) == 1 for j in range(len(values[0])))


SAW_PEERS = [
    ("max", normalizations.linear_normalization),
    ("vector", normalizations.vector_normalization),
    ("sum", normalizations.sum_normalization),
]


@pytest.mark.parametrize(("ours", "theirs"), SAW_PEERS, ids=[name for name, _ in SAW_PEERS])
@settings(max_examples=40, deadline=None)
@given(problem=problems())
def test_saw_agrees_with_pymcdm_wsm(ours: str, theirs: object, problem: Problem) -> None:
    peer = methods.WSM(theirs)
    assert_agree = SAW(normalisation=ours).rank(_ours(problem))
    _agree(assert_agree, peer, peer(*_theirs(problem), validation=False))


@settings(max_examples=40, deadline=None)
@given(problem=problems())
def test_saw_min_max_agrees_with_pymcdm_wsm(problem: Problem) -> None:
    assume(not _constant_column(problem))  # pymcdm maps a constant column to ones; kinerja refuses it
    peer = methods.WSM(normalizations.minmax_normalization)
    _agree(SAW(normalisation="min-max").rank(_ours(problem)), peer, peer(*_theirs(problem), validation=False))


def test_min_max_constant_column_is_a_documented_difference() -> None:
    problem: Problem = ([[D(1), D(5)], [D(2), D(5)]], [1, 1], [1, -1])
    peer = methods.WSM(normalizations.minmax_normalization)
    assert list(peer(*_theirs(problem), validation=False)) == [0.5, 1.0]  # pymcdm: the constant column is all ones
    with pytest.raises(ValidationError) as info:
        SAW(normalisation="min-max").rank(_ours(problem))
    assert info.value.paths == ("criteria[1]",)


@settings(max_examples=50, deadline=None)
@given(problem=problems())
def test_wp_agrees_with_pymcdm_wpm_up_to_its_sum_normalisation(problem: Problem) -> None:
    peer = methods.WPM(normalizations.sum_normalization)
    p = np.array(peer(*_theirs(problem), validation=False))
    _agree(WP().rank(_ours(problem)), peer, p / p.sum())  # V = S/ΣS = P/ΣP (see the module docstring)


@settings(max_examples=50, deadline=None)
@given(problem=problems())
def test_topsis_agrees_with_pymcdm_topsis_vector(problem: Problem) -> None:
    values = problem[0]
    assume(any(len({row[j] for row in values}) > 1 for j in range(len(values[0]))))  # else 0/0, refused
    peer = methods.TOPSIS(normalizations.vector_normalization)
    _agree(TOPSIS().rank(_ours(problem)), peer, peer(*_theirs(problem), validation=False))
