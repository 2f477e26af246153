"""SKP plans (rencana SKP) of a unit or a whole agency, checked as PermenPANRB 6/2022's cascade needs them.

Under PermenPANRB 6/2022 every rencana hasil kerja (RHK) of a subordinate names
the **RHK atasan yang diintervensi** — the superior's RHK it contributes to; RHK
are utama or tambahan; each has indicators; without the superior's plan the
subordinate cannot make an SKP (spec consequences.md §4, e-Kinerja guides [C2]).
The national system's most frequent failure is a broken plan: a wrong or missing
superior, or an RHK not linked to the superior's. :func:`check_plans` finds every
such problem at once, each with a path and a code:

==============================  ==============================================================
code                            what is wrong
==============================  ==============================================================
``plan.employee_duplicate``     the same employee twice
``plan.rhk_duplicate``          the same RHK id twice (ids are unique in the input)
``plan.superior_missing``       the recorded superior (atasan) has no plan in the input
``plan.superior_cycle``         the chain of superiors loops back
``plan.superior_other_unit``    the superior's unit is not the employee's unit or one above it
``plan.unit_unknown``           a unit that is not in the unit tree
``plan.unit_cycle``             the unit tree loops back
``plan.rhk_parent_missing``     an RHK utama of a subordinate names no RHK, or an unknown one
``plan.rhk_parent_not_superior``  the RHK named belongs to someone other than the recorded superior
``plan.rhk_parent_given``       a plan without a superior names an RHK of someone in the input
``plan.indicator_missing``      an RHK without an indicator
==============================  ==============================================================

The unit tree is optional: without ``units`` the unit checks are skipped. An RHK
tambahan need not intervene a superior's RHK, but one it names must be the
superior's. Everything runs in time linear in the number of plans, RHK and units
(the unit test "superior in the same tree" is an interval test on one depth-first
walk), so a whole agency is one call.

>>> plans = Plans(plans=[
...     Rencana("K", "dinas", None, [Rhk("k1", indikator=["IKU 1"])]),
...     Rencana("S", "dinas", "K", [Rhk("s1", intervensi="k9", indikator=["IKI 1"]), Rhk("s2")]),
... ])
>>> [(p.path, p.code) for p in check_plans(plans).problems]
[('plans[1].rhk[0].intervensi', 'plan.rhk_parent_missing'), ('plans[1].rhk[1].intervensi', 'plan.rhk_parent_missing'), ('plans[1].rhk[1].indikator', 'plan.indicator_missing')]
"""

from __future__ import annotations

import enum
import random
from collections.abc import Mapping
from typing import Any

import attrs

from kinerja.errors import Problem, Problems, ValidationError
from kinerja.policies._common import as_tuple

__all__ = [
    "JenisRhk",
    "PlanReport",
    "Plans",
    "Rencana",
    "Rhk",
    "Unit",
    "check_plans",
    "example_agency",
    "plans_from_json",
]


class JenisRhk(enum.Enum):
    """RHK utama (main) or tambahan (additional), PermenPANRB 6/2022."""

    UTAMA = "UTAMA"
    TAMBAHAN = "TAMBAHAN"


@attrs.frozen
class Rhk:
    """A rencana hasil kerja: its *id*, the superior's RHK it intervenes (*intervensi*), its indicators."""

    id: str
    text: str = ""
    jenis: JenisRhk = JenisRhk.UTAMA
    intervensi: str | None = None
    indikator: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)


@attrs.frozen
class Rencana:
    """One employee's SKP plan: the employee's id (NIP), unit, superior's id (*atasan*; ``None`` at the top) and RHK."""

    pegawai: str
    unit: str
    atasan: str | None
    rhk: tuple[Rhk, ...] = attrs.field(default=(), converter=as_tuple)


@attrs.frozen
class Unit:
    """A unit of the organisation tree: its *id* and the unit it belongs to (*induk*; ``None`` at the top)."""

    id: str
    induk: str | None = None


@attrs.frozen
class Plans:
    """The plans of a unit or agency, with the unit tree (optional)."""

    plans: tuple[Rencana, ...] = attrs.field(default=(), converter=as_tuple)
    units: tuple[Unit, ...] = attrs.field(default=(), converter=as_tuple)


@attrs.frozen
class PlanReport:
    """What :func:`check_plans` found: every problem (path, message, code) and the counts checked."""

    problems: tuple[Problem, ...]
    plans: int
    rhk: int

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_if_any(self) -> None:
        """Raise the problems as one :class:`~kinerja.errors.ValidationError`."""
        if self.problems:
            raise ValidationError(self.problems)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "plans": self.plans,
            "rhk": self.rhk,
            "problems": [p.to_json() for p in self.problems],
        }


