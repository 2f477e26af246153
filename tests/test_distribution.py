"""Distribution curves of SE MenPANRB 3/2023 (spec §3.5) and the calibration proposal.

Every unit below is worked by hand; the calibration is also checked by brute force
on small units (every one-step assignment enumerated).
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.distribution import (
    CURVES,
    SE_3_2023,
    Assessed,
    Bound,
    Calibration,
    Constraint,
    Majority,
    ShareRounding,
    calibrate,
    check_distribution,
)
from kinerja.errors import ValidationError
from kinerja.model import Predikat, PredikatOrganisasi
from kinerja.result import Result

P = Predikat
O = PredikatOrganisasi  # noqa: E741
SB, B, BP, K, SK = P.SANGAT_BAIK, P.BAIK, P.BUTUH_PERBAIKAN, P.KURANG, P.SANGAT_KURANG


def unit(**counts: int) -> list[Predikat]:
    names = {"sb": SB, "b": B, "bp": BP, "k": K, "sk": SK}
    return [names[k] for k, v in counts.items() for _ in range(v)]


# --- the curves as data ----------------------------------------------------------------------


def test_every_organisation_predikat_has_a_curve_citing_the_se() -> None:
    assert set(CURVES) == set(O)
    assert [len(CURVES[o]) for o in O] == [3, 3, 2, 3, 2]  # SK, K, BP, B, Istimewa
    for curve in CURVES.values():
        for c in curve:
            assert c.source == SE_3_2023 and c.source.confidence == "C1"
            assert c.wording
    ids = [c.id for curve in CURVES.values() for c in curve]
    assert len(ids) == len(set(ids))


def test_constraint_validation() -> None:
    with pytest.raises(ValidationError) as info:
        Constraint("x", (SB, B), Bound.MAJORITY, Decimal("0.5"))
    assert info.value.paths == ("predikat", "bound")
    with pytest.raises(ValidationError) as info:
        Constraint("x", (SB,), Bound.AT_LEAST)
    assert info.value.paths == ("share",)
    with pytest.raises(ValidationError) as info:
        Constraint("x", ("Bagus",), Bound.AT_LEAST, Decimal("1.5"))
    assert info.value.paths == ("predikat[0]",)
    with pytest.raises(ValidationError) as info:
        Constraint("x", (SB,), Bound.AT_LEAST, Decimal("1.5"))
    assert info.value.paths == ("share",)


# --- every constraint on both sides of its bound (units of 10, hand-worked) ---------------------

BOTH_SIDES = [
    # (org, constraint id, unit at the bound (holds), unit just past it (fails))
    (O.ISTIMEWA, "istimewa.sangat-baik-majority", unit(sb=6, b=4), unit(sb=5, b=5)),
    (O.ISTIMEWA, "istimewa.sangat-baik-max", unit(sb=7, b=3), unit(sb=8, b=2)),
    (O.BAIK, "baik.baik-majority", unit(sb=3, b=6, bp=1), unit(sb=4, b=5, bp=1)),
    (O.BAIK, "baik.baik-max", unit(sb=2, b=7, bp=1), unit(sb=1, b=8, bp=1)),
    (O.BAIK, "baik.perbaikan-or-kurang-min", unit(sb=3, b=6, k=1), unit(sb=4, b=6)),
    (O.BUTUH_PERBAIKAN, "butuh-perbaikan.perbaikan-min", unit(sb=1, b=3, bp=6), unit(sb=1, b=4, bp=5)),
    (O.BUTUH_PERBAIKAN, "butuh-perbaikan.sangat-baik-max", unit(sb=1, b=3, bp=6), unit(sb=2, b=2, bp=6)),
    (O.KURANG, "kurang.kurang-min", unit(sb=1, b=2, bp=1, k=6), unit(sb=1, b=3, bp=1, k=5)),
    (O.KURANG, "kurang.perbaikan-min", unit(sb=1, b=2, bp=1, k=6), unit(sb=1, b=3, k=6)),
    (O.KURANG, "kurang.sangat-baik-max", unit(sb=1, b=2, bp=1, k=6), unit(sb=2, b=1, bp=1, k=6)),
    (O.SANGAT_KURANG, "sangat-kurang.sangat-kurang-min", unit(b=3, k=1, sk=6), unit(b=4, k=1, sk=5)),
    (O.SANGAT_KURANG, "sangat-kurang.kurang-or-perbaikan-min", unit(b=3, bp=1, sk=6), unit(b=4, sk=6)),
    (O.SANGAT_KURANG, "sangat-kurang.sangat-baik-none", unit(b=3, k=1, sk=6), unit(sb=1, b=2, k=1, sk=6)),
]


# --- units of 7: bounds that fall between head counts (hand-worked) ---------------------------
# 7 employees: more than half -> at least 4; at most 70 % (4.9) -> at most 4; at least 60 % (4.2)
# -> at least 5; at least 10 % (0.7) -> at least 1; at most 10 % (0.7) -> none.

BOTH_SIDES_7 = [
    (O.ISTIMEWA, "istimewa.sangat-baik-majority", unit(sb=4, b=3), unit(sb=3, b=4)),
    (O.ISTIMEWA, "istimewa.sangat-baik-max", unit(sb=4, b=3), unit(sb=5, b=2)),
    (O.BAIK, "baik.baik-majority", unit(sb=2, b=4, bp=1), unit(sb=3, b=3, bp=1)),
    (O.BAIK, "baik.baik-max", unit(sb=2, b=4, bp=1), unit(sb=1, b=5, bp=1)),
    (O.BAIK, "baik.perbaikan-or-kurang-min", unit(sb=2, b=4, k=1), unit(sb=3, b=4)),
    (O.BUTUH_PERBAIKAN, "butuh-perbaikan.perbaikan-min", unit(b=2, bp=5), unit(b=3, bp=4)),
    (O.BUTUH_PERBAIKAN, "butuh-perbaikan.sangat-baik-max", unit(b=2, bp=5), unit(sb=1, b=1, bp=5)),
    (O.KURANG, "kurang.kurang-min", unit(b=1, bp=1, k=5), unit(b=2, bp=1, k=4)),
    (O.KURANG, "kurang.perbaikan-min", unit(b=1, bp=1, k=5), unit(b=2, k=5)),
    (O.KURANG, "kurang.sangat-baik-max", unit(b=1, bp=1, k=5), unit(sb=1, bp=1, k=5)),
    (O.SANGAT_KURANG, "sangat-kurang.sangat-kurang-min", unit(b=1, k=1, sk=5), unit(b=2, k=1, sk=4)),
    (O.SANGAT_KURANG, "sangat-kurang.kurang-or-perbaikan-min", unit(b=1, bp=1, sk=5), unit(b=2, sk=5)),
    (O.SANGAT_KURANG, "sangat-kurang.sangat-baik-none", unit(b=1, k=1, sk=5), unit(sb=1, k=1, sk=5)),
]


@pytest.mark.parametrize(
    ("org", "cid", "holds", "fails"),
    BOTH_SIDES + BOTH_SIDES_7,
    ids=[f"{c[1]}-n{len(c[2])}" for c in BOTH_SIDES + BOTH_SIDES_7],
)
def test_each_constraint_on_both_sides_of_its_bound(
    org: PredikatOrganisasi, cid: str, holds: list[Predikat], fails: list[Predikat]
) -> None:
    assert len(holds) == len(fails) == (10 if (org, cid, holds, fails) in BOTH_SIDES else 7)
    ok = check_distribution(org, holds)
    assert ok.holds
    at = next(c for c in ok.checks if c.constraint.id == cid)
    assert at.count == at.limit  # exactly at the bound
    bad = check_distribution(org, fails)
    assert [c.constraint.id for c in bad.failed] == [cid]


def test_every_constraint_is_covered_by_the_both_sides_table() -> None:
    assert {c.id for curve in CURVES.values() for c in curve} == {row[1] for row in BOTH_SIDES}


def test_shares_are_compared_exactly_by_default() -> None:
    # hand-worked, unit of 7 under Butuh Perbaikan: 60 % of 7 = 4.2 -> at least 5; 10 % of 7 = 0.7 -> at most 0
    r = check_distribution(O.BUTUH_PERBAIKAN, unit(bp=4, b=3))
    assert [(c.limit, c.count, c.holds) for c in r.checks] == [(5, 4, False), (0, 0, True)]
    assert check_distribution(O.BUTUH_PERBAIKAN, unit(bp=5, b=2)).holds
    share = r.checks[0].share
    assert str(share).startswith("0.571428571428")  # 4/7, exact to 40 digits, not rounded


@pytest.mark.parametrize(
    ("rounding", "limits", "holds"),
    [
        # hand-worked, unit of 4 under Butuh Perbaikan, unit = 2 BP, 1 B, 1 SB:
        # 60 % of 4 = 2.4; 10 % of 4 = 0.4
        (ShareRounding.EXACT, (3, 0), False),  # ceil 2.4, floor 0.4
        (ShareRounding.HALF_UP, (2, 0), False),  # round 2.4, round 0.4
        (ShareRounding.LENIENT, (2, 1), True),  # floor 2.4, ceil 0.4
    ],
)
def test_small_unit_rounding_is_a_parameter(rounding: ShareRounding, limits: tuple[int, int], holds: bool) -> None:
    r = check_distribution(O.BUTUH_PERBAIKAN, unit(sb=1, b=1, bp=2), rounding=rounding)
    assert tuple(c.limit for c in r.checks) == limits
    assert r.holds is holds


def test_half_up_rounds_halves_up() -> None:
    # hand-worked, unit of 5 under Kurang: 10 % of 5 = 0.5 -> EXACT: at least 1 BP / at most 0 SB; HALF_UP: 1 / 1
    units = unit(sb=1, bp=1, k=3)
    exact = check_distribution(O.KURANG, units)
    half = check_distribution(O.KURANG, units, rounding=ShareRounding.HALF_UP)
    assert [c.limit for c in exact.checks] == [3, 1, 0] and not exact.holds
    assert [c.limit for c in half.checks] == [3, 1, 1] and half.holds


def test_majority_readings() -> None:
    # hand-worked, unit of 10 under Baik: 4 Baik, 3 SB, 3 BP -> not more than half; more than any other
    units = unit(sb=3, b=4, bp=3)
    strict = check_distribution(O.BAIK, units)
    plural = check_distribution(O.BAIK, units, majority=Majority.PLURALITY)
    assert [c.holds for c in strict.checks] == [False, True, True]
    assert [c.holds for c in plural.checks] == [True, True, True]
    assert plural.checks[0].limit is None and "largest other: Sangat Baik with 3" in plural.checks[0].note
    tie = check_distribution(O.BAIK, unit(sb=4, b=4, bp=2), majority=Majority.PLURALITY)
    assert not tie.checks[0].holds


def test_input_forms_and_rendering() -> None:
    results = [
        Result("permenpanrb-6-2022", "1", str(i), "2025", {"predikat": p}) for i, p in enumerate(unit(b=3, bp=1))
    ]
    r1 = check_distribution("Baik", results)
    r2 = check_distribution(O.BAIK, {"a": "Baik", "b": "Baik", "c": "Baik", "d": "Cukup"})
    assert r1 == r2 and r1.holds is False and r1.total == 4  # hand-worked: 3 of 4 Baik = 75 % > 70 % (max 2)
    assert r1.count(B) == 3
    data = r1.to_json()
    json.dumps(data)
    assert data["counts"] == {"SANGAT_BAIK": 0, "BAIK": 3, "BUTUH_PERBAIKAN": 1, "KURANG": 0, "SANGAT_KURANG": 0}
    assert [c["holds"] for c in data["checks"]] == [True, False, True]
    text = str(r1)
    assert "[OK ]" in text and "[NO ]" in text and "does NOT comply" in text and "75.00 %" in text
    html = r1._repr_html_()
    assert html.count("<table") == 2 and "&#10007;" in html


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (("Baik", []), "employee_predikat"),
        (("Baik", {}), "employee_predikat"),
        (("Baik", ["Baik", "Bagus"]), "employee_predikat[1]"),
        (("Luar Biasa", ["Baik"]), "org_predikat"),
        (("Baik", "Baik"), "employee_predikat"),
        (("Baik", [Result("x", "1", "s", "p", {})]), "employee_predikat[0]"),
    ],
)
def test_bad_input_names_the_field(args: tuple[object, object], path: str) -> None:
    with pytest.raises(ValidationError) as info:
        check_distribution(*args)  # type: ignore[arg-type]
    assert info.value.paths == (path,)


# --- calibration: hand-worked units of 1, 2, 5, 10 and 500 ----------------------------------------


def team(*predikat: Predikat) -> list[tuple[str, Predikat, int]]:
    """Employees e1, e2, … in the assessor's order (e1 best: highest score)."""
    n = len(predikat)
    return [(f"e{i + 1}", p, n - i) for i, p in enumerate(predikat)]


