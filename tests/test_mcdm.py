"""Multi-criteria selection (kinerja.mcdm): worked examples, ties, policies and bad input.

Every worked example says where its numbers come from: a public source (cited), or
worked by hand (exact fractions, or a closed form evaluated independently of the
code under test).
"""

from __future__ import annotations

import decimal
import pickle
from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.errors import ValidationError
from kinerja.mcdm import (
    AHP,
    SAW,
    TOPSIS,
    WP,
    AboveThreshold,
    Candidate,
    Criterion,
    DecisionMatrix,
    InconsistentJudgmentsError,
    Normalisation,
    PairwiseMatrix,
    PriorityMethod,
    RandomIndex,
    RankingMethod,
    TopK,
    direction_of,
)
from kinerja.model import Direction, Predikat
from kinerja.numbers import round_half_up
from kinerja.policy import Decision, Policy
from kinerja.ranking import TiePolicy
from kinerja.result import Result


def r4(x: D) -> D:
    return round_half_up(x, 4)


def q30(x: F) -> D:
    """An exact value as kinerja reports it: rounded half-even to 30 places (computed here independently)."""
    with decimal.localcontext(decimal.Context(prec=80)):
        return (D(x.numerator) / D(x.denominator)).quantize(D("1E-30"), rounding=decimal.ROUND_HALF_EVEN).normalize()


# --- the "gudang" example of Kusumadewi, Hartati, Harjoko & Wardoyo (2006), Fuzzy MADM -------------
# Three warehouse sites, five criteria, weights W = (5, 3, 4, 4, 2) on a 1-5 importance scale;
# C2 and C4 are benefit criteria, C1, C3 and C5 cost criteria. The book works WP on these data.

GUDANG_VALUES = [[0.75, 2000, 18, 50, 500], [0.50, 1500, 20, 40, 450], [0.90, 2050, 35, 35, 800]]
GUDANG = DecisionMatrix.from_arrays(
    GUDANG_VALUES,
    [5, 3, 4, 4, 2],
    ["cost", "benefit", "cost", "benefit", "cost"],
    alternatives=["Ngemplak", "Kalasan", "Kota Gedhe"],
)


def test_wp_reproduces_kusumadewi_2006_gudang() -> None:
    # Published (Kusumadewi et al. 2006, WP example): weights fixed to 0.28, 0.17, 0.22, 0.22, 0.11 (= w/18),
    # S1 = 2.4187, S2 = 2.4270, S3 = 1.7462; V1 = 0.3669, V2 = 0.3682, V3 = 0.2649; Kalasan is chosen.
    r = WP().rank(GUDANG)
    s = r.alternative_values["S"]
    assert [r4(s[k]) for k in GUDANG.keys] == [D("2.4187"), D("2.4270"), D("1.7462")]
    assert [r4(r.scores[k]) for k in GUDANG.keys] == [D("0.3669"), D("0.3682"), D("0.2649")]
    assert r.order == ("Kalasan", "Ngemplak", "Kota Gedhe")
    assert not r.exact and r.precision is not None
    assert [r4(v) for v in r.shares.values()] == [D("0.2778"), D("0.1667"), D("0.2222"), D("0.2222"), D("0.1111")]
    assert r.column_stats["C1"]["exponent"] == r.shares["C1"].copy_negate()  # cost: negative exponent


def test_saw_max_normalisation_on_gudang_by_hand() -> None:
    # Worked by hand with exact fractions: r = x/max (benefit), min/x (cost), V = Σ (w/18)·r.
    v1 = (5 * F(2, 3) + 3 * F(40, 41) + 4 * 1 + 4 * 1 + 2 * F(9, 10)) / 18
    v2 = (5 * 1 + 3 * F(30, 41) + 4 * F(9, 10) + 4 * F(4, 5) + 2 * 1) / 18
    v3 = (5 * F(5, 9) + 3 * 1 + 4 * F(18, 35) + 4 * F(7, 10) + 2 * F(9, 16)) / 18
    r = SAW().rank(GUDANG)
    assert r.exact and r.exact_scores == {"Ngemplak": v1, "Kalasan": v2, "Kota Gedhe": v3}
    assert r.scores == {"Ngemplak": q30(v1), "Kalasan": q30(v2), "Kota Gedhe": q30(v3)}
    assert r.normalised is not None
    assert r.normalised["Ngemplak"]["C1"] == q30(F(2, 3)) and r.normalised["Kota Gedhe"]["C5"] == D("0.5625")
    assert r.weighted["Kalasan"]["C1"] == q30(F(5, 18))
    assert r.column_stats["C2"] == {"max": D(2050)} and r.column_stats["C1"] == {"min": D("0.5")}
    assert r.order == ("Ngemplak", "Kalasan", "Kota Gedhe")
    # SAW and WP disagree on the first place here: the method is a declared choice.
    assert r.order[0] != WP().rank(GUDANG).order[0]