def _index(plans: Plans, ps: Problems) -> tuple[dict[str, int], dict[str, str]]:
    """Employee id → index of its plan; RHK id → owner id; duplicates reported."""
    by_id: dict[str, int] = {}
    owner: dict[str, str] = {}
    for i, plan in enumerate(plans.plans):
        if plan.pegawai in by_id:
            first = by_id[plan.pegawai]
            ps.add(
                f"plans[{i}].pegawai", f"{plan.pegawai} already has a plan at plans[{first}]", "plan.employee_duplicate"
            )
            continue
        by_id[plan.pegawai] = i
        for j, rhk in enumerate(plan.rhk):
            if rhk.id in owner:
                ps.add(f"plans[{i}].rhk[{j}].id", f"RHK id {rhk.id} is used twice", "plan.rhk_duplicate")
                continue
            owner[rhk.id] = plan.pegawai
    return by_id, owner


def _cycles(parent: Mapping[str, str | None]) -> set[str]:
    """The nodes lying on a cycle of the *parent* map (iterative, each node visited once)."""
    state: dict[str, int] = {}  # 1 on the current walk, 2 done
    on_cycle: set[str] = set()
    for start in parent:
        if start in state:
            continue
        walk: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in state:
            state[node] = 1
            walk.append(node)
            node = parent[node]
        if node is not None and state.get(node) == 1:
            on_cycle.update(walk[walk.index(node) :])
        for n in walk:
            state[n] = 2
    return on_cycle


def _intervals(units: tuple[Unit, ...], bad: set[str]) -> dict[str, tuple[int, int]]:
    """Entry/exit times of one depth-first walk of the unit tree (units on a cycle left out)."""
    children: dict[str | None, list[str]] = {}
    known = {u.id for u in units}
    for u in units:
        if u.id not in bad:
            root = u.induk if u.induk in known and u.induk not in bad else None
            children.setdefault(root, []).append(u.id)
    out: dict[str, tuple[int, int]] = {}
    clock = 0
    stack: list[tuple[str, bool]] = [(c, False) for c in reversed(children.get(None, []))]
    enter: dict[str, int] = {}
    while stack:
        node, done = stack.pop()
        clock += 1
        if done:
            out[node] = (enter[node], clock)
            continue
        enter[node] = clock
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(children.get(node, [])))
    return out


def _check_units(plans: Plans, ps: Problems) -> dict[str, tuple[int, int]] | None:
    if not plans.units:
        return None
    parent: dict[str, str | None] = {}
    for k, u in enumerate(plans.units):
        if u.id in parent:
            ps.add(f"units[{k}].id", f"unit {u.id} is given twice", "plan.unit_cycle")
        parent[u.id] = u.induk
    for k, u in enumerate(plans.units):
        if u.induk is not None and u.induk not in parent:
            ps.add(f"units[{k}].induk", f"unit {u.induk} is not in the unit tree", "plan.unit_unknown")
    bad = _cycles(parent)
    for k, u in enumerate(plans.units):
        if u.id in bad:
            ps.add(f"units[{k}].induk", f"the unit tree loops back through {u.id}", "plan.unit_cycle")
    return _intervals(plans.units, bad)


def _check_superior(
    i: int,
    plan: Rencana,
    plans: Plans,
    by_id: Mapping[str, int],
    tree: Mapping[str, tuple[int, int]] | None,
    ps: Problems,
) -> None:
    if tree is not None and plan.unit not in tree:
        ps.add(f"plans[{i}].unit", f"unit {plan.unit} is not in the unit tree", "plan.unit_unknown")
    if plan.atasan is None:
        return
    if plan.atasan not in by_id:
        ps.add(f"plans[{i}].atasan", f"the superior {plan.atasan} has no plan", "plan.superior_missing")
        return
    if tree is None or plan.unit not in tree:
        return
    sup_unit = plans.plans[by_id[plan.atasan]].unit
    inner, outer = tree[plan.unit], tree.get(sup_unit)
    if outer is None or not (outer[0] <= inner[0] and inner[1] <= outer[1]):
        ps.add(
            f"plans[{i}].atasan",
            f"the superior {plan.atasan} is in unit {sup_unit}, not in {plan.unit} or a unit above it",
            "plan.superior_other_unit",
        )