def moves(cal: Calibration) -> list[tuple[str, Predikat, Predikat]]:
    return [(m.key, m.from_predikat, m.to_predikat) for m in cal.moves]


def test_unit_of_1() -> None:
    baik = calibrate(O.BAIK, team(B))
    assert not baik.feasible and baik.after is None and baik.moves == ()
    assert baik.conflicts == ("baik.baik-majority", "baik.baik-max")
    assert "whatever the predikat" in baik.reason
    # hand-worked: under Butuh Perbaikan the only employee must be Butuh Perbaikan (60 % of 1 -> 1)
    bp = calibrate(O.BUTUH_PERBAIKAN, team(B))
    assert moves(bp) == [("e1", B, BP)] and bp.after is not None and bp.after.holds
    # Istimewa: more than half (1) and at most 70 % (0 exactly, 1 rounded half up)
    assert not calibrate(O.ISTIMEWA, team(SB)).feasible
    ok = calibrate(O.ISTIMEWA, team(SB), rounding=ShareRounding.HALF_UP)
    assert ok.feasible and ok.moves == () and "already complies" in ok.reason
    assert not calibrate(O.SANGAT_KURANG, team(SK)).feasible  # SK >= 1 and K + BP >= 1 in a unit of 1


def test_unit_of_2() -> None:
    ist = calibrate(O.ISTIMEWA, team(SB, SB))
    assert not ist.feasible and ist.conflicts == ("istimewa.sangat-baik-majority", "istimewa.sangat-baik-max")
    # hand-worked: 60 % of 2 = 1.2 -> both must be Butuh Perbaikan
    bp = calibrate(O.BUTUH_PERBAIKAN, team(B, B))
    assert moves(bp) == [("e1", B, BP), ("e2", B, BP)]
    # Kurang: K >= 2 and BP >= 1 cannot both hold in 2
    k = calibrate(O.KURANG, team(K, K))
    assert not k.feasible and set(k.conflicts) == {"kurang.kurang-min", "kurang.perbaikan-min"}
    # Sangat Kurang: SK >= 2 (60 % of 2 = 1.2) and K + BP >= 1 cannot both hold in 2
    sk = calibrate(O.SANGAT_KURANG, team(B, B))
    assert not sk.feasible and "whatever the predikat" in sk.reason
    # one step only: a Baik cannot become Sangat Kurang (hand-worked, unit of 10: SK >= 6 but none can reach it)
    sk10 = calibrate(O.SANGAT_KURANG, team(*[B] * 10))
    assert not sk10.feasible and "at most 0 can reach it" in sk10.reason
    assert sk10.conflicts == ("sangat-kurang.sangat-kurang-min",)