def test_saw_other_normalisations_by_hand() -> None:
    # Worked by hand: one benefit criterion b = (1, 2, 3) and one cost criterion c = (2, 4, 4), equal weights.
    m = DecisionMatrix.of(
        [("b", 1, "benefit"), ("c", 1, "cost")], {"x": {"b": 1, "c": 2}, "y": {"b": 2, "c": 4}, "z": {"b": 3, "c": 4}}
    )
    minmax = SAW(normalisation="min-max").rank(m)
    # b: (0, 1/2, 1); c: (max − x)/(max − min) = (1, 0, 0)
    assert minmax.exact_scores == {"x": F(1, 2), "y": F(1, 4), "z": F(1, 2)}
    assert [str(r.rank) for r in minmax.ranked] == ["1.5", "1.5", "3"]
    total = SAW(normalisation=Normalisation.SUM).rank(m)
    # b: x/6 = (1/6, 1/3, 1/2); c: (1/x)/Σ(1/x) = (1/2, 1/4, 1/4)/1 = (1/2, 1/4, 1/4)
    assert total.exact_scores == {"x": F(1, 3), "y": F(7, 24), "z": F(3, 8)}
    vector = SAW(normalisation="vector").rank(m)
    # b: x/√14; c: 1 − x/6 (√(4+16+16) = 6) = (2/3, 1/3, 1/3)
    assert not vector.exact
    with decimal.localcontext(decimal.Context(prec=60)):
        root14 = D(14).sqrt()
        expected = {
            k: (b / root14 + c) / 2
            for k, b, c in (("x", D(1), 1 - D(2) / 6), ("y", D(2), 1 - D(4) / 6), ("z", D(3), 1 - D(4) / 6))
        }
    for k, v in expected.items():
        assert abs(vector.scores[k] - v) < D("1E-30")
    assert vector.column_stats["c"] == {"√Σx²": D(6)}


def test_topsis_by_hand_with_rational_distances() -> None:
    # Worked by hand: b = (3, 4) benefit, c = (4, 3) cost, equal weights. ‖b‖ = ‖c‖ = 5, r = (0.6, 0.8) and (0.8, 0.6),
    # v = r/2; A+ = (0.4, 0.3), A− = (0.3, 0.4); alternative y IS the ideal, x the anti-ideal.
    m = DecisionMatrix.of([("b", 1, "benefit"), ("c", 1, "cost")], {"x": {"b": 3, "c": 4}, "y": {"b": 4, "c": 3}})
    r = TOPSIS().rank(m)
    assert r.normalised == {"x": {"b": D("0.6"), "c": D("0.8")}, "y": {"b": D("0.8"), "c": D("0.6")}}
    assert r.column_stats["b"] == {"√Σx²": D(5), "A+": D("0.4"), "A−": D("0.3")}
    assert r.column_stats["c"] == {"√Σx²": D(5), "A+": D("0.3"), "A−": D("0.4")}
    assert r.alternative_values["D+"]["y"] == 0 and r.alternative_values["D−"]["x"] == 0
    # D+ of x = √(0.1² + 0.1²) = √0.02
    with decimal.localcontext(decimal.Context(prec=60)):
        assert r.alternative_values["D+"]["x"] == D("0.02").sqrt().quantize(D("1E-30"))
    assert r.scores == {"x": D(0), "y": D(1)}
    assert r.order == ("y", "x")


def test_topsis_on_gudang_matches_an_independent_float_computation() -> None:
    # Recomputed here in plain float64 with Hwang & Yoon's formulas (independent of the Decimal code), to 1e-12.
    import math

    w = [x / 18 for x in (5, 3, 4, 4, 2)]
    benefit = [False, True, False, True, False]
    cols = list(zip(*GUDANG_VALUES))
    norms = [math.sqrt(sum(x * x for x in col)) for col in cols]
    v = [[w[j] * row[j] / norms[j] for j in range(5)] for row in GUDANG_VALUES]
    vc = list(zip(*v))
    ideal = [max(c) if benefit[j] else min(c) for j, c in enumerate(vc)]
    anti = [min(c) if benefit[j] else max(c) for j, c in enumerate(vc)]
    closeness = []
    for row in v:
        dp = math.sqrt(sum((a - b) ** 2 for a, b in zip(row, ideal)))
        dm = math.sqrt(sum((a - b) ** 2 for a, b in zip(row, anti)))
        closeness.append(dm / (dp + dm))
    r = TOPSIS().rank(GUDANG)
    for k, c in zip(GUDANG.keys, closeness):
        assert abs(float(r.scores[k]) - c) < 1e-12
    assert r.order == ("Kalasan", "Ngemplak", "Kota Gedhe")


def test_topsis_equidistant_alternatives_tie_exactly() -> None:
    # By hand: b1 = (1, 2, 1.5, 2) and b2 = (2, 1, 1.5, 2), equal weights, so A+ = (2, 2)·c and A− = (1, 1)·c
    # (c = w/‖b‖, the same for both columns). s = (2, 2) is the ideal: C = 1. p = (1, 2) and q = (2, 1) are one
    # step from each, r = (1.5, 1.5) half a step on both axes: D+ = D−, so C = 1/2 for all three — a tie.
    m = DecisionMatrix.from_arrays(
        [[1, 2], [2, 1], [1.5, 1.5], [2, 2]], [1, 1], [1, 1], alternatives=["p", "q", "r", "s"]
    )
    r = TOPSIS().rank(m)
    assert r.scores == {"p": D("0.5"), "q": D("0.5"), "r": D("0.5"), "s": D(1)}
    assert {x.key: str(x.rank) for x in r.ranked} == {"s": "1", "p": "3", "q": "3", "r": "3"}
    assert r["p"].tied_with == ("q", "r")


# --- AHP -----------------------------------------------------------------------------------------------


def _cbrt(x: D) -> D:
    return (x.ln() / 3).exp()