def _check_rhk(i: int, plan: Rencana, owner: Mapping[str, str], is_sub: bool, sup_known: bool, ps: Problems) -> None:
    """The RHK of plan *i*; with the superior missing (*sup_known* false) only the existence of the named RHK is checked."""
    for j, rhk in enumerate(plan.rhk):
        path = f"plans[{i}].rhk[{j}]"
        parent = rhk.intervensi
        if parent is None:
            if is_sub and rhk.jenis is JenisRhk.UTAMA:
                ps.add(f"{path}.intervensi", f"RHK {rhk.id} names no RHK of the superior", "plan.rhk_parent_missing")
        elif not is_sub:
            if parent in owner:
                ps.add(
                    f"{path}.intervensi",
                    f"RHK {rhk.id} intervenes RHK {parent} of {owner[parent]}, but the plan records no superior",
                    "plan.rhk_parent_given",
                )
        elif parent not in owner:
            ps.add(f"{path}.intervensi", f"RHK {parent} does not exist", "plan.rhk_parent_missing")
        elif sup_known and owner[parent] != plan.atasan:
            ps.add(
                f"{path}.intervensi",
                f"RHK {parent} belongs to {owner[parent]}, not to the superior {plan.atasan}",
                "plan.rhk_parent_not_superior",
            )
        if not rhk.indikator:
            ps.add(f"{path}.indikator", f"RHK {rhk.id} has no indicator", "plan.indicator_missing")


def check_plans(plans: Plans) -> PlanReport:
    """Every problem of a unit's or agency's plans, in input order per check (linear time)."""
    ps = Problems()
    by_id, owner = _index(plans, ps)
    tree = _check_units(plans, ps)
    superiors = {p.pegawai: p.atasan for p in plans.plans}
    looped = _cycles(superiors)
    for i, plan in enumerate(plans.plans):
        if by_id.get(plan.pegawai) != i:
            continue  # a duplicate, reported once
        if plan.pegawai in looped:
            ps.add(
                f"plans[{i}].atasan", f"the chain of superiors from {plan.pegawai} loops back", "plan.superior_cycle"
            )
        _check_superior(i, plan, plans, by_id, tree, ps)
        _check_rhk(i, plan, owner, plan.atasan is not None, plan.atasan in by_id, ps)
    return PlanReport(tuple(ps.items), len(plans.plans), sum(len(p.rhk) for p in plans.plans))


def example_agency(n: int, seed: int = 0, units: int = 100) -> dict[str, Any]:
    """A valid agency of *n* plans as JSON data: one head, a kepala per unit, staff under them.

    The unit tree has a root ``U0`` and *units* units, each under the root or an
    earlier unit; each kepala's superior is the kepala of the parent unit; each RHK
    (two per plan, one indicator each) intervenes an RHK of the superior.
    """
    rng = random.Random(seed)
    unit_list: list[dict[str, Any]] = [{"id": "U0", "induk": None}]
    kepala = {"U0": "E0"}
    plans = [_example_plan("E0", "U0", None, [])]
    for u in range(1, min(units, n - 1) + 1):
        parent: str = unit_list[rng.randrange(len(unit_list))]["id"]
        unit_list.append({"id": f"U{u}", "induk": parent})
        emp = f"E{len(plans)}"
        kepala[f"U{u}"] = emp
        plans.append(_example_plan(emp, f"U{u}", kepala[parent], plans[int(kepala[parent][1:])]["rhk"]))
    while len(plans) < n:
        unit: str = unit_list[rng.randrange(len(unit_list))]["id"]
        boss = kepala[unit]
        plans.append(_example_plan(f"E{len(plans)}", unit, boss, plans[int(boss[1:])]["rhk"]))
    return {"plans": plans, "units": unit_list}


def _example_plan(emp: str, unit: str, boss: str | None, boss_rhk: list[dict[str, Any]]) -> dict[str, Any]:
    rhk = []
    for k in range(2):
        item: dict[str, Any] = {"id": f"{emp}.{k}", "text": f"hasil kerja {k + 1}", "indikator": [f"indikator {k + 1}"]}
        if boss is not None:
            item["intervensi"] = boss_rhk[k % len(boss_rhk)]["id"]
        rhk.append(item)
    return {"pegawai": emp, "unit": unit, "atasan": boss, "rhk": rhk}


def plans_from_json(data: object) -> Plans:
    """Read plans from JSON data (``{"plans": [...], "units": [...]}``); bad input is a ``ValidationError`` with paths."""
    from kinerja import io

    plans: Plans = io.structure(data, Plans)
    return plans