def test_unit_of_5() -> None:
    # hand-worked, Butuh Perbaikan: at least 3 BP (60 % of 5 = 3), at most 0 SB (10 % of 5 = 0.5, exact -> 0)
    five = team(SB, B, B, BP, BP)
    cal = calibrate(O.BUTUH_PERBAIKAN, five)
    assert moves(cal) == [("e1", SB, B), ("e3", B, BP)]
    assert [m.position for m in cal.moves] == [1, 3]
    assert "lowest-ranked Baik (#2 of 2)" in cal.moves[1].reason
    assert "Butuh Perbaikan: at least 60 % (at least 3 of 5)" in cal.moves[1].reason
    assert cal.after is not None and cal.after.holds
    assert cal.assignment == (("e1", B), ("e2", B), ("e3", BP), ("e4", BP), ("e5", BP))
    half = calibrate(O.BUTUH_PERBAIKAN, five, rounding=ShareRounding.HALF_UP)
    assert moves(half) == [("e3", B, BP)]


def test_unit_of_10() -> None:
    ten = team(*[B] * 10)
    up = calibrate(O.BAIK, ten)
    assert moves(up) == [("e1", B, SB), ("e2", B, SB), ("e10", B, BP)]
    down = calibrate(O.BAIK, ten, prefer="down")
    assert moves(down) == [("e8", B, BP), ("e9", B, BP), ("e10", B, BP)]
    # Kurang: nobody is Kurang or one step from it except the Butuh Perbaikan -> impossible
    k = calibrate(O.KURANG, team(SB, B, B, B, B, B, B, B, BP, BP))
    assert not k.feasible and k.conflicts == ("kurang.kurang-min",)
    assert "at most 2 can reach it" in k.reason
    text = str(up)
    assert "e10" in text and "Butuh Perbaikan" in text
    assert "<table" in up._repr_html_()
    data = up.to_json()
    json.dumps(data)
    assert data["after"]["holds"] is True and len(data["moves"]) == 3


