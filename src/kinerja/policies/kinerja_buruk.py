"""Poor-performance screening: flag an employee for review after N consecutive periods at or below a predikat.

UU 20/2023 tentang ASN, Pasal 52(3)(f), makes "tidak berkinerja" a ground for
dismissal not at the employee's own request (in force 31 October 2023) [C1]. The
implementing PP that would set the legal test (announced with a performance
improvement plan and short evaluations) was **not signed** as far as the sources
show (mid-2025) [C2]. So this policy is a **screening aid, not a legal test**: it
flags candidates for a human review, on criteria the agency chooses
(spec consequences.md §3). Nothing here decides a dismissal.

Criteria (:class:`KinerjaBurukScreening`): a *threshold* predikat (default
Kurang: "Kurang or worse"), the number of *consecutive* periods (default 2, an
agency choice), and whether a gap between periods breaks a run (default yes).

>>> from kinerja.model import Period
>>> hist = [PeriodicPredikat(Period.quarter(2025, q), p) for q, p in ((1, "Baik"), (2, "Kurang"), (3, "Sangat Kurang"))]
>>> d = KinerjaBurukScreening().decide(KinerjaBurukFacts(hist))
>>> d.outcome, d.details[0]
(True, ('longest run at or below Kurang/Misconduct', 2))
"""

from __future__ import annotations

import datetime as _dt
import itertools

import attrs

from kinerja.errors import Problems
from kinerja.explain import Source
from kinerja.model import Employee, Predikat, enum_field
from kinerja.policies._common import as_tuple, check_parameter, subject_of
from kinerja.policies.kenaikan_pangkat import PeriodicPredikat
from kinerja.policy import Decision, Requirement

__all__ = ["SCREENING_NOTE", "SRC_UU_20_2023", "KinerjaBurukFacts", "KinerjaBurukScreening"]

SRC_UU_20_2023 = Source(
    "UU 20/2023 tentang ASN",
    "Pasal 52(3)(f): tidak berkinerja, a ground for dismissal; the test awaits a PP (screening criteria: agency)",
    "C1",
    "https://pasal.id/peraturan/uu/uu-no-20-tahun-2023",
)

SCREENING_NOTE = (
    "a screening aid for human review, not a legal test: UU 20/2023 Pasal 52(3)(f) awaits the PP that sets the test"
)


@attrs.frozen
class KinerjaBurukFacts:
    """An employee's periodic predikat history (any order; no two periods may overlap)."""

    history: tuple[PeriodicPredikat, ...] = attrs.field(converter=as_tuple)
    employee: Employee | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        ordered = sorted(range(len(self.history)), key=lambda i: self.history[i].period.start)
        for a, b in itertools.pairwise(ordered):
            if self.history[b].period.start <= self.history[a].period.end:
                ps.add(f"history[{b}].period", f"overlaps history[{a}].period", "invalid")
        ps.raise_if_any()

    def in_order(self) -> list[PeriodicPredikat]:
        return sorted(self.history, key=lambda h: h.period.start)


@attrs.frozen
class KinerjaBurukScreening:
    """Flag for review after *consecutive* periods at or below *threshold* (agency criteria, see module doc)."""

    threshold: Predikat = enum_field(Predikat, default=Predikat.KURANG)
    consecutive: int = 2
    gap_breaks_run: bool = True

    def __attrs_post_init__(self) -> None:
        check_parameter("consecutive", self.consecutive, 1, 100, "kinerja_buruk.parameter")

    @property
    def name(self) -> str:
        return "kinerja-buruk-screening"

    def longest_run(self, facts: KinerjaBurukFacts) -> tuple[int, list[PeriodicPredikat]]:
        """The longest run of consecutive periods at or below the threshold, and its periods."""
        best: list[PeriodicPredikat] = []
        run: list[PeriodicPredikat] = []
        for h in facts.in_order():
            if h.predikat > self.threshold:
                run = []
                continue
            if run and self.gap_breaks_run and run[-1].period.end + _dt.timedelta(days=1) != h.period.start:
                run = []
            run.append(h)
            if len(run) > len(best):
                best = list(run)
        return len(best), best

    def decide(self, facts: KinerjaBurukFacts) -> Decision:
        length, run = self.longest_run(facts)
        flagged = length >= self.consecutive
        req = Requirement(
            f"consecutive periods at or below {self.threshold.label}",
            length,
            f"fewer than {self.consecutive}",
            not flagged,
            SRC_UU_20_2023,
            note=SCREENING_NOTE,
        )
        periods = [h.period.label for h in run]
        summary = (
            f"flag for review: {length} consecutive periods at or below {self.threshold.label} ({SCREENING_NOTE})"
            if flagged
            else f"no flag: at most {length} consecutive periods at or below {self.threshold.label}"
        )
        return Decision(
            policy=self.name,
            subject=subject_of(facts.employee),
            outcome=flagged,
            requirements=(req,),
            details=(
                (f"longest run at or below {self.threshold.label}", length),
                ("periods of the run", periods),
                ("criteria", f"{self.consecutive} consecutive, gap breaks run: {self.gap_breaks_run}"),
            ),
            summary=summary,
        )
