"""Awards and incentives: the top performers of a unit, and an award for measured improvement.

* :class:`TopPerformerAward` — rank a unit's employees by predikat kinerja, then
  by the regime's score where it has one (PermenPANRB 6/2022 has none, spec §3.6),
  then by any declared tie-breakers, using :func:`kinerja.ranking.rank`. The top
  ``top_n`` win; employees still tied across the cut-off are all included
  (default) or all left out, and the decision says which and why.
* :class:`ImprovementAward` — the Salatiga practice (spec ``local-schemes.md``):
  an award or incentive for an employee who raises a measured outcome
  significantly between two periods (a teacher who raises the student achievement
  index). "Significantly" is the agency's threshold: an absolute rise, a rise in
  percent of the earlier value, or both.

Award thresholds are agency choices: the defaults (top 3, at least Baik, a 10 %
rise) are illustrative, not law.

>>> from kinerja.model import Period
>>> facts = ImprovementFacts(
...     measure="indeks prestasi siswa",
...     before=Measurement(Period.year(2023), "70"),
...     after=Measurement(Period.year(2024), "80"),
... )
>>> d = ImprovementAward().decide(facts)
>>> d.outcome, d.summary
(True, 'indeks prestasi siswa improved by 10 (14.29%) from 2023-01-01..2023-12-31 to 2024-01-01..2024-12-31')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, Protocol

import attrs

from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Source
from kinerja.model import Direction, Employee, Period, Predikat, decimal_field, enum_field
from kinerja.numbers import HUNDRED, ZERO, exact, fmt, round_half_up
from kinerja.policies._common import BundlePart, PartPolicy, as_tuple, decimal_map, subject_of
from kinerja.policy import Decision, Requirement
from kinerja.ranking import Ranked, RankItem, TiePolicy, rank

__all__ = [
    "AwardCandidate",
    "AwardRow",
    "AwardUnit",
    "ImprovementAward",
    "ImprovementFacts",
    "Measurement",
    "TopPerformerAward",
]

SRC_AWARD = Source("agency choice", "penghargaan bagi pegawai berkinerja terbaik (top N of a unit)", "agency")
SRC_PREDIKAT_ORDER = Source(
    "PermenPANRB 6/2022", "predikat order Sangat Baik > Baik > Butuh Perbaikan > Kurang > Sangat Kurang", "C2"
)
SRC_IMPROVEMENT = Source(
    "agency choice", "Salatiga: award for a significant measured improvement (local-schemes.md)", "agency"
)


# --- top performers --------------------------------------------------------------------------


class Rankable(Protocol):
    """What the award needs of one employee: who, the predikat, the score, named tie-breakers."""

    @property
    def employee(self) -> Employee: ...

    @property
    def predikat(self) -> Predikat | None: ...

    @property
    def score(self) -> Decimal | None: ...

    @property
    def tiebreak(self) -> Mapping[str, Decimal]: ...


class UnitLike(Protocol):
    """A unit: its name and its members (``members_path`` names them in error paths)."""

    @property
    def unit(self) -> str: ...

    @property
    def members_path(self) -> str: ...

    def members(self) -> Sequence[Rankable]: ...


@attrs.frozen
class AwardCandidate:
    """One employee in an award ranking: the period's *predikat* (``None`` = not assessed), an optional *score* and tie-breakers."""

    employee: Employee
    predikat: Predikat | None = enum_field(Predikat, default=None)
    score: Decimal | None = decimal_field(optional=True)
    tiebreak: dict[str, Decimal] = attrs.field(factory=dict, converter=decimal_map)


@attrs.frozen
class AwardUnit:
    """A unit's candidates for an award: the *unit* name, the *candidates*, optionally the *period*."""

    unit: str
    candidates: tuple[AwardCandidate, ...] = attrs.field(converter=as_tuple)
    period: Period | None = None

    @property
    def members_path(self) -> str:
        return "candidates"

    def members(self) -> Sequence[Rankable]:
        return self.candidates


@attrs.frozen
class AwardRow:
    """One employee's place in an award ranking and the verdict."""

    subject: str
    name: str
    predikat: Predikat | None
    score: Decimal | None
    eligible: bool
    ranked: Ranked | None
    first: int | None
    last: int | None
    winner: bool
    reason: str