def test_unit_of_500() -> None:
    # 80 Sangat Baik, 400 Baik, 20 Butuh Perbaikan under Baik: Baik 80 % > 70 % (max 350) -> 50 must leave Baik
    people = team(*([SB] * 80 + [B] * 400 + [BP] * 20))
    up = calibrate(O.BAIK, people)
    assert len(up.moves) == 50 and all(m.from_predikat is B and m.to_predikat is SB for m in up.moves)
    assert [m.position for m in up.moves] == list(range(81, 131))  # the 50 best-ranked Baik
    down = calibrate(O.BAIK, people, prefer="down")
    assert [m.position for m in down.moves] == list(range(431, 481))  # the 50 lowest-ranked Baik
    assert down.after is not None and down.after.count(BP) == 70
    ist = calibrate(O.ISTIMEWA, team(*[BP] * 500))
    assert not ist.feasible and "at most 0 can reach it" in ist.reason


def test_unit_of_500_random_is_compliant_and_one_step() -> None:
    rng = random.Random(6_2022)
    for org in O:
        people = [(f"p{i:03d}", rng.choice([SB, B, B, B, BP, K, SK]), rng.randint(0, 10_000)) for i in range(500)]
        for majority in Majority:
            cal = calibrate(org, people, majority=majority)
            if cal.feasible:
                assert cal.after is not None and cal.after.holds
                assert all(abs(m.from_predikat.rank - m.to_predikat.rank) == 1 for m in cal.moves)
            else:
                assert cal.reason.startswith("no compliant assignment exists") and cal.conflicts