def test_ahp_3x3_by_closed_form() -> None:
    # By hand: for a 3×3 reciprocal matrix with a12 = a, a13 = b, a23 = c, λmax = 1 + ∛(ac/b) + ∛(b/(ac)),
    # and the principal eigenvector equals the normalised row geometric means (Crawford & Williams 1985).
    # Here a, b, c = 3, 5, 3: λmax = 1 + ∛(9/5) + ∛(5/9) = 3.0385, CI = 0.0193, CR = CI/0.58 = 0.0332.
    pm = PairwiseMatrix(["hasil", "perilaku", "disiplin"], [[1, 3, 5], ["1/3", 1, 3], ["1/5", "1/3", 1]])
    p = AHP().weigh(pm)
    with decimal.localcontext(decimal.Context(prec=60)):
        lam = 1 + _cbrt(D(9) / 5) + _cbrt(D(5) / 9)
        g = [_cbrt(D(15)), D(1), _cbrt(D(1) / 15)]  # row products 15, 1, 1/15
        w = [x / sum(g) for x in g]
    assert abs(p.lambda_max - lam) < D("1E-29")
    assert all(abs(p.weights[k] - x) < D("1E-29") for k, x in zip(pm.names, w))
    assert (r4(p.lambda_max), r4(p.ci), r4(p.cr)) == (D("3.0385"), D("0.0193"), D("0.0332"))
    assert p.ri == D("0.58") and p.consistent and not p.exact
    gm = AHP(method=PriorityMethod.GEOMETRIC_MEAN).weigh(pm)
    assert all(abs(gm.weights[k] - p.weights[k]) < D("1E-29") for k in pm.names)  # EV = GM for n = 3


def test_ahp_saaty_1990_size_of_house_is_refused_then_warned() -> None:
    # Saaty (1990), How to make a decision: the AHP, EJOR 48: "size of house" for houses A, B, C:
    # priorities .754 .181 .065, λmax = 3.136, CI = .068, CR = .117 (> 0.10). By the closed form above
    # (a, b, c = 6, 8, 4): λmax = 1 + ∛3 + ∛(1/3), CR = 0.1169 to four decimals.
    pm = PairwiseMatrix(["A", "B", "C"], [[1, 6, 8], ["1/6", 1, 4], ["1/8", "1/4", 1]])
    with pytest.raises(InconsistentJudgmentsError) as info:
        AHP().weigh(pm)
    assert r4(info.value.cr) == D("0.1169") and info.value.threshold == D("0.10")
    assert info.value.paths[0].startswith("cells[") and "CR = 0.1169 exceeds 0.10" in str(info.value)
    p = AHP(on_inconsistent="warn").weigh(pm)
    assert [round_half_up(w, 3) for w in p.weights.values()] == [D("0.754"), D("0.181"), D("0.065")]
    assert (round_half_up(p.lambda_max, 3), round_half_up(p.ci, 3), round_half_up(p.cr, 3)) == (
        D("3.136"),
        D("0.068"),
        D("0.117"),
    )
    assert r4(p.cr) == D("0.1169") and not p.consistent and p.warnings and "0.1169" in p.warnings[0]
    with decimal.localcontext(decimal.Context(prec=60)):
        assert abs(p.lambda_max - (1 + _cbrt(D(3)) + _cbrt(D(1) / 3))) < D("1E-29")


SAATY_1990_HOUSE = [
    [1, 5, 3, 7, 6, 6, "1/3", "1/4"],
    ["1/5", 1, "1/3", 5, 3, 3, "1/5", "1/7"],
    ["1/3", 3, 1, 6, 3, 4, 6, "1/5"],
    ["1/7", "1/5", "1/6", 1, "1/3", "1/4", "1/7", "1/8"],
    ["1/6", "1/3", "1/3", 3, 1, "1/2", "1/5", "1/6"],
    ["1/6", "1/3", "1/4", 4, 2, 1, "1/5", "1/6"],
    [3, 5, "1/6", 7, 5, 5, 1, "1/2"],
    [4, 7, 5, 8, 6, 6, 2, 1],
]


def test_ahp_saaty_1990_house_criteria_8x8() -> None:
    # Saaty (1990), EJOR 48, the house-buying criteria: priorities .173 .054 .188 .018 .031 .036 .167 .333,
    # λmax = 9.669, CI = 0.238, CR = 0.169 — inconsistent, so refused unless a warning is declared.
    names = ["size", "transport", "neighbourhood", "age", "yard", "facilities", "condition", "financing"]
    pm = PairwiseMatrix(names, SAATY_1990_HOUSE)
    with pytest.raises(InconsistentJudgmentsError):
        AHP().weigh(pm)
    p = AHP(on_inconsistent="warn").weigh(pm)
    published = ["0.173", "0.054", "0.188", "0.018", "0.031", "0.036", "0.167", "0.333"]
    assert [round_half_up(w, 3) for w in p.weights.values()] == [D(x) for x in published]
    assert (round_half_up(p.lambda_max, 3), round_half_up(p.ci, 3), round_half_up(p.cr, 3)) == (
        D("9.669"),
        D("0.238"),
        D("0.169"),
    )
    assert p.ri == D("1.41")