@attrs.frozen
class TopPerformerAward:
    """The top ``top_n`` performers of a unit by predikat, then score, then declared tie-breakers.

    Parameters (agency choices, illustrative defaults): ``top_n`` (3),
    ``min_predikat`` (Baik: only Baik or better can win), ``tie_breakers`` (extra
    keys from each employee's ``tiebreak`` values, higher first unless listed in
    ``ascending``) and ``at_cutoff`` — ``"include"`` (default: employees tied on
    everything across the cut-off all win) or ``"exclude"`` (none of them does).
    """

    top_n: int = 3
    min_predikat: Predikat = enum_field(Predikat, default=Predikat.BAIK)
    tie_breakers: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    ascending: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    at_cutoff: Literal["include", "exclude"] = "include"

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if isinstance(self.top_n, bool) or not isinstance(self.top_n, int) or self.top_n < 1:
            ps.add("top_n", f"must be a whole number of at least 1, got {quote(self.top_n)}")
        if self.at_cutoff not in ("include", "exclude"):
            ps.add("at_cutoff", f"must be 'include' or 'exclude', got {quote(self.at_cutoff)}")
        if "score" in self.tie_breakers:
            ps.add("tie_breakers", "'score' is always used first when scores are given; do not list it")
        for k in self.ascending:
            if k not in self.tie_breakers:
                ps.add("ascending", f"{quote(k)} is not one of the tie_breakers")
        ps.raise_if_any()

    @property
    def name(self) -> str:
        return "penghargaan-kinerja-terbaik"

    def ranking(self, unit: UnitLike) -> tuple[AwardRow, ...]:
        """Every member with eligibility, rank, position range and verdict, best first (ineligible last)."""
        members = list(unit.members())
        eligible = [(i, m) for i, m in enumerate(members) if m.predikat is not None and m.predikat >= self.min_predikat]
        has_score = self._check(members, eligible, unit.members_path)
        keys = (("score",) if has_score else ()) + self.tie_breakers
        ties = TiePolicy.breakers(*keys, ascending=self.ascending) if keys else TiePolicy.minimum()
        items = [
            RankItem(
                key=subject_of(m.employee),
                score=Decimal(m.predikat.rank) if m.predikat is not None else ZERO,
                tiebreak={**({"score": m.score} if m.score is not None else {}), **dict(m.tiebreak)},
            )
            for _, m in eligible
        ]
        ranked = rank(items, ties=ties)
        by_key = {subject_of(m.employee): m for m in members}
        rows: list[AwardRow] = []
        index = 0
        while index < len(ranked):
            size = 1 + len(ranked[index].tied_with)
            first, last = index + 1, index + size
            for r in ranked[index : index + size]:
                m = by_key[r.key]
                win, why = self._verdict(first, last)
                rows.append(AwardRow(r.key, m.employee.name, m.predikat, m.score, True, r, first, last, win, why))
            index += size
        for m in members:
            if m.predikat is None or m.predikat < self.min_predikat:
                why = (
                    "not assessed in the period" if m.predikat is None else f"predikat below {self.min_predikat.label}"
                )
                row = AwardRow(
                    subject_of(m.employee), m.employee.name, m.predikat, m.score, False, None, None, None, False, why
                )
                rows.append(row)
        return tuple(rows)

    def _check(self, members: Sequence[Rankable], eligible: Sequence[tuple[int, Rankable]], path: str) -> bool:
        """Refuse a unit listing someone twice, scores for some but not all, or a missing tie-breaker; whether scored."""
        ps = Problems()
        seen: dict[str, int] = {}
        for i, m in enumerate(members):
            key = subject_of(m.employee)
            if key in seen:
                ps.add(f"{path}[{i}].employee.nip", f"{key} appears twice (also {path}[{seen[key]}])")
            seen[key] = i
        has_score = any(m.score is not None for _, m in eligible)
        for i, m in eligible:
            if has_score and m.score is None:
                ps.add(f"{path}[{i}].score", "other employees have a score; a ranking needs a score for all or none")
        for i, m in eligible:
            for k in self.tie_breakers:
                if k not in m.tiebreak:
                    ps.add(f"{path}[{i}].tiebreak.{k}", "tie-breaker value missing")
        ps.raise_if_any()
        return has_score

    def _verdict(self, first: int, last: int) -> tuple[bool, str]:
        """Whether positions *first*-*last* (one tie block) win, and why."""
        if last <= self.top_n:
            return True, f"position {_pos(first, last)} is within the top {self.top_n}"
        if first <= self.top_n:
            win = self.at_cutoff == "include"
            return win, (
                f"tied on every criterion across the cut-off (positions {first}-{last}, top {self.top_n}); "
                + ("all tied employees are included" if win else "tied employees are left out")
            )
        return False, f"position {_pos(first, last)} is below the top {self.top_n}"

    def _ties_text(self, rows: Sequence[AwardRow]) -> str:
        has_score = any(r.score is not None for r in rows if r.eligible)
        order = ["predikat"] + (["score"] if has_score else []) + list(self.tie_breakers)
        return f"ordered by {', then '.join(order)}; top {self.top_n}; ties across the cut-off: {self.at_cutoff}"

    def decide(self, unit: UnitLike) -> Decision:
        """The unit-level decision: the outcome is the tuple of winners' subjects; details list the ranking."""
        rows = self.ranking(unit)
        winners = tuple(r.subject for r in rows if r.winner)
        details: list[tuple[str, object]] = [("rule", self._ties_text(rows))]
        for r in rows:
            place = _pos(r.first, r.last) if r.first is not None and r.last is not None else "-"
            shown = f"{r.name}: {r.predikat.label if r.predikat else 'not assessed'}"
            if r.score is not None:
                shown += f", score {fmt(r.score)}"
            shown += f"; position {place}; {'award' if r.winner else 'no award'} ({r.reason})"
            details.append((r.subject, shown))
        return Decision(
            policy=self.name,
            subject=unit.unit,
            outcome=winners,
            requirements=(),
            details=tuple(details),
            summary=f"{len(winners)} award(s) in {unit.unit}: {', '.join(winners) or 'none'}",
        )

    def decide_each(self, unit: UnitLike) -> tuple[Decision, ...]:
        """One decision per member (in the unit's order), each with its predikat and rank requirements."""
        rows = {r.subject: r for r in self.ranking(unit)}
        rule = self._ties_text(list(rows.values()))
        out: list[Decision] = []
        for m in unit.members():
            r = rows[subject_of(m.employee)]
            reqs = [
                Requirement(
                    "predikat kinerja of the period",
                    r.predikat,
                    f"at least {self.min_predikat.label}",
                    r.eligible,
                    SRC_PREDIKAT_ORDER,
                    note="" if r.eligible else r.reason,
                )
            ]
            if r.eligible and r.ranked is not None and r.first is not None and r.last is not None:
                reqs.append(
                    Requirement(
                        f"place in {unit.unit}",
                        _pos(r.first, r.last),
                        f"within the top {self.top_n}",
                        r.winner,
                        SRC_AWARD,
                        note=f"{r.reason}; {_how(r.ranked)}",
                    )
                )
            details: list[tuple[str, object]] = [("unit", unit.unit), ("rule", rule)]
            if r.score is not None:
                details.append(("score", r.score))
            if r.ranked is not None:
                details.append(("rank", r.ranked.rank))
                details.append(("tied with", r.ranked.tied_with))
                details.append(("how", _how(r.ranked)))
            out.append(
                Decision(
                    policy=self.name,
                    subject=r.subject,
                    outcome=r.winner,
                    requirements=tuple(reqs),
                    details=tuple(details),
                    summary=("award: " if r.winner else "no award: ") + r.reason,
                )
            )
        return tuple(out)


