"""The calibration proposal: the fewest one-step changes of predikat onto the curve (part of :mod:`kinerja.distribution`)."""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Literal

import attrs

from kinerja.dated import Dated
from kinerja.distribution._curve import (
    LEVELS,
    Bound,
    Constraint,
    Curves,
    DistributionReport,
    Majority,
    ShareRounding,
    check_one,
    counts_of,
    curve_of,
    names_of,
    org_of,
    report_of,
)
from kinerja.errors import Problems, ValidationError, quote
from kinerja.i18n import N_, text
from kinerja.model import Predikat, PredikatOrganisasi, decimal_field, enum_field
from kinerja.numbers import to_decimal
from kinerja.policy import html_row
from kinerja.ranking import RankItem, TiePolicy, rank

# --- calibration ---------------------------------------------------------------------------


@attrs.frozen
class Assessed:
    """One employee as the assessor placed them: *key* (NIP or name), current *predikat*, and *score* (or rank).

    By default a higher score is better; pass ``higher_is_better=False`` to
    :func:`calibrate` when the numbers are ranks (1 = best).
    """

    key: str
    predikat: Predikat = enum_field(Predikat)
    score: Decimal = decimal_field()


@attrs.frozen
class Move:
    """A proposed change: employee *key* (at *position* in the assessor's order, 1 = best) moves from *from_predikat* to the adjacent *to_predikat*, for *reason*."""

    key: str
    position: int
    from_predikat: Predikat
    to_predikat: Predikat
    reason: str

    @property
    def direction(self) -> Literal["up", "down"]:
        return "up" if self.to_predikat > self.from_predikat else "down"

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "position": self.position,
            "from": self.from_predikat.value,
            "to": self.to_predikat.value,
            "reason": self.reason,
        }