def test_ahp_5x5_consistent_by_hand_is_exact() -> None:
    # By hand: a_ij = w_i / w_j with w = (6, 3, 2, 2, 1) is consistent, so λmax = 5, CI = CR = 0 and the
    # priorities are exactly w / 14 for every method.
    w = [6, 3, 2, 2, 1]
    names = ["hasil", "perilaku", "disiplin", "kompetensi", "masa_kerja"]
    pm = PairwiseMatrix(names, [[F(a, b) for b in w] for a in w])
    for method in PriorityMethod:
        p = AHP(method=method).weigh(pm)
        assert p.exact and p.exact_weights == {n: F(x, 14) for n, x in zip(names, w)}
        assert p.lambda_max == 5 and p.ci == 0 and p.cr == 0 and p.consistent
        assert p.weights["hasil"] == q30(F(3, 7))


# A 5×5 appraisal-criteria matrix (hasil kerja, perilaku, disiplin, kompetensi, masa kerja), worked
# independently with numpy.linalg.eig in float64: λmax = 5.126662, CI = 0.031665, CR = 0.028273.
BKD_5X5 = [
    [1, 3, 5, 4, 7],
    ["1/3", 1, 3, 2, 5],
    ["1/5", "1/3", 1, "1/2", 3],
    ["1/4", "1/2", 2, 1, 3],
    ["1/7", "1/5", "1/3", "1/3", 1],
]
BKD_5X5_WEIGHTS = ["0.4926", "0.2306", "0.0931", "0.1369", "0.0468"]


def test_ahp_5x5_cr_to_four_decimals() -> None:
    names = ["hasil", "perilaku", "disiplin", "kompetensi", "masa_kerja"]
    p = AHP().weigh(PairwiseMatrix(names, BKD_5X5))
    assert (r4(p.lambda_max), r4(p.ci), r4(p.cr)) == (D("5.1267"), D("0.0317"), D("0.0283"))
    assert [r4(w) for w in p.weights.values()] == [D(x) for x in BKD_5X5_WEIGHTS]
    assert p.ri == D("1.12") and p.consistent
    # The same λmax and CR whichever priority method is declared; the vectors differ and are named.
    cm = AHP(method="column-mean").weigh(PairwiseMatrix(names, BKD_5X5))
    assert cm.exact and cm.cr == p.cr and cm.weights != p.weights


def test_ahp_5x5_inconsistent_is_refused_naming_a_judgment() -> None:
    # Independently with numpy.linalg.eig: making disiplin 5× kompetensi contradicts the other judgments:
    # λmax = 5.535541, CI = 0.133885, CR = 0.119540 > 0.10.
    rows = [
        [1, 3, 5, 4, 7],
        ["1/3", 1, 3, 2, 5],
        ["1/5", "1/3", 1, 5, 3],
        ["1/4", "1/2", "1/5", 1, 3],
        ["1/7", "1/5", "1/3", "1/3", 1],
    ]
    pm = PairwiseMatrix(["H", "P", "D", "K", "M"], rows)
    with pytest.raises(InconsistentJudgmentsError) as info:
        AHP().weigh(pm)
    assert r4(info.value.cr) == D("0.1195")
    assert info.value.paths == ("cells[2][3]",)  # the disiplin/kompetensi judgment
    p = AHP(on_inconsistent="warn").weigh(pm)
    assert r4(p.lambda_max) == D("5.5355") and r4(p.ci) == D("0.1339") and p.worst is not None
    assert p.worst[0] == "cells[2][3]" and p.worst[1] == 5
    text = p.explain().to_text()
    assert "cells[2][3] = 5" in text and "inconsistent" in text
    assert AHP(threshold="0.12").weigh(pm).consistent  # a declared, different threshold


def test_ahp_geometric_mean_public_example_and_exact_roots() -> None:
    # A public worked example (the "mountain bike" exercise): [[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]],
    # geometric means 15^(1/3), (2/3)^(1/3), (1/10)^(1/3) → priorities 0.648, 0.230, 0.122.
    p = AHP(method="geometric-mean").weigh(
        PairwiseMatrix(["price", "gear", "weight"], [[1, 3, 5], ["1/3", 1, 2], ["1/5", "1/2", 1]])
    )
    assert [round_half_up(w, 3) for w in p.weights.values()] == [D("0.648"), D("0.230"), D("0.122")]
    assert dict(p.intermediates)["row products Π_j a_ij (exact)"] == {"price": "15", "gear": "2/3", "weight": "1/10"}
    # Perfect cubes are solved exactly: rows (1·2·4, ½·1·2, ¼·½·1) = (8, 1, 1/8) → (2, 1, 1/2)/3.5.
    exact = AHP(method="geometric-mean").weigh(
        PairwiseMatrix(["a", "b", "c"], [[1, 2, 4], ["1/2", 1, 2], ["1/4", "1/2", 1]])
    )
    assert exact.exact and exact.exact_weights == {"a": F(4, 7), "b": F(2, 7), "c": F(1, 7)}


def test_ahp_small_matrices_and_the_random_index_table() -> None:
    p = AHP().weigh(PairwiseMatrix(["a", "b"], [[1, 4], ["1/4", 1]]))
    assert p.exact_weights == {"a": F(4, 5), "b": F(1, 5)} and p.cr == 0 and p.ri == 0
    assert "RI = 0" in p.explain().to_text()
    eleven = PairwiseMatrix([f"c{i}" for i in range(11)], [[1] * 11 for _ in range(11)])
    with pytest.raises(ValidationError, match="no random index for a 11×11 matrix"):
        AHP().weigh(eleven)
    from kinerja.explain import Source

    custom = RandomIndex({11: D("1.51")}, Source("Saaty (1980), extended table", "n = 11", "R"))
    assert AHP(random_index=custom).weigh(eleven).cr == 0