def test_ties_are_broken_by_key_and_reported() -> None:
    same = [(k, B, 7) for k in ("c", "a", "d", "b", "e", "f", "g", "h", "i", "j")]
    cal = calibrate(O.BAIK, same)
    assert moves(cal) == [("a", B, SB), ("b", B, SB), ("j", B, BP)]
    assert cal.ties and "ordered by key" in cal.ties[0]


def test_ranks_instead_of_scores() -> None:
    ranks = [("e1", B, 1), ("e2", B, 2), ("e3", B, 3), ("e4", B, 4)]
    cal = calibrate(O.BUTUH_PERBAIKAN, ranks, higher_is_better=False)  # at least 3 of 4 (60 % of 4 = 2.4)
    assert moves(cal) == [("e2", B, BP), ("e3", B, BP), ("e4", B, BP)]


@pytest.mark.parametrize(
    ("args", "kwargs", "path"),
    [
        ((O.BAIK, []), {}, "employees"),
        ((O.BAIK, [("a", B, 1), ("a", B, 2)]), {}, "employees[1].key"),
        ((O.BAIK, [("a", "Bagus", 1)]), {}, "employees[0].predikat"),
        ((O.BAIK, [("a", B, "x")]), {}, "employees[0].score"),
        ((O.BAIK, [("a", B)]), {}, "employees[0]"),
        (("Hebat", [("a", B, 1)]), {}, "org_predikat"),
        ((O.BAIK, [("a", B, 1)]), {"prefer": "sideways"}, "prefer"),
    ],
)
def test_calibration_bad_input(args: tuple[object, ...], kwargs: dict[str, object], path: str) -> None:
    with pytest.raises(ValidationError) as info:
        calibrate(*args, **kwargs)  # type: ignore[arg-type]
    assert info.value.paths == (path,)