def _how(ranked: Ranked) -> str:
    """The ranking's own words, with its primary "score" called what it is here: the predikat."""
    return (
        ranked.how.replace("unique score", "unique predikat")
        .replace("equal score with", "equal predikat with")
        .replace("tied on score and", "tied on predikat and")
    )


def _pos(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


# --- improvement ---------------------------------------------------------------------------


@attrs.frozen
class Measurement:
    """A measured outcome in one *period*: its *value* and optionally the period's *predikat*."""

    period: Period
    value: Decimal = decimal_field()
    predikat: Predikat | None = enum_field(Predikat, default=None)


@attrs.frozen
class ImprovementFacts:
    """One employee's *measure* in two periods, *before* and *after*, and which way it improves."""

    measure: str
    before: Measurement
    after: Measurement
    direction: Direction = enum_field(Direction, default=Direction.HIGHER_IS_BETTER)
    employee: Employee | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not isinstance(self.measure, str) or not self.measure.strip():
            ps.add("measure", "name the measured outcome")
        if self.after.period.start <= self.before.period.end:
            ps.add(
                "after.period",
                f"{self.after.period.label} must start after the earlier period {self.before.period.label} ends",
            )
        ps.raise_if_any()


def _opt_dec(value: object, field: attrs.Attribute[Any]) -> Decimal | None:
    from kinerja.numbers import to_decimal

    if value is None:
        return None
    d = to_decimal(value, field.name)
    if d < ZERO:
        raise ValidationError.one(field.name, f"cannot be negative, got {d}")
    return d


@attrs.frozen
class ImprovementAward(PartPolicy[ImprovementFacts]):
    """Award a significant measured improvement between two periods (the Salatiga case).

    Parameters (agency choices, illustrative defaults): ``min_rise`` (an absolute
    rise, default none), ``min_rise_percent`` (a rise in percent of the earlier
    value, default 10) — at least one must be set, each set one must be met — and
    ``min_predikat`` (the later period's predikat, default none).
    """

    part = BundlePart("penghargaan-peningkatan", "improvement", ImprovementFacts, "improvement facts")
    min_rise: Decimal | None = attrs.field(default=None, converter=attrs.Converter(_opt_dec, takes_field=True))  # type: ignore[misc]
    min_rise_percent: Decimal | None = attrs.field(
        default=Decimal(10),
        converter=attrs.Converter(_opt_dec, takes_field=True),  # type: ignore[misc]
    )
    min_predikat: Predikat | None = enum_field(Predikat, default=None)

    def __attrs_post_init__(self) -> None:
        if self.min_rise is None and self.min_rise_percent is None:
            raise ValidationError.one("min_rise", "set min_rise, min_rise_percent or both")

    def _decide(self, facts: ImprovementFacts) -> Decision:
        b, a = facts.before, facts.after
        lower = facts.direction is Direction.LOWER_IS_BETTER
        with exact():
            rise = (b.value - a.value) if lower else (a.value - b.value)
            pct = rise / abs(b.value) * HUNDRED if b.value != ZERO else None
        span = f"from {b.period.label} to {a.period.label}"
        reqs: list[Requirement] = []
        if self.min_rise is not None:
            reqs.append(
                Requirement(
                    f"improvement in {facts.measure} {span}",
                    rise,
                    f">= {fmt(self.min_rise)}",
                    rise >= self.min_rise,
                    SRC_IMPROVEMENT,
                    note=f"{fmt(b.value)} → {fmt(a.value)} ({'lower' if lower else 'higher'} is better)",
                )
            )
        if self.min_rise_percent is not None:
            shown = round_half_up(pct, 2) if pct is not None else None
            reqs.append(
                Requirement(
                    f"improvement in {facts.measure} in percent of {fmt(b.value)}",
                    shown,
                    f">= {fmt(self.min_rise_percent)}%",
                    pct is not None and pct >= self.min_rise_percent,
                    SRC_IMPROVEMENT,
                    note="undefined for a zero starting value"
                    if pct is None
                    else "shown to 2 decimals, compared exactly",
                )
            )
        if self.min_predikat is not None:
            reqs.append(
                Requirement(
                    f"predikat kinerja {a.period.label}",
                    a.predikat,
                    f"at least {self.min_predikat.label}",
                    a.predikat is not None and a.predikat >= self.min_predikat,
                    SRC_PREDIKAT_ORDER,
                    note="not given" if a.predikat is None else "",
                )
            )
        ok = all(r.met for r in reqs)
        pct_text = f" ({fmt(round_half_up(pct, 2))}%)" if pct is not None else ""
        if rise > ZERO:
            summary = f"{facts.measure} improved by {fmt(rise)}{pct_text} {span}"
        else:
            summary = f"{facts.measure} did not improve ({fmt(rise)}{pct_text}) {span}"
        if not ok:
            summary += "; below the award threshold" if rise > ZERO else ""
        details: tuple[tuple[str, object], ...] = (
            ("before", b.value),
            ("after", a.value),
            ("rise", rise),
            ("rise percent (2 decimals)", round_half_up(pct, 2) if pct is not None else None),
        )
        return Decision(self.name, subject_of(facts.employee), ok, tuple(reqs), details, summary)