def test_ahp_priorities_feed_a_ranking() -> None:
    pm = PairwiseMatrix.from_judgments(["kinerja", "absen"], {("kinerja", "absen"): 3})
    p = AHP().weigh(pm)
    crit = p.criteria({"absen": "cost"})
    assert [(c.name, c.weight, c.direction) for c in crit] == [
        ("kinerja", F(3, 4), Direction.HIGHER_IS_BETTER),
        ("absen", F(1, 4), Direction.LOWER_IS_BETTER),
    ]
    m = DecisionMatrix.of(crit, {"x": {"kinerja": 90, "absen": 2}, "y": {"kinerja": 80, "absen": 1}})
    assert SAW().rank(m).exact_scores == {"x": F(3, 4) + F(1, 8), "y": F(3, 4) * F(8, 9) + F(1, 4)}
    with pytest.raises(ValidationError) as info:
        p.criteria({"nope": "cost"})
    assert info.value.paths == ("directions.nope",)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(3, 6).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.sampled_from([F(1, 9), F(1, 7), F(1, 5), F(1, 3), F(1, 2), F(1), F(2), F(3), F(5), F(7), F(9)]),
                min_size=n * (n - 1) // 2,
                max_size=n * (n - 1) // 2,
            ),
        )
    )
)
def test_ahp_eigenvector_agrees_with_numpy(data: tuple[int, list[F]]) -> None:
    np = pytest.importorskip("numpy")
    n, upper = data
    cells = [[F(1)] * n for _ in range(n)]
    it = iter(upper)
    for i in range(n):
        for j in range(i + 1, n):
            cells[i][j] = next(it)
            cells[j][i] = 1 / cells[i][j]
    p = AHP(on_inconsistent="warn").weigh(PairwiseMatrix([str(i) for i in range(n)], cells))
    a = np.array([[float(x) for x in row] for row in cells])
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = vectors[:, k].real / vectors[:, k].real.sum()
    assert abs(float(p.lambda_max) - values[k].real) < 1e-9
    assert all(abs(float(p.weights[str(i)]) - w[i]) < 1e-9 for i in range(n))


# --- ties, explanation, results ---------------------------------------------------------------------------


def _tied_matrix() -> DecisionMatrix:
    # By hand: x = (4/4 + 1/2)/2 = 3/4 and y = (2/4 + 1/1)/2 = 3/4 tie exactly; z = (3/4 + 1/2)/2 = 5/8.
    return DecisionMatrix.of(
        [("hasil", 1, "benefit"), ("absen", 1, "cost")],
        {"x": {"hasil": 4, "absen": 2}, "y": {"hasil": 2, "absen": 1}, "z": {"hasil": 3, "absen": 2}},
        attributes={
            "x": {"predikat": Predikat.BAIK, "nip": "199001012015031001", "unit": "A"},
            "y": {"predikat": Predikat.SANGAT_BAIK, "nip": "198505052010012002", "unit": "A"},
            "z": {"predikat": Predikat.BAIK, "nip": "197001011995031003", "unit": "B"},
        },
    )


def test_tie_policies_are_explicit() -> None:
    m = _tied_matrix()
    avg = SAW().rank(m)
    assert [(r.key, str(r.rank)) for r in avg.ranked] == [("x", "1.5"), ("y", "1.5"), ("z", "3")]
    assert [str(r.rank) for r in SAW(ties=TiePolicy.minimum()).rank(m).ranked] == ["1", "1", "3"]
    # the higher predikat first, then the lower (older) NIP
    brk = SAW(ties=TiePolicy.breakers("predikat", "nip", ascending=["nip"])).rank(m)
    assert [(r.key, str(r.rank)) for r in brk.ranked] == [("y", "1"), ("x", "2"), ("z", "3")]
    assert "predikat (higher first)" in brk.ranked[0].how
    text = brk.explain().to_text()
    assert "tie rule: ties broken by predikat (higher first), nip (lower first)" in text


def test_a_declared_tie_breaker_must_be_present() -> None:
    m = DecisionMatrix.of([("a", 1)], {"x": {"a": 1}, "y": {"a": 1}})
    with pytest.raises(ValidationError) as info:
        SAW(ties=TiePolicy.breakers("predikat")).rank(m)
    assert info.value.paths == ("alternatives[0].attributes.predikat", "alternatives[1].attributes.predikat")


def test_exact_scores_that_round_alike_are_shown_with_more_places() -> None:
    # By hand: 1/3 and 1/3 + 1/10^6 agree to 5 places; with places=5 the scores get more places so that
    # they still differ and no false tie appears.
    m = DecisionMatrix.of([("a", 1)], {"x": {"a": "1"}, "y": {"a": "1.000003"}, "z": {"a": 3}})
    r = SAW(places=5).rank(m)
    assert r.exact_scores is not None and r.exact_scores["x"] != r.exact_scores["y"]
    assert r.scores["x"] != r.scores["y"]
    assert [str(x.rank) for x in r.ranked] == ["1", "2", "3"]


