"""Compose policies: run a list of them over a unit's employees, one report per employee.

An agency gathers each employee's facts in one :class:`EmployeeFacts` bundle —
the period's predikat and score (for awards), the yearly predikat history, and
the facts of each policy that applies (angka kredit, kenaikan pangkat, KGB,
talent map, absence, improvement) — and a unit in :class:`UnitFacts`. Every
per-employee policy accepts a bundle and takes its own part from it (missing
part: the decision says "not applicable"); unit-level policies such as
:class:`~kinerja.policies.penghargaan.TopPerformerAward` rank the whole unit once
(:class:`UnitPolicy`). :func:`unit_report` runs them all and returns one
:class:`EmployeeReport` per employee, in the unit's order.

A bundle fills the gaps of its parts: a part without ``employee`` gets the
bundle's, a part without yearly predikat gets ``predikat_tahunan``, a kenaikan
pangkat part without angka kredit gets the bundle's ``angka_kredit``. A part
naming a different employee is an error.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

import attrs

from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import render_value
from kinerja.model import Employee, Predikat, decimal_field, enum_field
from kinerja.plain import fields_to_plain
from kinerja.policies._common import (
    YearlyPredikat,
    as_tuple,
    check_instance,
    decimal_map,
    first_index,
    instances,
    predikat_by_year,
    subject_of,
)
from kinerja.policies.angka_kredit import AngkaKreditFacts
from kinerja.policies.disiplin import AbsenceFacts
from kinerja.policies.kenaikan_pangkat import PromotionFacts
from kinerja.policies.kgb import KgbFacts
from kinerja.policies.penghargaan import ImprovementFacts
from kinerja.policies.talenta import TalentFacts
from kinerja.policy import Decision, Policy
from kinerja.result import Result

__all__ = ["EmployeeFacts", "EmployeeReport", "UnitFacts", "UnitPolicy", "unit_report"]

_PARTS: Mapping[str, type[Any]] = {
    "angka_kredit": AngkaKreditFacts,
    "kenaikan_pangkat": PromotionFacts,
    "kgb": KgbFacts,
    "talenta": TalentFacts,
    "disiplin": AbsenceFacts,
    "improvement": ImprovementFacts,
}


@attrs.frozen
class EmployeeFacts:
    """Everything the follow-up policies may need about one employee (each part optional).

    ``predikat`` and ``score`` are the appraisal result of the period being
    rewarded (``score`` only where the regime has one); ``tiebreak`` holds named
    tie-breaker values; ``predikat_tahunan`` the yearly predikat used by kenaikan
    pangkat and KGB when their own facts carry none.
    """

    employee: Employee
    predikat: Predikat | None = enum_field(Predikat, default=None)
    score: Decimal | None = decimal_field(optional=True)
    tiebreak: dict[str, Decimal] = attrs.field(factory=dict, converter=decimal_map)
    predikat_tahunan: tuple[YearlyPredikat, ...] = attrs.field(default=(), converter=as_tuple)
    angka_kredit: AngkaKreditFacts | None = None
    kenaikan_pangkat: PromotionFacts | None = None
    kgb: KgbFacts | None = None
    talenta: TalentFacts | None = None
    disiplin: AbsenceFacts | None = None
    improvement: ImprovementFacts | None = None

    def __attrs_post_init__(self) -> None:
        check_instance(self.employee, Employee, "employee", "an Employee")
        ps = Problems()
        try:
            predikat_by_year(self.predikat_tahunan, "predikat_tahunan")
        except ValidationError as exc:
            ps.extend(exc)
        for key, cls in _PARTS.items():
            part = getattr(self, key)
            if part is None:
                continue
            if not isinstance(part, cls):
                ps.add(key, f"expected {cls.__name__}, got {type(part).__name__}")
            elif part.employee is not None and part.employee.nip != self.employee.nip:
                ps.add(f"{key}.employee.nip", f"{part.employee.nip} is not this bundle's employee {self.employee.nip}")
        ps.raise_if_any()

    @property
    def subject(self) -> str:
        return subject_of(self.employee)

    @classmethod
    def from_result(cls, employee: Employee, result: Result, **parts: Any) -> EmployeeFacts:
        """A bundle whose period predikat and score come from a regime's :class:`~kinerja.result.Result`.

        ``result.predikat`` and ``result.score`` (``None`` where the regime has none,
        as under PermenPANRB 6/2022) are taken as they are; *parts* are the other fields.
        """
        if not isinstance(result, Result):
            raise ValidationError.one("result", f"expected a Result, got {type(result).__name__}")
        return cls(employee, predikat=result.predikat, score=result.score, **parts)

    def part(self, key: str) -> Any:
        """The facts for policy kind *key* (``"kgb"``, ``"talenta"``…), completed from the bundle, or ``None``."""
        if key not in _PARTS:
            raise ValidationError.one("", f"unknown facts kind {quote(key)}; known: {', '.join(_PARTS)}")
        part = getattr(self, key)
        if part is None:
            return None
        changes: dict[str, Any] = {}
        if part.employee is None:
            changes["employee"] = self.employee
        if isinstance(part, (PromotionFacts, KgbFacts)) and not part.predikat and self.predikat_tahunan:
            changes["predikat"] = self.predikat_tahunan
        if isinstance(part, PromotionFacts) and part.angka_kredit is None and self.angka_kredit is not None:
            changes["angka_kredit"] = self.angka_kredit
        if not changes:
            return part
        try:
            return attrs.evolve(part, **changes)
        except ValidationError as exc:
            raise exc.prefixed(key) from None


@attrs.frozen
class UnitFacts:
    """A unit (unit kerja) and the fact bundles of its employees; a NIP may appear once."""

    unit: str
    employees: tuple[EmployeeFacts, ...] = attrs.field(converter=as_tuple)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        seen: dict[str, int] = {}
        for i, e in instances(ps, "employees", self.employees, EmployeeFacts, "EmployeeFacts"):
            if (j := first_index(seen, e.subject, i)) is not None:
                ps.add(f"employees[{i}].employee.nip", f"{e.employee.nip} appears twice (also employees[{j}])")
        ps.raise_if_any()

    @property
    def members_path(self) -> str:
        return "employees"

    def members(self) -> Sequence[EmployeeFacts]:
        return self.employees


@runtime_checkable
class UnitPolicy(Protocol):
    """A policy that needs the whole unit (a ranking): one decision per member, in the unit's order."""

    @property
    def name(self) -> str: ...

    def decide_each(self, unit: Any) -> tuple[Decision, ...]: ...