def test_assessed_objects_are_accepted() -> None:
    people = [Assessed("x", B, Decimal(3)), Assessed("y", B, Decimal(2)), Assessed("z", B, Decimal(1))]
    cal = calibrate("Butuh Perbaikan", people)  # hand-worked: 60 % of 3 = 1.8 -> 2 Butuh Perbaikan, the lowest two
    assert moves(cal) == [("y", B, BP), ("z", B, BP)]


# --- calibration properties, checked by brute force on small units ---------------------------------


def brute_minimum(
    org: PredikatOrganisasi, levels: Sequence[int], rounding: ShareRounding, majority: Majority
) -> tuple[int, int, int] | None:
    """By trying every one-step assignment (3**n): the fewest changes that make the unit comply, and the
    highest and lowest sum of predikat ranks among the compliant assignments with that few changes."""
    ladder = list(Predikat)
    found: dict[int, list[int]] = {}
    for delta in itertools.product((-1, 0, 1), repeat=len(levels)):
        final = [lv + d for lv, d in zip(levels, delta)]
        if any(not 0 <= f <= 4 for f in final):
            continue
        cost = sum(1 for d in delta if d)
        if found and cost > min(found):
            continue
        if check_distribution(org, [ladder[f] for f in final], rounding=rounding, majority=majority).holds:
            found.setdefault(cost, []).append(sum(final))
    if not found:
        return None
    best = min(found)
    return best, max(found[best]), min(found[best])