def test_explanation_shows_every_stage() -> None:
    r = SAW().rank(_tied_matrix())
    e = r.explain()
    rules = [s.rule for s in e.steps]
    assert rules[0] == "decision matrix (alternatives × criteria)"
    assert rules[1] == "weights as shares of their total: w / Σw"
    assert "normalise hasil (benefit, max): r = x / max" in rules
    assert "normalise absen (cost, max): r = min / x" in rules
    assert "weighted values v = w · r" in rules
    assert "score of z: V = Σ w · r" in rules
    assert "rank by score, higher is better" in rules
    assert e.steps[-1].note == "ties share the average of their ranks" or "unique score" in e.steps[-1].note
    normalise = next(s for s in e.steps if s.rule.startswith("normalise absen"))
    assert normalise.output == {"x": D("0.5"), "y": D(1), "z": D("0.5")} and dict(normalise.inputs) == {"min": D(1)}
    data = r.to_json()
    assert data["scores"] == {"x": "0.75", "y": "0.75", "z": "0.625"}
    assert data["ranking"][0] == {
        "key": "x",
        "score": "0.75",
        "rank": "1.5",
        "tied_with": ["y"],
        "how": "ties share the average of their ranks",
    }
    assert "decision matrix" in WP().rank(_tied_matrix()).explain().to_text()
    assert "closeness" in TOPSIS().rank(_tied_matrix()).explain().to_text()
    assert "1.5" in str(r)


def test_methods_satisfy_the_protocol() -> None:
    for method in (SAW(), WP(), TOPSIS()):
        assert isinstance(method, RankingMethod)
    assert isinstance(TopK(1), Policy) and isinstance(AboveThreshold("0.5"), Policy)


def test_wp_raw_integer_weights_are_exact_and_rank_equivalent() -> None:
    raw = WP(normalise_weights=False).rank(GUDANG)
    assert raw.exact and raw.order == WP().rank(GUDANG).order
    # By hand: S1 = 0.75^-5 · 2000^3 · 18^-4 · 50^4 · 500^-2
    s1 = F(3, 4) ** -5 * F(2000) ** 3 * F(18) ** -4 * F(50) ** 4 * F(500) ** -2
    assert raw.alternative_values["S"]["Ngemplak"] == q30(s1)
    with pytest.raises(ValidationError) as info:
        WP(normalise_weights=False).rank(DecisionMatrix.of([("a", "0.5")], {"x": {"a": 1}}))
    assert info.value.paths == ("criteria[0].weight",)


def _result(nip: str, score: str, predikat: Predikat, absen: int | None) -> Result:
    values: dict[str, object] = {"score": D(score), "predikat": predikat, "absen": absen}
    return Result("test-ratio", "1", nip, "2024", values)


def test_decision_matrix_from_results() -> None:
    results = [
        _result("199001012015031001", "92.5", Predikat.SANGAT_BAIK, 1),
        _result("198505052010012002", "88", Predikat.BAIK, 0),
    ]
    m = DecisionMatrix.from_results(
        [("score", 2), ("absen", 1, "cost"), ("predikat", 1)],
        results,
        values={"predikat": lambda r: r.predikat.rank + 1 if r.predikat else None},
        attributes={"unit": lambda r: "Dukcapil"},
    )
    assert m.keys == ("199001012015031001", "198505052010012002")
    assert m.value("199001012015031001", "predikat") == 5
    assert m.alternatives[1].attributes == {"nip": "198505052010012002", "predikat": Predikat.BAIK, "unit": "Dukcapil"}
    r = SAW(normalisation="min-max", ties=TiePolicy.breakers("predikat")).rank(m)
    assert r.order[0] in m.keys


def test_from_results_refuses_missing_and_non_numeric_values() -> None:
    results = [_result("199001012015031001", "92.5", Predikat.BAIK, None)]
    with pytest.raises(ValidationError) as info:
        DecisionMatrix.from_results([("absen", 1, "cost"), ("predikat", 1), ("nilai", 1)], results)
    assert info.value.paths == ("results[0].values.absen", "results[0].values.predikat", "results[0].values.nilai")
    assert "missing is not zero" in info.value.problems[0].message
    assert "map it to a number" in info.value.problems[1].message


# --- selection policies -----------------------------------------------------------------------------------


def _unit_matrix() -> DecisionMatrix:
    rows = {"a1": 90, "a2": 85, "a3": 80, "b1": 70, "b2": 95, "b3": 70}
    return DecisionMatrix.of(
        [("nilai", 1)],
        {k: {"nilai": v} for k, v in rows.items()},
        attributes={k: {"unit": k[0].upper(), "nip": f"19900101201503100{i}"} for i, k in enumerate(rows)},
    )


def test_top_k_per_unit_refuses_a_tie_at_the_cut_off() -> None:
    r = SAW().rank(_unit_matrix())
    with pytest.raises(ValidationError, match=r"b1, b3 tie across the cut-off \(top 2 per unit\)"):
        TopK(2, per="unit").select(r)
    include = TopK(2, per="unit", at_cutoff="include").select(r)
    assert include.chosen == ("b2", "a1", "a2", "b1", "b3")
    exclude = TopK(2, per="unit", at_cutoff="exclude").select(r)
    assert exclude.chosen == ("b2", "a1", "a2")
    d = exclude.decision("b1")
    assert isinstance(d, Decision) and d.outcome is False
    assert [q.name for q in d.requirements] == ["rank within unit", "tie at the cut-off"]
    assert d.requirements[0].value == D("2.5") and d.requirements[0].expected == "≤ 2 (top 2 of 3 in unit B)"
    assert dict(d.details)["unit"] == "B"
    # a declared tie-breaker settles it: the lower NIP first
    r2 = SAW(ties=TiePolicy.breakers("nip", ascending=["nip"])).rank(_unit_matrix())
    sel = TopK(2, per="unit").select(r2)
    assert sel.chosen == ("b2", "a1", "a2", "b1")
    assert TopK(2, per="unit").decide(Candidate(r2, "b3")).outcome is False


