"""The annual result of a year of evaluations: the :class:`Rollup` that chooses it, and its explanation."""

from __future__ import annotations

import datetime as _dt
import itertools
from collections import Counter
from collections.abc import Sequence
from typing import Final, Literal, Protocol, runtime_checkable

import attrs

from kinerja.errors import ValidationError, quote
from kinerja.explain import Explanation, Source, Step
from kinerja.model import Ekspektasi, Period, Predikat
from kinerja.rules.permenpanrb_6_2022 import AGENCY, SRC_FINAL, SRC_MUTASI, SRC_PERIOD

__all__ = [
    "FINAL",
    "Evaluation",
    "FinalEvaluation",
    "MostFrequent",
    "Rollup",
    "WorstPeriodic",
    "chronological",
    "explain_annual",
    "skp_segments",
]


@attrs.frozen
class Evaluation:
    """One evaluation as a :class:`Rollup` sees it: input *index*, *subject* (NIP), *period*, *unit*, and its ratings."""

    index: int
    subject: str
    period: Period
    unit: str
    predikat: Predikat
    hasil_kerja: Ekspektasi
    hasil_kerja_source: str
    perilaku_kerja: Ekspektasi
    perilaku_kerja_source: str

    def describe(self) -> str:
        unit = f", {self.unit}" if self.unit else ""
        return f"[{self.index}] {self.period.label}{unit}"


def chronological(ev: Evaluation) -> tuple[_dt.date, int, int]:
    """Chronological: by end date; with the same end, the longer period last (it is the wider evaluation)."""
    return (ev.period.end, -ev.period.start.toordinal(), ev.index)


def skp_segments(ordered: Sequence[Evaluation]) -> list[tuple[str, list[Evaluation]]]:
    """Consecutive runs of the same unit, in time order: one per SKP held."""
    out: list[tuple[str, list[Evaluation]]] = []
    for ev in sorted(ordered, key=lambda e: (e.period.start, e.period.end, e.index)):
        if out and out[-1][0] == ev.unit:
            out[-1][1].append(ev)
        else:
            out.append((ev.unit, [ev]))
    return out


@runtime_checkable
class Rollup(Protocol):
    """How the evaluations of a year become the annual result.

    ``choose`` receives the evaluations in chronological order (by end date; with
    the same end, the longer period last) and the year, and returns the evaluation
    whose ratings and predikat become the annual ones, with a one-line reason.
    """

    @property
    def name(self) -> str: ...

    @property
    def source(self) -> Source: ...

    def choose(self, evaluations: Sequence[Evaluation], year: int) -> tuple[Evaluation, str]: ...


@attrs.frozen
class FinalEvaluation:
    """The default roll-up: the evaluation of the final period is the annual one (spec §3.4; open question 6).

    The final period is the one ending last; if several end on the same day, the
    longest (a Jan–Dec annual evaluation beats the December one). With
    ``require_year_end`` (default) it must end on 31 December — an employee whose year
    is not evaluated to its end has no annual predikat yet (set it to ``False`` when
    the service ended during the year). Several SKP in a year (a move): the final
    evaluation of the last SKP [R].
    """

    require_year_end: bool = True
    name: str = "final"

    @property
    def source(self) -> Source:
        return SRC_FINAL

    def choose(self, evaluations: Sequence[Evaluation], year: int) -> tuple[Evaluation, str]:
        last = evaluations[-1]
        twins = [e for e in evaluations[:-1] if e.period == last.period]
        if twins:
            raise ValidationError.one(
                f"[{last.index}].period",
                f"{twins[0].describe()} and {last.describe()} cover the same final period: which is final is ambiguous",
            )
        if self.require_year_end and last.period.end != _dt.date(year, 12, 31):
            raise ValidationError.one(
                "evaluations",
                f"the latest evaluation ends on {last.period.end}; the annual predikat is the final evaluation of "
                f"the year (to {year}-12-31) - pass it, or use FinalEvaluation(require_year_end=False)",
            )
        return last, f"the evaluation of the final period, {last.describe()}, is the annual one"


FINAL: Final[FinalEvaluation] = FinalEvaluation()
"""The default roll-up."""


@attrs.frozen
class WorstPeriodic:
    """AGENCY CHOICE, not a national rule: the annual predikat is the worst periodic predikat.

    Ties (the same worst predikat several times) go to the latest such evaluation,
    whose ratings are reported.
    """

    name: str = "worst"

    @property
    def source(self) -> Source:
        return Source(AGENCY, "annual predikat = the worst periodic predikat of the year", "agency")

    def choose(self, evaluations: Sequence[Evaluation], year: int) -> tuple[Evaluation, str]:
        worst = min(e.predikat for e in evaluations)
        chosen = [e for e in evaluations if e.predikat is worst][-1]
        times = sum(1 for e in evaluations if e.predikat is worst)
        return (
            chosen,
            f"the worst of {len(evaluations)} evaluations is {worst.label} ({times}x; the latest, {chosen.describe()}, is reported)",
        )