small_units = st.lists(st.tuples(st.sampled_from(list(Predikat)), st.integers(0, 4)), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(
    org=st.sampled_from(list(O)),
    people=small_units,
    rounding=st.sampled_from(list(ShareRounding)),
    majority=st.sampled_from(list(Majority)),
    prefer=st.sampled_from(["up", "down"]),
)
def test_calibration_is_minimal_and_complies(
    org: PredikatOrganisasi,
    people: list[tuple[Predikat, int]],
    rounding: ShareRounding,
    majority: Majority,
    prefer: str,
) -> None:
    employees = [(f"k{i}", p, s) for i, (p, s) in enumerate(people)]
    cal = calibrate(org, employees, rounding=rounding, majority=majority, prefer=prefer)  # type: ignore[arg-type]
    best = brute_minimum(org, [p.rank for p, _ in people], rounding, majority)
    if best is None:
        assert not cal.feasible and cal.conflicts
        return
    assert cal.feasible and cal.after is not None and cal.after.holds
    fewest, most_up, most_down = best
    assert len(cal.moves) == fewest  # and no smaller set of moves exists (brute force)
    final = dict(cal.assignment)
    assert sum(p.rank for p in final.values()) == (most_up if prefer == "up" else most_down)
    for key, p, _ in employees:
        assert abs(final[key].rank - p.rank) <= 1
    assert {m.key for m in cal.moves} == {k for k, p, _ in employees if final[k] is not p}
    # deterministic: the input order does not matter
    shuffled = list(reversed(employees))
    again = calibrate(org, shuffled, rounding=rounding, majority=majority, prefer=prefer)  # type: ignore[arg-type]
    assert again.to_json() == cal.to_json()


@settings(max_examples=150, deadline=None)
@given(org=st.sampled_from(list(O)), levels=st.lists(st.integers(0, 4), min_size=1, max_size=8))
def test_calibration_keeps_the_assessors_order(org: PredikatOrganisasi, levels: list[int]) -> None:
    ladder = list(Predikat)
    ordered = sorted(levels, reverse=True)  # predikat agree with the order: best-ranked first
    employees = [(f"k{i}", ladder[lv], len(ordered) - i) for i, lv in enumerate(ordered)]
    cal = calibrate(org, employees)
    if cal.feasible:
        final = [p.rank for _, p in cal.assignment]
        assert final == sorted(final, reverse=True)  # nobody ends above someone ranked higher


def _oracle(org: PredikatOrganisasi, units: Sequence[Predikat]) -> bool:
    """The spec §3.5 table written out independently with exact fractions (no kinerja code)."""
    from fractions import Fraction

    n = len(units)

    def share(*ps: Predikat) -> Fraction:
        return Fraction(sum(1 for u in units if u in ps), n)

    if org is O.ISTIMEWA:
        return share(SB) > Fraction(1, 2) and share(SB) <= Fraction(7, 10)
    if org is O.BAIK:
        return share(B) > Fraction(1, 2) and share(B) <= Fraction(7, 10) and share(BP, K) > 0
    if org is O.BUTUH_PERBAIKAN:
        return share(BP) >= Fraction(6, 10) and share(SB) <= Fraction(1, 10)
    if org is O.KURANG:
        return share(K) >= Fraction(6, 10) and share(BP) >= Fraction(1, 10) and share(SB) <= Fraction(1, 10)
    return share(SK) >= Fraction(6, 10) and share(K, BP) >= Fraction(1, 10) and share(SB) == 0


@pytest.mark.parametrize("org", list(O))
def test_check_agrees_with_an_independent_oracle_on_every_unit_up_to_nine(org: PredikatOrganisasi) -> None:
    for n in range(1, 10):
        for combo in itertools.combinations_with_replacement(list(P), n):
            assert check_distribution(org, list(combo)).holds is _oracle(org, combo), (org, combo)


def test_requirements_in_indonesian_and_the_same_english() -> None:
    import random

    from kinerja.distribution import Majority, check_distribution
    from kinerja.model import Predikat

    random.seed(7)
    for org in ["Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]:
        for majority in Majority:
            unit = [random.choice(list(Predikat)) for _ in range(random.randint(1, 12))]
            report = check_distribution(org, unit, majority=majority)
            for c in report.checks:
                assert c.required_text(report.total, majority, "en") == c.required
    report = check_distribution("Baik", [Predikat.BAIK] * 10)
    worded = [c.required_text(10, report.majority, "id") for c in report.checks]
    assert worded == [
        "lebih dari separuh (paling sedikit 6 dari 10)",
        "paling banyak 70 % (paling banyak 7 dari 10)",
        "paling sedikit 1 pegawai (paling sedikit 1 dari 10)",
    ]
    assert "TIDAK memenuhi: 2 dari 3 ketentuan tidak terpenuhi" in report.to_text("id")
    assert str(report) == report.to_text("en") and "does NOT comply" in str(report)


def test_calibration_reasons_in_indonesian() -> None:
    from kinerja.distribution import calibrate
    from kinerja.model import Predikat

    team = [(f"e{i}", Predikat.BAIK, 10 - i) for i in range(10)]
    english = calibrate("Baik", team)
    indonesian = calibrate("Baik", team, lang="id")
    assert [(m.key, m.to_predikat) for m in english.moves] == [(m.key, m.to_predikat) for m in indonesian.moves]
    assert english.moves[2].reason.startswith("the lowest-ranked Baik (#10 of 10), so that Baik: at most 70 %")
    assert indonesian.moves[2].reason.startswith(
        "Baik dengan peringkat terendah (urutan ke-10 dari 10), agar Baik: paling banyak 70 %"
    )
    assert indonesian.reason.startswith("3 perubahan membuat unit kerja memenuhi kurva")