def test_top_k_overall_and_missing_unit() -> None:
    r = SAW().rank(_unit_matrix())
    assert TopK(3).select(r).chosen == ("b2", "a1", "a2")
    d = TopK(3).select(r).decision("a3")
    assert d.outcome is False and d.requirements[0].expected == "≤ 3 (top 3 of 6)"
    no_unit = SAW().rank(DecisionMatrix.of([("a", 1)], {"x": {"a": 1}, "y": {"a": 2}}))
    with pytest.raises(ValidationError) as info:
        TopK(1, per="unit").select(no_unit)
    assert info.value.paths == ("alternatives[0].attributes.unit", "alternatives[1].attributes.unit")
    with pytest.raises(ValidationError):
        TopK(0)


def test_above_threshold_compares_exact_scores() -> None:
    # By hand: scores 2/3 (x), 1 (y), 1/3 (z). Shown to 5 places 2/3 is 0.66667, which is ≥ 0.666667
    # is false both ways; but 0.66667 ≥ 0.666668 — exact comparison says 2/3 < 0.666668, and so does kinerja.
    m = DecisionMatrix.of([("a", 1)], {"x": {"a": 2}, "y": {"a": 3}, "z": {"a": 1}})
    r = SAW(places=5).rank(m)
    assert r.scores["x"] == D("0.66667")
    sel = AboveThreshold("0.666668").select(r)
    assert sel.chosen == ("y",)
    assert AboveThreshold("0.66666").select(r).chosen == ("y", "x")
    assert AboveThreshold(1, inclusive=False).select(r).chosen == ()
    d = AboveThreshold("0.5").decide(Candidate(r, "z"))
    assert d.outcome is False and d.requirements[0].expected == "≥ 0.5"
    assert "not selected" in d.summary


# --- bad input --------------------------------------------------------------------------------------------


def test_weight_vector_of_the_wrong_length() -> None:
    with pytest.raises(ValidationError) as info:
        DecisionMatrix.from_arrays([[1, 2, 3], [4, 5, 6]], [1, 1], [1, 1, -1])
    assert info.value.paths == ("weights",)
    assert "2 weights for 3 criteria" in str(info.value)


def test_shapes_types_and_cells_are_checked_with_positions() -> None:
    with pytest.raises(ValidationError) as info:
        DecisionMatrix.from_arrays([[1, 2], [3]], [1, 1], [1, 1, 1])
    assert info.value.paths == ("values[1]", "types")
    with pytest.raises(ValidationError) as info:
        DecisionMatrix.from_arrays([[1, "x"], [3, None]], [1, -2], [1, "up"])
    assert info.value.paths == ("weights[1]", "types[1]", "values[0][1]", "values[1][1]")


def test_negative_weight_names_the_criterion() -> None:
    with pytest.raises(ValidationError) as info:
        DecisionMatrix.of([("a", 1), ("b", "-0.5", "cost")], {"x": {"a": 1, "b": 2}})
    assert info.value.paths == ("criteria[1].weight",)
    with pytest.raises(ValidationError, match="the weights add up to 0"):
        DecisionMatrix.of([("a", 0)], {"x": {"a": 1}})
    with pytest.raises(ValidationError, match=r"weights must add up to 1, they add up to 0\.9"):
        DecisionMatrix.of([("a", "0.6"), ("b", "0.3")], {"x": {"a": 1, "b": 1}}, weight_total=1)


def test_missing_and_unknown_values_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        DecisionMatrix.of([("a", 1), ("b", 1)], {"x": {"a": 1, "b": 2}, "y": {"a": None, "b": "?"}})
    assert info.value.paths == ("alternatives[1].values.a", "alternatives[1].values.b")
    assert "missing is not zero" in info.value.problems[0].message
    with pytest.raises(ValidationError) as info:
        DecisionMatrix.of([("a", 1), ("b", 1)], {"x": {"a": 1}, "y": {"a": 2, "b": 1, "c": 3}})
    assert info.value.paths == ("alternatives[0].values.b", "alternatives[1].values.c")
    with pytest.raises(ValidationError) as info:
        DecisionMatrix.of([("a", 1), ("a", 2)], {"x": {"a": 1}})
    assert info.value.paths == ("criteria[1].name",)


def test_direction_is_read_strictly() -> None:
    assert direction_of("keuntungan") is Direction.HIGHER_IS_BETTER
    assert direction_of(-1) is Direction.LOWER_IS_BETTER
    assert Criterion("a", 1, "LOWER_IS_BETTER").kind == "cost"
    with pytest.raises(ValidationError) as info:
        Criterion("a", 1, 2)
    assert info.value.paths == ("direction",)


@pytest.mark.parametrize(
    ("normalisation", "column", "path"),
    [
        ("vector", [0, 0, 0], "criteria[1]"),  # divides by √Σx² = 0
        ("sum", [0, 0, 0], "criteria[1]"),  # divides by Σx = 0
        ("max", [0, 0, 0], "criteria[1]"),  # divides by max = 0
        ("min-max", [5, 5, 5], "criteria[1]"),  # divides by max − min = 0
    ],
)
def test_a_column_the_normalisation_divides_by(normalisation: str, column: list[int], path: str) -> None:
    m = DecisionMatrix.from_arrays([[1, column[0]], [2, column[1]], [3, column[2]]], [1, 1], [1, 1])
    with pytest.raises(ValidationError) as info:
        SAW(normalisation=normalisation).rank(m)
    assert info.value.paths == (path,)
    assert "C2" in str(info.value)


