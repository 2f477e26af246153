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
  following year's predikat). The postponement counts fully toward the next KGB,
  so the grid does not move: the next KGB is still due 2 years after the original
  due date.

>>> kgb_due_dates(datetime.date(2020, 3, 1), Golongan.II_A, until=datetime.date(2024, 12, 31))
(datetime.date(2021, 3, 1), datetime.date(2023, 3, 1))
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from kinerja.errors import Problems, ValidationError
from kinerja.explain import Source
from kinerja.model import Employee, Golongan, Predikat, date_field, enum_field
from kinerja.policies._common import (
    FactsBundle,
    YearlyPredikat,
    add_years,
    from_bundle,
    months_between,
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

KGB_STEP_YEARS = 2
"""Years between two KGB (PP 7/1977 Pasal 11) [C2]."""


def first_kgb_date(mulai: datetime.date, golongan_awal: Golongan | None) -> datetime.date:
    """The first KGB: 1 year after a first appointment in II/a, else 2 years (PP 7/1977) [C2]."""
    return add_years(mulai, 1 if golongan_awal is Golongan.II_A else KGB_STEP_YEARS)


def kgb_due_dates(
    mulai: datetime.date, golongan_awal: Golongan | None, until: datetime.date
) -> tuple[datetime.date, ...]:
    """Every KGB due date from masa kerja up to *until* (inclusive)."""
    first = first_kgb_date(mulai, golongan_awal)
    out: list[datetime.date] = []
    k = 0
    while True:
        d = add_years(first, KGB_STEP_YEARS * k)
        if d > until:
            return tuple(out)
        out.append(d)
        k += 1


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes, Mapping)):
        raise ValidationError.one("", "expected a list")
    return tuple(value)


@attrs.frozen
class KgbFacts:
    """What a KGB decision needs: the start of masa kerja golongan, the reference date, the yearly predikat.

    ``mulai_masa_kerja`` is the date masa kerja golongan counts from (TMT CPNS,
    moved back by any masa kerja recognised earlier); ``golongan_awal`` the golongan
    of the first appointment (II/a shortens the first step to 1 year).
    """

    mulai_masa_kerja: datetime.date = date_field()
    as_of: datetime.date = date_field()
    golongan_awal: Golongan | None = enum_field(Golongan, default=None)
    predikat: tuple[YearlyPredikat, ...] = attrs.field(default=(), converter=_tuple)
    employee: Employee | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.as_of < self.mulai_masa_kerja:
            ps.add("as_of", f"{self.as_of} is before masa kerja starts ({self.mulai_masa_kerja})")
        try:
            predikat_by_year(self.predikat)
        except ValidationError as exc:
            ps.extend(exc)
        ps.raise_if_any()


_ALLOWED_MINIMUM = (Predikat.BUTUH_PERBAIKAN, Predikat.BAIK)


def _min_conv(value: object) -> Predikat:
    try:
        p = Predikat.parse(value, "min_predikat")
    except ValidationError:
        raise
    if p not in _ALLOWED_MINIMUM:
        raise ValidationError.one("min_predikat", f"the KGB minimum is Butuh Perbaikan or Baik, not {p.label}")
    return p


@attrs.frozen
class KgbPolicy:
    """Decide the KGB due at the reference date: due date, performance condition, postponements.

    ``min_predikat`` (agency choice): ``Predikat.BUTUH_PERBAIKAN`` (default, spec
    §7.2) or ``Predikat.BAIK``.
    """

    min_predikat: Predikat = attrs.field(default=Predikat.BUTUH_PERBAIKAN, converter=_min_conv)

    @property
    def name(self) -> str:
        return "kgb"

    def decide(self, facts: KgbFacts | FactsBundle) -> Decision:
        if isinstance(facts, KgbFacts):
            return self._decide(facts)
        return from_bundle(facts, "kgb", KgbFacts, self.name, self._decide, "KGB facts")

    def _decide(self, facts: KgbFacts) -> Decision:
        first = first_kgb_date(facts.mulai_masa_kerja, facts.golongan_awal)
        grid = kgb_due_dates(facts.mulai_masa_kerja, facts.golongan_awal, facts.as_of)
        due = grid[-1] if grid else first
        years = predikat_by_year(facts.predikat)
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
        postponed: list[datetime.date] = []
        granted: datetime.date | None = None
        on = due
        year = due.year - 1
        while True:
            value = years.get(year)
            ok = value is not None and value >= self.min_predikat
            label = (
                f"predikat kinerja {year}"
                + (" (KGB due " if on == due else " (KGB postponed to ")
                + f"{on.isoformat()})"
            )
            reqs.append(
                Requirement(
                    label,
                    value,
                    f"at least {self.min_predikat.label} ('cukup' in PP 7/1977)",
                    ok,
                    SRC_PRESTASI,
                    note="not given (missing is not a pass)" if value is None else f"minimum: {min_source}",
                )
            )
            if ok:
                granted = on
                break
            if value is None:
                break
            on = add_years(on, 1)
            postponed.append(on)
            if on > facts.as_of:
                break
            year += 1
        outcome = granted is not None and granted <= facts.as_of
        nxt = add_years(due, KGB_STEP_YEARS)
        details: list[tuple[str, object]] = [
            ("jatuh tempo", due),
            ("tmt kgb", granted),
            ("penundaan", tuple(postponed)),
            ("next KGB due", nxt),
            ("minimum predikat", self.min_predikat),
        ]
        if postponed:
            details.append(("postponement rule", str(SRC_TUNDA)))
        if facts.as_of < due:
            summary = f"not yet due: the next KGB is due on {due.isoformat()}"
        elif outcome and granted is not None:
            summary = f"KGB from {granted.isoformat()}" + (
                f" after {len(postponed)} postponement(s)" if postponed else ""
            )
        elif postponed and postponed[-1] > facts.as_of:
            summary = f"KGB due {due.isoformat()} postponed to {postponed[-1].isoformat()}"
        else:
            summary = f"KGB due {due.isoformat()} pending: predikat kinerja {year} not given"
        summary += f"; the next KGB is due on {nxt.isoformat()}"
        return Decision(
            policy=self.name,
            subject=subject_of(facts.employee),
            outcome=outcome,
            requirements=tuple(reqs),
            details=tuple(details),
            summary=summary,
        )