@attrs.frozen
class EmployeeReport:
    """What the policies decided for one employee: the *decisions* in the order the policies were given."""

    subject: str
    name: str
    unit: str
    decisions: tuple[Decision, ...]

    def decision(self, policy: str) -> Decision:
        """The decision of the policy named *policy*."""
        for d in self.decisions:
            if d.policy == policy:
                return d
        raise KeyError(policy)

    def __getitem__(self, policy: str) -> Decision:
        return self.decision(policy)

    def to_json(self) -> dict[str, Any]:
        return fields_to_plain(self)

    def __str__(self) -> str:
        title = f"{self.name} ({self.subject})" + (f" - {self.unit}" if self.unit else "")
        lines = [title, "=" * len(title)]
        for d in self.decisions:
            lines.append(str(d))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        title = html.escape(f"{self.name} ({self.subject})" + (f" - {self.unit}" if self.unit else ""))
        parts = []
        for d in self.decisions:
            parts.append(d._repr_html_())
            if d.summary:
                parts.append(f"<p>{html.escape(d.summary)}</p>")
            if d.details:
                rows = "".join(
                    f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(str(render_value(v)))}</td></tr>"
                    for k, v in d.details
                )
                parts.append(f"<table class='kinerja-details'>{rows}</table>")
        return f"<div class='kinerja-report'><h4>{title}</h4>{''.join(parts)}</div>"


def unit_report(
    unit: UnitFacts | Sequence[EmployeeFacts],
    policies: Sequence[Policy[Any] | UnitPolicy],
) -> tuple[EmployeeReport, ...]:
    """Run *policies* over every employee of *unit*; one :class:`EmployeeReport` per employee, in the unit's order.

    Per-employee policies get each :class:`EmployeeFacts` bundle; unit policies
    (with ``decide_each``) get the unit once. Every problem found, in any
    employee's facts, is raised together with its path (``employees[2].kgb.as_of``).
    """
    facts = unit if isinstance(unit, UnitFacts) else UnitFacts("", tuple(unit))
    ps = Problems()
    names: dict[str, int] = {}
    for i, p in enumerate(policies):
        name = getattr(p, "name", None)
        if not isinstance(name, str):
            ps.add(f"policies[{i}]", "not a policy (no name)")
            continue
        if name in names:
            ps.add(f"policies[{i}]", f"a second policy named {quote(name)} (also policies[{names[name]}])")
        names[name] = i
    ps.raise_if_any()
    columns: list[tuple[Decision | None, ...]] = []
    for p in policies:
        decide_each = getattr(p, "decide_each", None)
        if decide_each is not None:
            try:
                decided = tuple(decide_each(facts))
            except ValidationError as exc:
                ps.extend(exc)
                columns.append((None,) * len(facts.employees))
                continue
            columns.append(decided)
            continue
        column: list[Decision | None] = []
        for i, e in enumerate(facts.employees):
            try:
                column.append(p.decide(e))  # type: ignore[union-attr]
            except ValidationError as exc:
                ps.extend(exc, f"employees[{i}]")
                column.append(None)
        columns.append(tuple(column))
    ps.raise_if_any()
    reports = []
    for i, e in enumerate(facts.employees):
        decisions = tuple(col[i] for col in columns)
        reports.append(
            EmployeeReport(
                subject=e.subject,
                name=e.employee.name,
                unit=facts.unit or e.employee.unit,
                decisions=tuple(d for d in decisions if d is not None),
            )
        )
    return tuple(reports)