@attrs.frozen
class MostFrequent:
    """AGENCY CHOICE, not a national rule: the annual predikat is the most frequent periodic predikat.

    ``weight="evaluations"`` (default) counts evaluations; ``"months"`` counts the
    whole months each covers (fair when the cadence changed, e.g. after a move) and
    refuses a period with no whole month in it, which it could not count; ``"days"``
    counts calendar days, for part-month periods after a mid-month move.
    Periods must not overlap (pass the periodic evaluations, not the annual one), so no
    part of the year counts twice. ``tie`` settles equal counts: ``"worse"`` (default,
    conservative), ``"better"`` or ``"latest"`` (the predikat of the most recent of the
    tied evaluations). The latest evaluation with the chosen predikat is reported.
    """

    tie: Literal["worse", "better", "latest"] = "worse"
    weight: Literal["evaluations", "months", "days"] = "evaluations"
    name: str = "most-frequent"

    def __attrs_post_init__(self) -> None:
        if self.tie not in ("worse", "better", "latest"):
            raise ValidationError.one("tie", f"expected 'worse', 'better' or 'latest', got {quote(self.tie)}")
        if self.weight not in ("evaluations", "months", "days"):
            raise ValidationError.one("weight", f"expected 'evaluations', 'months' or 'days', got {quote(self.weight)}")

    @property
    def source(self) -> Source:
        return Source(
            AGENCY,
            f"annual predikat = the most frequent periodic predikat (by {self.weight}; ties {self.tie})",
            "agency",
        )

    def choose(self, evaluations: Sequence[Evaluation], year: int) -> tuple[Evaluation, str]:
        by_start = sorted(evaluations, key=lambda e: (e.period.start, e.index))
        for a, b in itertools.pairwise(by_start):
            if a.period.overlaps(b.period):
                raise ValidationError.one(
                    f"[{b.index}].period",
                    f"overlaps {a.describe()}: most-frequent counts each part of the year once "
                    "(pass the periodic evaluations only)",
                )
        tally: Counter[Predikat] = Counter()
        for e in evaluations:
            if self.weight == "months":
                if e.period.months == 0:
                    raise ValidationError.one(
                        f"[{e.index}].period",
                        f"{e.describe()} holds no whole month; weigh by 'days' to count part-month periods",
                    )
                tally[e.predikat] += e.period.months
            elif self.weight == "days":
                tally[e.predikat] += e.period.days
            else:
                tally[e.predikat] += 1
        top = max(tally.values())
        tied = [p for p, k in tally.items() if k == top]
        if self.tie == "worse":
            pick = min(tied)
        elif self.tie == "better":
            pick = max(tied)
        else:
            pick = [e for e in evaluations if e.predikat in tied][-1].predikat
        chosen = [e for e in evaluations if e.predikat is pick][-1]
        counts = ", ".join(f"{p.label} {k}" for p, k in sorted(tally.items(), reverse=True))
        tie_note = (
            f"; tied between {', '.join(p.label for p in sorted(tied, reverse=True))}, settled {self.tie}"
            if len(tied) > 1
            else ""
        )
        return (
            chosen,
            f"counts by {self.weight}: {counts}{tie_note}; the latest {pick.label}, {chosen.describe()}, is reported",
        )


def explain_annual(
    title: str,
    ordered: tuple[Evaluation, ...],
    rollup: Rollup,
    year: int,
    chosen: Evaluation,
    note: str,
) -> Explanation:
    steps = [
        Step(
            f"the evaluations of {year}",
            SRC_PERIOD,
            {e.describe(): e.predikat for e in ordered},
            len(ordered),
        )
    ]
    segments = skp_segments(ordered)
    if len(segments) > 1:
        steps.append(
            Step(
                f"{len(segments)} SKP in {year} (the employee moved unit)",
                SRC_MUTASI,
                {
                    f"SKP {k + 1}": f"{unit or '(no unit)'}: {evs[0].period.start} .. {evs[-1].period.end}"
                    for k, (unit, evs) in enumerate(segments)
                },
                len(segments),
                note=(
                    "one annual result: the roll-up looks at the evaluations of every SKP; with the default "
                    f"'final' roll-up that is the final evaluation of the last SKP ({segments[-1][0] or 'no unit'}), "
                    "whose penilai is expected to weigh the earlier ones"
                ),
            )
        )
    steps.append(
        Step(
            f"annual roll-up: {rollup.name}",
            rollup.source,
            {"hasil_kerja": chosen.hasil_kerja, "perilaku_kerja": chosen.perilaku_kerja, "from": chosen.describe()},
            chosen.predikat,
            note=note,
        )
    )
    return Explanation(f"{title}: annual {year}, {chosen.subject}", tuple(steps))