def test_a_zero_cell_in_a_cost_column_names_the_cell() -> None:
    m = DecisionMatrix.from_arrays([[1, 4], [2, 0], [3, 2]], [1, 1], [1, -1])
    for method in (SAW(), SAW(normalisation="sum"), WP()):
        with pytest.raises(ValidationError) as info:
            method.rank(m)
        assert info.value.paths == ("alternatives[1].values.C2",)
    assert SAW(normalisation="min-max").rank(m).order[0] == "A2"  # min-max has no division by x
    with pytest.raises(ValidationError) as info:
        TOPSIS().rank(DecisionMatrix.from_arrays([[1, 0], [1, 0]], [1, 1], [1, -1]))
    assert info.value.paths == ("criteria[1]",)
    with pytest.raises(ValidationError, match="closeness is 0/0"):
        TOPSIS().rank(DecisionMatrix.from_arrays([[1, 2], [1, 2]], [1, 1], [1, -1]))


def test_pairwise_matrix_refusals_name_the_cell() -> None:
    with pytest.raises(ValidationError) as info:
        PairwiseMatrix(["a", "b", "c"], [[1, 3, 12], ["1/3", 1, 2], ["1/12", "0.5", 1]])
    # 12 and 1/12 are off the scale; 0.5 is the exact reciprocal of 2 (accepted)
    assert info.value.paths == ("cells[0][2]", "cells[2][0]")
    with pytest.raises(ValidationError) as info:
        PairwiseMatrix(["a", "b"], [[1, 3], ["0.33", 1]])
    assert info.value.paths == ("cells[1][0]",) and "expected 1/3" in str(info.value)
    with pytest.raises(ValidationError) as info:
        PairwiseMatrix(["a", "b"], [[2, 3], ["1/3", 1]])
    assert info.value.paths == ("cells[0][0]",)
    with pytest.raises(ValidationError) as info:
        PairwiseMatrix(["a", "b"], [[1, 3, 1], ["1/3", 1]])
    assert info.value.paths == ("cells[0]",)
    with pytest.raises(ValidationError) as info:
        PairwiseMatrix(["a", "b"], [[1, "x"], ["1/0", 1]])
    assert info.value.paths == ("cells[0][1]", "cells[1][0]")


def test_from_judgments_checks_every_pair() -> None:
    with pytest.raises(ValidationError) as info:
        PairwiseMatrix.from_judgments(
            ["a", "b", "c"], {("a", "b"): 3, ("b", "a"): "1/3", ("a", "z"): 2, ("b", "c"): 10}
        )
    assert info.value.paths == (
        "judgments[b, a]",
        "judgments[a, z]",
        "judgments[b, c]",
        "judgments[a, c]",
        "judgments[b, c]",
    )


def test_inconsistency_error_pickles() -> None:
    with pytest.raises(InconsistentJudgmentsError) as info:
        AHP().weigh(PairwiseMatrix(["A", "B", "C"], [[1, 6, 8], ["1/6", 1, 4], ["1/8", "1/4", 1]]))
    again = pickle.loads(pickle.dumps(info.value))
    assert (
        isinstance(again, InconsistentJudgmentsError) and again.cr == info.value.cr and again.paths == info.value.paths
    )


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 50), min_size=3, max_size=3), min_size=2, max_size=6, unique_by=tuple),
    st.randoms(use_true_random=False),
)
def test_exact_rankings_do_not_depend_on_input_order(rows: list[list[int]], rnd: object) -> None:
    keys = [f"k{i}" for i in range(len(rows))]
    crit = [("a", 2), ("b", 1, "cost"), ("c", 3)]
    m1 = DecisionMatrix.of(crit, {k: dict(zip("abc", row)) for k, row in zip(keys, rows)})
    pairs = list(zip(keys, rows))
    rnd.shuffle(pairs)  # type: ignore[attr-defined]
    m2 = DecisionMatrix.of(crit, {k: dict(zip("abc", row)) for k, row in pairs})
    a, b = SAW().rank(m1), SAW().rank(m2)
    assert a.ranked == b.ranked and a.exact_scores == b.exact_scores


def test_scores_that_differ_beyond_28_digits_still_rank_correctly() -> None:
    # By hand: column maxima M1 = 10^14 and M2 = 10^14 + 1, ε = 10^-15; a = (1, 1 + ε) and z = (1 + ε, 1) give
    # V_z − V_a = ε (1/M1 − 1/M2) / 2 ≈ 5·10^-44 on scores near 10^-14: they differ at the 30th significant digit.
    # (kinerja.ranking orders by -score, and a unary minus in the default 28-digit context would merge them.)
    eps = "1.000000000000001"
    m = DecisionMatrix.of(
        [("p", 1), ("q", 1)],
        {"a": {"p": 1, "q": eps}, "z": {"p": eps, "q": 1}, "m": {"p": "100000000000000", "q": "100000000000001"}},
    )
    r = SAW().rank(m)
    assert r.exact_scores is not None and r.exact_scores["z"] > r.exact_scores["a"]
    assert r.scores["z"] > r.scores["a"]
    assert r.order == ("m", "z", "a")
