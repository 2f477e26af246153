"""Kenaikan gaji berkala (KGB, periodic pay step) of a PNS: PP 7/1977 as amended, Pasal 11-13 (spec §7.2).

* **Due dates from masa kerja.** A KGB falls due every 2 years of masa kerja
  golongan; the first after 2 years, except after a first appointment in II/a,
  where it comes after 1 year. The dates form a fixed grid from
  :attr:`KgbFacts.mulai_masa_kerja` (:func:`kgb_due_dates`).
* **Performance condition.** The appraisal of the last year before the due date
  must be at least "cukup". Under PermenPANRB 6/2022 "cukup" is the rung
  Butuh Perbaikan (spec §7.2 [D], no source states it); some BKD require Baik.
  The minimum is the parameter :attr:`KgbPolicy.min_predikat`, default
  ``Predikat.BUTUH_PERBAIKAN``; ``Predikat.BAIK`` is the strict alternative.
* **Postponement.** When the condition fails the KGB is postponed by one year,
  and again by one year for as long as it keeps failing (each time judged on the
  following year's predikat). The postponement counts fully toward the next KGB
  (spec §7.2 [C2]), so the grid does not move: the next KGB is still due 2 years
  after the original due date, not 2 years after a postponed grant.
* **A postponement that reaches the next due date merges into it.** The spec
  and PP 7/1977 are silent on a KGB postponed twice, which lands on the next
  regular due date. Since the grid does not move, this module reads it as one
  KGB from then on: on that date a single KGB is judged, on the predikat of the
  year before it (the predikat the postponed one would be judged on anyway); the
  decision for that date names the KGB it absorbed. The chain of a due date
  therefore never reaches past the next one.
* **Which due date is judged.** :attr:`KgbFacts.jatuh_tempo` when given (a date
  of the grid, past or future). Otherwise the due date on ``as_of`` if it is one;
  else the previous due date while its postponement is still running at
  ``as_of`` (postponed beyond it, granted on it, or waiting for a predikat of a
  postponement check); else the upcoming due date ("not yet due"). A past KGB
  that is over is not judged again; its outcome is in the details.

>>> kgb_due_dates(datetime.date(2020, 3, 1), Golongan.II_A, until=datetime.date(2024, 12, 31))
(datetime.date(2021, 3, 1), datetime.date(2023, 3, 1))
>>> first_kgb_date(datetime.date(2015, 3, 1), "II/a")
datetime.date(2016, 3, 1)
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import attrs

from kinerja.errors import Problems, ValidationError
from kinerja.explain import Source
from kinerja.model import Employee, Golongan, Predikat, date_field, enum_field
from kinerja.policies._common import (
    BundlePart,
    PartPolicy,
    YearlyPredikat,
    add_years,
    as_tuple,
    check_date,
    months_between,
    optional_date_field,
    predikat_by_year,
    subject_of,
    years_months_text,
)
from kinerja.policy import Decision, Requirement

__all__ = ["KGB_STEP_YEARS", "KgbFacts", "KgbPolicy", "first_kgb_date", "kgb_due_dates"]

SRC_MASA_KERJA = Source(
    "PP 7/1977 (as amended)", "Pasal 11: KGB every 2 years of masa kerja golongan; first after 1 year on II/a", "C2"
)
SRC_PRESTASI = Source("PP 7/1977 (as amended)", "Pasal 11: appraisal at least 'cukup'", "C2")
SRC_MINIMUM_BP = Source("spec §7.2", "'cukup' = Butuh Perbaikan under PermenPANRB 6/2022 (agency default)", "D")
SRC_MINIMUM_BAIK = Source("agency choice", "minimum Baik, as some BKD checklists require (spec §7.2)", "agency")
SRC_TUNDA = Source(
    "PP 7/1977 (as amended)", "Pasal 12-13: postponed up to 1 year at a time; the postponement counts fully", "C2"
)
SRC_MERGE = Source(
    "kinerja reading",
    "a postponement reaching the next due date merges into that KGB (the grid does not move; spec silent)",
    "R",
)

KGB_STEP_YEARS = 2
"""Years between two KGB (PP 7/1977 Pasal 11) [C2]."""


def _golongan_arg(value: object) -> Golongan | None:
    return None if value is None else Golongan.parse(value, "golongan_awal")


def first_kgb_date(mulai: datetime.date, golongan_awal: Golongan | str | None) -> datetime.date:
    """The first KGB: 1 year after a first appointment in II/a, else 2 years (PP 7/1977) [C2].

    *golongan_awal* may be a :class:`~kinerja.model.Golongan` or its text (``"II/a"``);
    anything else is a :class:`~kinerja.errors.ValidationError` naming ``golongan_awal``.
    """
    start = check_date(mulai, "mulai")
    golongan = _golongan_arg(golongan_awal)
    return add_years(start, 1 if golongan is Golongan.II_A else KGB_STEP_YEARS)


def kgb_due_dates(
    mulai: datetime.date, golongan_awal: Golongan | str | None, until: datetime.date
) -> tuple[datetime.date, ...]:
    """Every KGB due date from masa kerja up to *until* (inclusive)."""
    first = first_kgb_date(mulai, golongan_awal)
    end = check_date(until, "until")
    out: list[datetime.date] = []
    k = 0
    while True:
        d = add_years(first, KGB_STEP_YEARS * k)
        if d > end:
            return tuple(out)
        out.append(d)
        k += 1


def _next_due(mulai: datetime.date, golongan_awal: Golongan | None, after: datetime.date) -> datetime.date:
    """The first due date strictly after *after*."""
    grid = kgb_due_dates(mulai, golongan_awal, after)
    return add_years(grid[-1], KGB_STEP_YEARS) if grid else first_kgb_date(mulai, golongan_awal)


@attrs.frozen
class KgbFacts:
    """What a KGB decision needs: the start of masa kerja golongan, the reference date, the yearly predikat.

    ``mulai_masa_kerja`` is the date masa kerja golongan counts from (TMT CPNS,
    moved back by any masa kerja recognised earlier); ``golongan_awal`` the golongan
    of the first appointment (II/a shortens the first step to 1 year).
    ``jatuh_tempo`` (optional) asks about one KGB due date explicitly — it must be
    a date of the grid; without it the due date is chosen as the module says.
    """

    mulai_masa_kerja: datetime.date = date_field()
    as_of: datetime.date = date_field()
    golongan_awal: Golongan | None = enum_field(Golongan, default=None)
    predikat: tuple[YearlyPredikat, ...] = attrs.field(default=(), converter=as_tuple)
    employee: Employee | None = None
    jatuh_tempo: datetime.date | None = optional_date_field()

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.as_of < self.mulai_masa_kerja:
            ps.add("as_of", f"{self.as_of} is before masa kerja starts ({self.mulai_masa_kerja})")
        try:
            predikat_by_year(self.predikat)
        except ValidationError as exc:
            ps.extend(exc)
        asked = self.jatuh_tempo
        if asked is not None:
            grid = kgb_due_dates(self.mulai_masa_kerja, self.golongan_awal, asked)
            if not grid or grid[-1] != asked:
                nxt = _next_due(self.mulai_masa_kerja, self.golongan_awal, asked)
                around = f"{grid[-1].isoformat()} and {nxt.isoformat()}" if grid else f"the first is {nxt.isoformat()}"
                ps.add("jatuh_tempo", f"{asked} is not a KGB due date of this masa kerja ({around})")
        ps.raise_if_any()


_ALLOWED_MINIMUM = (Predikat.BUTUH_PERBAIKAN, Predikat.BAIK)


def _min_conv(value: object) -> Predikat:
    p = Predikat.parse(value, "min_predikat")
    if p not in _ALLOWED_MINIMUM:
        raise ValidationError.one("min_predikat", f"the KGB minimum is Butuh Perbaikan or Baik, not {p.label}")
    return p


@attrs.frozen
class _Chain:
    """One due date followed through its postponements, up to ``as_of`` and never past the next due date."""

    due: datetime.date
    next_due: datetime.date
    checks: tuple[tuple[int, Predikat | None, datetime.date, bool], ...]  # (year, predikat, on, ok)
    postponed: tuple[datetime.date, ...]
    granted: datetime.date | None
    pending_year: int | None  # a predikat needed on or before as_of is missing
    merged: bool  # postponed onto the next due date

    def running_at(self, as_of: datetime.date) -> bool:
        """True while the postponement of this due date is still open at *as_of* (or granted on it)."""
        if not self.postponed:
            return False
        return self.granted is None or self.granted >= as_of


@attrs.frozen
class KgbPolicy(PartPolicy[KgbFacts]):
    """Decide the KGB due at the reference date: due date, performance condition, postponements.

    ``min_predikat`` (agency choice): ``Predikat.BUTUH_PERBAIKAN`` (default, spec
    §7.2) or ``Predikat.BAIK``.
    """

    part = BundlePart("kgb", "kgb", KgbFacts, "KGB facts")
    min_predikat: Predikat = attrs.field(default=Predikat.BUTUH_PERBAIKAN, converter=_min_conv)

    def _chain(self, facts: KgbFacts, years: Mapping[int, Predikat], due: datetime.date) -> _Chain:
        next_due = add_years(due, KGB_STEP_YEARS)
        checks: list[tuple[int, Predikat | None, datetime.date, bool]] = []
        postponed: list[datetime.date] = []
        granted: datetime.date | None = None
        pending: int | None = None
        merged = False
        on, year = due, due.year - 1
        while True:
            value = years.get(year)
            ok = value is not None and value >= self.min_predikat
            checks.append((year, value, on, ok))
            if ok:
                granted = on
                break
            if value is None:
                pending = year if on <= facts.as_of else None
                break
            on = add_years(on, 1)
            postponed.append(on)
            if on >= next_due:
                merged = True
                break
            if on > facts.as_of:
                break
            year += 1
        return _Chain(due, next_due, tuple(checks), tuple(postponed), granted, pending, merged)

    def _due(self, facts: KgbFacts, years: Mapping[int, Predikat]) -> tuple[datetime.date, _Chain | None]:
        """The due date to judge, and the previous due date's chain when it is over (for the details)."""
        if facts.jatuh_tempo is not None:
            return facts.jatuh_tempo, None
        grid = kgb_due_dates(facts.mulai_masa_kerja, facts.golongan_awal, facts.as_of)
        upcoming = _next_due(facts.mulai_masa_kerja, facts.golongan_awal, facts.as_of)
        if not grid:
            return upcoming, None
        last = grid[-1]
        if last == facts.as_of:
            return last, None
        chain = self._chain(facts, years, last)
        if chain.running_at(facts.as_of):
            return last, None
        return upcoming, chain

    def _decide(self, facts: KgbFacts) -> Decision:
        years = predikat_by_year(facts.predikat)
        first = first_kgb_date(facts.mulai_masa_kerja, facts.golongan_awal)
        due, previous = self._due(facts, years)
        chain = self._chain(facts, years, due)
        reqs = self._requirements(facts, due, first, chain)
        granted = chain.granted
        outcome = granted is not None and granted <= facts.as_of
        following = _next_due(facts.mulai_masa_kerja, facts.golongan_awal, facts.as_of)
        details: list[tuple[str, object]] = [
            ("jatuh tempo", due),
            ("tmt kgb", granted if outcome else None),
            ("penundaan", chain.postponed),
            ("next KGB due", following),
            ("minimum predikat", self.min_predikat),
        ]
        if chain.postponed:
            details.append(("postponement rule", str(SRC_TUNDA)))
        if chain.merged:
            details.append(("merged into the KGB due", chain.next_due))
        absorbed = self._absorbed(facts, years, due)
        if absorbed is not None:
            details.append(("absorbs the KGB due", absorbed.due))
        if chain.merged or absorbed is not None:
            details.append(("merge rule", str(SRC_MERGE)))
        if previous is not None:
            details.append(("previous KGB", _previous_text(previous)))
        summary = _summary(facts, due, previous, outcome, chain, absorbed, following)
        return Decision(
            policy=self.name,
            subject=subject_of(facts.employee),
            outcome=outcome,
            requirements=tuple(reqs),
            details=tuple(details),
            summary=summary,
        )

    def _requirements(
        self, facts: KgbFacts, due: datetime.date, first: datetime.date, chain: _Chain
    ) -> list[Requirement]:
        """Masa kerja reaching the step, then the predikat of every year the chain of due dates looked at."""
        min_source = SRC_MINIMUM_BP if self.min_predikat is Predikat.BUTUH_PERBAIKAN else SRC_MINIMUM_BAIK
        step = (
            "1 tahun (first KGB after a II/a appointment)"
            if due == first and facts.golongan_awal is Golongan.II_A
            else "2 tahun"
        )
        reqs: list[Requirement] = [
            Requirement(
                "masa kerja golongan reaches the KGB step",
                years_months_text(months_between(facts.mulai_masa_kerja, facts.as_of)),
                f"KGB due on {due.isoformat()} ({step} after the previous step)",
                facts.as_of >= due,
                SRC_MASA_KERJA,
                note=f"masa kerja counted from {facts.mulai_masa_kerja.isoformat()}",
            )
        ]
        for year, value, on, ok in chain.checks:
            kind = "KGB due" if on == due else "KGB postponed to"
            reqs.append(
                Requirement(
                    f"predikat kinerja {year} ({kind} {on.isoformat()})",
                    value,
                    f"at least {self.min_predikat.label} ('cukup' in PP 7/1977)",
                    ok,
                    SRC_PRESTASI,
                    note="not given (missing is not a pass)" if value is None else f"minimum: {min_source}",
                )
            )
        return reqs

    def _absorbed(self, facts: KgbFacts, years: Mapping[int, Predikat], due: datetime.date) -> _Chain | None:
        """The previous due date's chain when it was postponed onto *due* (merged into it), else ``None``."""
        prev = add_years(due, -KGB_STEP_YEARS)
        if prev < first_kgb_date(facts.mulai_masa_kerja, facts.golongan_awal):
            return None
        chain = self._chain(facts, years, prev)
        return chain if chain.merged else None