@attrs.frozen
class Calibration:
    """A calibration proposal (:func:`calibrate`).

    ``feasible`` says whether a compliant assignment exists within one-step moves.
    When it does, ``moves`` is the smallest set of changes (empty when the unit
    already complies) and ``after`` the report of the calibrated unit; ``assignment``
    lists every employee, in the assessor's order, with the proposed predikat. When it
    does not, ``moves`` is empty, ``after`` is ``None``, ``reason`` says why and
    ``conflicts`` names the constraints that cannot hold together.
    """

    org_predikat: PredikatOrganisasi
    feasible: bool
    moves: tuple[Move, ...]
    before: DistributionReport
    after: DistributionReport | None
    assignment: tuple[tuple[str, Predikat], ...]
    reason: str
    conflicts: tuple[str, ...] = ()
    ties: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "org_predikat": self.org_predikat.value,
            "feasible": self.feasible,
            "reason": self.reason,
            "conflicts": list(self.conflicts),
            "moves": [m.to_json() for m in self.moves],
            "assignment": [{"key": k, "predikat": p.value} for k, p in self.assignment],
            "ties": list(self.ties),
            "before": self.before.to_json(),
            "after": None if self.after is None else self.after.to_json(),
        }

    def __str__(self) -> str:
        lines = [f"Calibration - organisation predikat {self.org_predikat.label} - {self.before.total} employees"]
        lines.append(f"  {self.reason}")
        if self.moves:
            wk = max(len(m.key) for m in self.moves)
            wf = max(len(m.from_predikat.label) for m in self.moves)
            wt = max(len(m.to_predikat.label) for m in self.moves)
            for m in self.moves:
                lines.append(
                    f"  #{m.position:<4} {m.key.ljust(wk)}  {m.from_predikat.label.ljust(wf)} -> "
                    f"{m.to_predikat.label.ljust(wt)}  {m.reason}"
                )
        lines.extend(f"  tie: {t}" for t in self.ties)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            html_row(m.position, m.key, m.from_predikat.label, m.to_predikat.label, m.reason) for m in self.moves
        )
        caption = html.escape(f"Calibration - organisation predikat {self.org_predikat.label}: {self.reason}")
        return (
            f"<table class='kinerja-calibration'><caption>{caption}</caption>"
            "<thead><tr><th>#</th><th>employee</th><th>from</th><th>to</th><th>reason</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


# The solver. Levels are ranks 0 (Sangat Kurang) .. 4 (Sangat Baik). s[l] = number of
# employees at level >= l (s[0] = n, s[5] = 0); c[l] = s[l] - s[l+1]. A linear constraint
# sum(coef[l] * c[l]) >= rhs becomes sum(a[l] * s[l] for l in 1..4) >= rhs - coef[0] * n with
# a[l] = coef[l] - coef[l-1]. With one-step moves, s[l] lies in [S[l+1], S[l-1]] (S = the
# original s) and the number of employees moved is sum |s[l] - S[l]| (each moved employee
# crosses exactly one boundary, and never two in opposite directions).

_Lin = tuple[tuple[int, int, int, int], int, str]  # (a1..a4, rhs, constraint id)


def _compile(curve: Sequence[Constraint], n: int, rounding: ShareRounding, majority: Majority) -> list[_Lin]:
    out: list[_Lin] = []

    def add(coef: Sequence[int], rhs: int, cid: str) -> None:
        a = (coef[1] - coef[0], coef[2] - coef[1], coef[3] - coef[2], coef[4] - coef[3])
        out.append((a, rhs - coef[0] * n, cid))

    for c in curve:
        member = [1 if lv in c.levels else 0 for lv in range(5)]
        if c.bound is Bound.AT_LEAST:
            add(member, c.heads(n, rounding), c.id)
        elif c.bound is Bound.AT_MOST:
            add([-m for m in member], -c.heads(n, rounding), c.id)
        elif majority is Majority.STRICT:
            add(member, n // 2 + 1, c.id)
        else:
            (t,) = c.levels
            for other in range(5):
                if other != t:
                    add([(lv == t) - (lv == other) for lv in range(5)], 1, c.id)
            # implied by the four above (their sum): 5 c[t] >= n + 4; it helps the bound propagation
            add([int(lv == t) for lv in range(5)], _ceil_div(n + 4, 5), c.id)
    return out


def _ceil_div(a: int, b: int) -> int:
    return -((-a) // b)


def _inner(
    lx: int,
    ux: int,
    ly: int,
    uy: int,
    lowers: Sequence[tuple[int, int]],
    uppers: Sequence[tuple[int, int]],
    s1: int,
    s4: int,
    sgn: int,
) -> tuple[int, int] | None:
    """Best (x = s1, y = s4) when x is bounded by lines in y (x >= m*y + b, x <= m*y + b).

    For fixed y the best x is the clamp of S1 into [L(y), U(y)]; the objective is convex
    piecewise-linear in y, so its integer optimum lies at the floor or ceiling of a
    crossing of two of the lines involved (or an end of y's range).
    """
    pieces = [(0, lx), (0, ux), (0, s1), *lowers, *uppers]
    cands = {ly, uy, s4}
    for i, (m1, b1) in enumerate(pieces):
        for m2, b2 in pieces[i + 1 :]:
            if m1 != m2:
                fl = (b2 - b1) // (m1 - m2)
                cands.add(fl)
                cands.add(fl + 1)
    best: tuple[tuple[int, int, int], tuple[int, int]] | None = None
    for y in cands:
        if y < ly or y > uy:
            continue
        lo = max([lx] + [m * y + b for m, b in lowers])
        hi = min([ux] + [m * y + b for m, b in uppers])
        if lo > hi:
            continue
        x = min(max(s1, lo), hi)
        key = (abs(x - s1) + abs(y - s4), sgn * (x + y), sgn * y)
        if best is None or key < best[0]:
            best = (key, (x, y))
    return None if best is None else best[1]


_CHAIN: tuple[_Lin, ...] = (((1, -1, 0, 0), 0, ""), ((0, 1, -1, 0), 0, ""), ((0, 0, 1, -1), 0, ""))


def _propagate(lo: Sequence[int], hi: Sequence[int], lins: Sequence[_Lin]) -> tuple[list[int], list[int]] | None:
    """Tighten the bounds of s1..s4 by interval propagation (sound: removes only infeasible values); ``None`` if empty."""
    lo, hi = list(lo), list(hi)
    rows = [*lins, *_CHAIN]
    changed = True
    while changed:
        changed = False
        for a, rhs, _ in rows:
            top = [a[i] * (hi[i] if a[i] > 0 else lo[i]) for i in range(4)]
            total = sum(top)
            for j in range(4):
                aj = a[j]
                if aj == 0:
                    continue
                rest = rhs - (total - top[j])  # aj * s_j >= rest
                if aj > 0:
                    b = _ceil_div(rest, aj)
                    if b > lo[j]:
                        lo[j], changed = b, True
                else:
                    b = rest // aj
                    if b < hi[j]:
                        hi[j], changed = b, True
                if lo[j] > hi[j]:
                    return None
    return lo, hi


def _solve(
    n: int,
    orig: Sequence[int],
    lo: Sequence[int],
    hi: Sequence[int],
    lins: Sequence[_Lin],
    sgn: int,
    first: bool = False,
) -> tuple[int, int, int, int] | None:
    """Minimise sum |s[l] - orig[l]| (then sgn * (sum s, s4, s3, s2, s1)) subject to *lins* and lo <= s <= hi.

    With *first*, return the first feasible point found (a feasibility test).
    """
    s1o, s2o, s3o, s4o = orig
    bounds = _propagate(lo, hi, lins)
    if bounds is None:
        return None
    lo, hi = bounds
    parts = _classify(lins)
    ps = sorted(range(lo[1], hi[1] + 1), key=lambda v: (abs(v - s2o), v))
    qs = sorted(range(lo[2], hi[2] + 1), key=lambda v: (abs(v - s3o), v))
    best_key: tuple[int, ...] | None = None
    best: tuple[int, int, int, int] | None = None
    for p in ps:
        dp = abs(p - s2o)
        if best_key is not None and dp > best_key[0]:
            break
        for q in qs:
            dq = abs(q - s3o)
            if best_key is not None and dp + dq > best_key[0]:
                break
            xy = None if q > p else _outer_point(p, q, lo, hi, parts, (s1o, s4o), sgn)
            if xy is None:
                continue
            x, y = xy
            key = (dp + dq + abs(x - s1o) + abs(y - s4o), sgn * (x + p + q + y), sgn * y, sgn * q, sgn * p, sgn * x)
            if best_key is None or key < best_key:
                best_key, best = key, (x, p, q, y)
                if first:
                    return best
    return best


_Parts = tuple[
    list[tuple[int, int, int]], list[tuple[int, int, int, int]], list[tuple[int, int, int, int]], list[tuple[int, ...]]
]


def _classify(lins: Sequence[_Lin]) -> _Parts:
    """Split the constraints by the outer variables they involve: none, s1 only, s4 only, both."""
    outer: list[tuple[int, int, int]] = []
    xonly: list[tuple[int, int, int, int]] = []
    yonly: list[tuple[int, int, int, int]] = []
    mixed: list[tuple[int, ...]] = []
    for (a1, a2, a3, a4), rhs, _ in lins:
        if a1 == 0 and a4 == 0:
            outer.append((a2, a3, rhs))
        elif a4 == 0:
            xonly.append((a1, a2, a3, rhs))
        elif a1 == 0:
            yonly.append((a4, a2, a3, rhs))
        else:
            assert abs(a1) == 1 and abs(a4) == 1, "a constraint couples s1 and s4 with a coefficient other than 1"
            mixed.append((a1, a4, a2, a3, rhs))
    return outer, xonly, yonly, mixed


def _one_var_range(low: int, high: int, terms: Sequence[tuple[int, int, int, int]], p: int, q: int) -> tuple[int, int]:
    """The range of one outer variable v left by the constraints a v + a2 p + a3 q >= rhs on it alone."""
    for a, a2, a3, rhs in terms:
        r = rhs - a2 * p - a3 * q
        if a > 0:
            low = max(low, _ceil_div(r, a))
        else:
            high = min(high, r // a)
    return low, high


def _outer_point(
    p: int, q: int, lo: Sequence[int], hi: Sequence[int], parts: _Parts, orig: tuple[int, int], sgn: int
) -> tuple[int, int] | None:
    """For the middle boundaries (p, q), the best outer pair (s1, s4), or ``None`` when none is feasible."""
    outer, xonly, yonly, mixed = parts
    s1o, s4o = orig
    if any(a2 * p + a3 * q < rhs for a2, a3, rhs in outer):
        return None
    lx, ux = _one_var_range(max(lo[0], p), hi[0], xonly, p, q)
    if lx > ux:
        return None
    ly, uy = _one_var_range(lo[3], min(hi[3], q), yonly, p, q)
    if ly > uy:
        return None
    if not mixed:
        return min(max(s1o, lx), ux), min(max(s4o, ly), uy)
    lowers: list[tuple[int, int]] = []
    uppers: list[tuple[int, int]] = []
    for a1, a4, a2, a3, rhs in mixed:
        r = rhs - a2 * p - a3 * q  # a1 x + a4 y >= r
        if a1 > 0:
            lowers.append((-a4, r))
        else:
            uppers.append((a4, -r))
    return _inner(lx, ux, ly, uy, lowers, uppers, s1o, s4o, sgn)


def _prefix(counts: Sequence[int]) -> list[int]:
    """s[0..5]: number at level >= l."""
    s = [0] * 6
    for lv in range(4, -1, -1):
        s[lv] = s[lv + 1] + counts[lv]
    return s


def _adjacent_bounds(s: Sequence[int]) -> tuple[list[int], list[int]]:
    return [s[lv + 1] for lv in range(1, 5)], [s[lv - 1] for lv in range(1, 5)]


def _feasible(n: int, s: Sequence[int], lins: Sequence[_Lin], adjacent: bool) -> bool:
    lo, hi = _adjacent_bounds(s) if adjacent else ([0] * 4, [n] * 4)
    return _solve(n, s[1:5], lo, hi, lins, -1, first=True) is not None


def _reach(counts: Sequence[int], levels: frozenset[int]) -> tuple[int, int]:
    """(fewest, most) employees that can hold one of *levels* after one-step moves."""
    most = sum(k for lv, k in enumerate(counts) if any(abs(lv - t) <= 1 for t in levels))
    fewest = sum(
        k for lv, k in enumerate(counts) if lv in levels and all(m in levels for m in (lv - 1, lv + 1) if 0 <= m <= 4)
    )
    return fewest, most


def _why_not(
    n: int,
    counts: Sequence[int],
    curve: Sequence[Constraint],
    rounding: ShareRounding,
    majority: Majority,
) -> tuple[str, tuple[str, ...]]:
    s = _prefix(counts)
    all_lins = _compile(curve, n, rounding, majority)

    def lins_of(subset: Sequence[Constraint]) -> list[_Lin]:
        ids = {c.id for c in subset}
        return [lin for lin in all_lins if lin[2] in ids]

    def bounds(subset: Sequence[Constraint]) -> str:
        return "; ".join(f"{names_of(c.predikat)}: {check_one(c, counts, rounding, majority).required}" for c in subset)

    def hopeless(c: Constraint) -> bool:  # a quick sufficient test of infeasibility with one-step moves
        fewest, most = _reach(counts, c.levels)
        if c.bound is Bound.AT_MOST:
            return fewest > c.heads(n, rounding)
        if c.bound is Bound.MAJORITY and majority is Majority.PLURALITY:
            return most == 0
        return most < c.heads(n, rounding)

    def smallest(adjacent: bool) -> list[Constraint]:
        for size in range(1, len(curve) + 1):
            for subset in _subsets(curve, size):
                if (adjacent and size == 1 and hopeless(subset[0])) or not _feasible(n, s, lins_of(subset), adjacent):
                    return list(subset)
        return list(curve)

    unit = f"a unit of {n} employee{'s' if n != 1 else ''}"
    if not _feasible(n, s, all_lins, adjacent=False):
        subset = smallest(adjacent=False)
        return (
            f"no compliant assignment exists: in {unit} these cannot all hold, whatever the predikat: {bounds(subset)}",
            tuple(c.id for c in subset),
        )
    subset = smallest(adjacent=True)
    if len(subset) == 1:
        c = subset[0]
        fewest, most = _reach(counts, c.levels)
        if c.bound is Bound.AT_MOST:
            detail = f"at least {fewest} must stay there (they hold it and every adjacent predikat is counted too)"
        elif c.bound is Bound.MAJORITY and majority is Majority.PLURALITY:
            detail = f"at most {most} can reach it"
        else:
            detail = f"at most {most} can reach it (those who hold it now or are one predikat away)"
        return (
            f"no compliant assignment exists with one-step moves: {bounds(subset)}, but {detail}",
            (c.id,),
        )
    return (
        f"no compliant assignment exists with one-step moves: these cannot hold together in {unit}: {bounds(subset)}",
        tuple(c.id for c in subset),
    )


def _subsets(items: Sequence[Constraint], size: int) -> Iterable[tuple[Constraint, ...]]:
    import itertools

    return itertools.combinations(items, size)


def _assessed(employees: Sequence[Assessed | tuple[str, Predikat | str, object]]) -> list[Assessed]:
    ps = Problems()
    out: list[Assessed] = []
    for i, e in enumerate(employees):
        try:
            if isinstance(e, Assessed):
                out.append(e)
            elif isinstance(e, tuple) and len(e) == 3:
                key, pred, score = e
                if not isinstance(key, str):
                    raise ValidationError.one("key", "expected text")
                out.append(Assessed(key, Predikat.parse(pred, "predikat"), to_decimal(score, "score")))
            else:
                raise ValidationError.one(
                    "", "expected an Assessed(key, predikat, score) or a (key, predikat, score) tuple"
                )
        except ValidationError as exc:
            ps.extend(exc, f"employees[{i}]")
    ps.raise_if_any()
    if not out:
        raise ValidationError.one("employees", "the unit is empty: there is nothing to calibrate")
    return out


def calibrate(
    org_predikat: PredikatOrganisasi | str,
    employees: Sequence[Assessed | tuple[str, Predikat | str, object]],
    *,
    higher_is_better: bool = True,
    rounding: ShareRounding = ShareRounding.EXACT,
    majority: Majority = Majority.STRICT,
    prefer: Literal["up", "down"] = "up",
    curves: Curves | Dated[Curves] | None = None,
    lang: str | None = "en",
    on: _dt.date | None = None,
) -> Calibration:
    """Propose the smallest set of one-step predikat changes that makes a unit comply with its curve.

    *employees* are :class:`Assessed` (or ``(key, predikat, score)`` tuples); the assessor's order is by score,
    best first (``higher_is_better=False`` for ranks). The curve is chosen as by :func:`check_distribution`: in
    force on *on* (default today), or *curves*. Deterministic (see the module docstring); reasons worded in *lang*
    (``"en"``, ``"id"``). An empty unit, a duplicate key or a bad predikat is a :class:`~kinerja.errors.ValidationError`.

    >>> from kinerja.model import Predikat as P
    >>> team = [(f"e{i}", P.BAIK, 10 - i) for i in range(10)]          # ten Baik, e0 best
    >>> cal = calibrate("Baik", team)
    >>> [(m.key, m.from_predikat.label, m.to_predikat.label) for m in cal.moves]
    [('e0', 'Baik', 'Sangat Baik'), ('e1', 'Baik', 'Sangat Baik'), ('e9', 'Baik', 'Butuh Perbaikan')]
    >>> cal.after.holds
    True
    >>> print(calibrate("Baik", [("solo", "Baik", 1)]).reason)
    no compliant assignment exists: in a unit of 1 employee these cannot all hold, whatever the predikat: Baik: more than half (at least 1 of 1); Baik: at most 70 % (at most 0 of 1)
    """
    if prefer not in ("up", "down"):
        raise ValidationError.one("prefer", f"expected 'up' or 'down', got {quote(prefer)}")
    org = org_of(org_predikat)
    curve, source = curve_of(org, curves, on)
    people = _assessed(employees)
    order, ties = _assessor_order(people, higher_is_better)
    by_key = {e.key: e for e in people}
    level = {k: by_key[k].predikat.rank for k in order}
    n, counts = len(order), counts_of(list(level.values()))
    before = report_of(org, counts, curve, rounding, majority, source)
    unchanged = tuple((k, LEVELS[level[k]]) for k in order)
    if before.holds:
        return Calibration(
            org, True, (), before, before, unchanged, "the unit already complies: no change needed", (), ties
        )
    s = _prefix(counts)
    lo, hi = _adjacent_bounds(s)
    lins = _compile(curve, n, rounding, majority)
    found = _solve(n, s[1:5], lo, hi, lins, -1 if prefer == "up" else 1)
    if found is None:
        reason, conflicts = _why_not(n, counts, curve, rounding, majority)
        return Calibration(org, False, (), before, None, unchanged, reason, conflicts, ties)
    moved = _moved(order, level, s, [n, *found, 0])
    final = dict(level)
    for k, _, to in moved:
        final[k] = to
    after = report_of(org, counts_of(list(final.values())), curve, rounding, majority, source)
    assert after.holds, "calibration produced a non-compliant unit"
    moves = _described(moved, order, level, (before, after), lang)
    assignment = tuple((k, LEVELS[final[k]]) for k in order)
    return Calibration(org, True, tuple(moves), before, after, assignment, _how_many(len(moves), lang), (), ties)


def _how_many(total: int, lang: str | None) -> str:
    if total == 1:
        return text("1 change makes the unit comply (the fewest possible with one-step moves)", lang)
    return text("{n} changes make the unit comply (the fewest possible with one-step moves)", lang, n=total)


def _assessor_order(people: Sequence[Assessed], higher_is_better: bool) -> tuple[list[str], tuple[str, ...]]:
    """The assessor's order (best first; ties by key, :func:`kinerja.ranking.rank`) and the ties it settled."""
    try:
        ranked = rank(
            [RankItem(e.key, e.score) for e in people], higher_is_better=higher_is_better, ties=TiePolicy.average()
        )
    except ValidationError as exc:  # a duplicate key: "[3].key" -> "employees[3].key"
        raise exc.prefixed("employees") from None
    ties = tuple(
        sorted({f"{r.key} tied with {', '.join(r.tied_with)} on score; ordered by key" for r in ranked if r.tied_with})
    )
    return [r.key for r in ranked], ties


def _moved(
    order: Sequence[str], level: Mapping[str, int], s: Sequence[int], new_s: Sequence[int]
) -> list[tuple[str, int, int]]:
    """Who crosses each boundary: the best-ranked of a level move up, the lowest-ranked move down."""
    moved: list[tuple[str, int, int]] = []
    for boundary in range(1, 5):
        d = new_s[boundary] - s[boundary]
        if d > 0:  # d employees of level boundary-1 move up: the best-ranked of them
            group = [k for k in order if level[k] == boundary - 1][:d]
            moved.extend((k, boundary - 1, boundary) for k in group)
        elif d < 0:  # -d employees of level boundary move down: the lowest-ranked of them
            group = [k for k in order if level[k] == boundary][d:]
            moved.extend((k, boundary, boundary - 1) for k in group)
    return moved


def _described(
    moved: Sequence[tuple[str, int, int]],
    order: Sequence[str],
    level: Mapping[str, int],
    reports: tuple[DistributionReport, DistributionReport],
    lang: str | None,
) -> list[Move]:
    """Each move with its reason: which rule it mends, or which tight rule it keeps (worded in *lang*)."""
    before, after = reports
    position = {k: i + 1 for i, k in enumerate(order)}
    failing = [c for c in before.checks if not c.holds]
    tight = [c for c in after.checks if c.limit is not None and c.count == c.limit]
    moves: list[Move] = []
    for k, frm, to in sorted(moved, key=lambda m: position[m[0]]):
        same = [j for j in order if level[j] == frm]
        place = same.index(k) + 1
        group_size = sum(1 for _, f, t in moved if (f, t) == (frm, to))
        which = text(
            _WHO[(to > frm, group_size == 1)], lang, k=group_size, label=LEVELS[frm].label, place=place, n=len(same)
        )
        why = [c for c in failing if _involves(c.constraint, frm, to)]
        keep = [c for c in tight if _involves(c.constraint, frm, to)]
        rules = "; ".join(
            names_of(c.constraint.predikat) + ": " + c.required_text(before.total, before.majority, lang)
            for c in (why or keep)
        )
        if why:
            motive = text("so that {rules}", lang, rules=rules)
        elif keep:
            motive = text("knock-on move keeping {rules}", lang, rules=rules)
        else:
            motive = text("part of the smallest set of moves that makes the unit comply", lang)
        moves.append(Move(k, position[k], LEVELS[frm], LEVELS[to], f"{which}, {motive}"))
    return moves


_WHO: Final = {
    (True, True): N_("the best-ranked {label} (#{place} of {n})"),
    (True, False): N_("one of the {k} best-ranked {label} (#{place} of {n})"),
    (False, True): N_("the lowest-ranked {label} (#{place} of {n})"),
    (False, False): N_("one of the {k} lowest-ranked {label} (#{place} of {n})"),
}


def _involves(c: Constraint, frm: int, to: int) -> bool:
    if c.bound is Bound.MAJORITY:
        return True
    return frm in c.levels or to in c.levels
