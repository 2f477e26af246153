"""Kenaikan pangkat (promotion in rank) of a PNS: reguler and pilihan for jabatan fungsional (spec §7.1).

* **Reguler** (PP 99/2000 as amended by PP 12/2002): at least
  :data:`MIN_YEARS_REGULER` (4) years in the current pangkat and every annual
  appraisal at least Baik in each of the last 2 years; not above the direct
  superior's pangkat.
* **Pilihan, jabatan fungsional** (PP 99/2000 Pasal 13; PermenPANRB 1/2023):
  the AK kumulatif for the next pangkat is met (see
  :mod:`kinerja.policies.angka_kredit`), the appraisal at least Baik in the last
  2 years, and — as PP 99/2000 Pasal 13 writes it — at least 2 years in the
  current pangkat (a parameter, because under PermenPANRB 1/2023 the AK test is
  the operative one).
* **Dates**: a promotion takes effect on a kenaikan-pangkat date — 1 February,
  April, June, August, October and December from 2024 (PerBKN 4/2023 Pasal 2),
  1 April and 1 October before (KepKa BKN 12/2002). :func:`next_kp_date` finds
  the next one; the decision is taken for that date.

"Baik" in PP 99/2000 corresponds to predikat Baik or Sangat Baik under
PermenPANRB 6/2022 (spec §7.1 [D]).

>>> next_kp_date(datetime.date(2024, 2, 2)), next_kp_date(datetime.date(2023, 10, 2))
(datetime.date(2024, 4, 1), datetime.date(2024, 2, 1))
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from kinerja.errors import Problems, ValidationError
from kinerja.explain import Source
from kinerja.model import Employee, Golongan, JenisJabatan, Predikat, Status, date_field, enum_field
from kinerja.numbers import ZERO, fmt
from kinerja.policies._common import (
    FactsBundle,
    YearlyPredikat,
    add_years,
    check_int,
    from_bundle,
    months_between,
    predikat_by_year,
    require_employee,
    subject_of,
    years_months_text,
)
from kinerja.policies.angka_kredit import AngkaKreditFacts, AngkaKreditPolicy
from kinerja.policy import Decision, Requirement

__all__ = [
    "KP_MONTHS_BEFORE_2024",
    "KP_MONTHS_FROM_2024",
    "MIN_PREDIKAT_KP",
    "MIN_YEARS_REGULER",
    "KenaikanPangkatPolicy",
    "PangkatRecord",
    "PromotionFacts",
    "kp_dates",
    "next_kp_date",
]

SRC_REGULER = Source("PP 99/2000 jo. PP 12/2002", "kenaikan pangkat reguler: 4 tahun dalam pangkat terakhir", "C2")
SRC_PILIHAN_JF = Source("PP 99/2000 jo. PP 12/2002", "Pasal 13, kenaikan pangkat pilihan jabatan fungsional", "C1")
SRC_AK = Source("PermenPANRB 1/2023", "Lampiran, AK kumulatif for kenaikan pangkat (PerBKN 3/2023)", "C2")
SRC_PREDIKAT = Source(
    "PP 99/2000 jo. PP 12/2002", "penilaian prestasi kerja at least Baik in each of the last 2 years", "C2"
)
SRC_MAPPING = Source("spec §7.1", "Baik in PP 99/2000 = predikat Baik or Sangat Baik (PermenPANRB 6/2022)", "D")
SRC_ATASAN = Source(
    "PP 99/2000 jo. PP 12/2002", "kenaikan pangkat reguler not above the direct superior's pangkat", "C2"
)
SRC_PNS = Source("PP 99/2000 jo. PP 12/2002", "kenaikan pangkat is for PNS; PPPK have no pangkat", "C2")
SRC_GOLONGAN = Source("PP 99/2000 jo. PP 12/2002", "golongan ruang I/a … IV/e", "C2")
SRC_DATES_2024 = Source("PerBKN 4/2023", "Pasal 2: 1 Feb, 1 Apr, 1 Jun, 1 Aug, 1 Oct, 1 Dec (from 2024)", "C2")
SRC_DATES_OLD = Source("KepKa BKN 12/2002", "1 April and 1 October (before 2024)", "C2")

MIN_YEARS_REGULER = 4
"""Years in the current pangkat for a kenaikan pangkat reguler (PP 99/2000) [C2]."""

MIN_PREDIKAT_KP = Predikat.BAIK
"""Predikat needed in each of the last 2 years (PP 99/2000 "Baik", spec §7.1) [C2; mapping D]."""

PREDIKAT_YEARS = 2
"""How many appraisal years before the kenaikan-pangkat date are checked (PP 99/2000) [C2]."""

KP_MONTHS_FROM_2024 = (2, 4, 6, 8, 10, 12)
"""Kenaikan-pangkat months from 1 January 2024, always on the 1st (PerBKN 4/2023 Pasal 2) [C2]."""

KP_MONTHS_BEFORE_2024 = (4, 10)
"""Kenaikan-pangkat months before 2024 (KepKa BKN 12/2002) [C2]."""


def kp_dates(year: int) -> tuple[datetime.date, ...]:
    """The kenaikan-pangkat dates of *year* (not for KP anumerta or pengabdian).

    >>> [d.isoformat() for d in kp_dates(2023)]
    ['2023-04-01', '2023-10-01']
    >>> len(kp_dates(2024))
    6
    """
    months = KP_MONTHS_FROM_2024 if year >= 2024 else KP_MONTHS_BEFORE_2024
    return tuple(datetime.date(year, m, 1) for m in months)


def next_kp_date(on_or_after: datetime.date) -> datetime.date:
    """The first kenaikan-pangkat date on or after *on_or_after*."""
    for d in kp_dates(on_or_after.year):
        if d >= on_or_after:
            return d
    return kp_dates(on_or_after.year + 1)[0]


def _dates_source(d: datetime.date) -> Source:
    return SRC_DATES_2024 if d.year >= 2024 else SRC_DATES_OLD


@attrs.frozen
class PangkatRecord:
    """One pangkat held: *golongan* from *tmt* to *until* (inclusive; ``None`` while it is the current one)."""

    golongan: Golongan = enum_field(Golongan)
    tmt: datetime.date = date_field()
    until: datetime.date | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.until is not None:
            if not isinstance(self.until, datetime.date) or isinstance(self.until, datetime.datetime):
                raise ValidationError.one("until", "expected a date")
            if self.until < self.tmt:
                raise ValidationError.one("until", f"ends ({self.until}) before its TMT ({self.tmt})")


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes, Mapping)):
        raise ValidationError.one("", "expected a list")
    return tuple(value)


@attrs.frozen
class PromotionFacts:
    """What a kenaikan-pangkat decision needs: the pangkat history, the yearly predikat, the reference date.

    ``as_of`` is the date the question is asked; the decision is for the first
    kenaikan-pangkat date on or after it. ``pangkat_history`` lists the pangkat in
    time order without overlaps; the last is the current one. ``angka_kredit``
    is needed for a jabatan fungsional; ``atasan_golongan`` (the direct superior's
    golongan) for the reguler cap.
    """

    pangkat_history: tuple[PangkatRecord, ...] = attrs.field(converter=_tuple)
    as_of: datetime.date = date_field()
    predikat: tuple[YearlyPredikat, ...] = attrs.field(default=(), converter=_tuple)
    employee: Employee | None = None
    angka_kredit: AngkaKreditFacts | None = None
    atasan_golongan: Golongan | None = enum_field(Golongan, default=None)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        history = self.pangkat_history
        if not history:
            ps.add("pangkat_history", "give at least the current pangkat")
        for i, rec in enumerate(history):
            if not isinstance(rec, PangkatRecord):
                ps.add(f"pangkat_history[{i}]", f"expected a PangkatRecord, got {type(rec).__name__}")
        ps.raise_if_any()
        for i in range(1, len(history)):
            prev, rec = history[i - 1], history[i]
            if prev.until is None:
                ps.add(f"pangkat_history[{i - 1}].until", "only the current (last) pangkat may be open-ended")
            elif rec.tmt <= prev.until:
                ps.add(
                    f"pangkat_history[{i}].tmt",
                    f"{rec.golongan.value} from {rec.tmt} overlaps {prev.golongan.value} held until {prev.until}",
                )
            if rec.tmt < prev.tmt:
                ps.add(f"pangkat_history[{i}].tmt", "list the pangkat in time order")
        current = history[-1]
        last = len(history) - 1
        if self.as_of < current.tmt:
            ps.add("as_of", f"{self.as_of} is before the TMT of the current pangkat ({current.tmt})")
        if current.until is not None and current.until < self.as_of:
            ps.add(
                f"pangkat_history[{last}].until",
                f"the current pangkat ends ({current.until}) before as_of ({self.as_of})",
            )
        try:
            predikat_by_year(self.predikat)
        except ValidationError as exc:
            ps.extend(exc)
        ps.raise_if_any()

    @property
    def current(self) -> PangkatRecord:
        return self.pangkat_history[-1]


@attrs.frozen
class KenaikanPangkatPolicy:
    """Decide whether a PNS can be promoted on the next kenaikan-pangkat date, naming every requirement.

    Parameters: ``min_years_jf`` (default 2, PP 99/2000 Pasal 13 [C1]; ``None``
    leaves the time test out for jabatan fungsional, where the AK test is the
    operative one under PermenPANRB 1/2023); ``angka_kredit``, the AK policy used
    for jabatan fungsional (its rounding choice applies).
    """

    min_years_jf: int | None = 2
    angka_kredit: AngkaKreditPolicy = attrs.field(factory=AngkaKreditPolicy)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.min_years_jf is not None:
            check_int(ps, "min_years_jf", self.min_years_jf, 0, 10)
        if not isinstance(self.angka_kredit, AngkaKreditPolicy):
            ps.add("angka_kredit", "expected an AngkaKreditPolicy")
        ps.raise_if_any()

    @property
    def name(self) -> str:
        return "kenaikan-pangkat"

    def decide(self, facts: PromotionFacts | FactsBundle) -> Decision:
        if isinstance(facts, PromotionFacts):
            return self._decide(facts)
        return from_bundle(facts, "kenaikan_pangkat", PromotionFacts, self.name, self._decide, "kenaikan pangkat facts")

    def _decide(self, facts: PromotionFacts) -> Decision:
        emp = require_employee(facts.employee, "kenaikan pangkat")
        current = facts.current
        if emp.golongan is not None and emp.golongan is not current.golongan:
            raise ValidationError.one(
                "employee.golongan",
                f"{emp.golongan.value} differs from the current pangkat in the history ({current.golongan.value})",
            )
        periode = next_kp_date(facts.as_of)
        jf = emp.jenis_jabatan is JenisJabatan.FUNGSIONAL
        reqs: list[Requirement] = []
        details: list[tuple[str, object]] = [
            ("periode kenaikan pangkat", periode),
            ("route", "pilihan (jabatan fungsional)" if jf else "reguler"),
            ("current pangkat", f"{current.golongan.value} since {current.tmt.isoformat()}"),
        ]
        reqs.append(Requirement("status PNS", emp.status, "PNS", emp.status is Status.PNS, SRC_PNS))
        next_golongan: Golongan | None
        if jf:
            next_golongan = self._jf_requirements(facts, emp, periode, reqs, details)
        else:
            next_golongan = _next(current.golongan)
            reqs.append(
                Requirement(
                    "a higher golongan exists",
                    current.golongan,
                    "below IV/e",
                    next_golongan is not None,
                    SRC_GOLONGAN,
                )
            )
            reqs.append(_time_requirement(current, periode, MIN_YEARS_REGULER, SRC_REGULER, details))
        years = predikat_by_year(facts.predikat)
        for year in range(periode.year - 1, periode.year - 1 - PREDIKAT_YEARS, -1):
            value = years.get(year)
            reqs.append(
                Requirement(
                    f"predikat kinerja {year}",
                    value,
                    f"at least {MIN_PREDIKAT_KP.label} (Baik or Sangat Baik)",
                    value is not None and value >= MIN_PREDIKAT_KP,
                    SRC_PREDIKAT,
                    note="not given (missing is not a pass)" if value is None else f"mapping: {SRC_MAPPING}",
                )
            )
        if not jf:
            if facts.atasan_golongan is None:
                reqs.append(
                    Requirement(
                        "not above the direct superior's pangkat",
                        "not checked",
                        f"{next_golongan.value if next_golongan else '-'} <= the atasan's golongan",
                        True,
                        SRC_ATASAN,
                        note="not checked: atasan_golongan not given",
                    )
                )
            else:
                ok = next_golongan is not None and next_golongan <= facts.atasan_golongan
                reqs.append(
                    Requirement(
                        "not above the direct superior's pangkat",
                        facts.atasan_golongan,
                        f"{next_golongan.value if next_golongan else '-'} <= the atasan's golongan",
                        ok,
                        SRC_ATASAN,
                    )
                )
        eligible = all(r.met for r in reqs)
        details.append(("next golongan", next_golongan))
        details.append(("kenaikan pangkat dates that year", kp_dates(periode.year)))
        details.append(("dates source", str(_dates_source(periode))))
        if eligible and next_golongan is not None:
            summary = f"eligible for kenaikan pangkat to {next_golongan.value} on {periode.isoformat()}"
        else:
            failed = ", ".join(r.name for r in reqs if not r.met)
            summary = f"not eligible on {periode.isoformat()}: {failed}"
        return Decision(
            policy=self.name,
            subject=subject_of(emp),
            outcome=eligible,
            requirements=tuple(reqs),
            details=tuple(details),
            summary=summary,
        )

    def _jf_requirements(
        self,
        facts: PromotionFacts,
        emp: Employee,
        periode: datetime.date,
        reqs: list[Requirement],
        details: list[tuple[str, object]],
    ) -> Golongan | None:
        current = facts.current
        reqs.append(
            Requirement(
                "jabatan fungsional with a jenjang",
                emp.jenjang,
                "a jenjang of PermenPANRB 1/2023",
                emp.jenjang is not None,
                SRC_PILIHAN_JF,
            )
        )
        if self.min_years_jf is not None:
            reqs.append(_time_requirement(current, periode, self.min_years_jf, SRC_PILIHAN_JF, details))
        if facts.angka_kredit is None:
            reqs.append(
                Requirement(
                    "AK kumulatif for the next pangkat",
                    None,
                    "AK facts",
                    False,
                    SRC_AK,
                    note="no angka kredit facts given",
                )
            )
            return _next(current.golongan)
        ak_facts = facts.angka_kredit
        if ak_facts.employee is None:
            ak_facts = attrs.evolve(ak_facts, employee=attrs.evolve(emp, golongan=current.golongan))
        try:
            led, needs = self.angka_kredit.analyse(ak_facts)
        except ValidationError as exc:
            raise exc.prefixed("angka_kredit") from None
        details.append(("AK kumulatif in the jenjang", led.ak_kumulatif))
        if needs.kp_required is None or needs.kp_value is None:
            reqs.append(
                Requirement(
                    "a higher pangkat within reach",
                    current.golongan,
                    f"below the top golongan of {led.jenjang.label}",
                    False,
                    SRC_AK,
                    note=needs.note,
                )
            )
            return None
        target = needs.kp_golongan.value if needs.kp_golongan is not None else "the next pangkat"
        name = f"AK for kenaikan pangkat to {target}"
        note = f"still needed {fmt(needs.kp_shortfall if needs.kp_shortfall is not None else ZERO)}"
        if needs.kp_via_jenjang and needs.kj_jenjang is not None:
            name = f"AK kumulatif for kenaikan pangkat to {target} (with kenaikan jenjang to {needs.kj_jenjang.label})"
            note += "; kenaikan jenjang also needs a vacant position and uji kompetensi (not checked here)"
        reqs.append(Requirement(name, needs.kp_value, f">= {fmt(needs.kp_required)}", needs.kp_met, SRC_AK, note=note))
        return needs.kp_golongan


def _next(g: Golongan) -> Golongan | None:
    members = list(Golongan)
    i = members.index(g)
    return members[i + 1] if i + 1 < len(members) else None


def _time_requirement(
    current: PangkatRecord,
    periode: datetime.date,
    years: int,
    source: Source,
    details: list[tuple[str, object]],
) -> Requirement:
    held = months_between(current.tmt, periode)
    met = add_years(current.tmt, years) <= periode
    earliest = next_kp_date(add_years(current.tmt, years))
    details.append(("earliest date by masa kerja in pangkat", earliest))
    return Requirement(
        f"masa kerja in pangkat {current.golongan.value} on {periode.isoformat()}",
        years_months_text(held),
        f">= {years} tahun",
        met,
        source,
        note=f"TMT {current.tmt.isoformat()}; {years} tahun reached on {add_years(current.tmt, years).isoformat()}",
    )


__all__ += ["PREDIKAT_YEARS", "YearlyPredikat"]