def _previous_text(chain: _Chain) -> str:
    """What happened to the previous due date (shown when the upcoming one is judged)."""
    head = f"due {chain.due.isoformat()}: "
    if chain.granted is not None:
        after = f" after {len(chain.postponed)} postponement(s)" if chain.postponed else ""
        return head + f"granted from {chain.granted.isoformat()}{after}"
    year = chain.checks[-1][0]
    return head + f"not judged here (predikat kinerja {year} not given)"


def _summary(
    facts: KgbFacts,
    due: datetime.date,
    previous: _Chain | None,
    outcome: bool,
    chain: _Chain,
    absorbed: _Chain | None,
    following: datetime.date,
) -> str:
    """One sentence: not yet due, granted (after postponements), merged into the next due date, or pending."""
    granted = chain.granted
    if facts.as_of < due:
        summary = f"not yet due: the next KGB is due on {due.isoformat()}"
        if previous is not None and previous.granted is not None:
            summary += (
                f"; the previous one, due {previous.due.isoformat()}, was granted from {previous.granted.isoformat()}"
            )
    elif outcome and granted is not None:
        summary = f"KGB from {granted.isoformat()}" + (
            f" after {len(chain.postponed)} postponement(s)" if chain.postponed else ""
        )
        if absorbed is not None:
            summary += f" (absorbing the KGB due {absorbed.due.isoformat()}, postponed to this date)"
        summary += f"; the next KGB is due on {following.isoformat()}"
    elif chain.merged:
        summary = (
            f"KGB due {due.isoformat()} postponed to {chain.next_due.isoformat()} "
            f"({len(chain.postponed)} postponements), the next regular due date: "
            f"it is judged there together with that KGB, on predikat kinerja {chain.next_due.year - 1}"
        )
    elif chain.pending_year is not None:
        summary = f"KGB due {due.isoformat()}"
        if chain.postponed:
            summary += f" postponed to {chain.postponed[-1].isoformat()},"
        summary += (
            f" pending: predikat kinerja {chain.pending_year} not given; the next KGB is due on {following.isoformat()}"
        )
    else:
        summary = (
            f"KGB due {due.isoformat()} postponed to {chain.postponed[-1].isoformat()}; "
            f"the next regular KGB is due on {chain.next_due.isoformat()}"
        )
    return summary
