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

* **Kenaikan jenjang on the way.** At the top golongan of a jenjang the next
  pangkat of a jabatan fungsional comes with kenaikan jenjang, which also needs
  at least 1 year in the current jenjang and predikat at least Baik in the last
  year (spec §4.4 [C2]); both are requirements here. Without the jenjang TMT
  (:attr:`PromotionFacts.jenjang_tmt`, or a change of jenjang in the AK history)
  the time test is *not checked* and keeps the decision from being eligible. The
  vacant position and the uji kompetensi are not checked (stated in the note).
* **Not checked is not a pass.** A requirement whose facts are missing (the
  direct superior's golongan, the jenjang TMT) is listed with the value
  ``"not checked"`` and ``met=False``; the summary names it apart from the
  requirements that fail.
* **Yearly or periodic predikat.** PP 99/2000 judges the appraisal of each of
  the last 2 years; PerBKN 4/2023 uses the *periodic* ratings (spec §3.4 [C1:
  S47]). ``KenaikanPangkatPolicy(predikat_basis=...)`` chooses:
  :attr:`PredikatBasis.TAHUNAN` (default) checks the yearly predikat of the 2
  calendar years before the kenaikan-pangkat date;
  :attr:`PredikatBasis.PERIODIK` checks :attr:`PromotionFacts.predikat_periodik`
  over the 24 whole months before it, as two 12-month windows, each fully
  covered and every periodic predikat at least Baik (this window rule is the
  library's reading [R]; no source states it).

"Baik" in PP 99/2000 corresponds to predikat Baik or Sangat Baik under
PermenPANRB 6/2022 (spec §7.1 [D]).

>>> next_kp_date(datetime.date(2024, 2, 2)), next_kp_date(datetime.date(2023, 10, 2))
(datetime.date(2024, 4, 1), datetime.date(2024, 2, 1))
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping, Sequence

import attrs

from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Source
from kinerja.model import Employee, Golongan, JenisJabatan, Jenjang, Period, Predikat, Status, date_field, enum_field
from kinerja.numbers import ZERO, fmt
from kinerja.policies._common import (
    BundlePart,
    PartPolicy,
    YearlyPredikat,
    add_months,
    add_years,
    as_tuple,
    check_int,
    months_between,
    optional_date_field,
    predikat_by_year,
    require_employee,
    subject_of,
    years_months_text,
)
from kinerja.policies.angka_kredit import AkNeeds, AngkaKreditFacts, AngkaKreditPolicy
from kinerja.policy import Decision, Requirement

__all__ = [
    "KP_MONTHS_BEFORE_2024",
    "KP_MONTHS_FROM_2024",
    "MIN_PREDIKAT_KP",
    "MIN_YEARS_REGULER",
    "KenaikanPangkatPolicy",
    "PangkatRecord",
    "PeriodicPredikat",
    "PredikatBasis",
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
SRC_JENJANG = Source(
    "PerBKN 3/2023",
    "kenaikan jenjang: at least 1 year in the jenjang and predikat at least Baik in the last year",
    "C2",
)
SRC_PERIODIK = Source("PerBKN 4/2023", "kenaikan pangkat uses the periodic performance ratings", "C1")
SRC_WINDOW = Source("kinerja reading", "periodic predikat: two 12-month windows before the KP date, fully covered", "R")

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

MIN_YEARS_JENJANG = 1
"""Years in the current jenjang before kenaikan jenjang (spec §4.4) [C2]."""

NOT_CHECKED = "not checked"
"""The value of a requirement whose facts are missing; such a requirement is never met."""


class PredikatBasis(enum.Enum):
    """Which predikat a kenaikan pangkat is judged on: yearly (PP 99/2000, default) or periodic (PerBKN 4/2023)."""

    TAHUNAN = "TAHUNAN"
    PERIODIK = "PERIODIK"


def _basis_conv(value: object) -> PredikatBasis:
    if isinstance(value, PredikatBasis):
        return value
    if isinstance(value, str):
        try:
            return PredikatBasis(value.strip().upper())
        except ValueError:
            pass
    raise ValidationError.one("predikat_basis", f"expected TAHUNAN or PERIODIK, got {quote(value)}")


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


@attrs.frozen
class PeriodicPredikat:
    """The predikat kinerja of one periodic evaluation (a month, a quarter, a semester…) of *period*."""

    period: Period
    predikat: Predikat = enum_field(Predikat)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.period, Period):
            raise ValidationError.one("period", f"expected a Period, got {type(self.period).__name__}")


@attrs.frozen
class PromotionFacts:
    """What a kenaikan-pangkat decision needs: the pangkat history, the yearly predikat, the reference date.

    ``as_of`` is the date the question is asked; the decision is for the first
    kenaikan-pangkat date on or after it. ``pangkat_history`` lists the pangkat in
    time order without overlaps, each golongan higher than the one before; the
    last is the current one. ``angka_kredit`` is needed for a jabatan fungsional;
    ``atasan_golongan`` (the direct superior's golongan) for the reguler cap —
    without it the cap is not checked and the decision is not eligible.
    ``jenjang_tmt`` (the TMT of the current jenjang) is used when the next pangkat
    of a jabatan fungsional comes with kenaikan jenjang. ``predikat_periodik``
    holds the periodic predikat, used with ``PredikatBasis.PERIODIK``.
    """

    pangkat_history: tuple[PangkatRecord, ...] = attrs.field(converter=as_tuple)
    as_of: datetime.date = date_field()
    predikat: tuple[YearlyPredikat, ...] = attrs.field(default=(), converter=as_tuple)
    employee: Employee | None = None
    angka_kredit: AngkaKreditFacts | None = None
    atasan_golongan: Golongan | None = enum_field(Golongan, default=None)
    jenjang_tmt: datetime.date | None = optional_date_field()
    predikat_periodik: tuple[PeriodicPredikat, ...] = attrs.field(default=(), converter=as_tuple)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        history = self.pangkat_history
        if not history:
            ps.add("pangkat_history", "give at least the current pangkat")
        for i, rec in enumerate(history):
            if not isinstance(rec, PangkatRecord):
                ps.add(f"pangkat_history[{i}]", f"expected a PangkatRecord, got {type(rec).__name__}")
        ps.raise_if_any()
        self._check_history(ps)
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
        self._check_periodic(ps)
        if self.jenjang_tmt is not None and self.jenjang_tmt > self.as_of:
            ps.add("jenjang_tmt", f"{self.jenjang_tmt} is after as_of ({self.as_of})")
        ps.raise_if_any()

    def _check_history(self, ps: Problems) -> None:
        """Each pangkat after the one before it, not overlapping it, and a higher golongan."""
        history = self.pangkat_history
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
            if rec.golongan <= prev.golongan:
                ps.add(
                    f"pangkat_history[{i}].golongan",
                    f"{rec.golongan.value} follows {prev.golongan.value}: each pangkat must be a higher golongan",
                )

    def _check_periodic(self, ps: Problems) -> None:
        """Periodic predikat in time order without overlaps."""
        periodic = self.predikat_periodik
        for i, item in enumerate(periodic):
            if not isinstance(item, PeriodicPredikat):
                ps.add(f"predikat_periodik[{i}]", f"expected a PeriodicPredikat, got {type(item).__name__}")
            elif i and isinstance(periodic[i - 1], PeriodicPredikat):
                prev_p = periodic[i - 1].period
                if item.period.overlaps(prev_p):
                    ps.add(f"predikat_periodik[{i}].period", f"{item.period.label} overlaps {prev_p.label}")
                elif item.period.start < prev_p.start:
                    ps.add(f"predikat_periodik[{i}].period", "list the periodic predikat in time order")

    @property
    def current(self) -> PangkatRecord:
        return self.pangkat_history[-1]


@attrs.frozen
class KenaikanPangkatPolicy(PartPolicy[PromotionFacts]):
    """Decide whether a PNS can be promoted on the next kenaikan-pangkat date, naming every requirement.

    Parameters: ``min_years_jf`` (default 2, PP 99/2000 Pasal 13 [C1]; ``None``
    leaves the time test out for jabatan fungsional, where the AK test is the
    operative one under PermenPANRB 1/2023); ``angka_kredit``, the AK policy used
    for jabatan fungsional (its rounding choice applies); ``predikat_basis``,
    :attr:`PredikatBasis.TAHUNAN` (default, the yearly predikat of the last 2
    years) or :attr:`PredikatBasis.PERIODIK` (the periodic ratings of PerBKN
    4/2023 over the last 24 months).
    """

    part = BundlePart("kenaikan-pangkat", "kenaikan_pangkat", PromotionFacts, "kenaikan pangkat facts")
    min_years_jf: int | None = 2
    angka_kredit: AngkaKreditPolicy = attrs.field(factory=AngkaKreditPolicy)
    predikat_basis: PredikatBasis = attrs.field(default=PredikatBasis.TAHUNAN, converter=_basis_conv)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if self.min_years_jf is not None:
            check_int(ps, "min_years_jf", self.min_years_jf, 0, 10)
        if not isinstance(self.angka_kredit, AngkaKreditPolicy):
            ps.add("angka_kredit", "expected an AngkaKreditPolicy")
        ps.raise_if_any()

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
        reqs.extend(self._predikat_requirements(facts, periode, details))
        if not jf:
            expected = f"{next_golongan.value if next_golongan else '-'} <= the atasan's golongan"
            if facts.atasan_golongan is None:
                reqs.append(
                    _not_checked(
                        "not above the direct superior's pangkat", expected, SRC_ATASAN, "atasan_golongan not given"
                    )
                )
            else:
                ok = next_golongan is not None and next_golongan <= facts.atasan_golongan
                reqs.append(
                    Requirement(
                        "not above the direct superior's pangkat", facts.atasan_golongan, expected, ok, SRC_ATASAN
                    )
                )
        eligible = all(r.met for r in reqs)
        details.append(("next golongan", next_golongan))
        details.append(("kenaikan pangkat dates that year", kp_dates(periode.year)))
        details.append(("dates source", str(_dates_source(periode))))
        return Decision(
            policy=self.name,
            subject=subject_of(emp),
            outcome=eligible,
            requirements=tuple(reqs),
            details=tuple(details),
            summary=_summary(reqs, eligible, next_golongan, periode),
        )

    def _predikat_requirements(
        self, facts: PromotionFacts, periode: datetime.date, details: list[tuple[str, object]]
    ) -> list[Requirement]:
        """The appraisal of the last 2 years: yearly predikat, or the periodic ratings of PerBKN 4/2023."""
        if self.predikat_basis is PredikatBasis.PERIODIK:
            details.append(("predikat basis", f"periodic ratings: {SRC_PERIODIK}; windows: {SRC_WINDOW}"))
            return [
                _periodic_requirement(facts.predikat_periodik, periode, k, "predikat kinerja periodik")
                for k in range(1, PREDIKAT_YEARS + 1)
            ]
        details.append(
            (
                "predikat basis",
                "yearly predikat (default); PerBKN 4/2023 uses the periodic ratings: "
                "KenaikanPangkatPolicy(predikat_basis=PredikatBasis.PERIODIK)",
            )
        )
        years = predikat_by_year(facts.predikat)
        return [
            _yearly_requirement(years, year, f"predikat kinerja {year}", SRC_PREDIKAT)
            for year in range(periode.year - 1, periode.year - 1 - PREDIKAT_YEARS, -1)
        ]

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
        reqs.append(_ak_requirement(needs))
        if needs.kp_via_jenjang and needs.kj_jenjang is not None:
            reqs.extend(self._jenjang_requirements(facts, led.jenjang, needs.kj_jenjang, periode))
        return needs.kp_golongan

    def _jenjang_requirements(
        self, facts: PromotionFacts, jenjang: Jenjang, berikutnya: Jenjang, periode: datetime.date
    ) -> list[Requirement]:
        """Kenaikan jenjang's own conditions (spec §4.4): 1 year in the jenjang, predikat at least Baik last year."""
        out: list[Requirement] = []
        name = (
            f"masa kerja in jenjang {jenjang.label} on {periode.isoformat()} (kenaikan jenjang to {berikutnya.label})"
        )
        expected = f">= {MIN_YEARS_JENJANG} tahun"
        tmt, origin = _jenjang_tmt(facts, jenjang)
        if tmt is None:
            out.append(
                _not_checked(
                    name,
                    expected,
                    SRC_JENJANG,
                    f"the TMT of {jenjang.label} is not known (give jenjang_tmt; the AK history does not show "
                    "the change of jenjang)",
                )
            )
        else:
            reached = add_years(tmt, MIN_YEARS_JENJANG)
            out.append(
                Requirement(
                    name,
                    years_months_text(months_between(tmt, periode)),
                    expected,
                    reached <= periode,
                    SRC_JENJANG,
                    note=f"TMT jenjang {tmt.isoformat()} ({origin}); {MIN_YEARS_JENJANG} tahun reached on "
                    f"{reached.isoformat()}",
                )
            )
        label = f"for kenaikan jenjang to {berikutnya.label}, last year"
        if self.predikat_basis is PredikatBasis.PERIODIK:
            out.append(
                _periodic_requirement(
                    facts.predikat_periodik, periode, 1, "predikat kinerja periodik", label, SRC_JENJANG
                )
            )
        else:
            year = periode.year - 1
            out.append(
                _yearly_requirement(
                    predikat_by_year(facts.predikat), year, f"predikat kinerja {year} ({label})", SRC_JENJANG
                )
            )
        return out


def _jenjang_tmt(facts: PromotionFacts, jenjang: Jenjang) -> tuple[datetime.date | None, str]:
    """The TMT of the current *jenjang*: given, or the start of its first segment after a change in the AK history."""
    if facts.jenjang_tmt is not None:
        return facts.jenjang_tmt, "given"
    ak = facts.angka_kredit
    if ak is None:
        return None, ""
    segments = ak.segments
    start = ak.start_jenjang
    found: datetime.date | None = None
    previous = start
    for seg in segments:
        if seg.jenjang is not previous and seg.jenjang is jenjang:
            found = seg.period.start
        previous = seg.jenjang
    if found is None:
        return None, ""
    return found, f"from the AK history: first segment as {jenjang.label} after a change of jenjang"


def _not_checked(name: str, expected: str, source: Source, why: str) -> Requirement:
    """A requirement whose facts are missing: value ``"not checked"``, never met."""
    return Requirement(
        name,
        NOT_CHECKED,
        expected,
        False,
        source,
        note=f"not checked: {why}; it keeps the decision from being eligible",
    )


def _yearly_requirement(years: Mapping[int, Predikat], year: int, name: str, source: Source) -> Requirement:
    value = years.get(year)
    return Requirement(
        name,
        value,
        f"at least {MIN_PREDIKAT_KP.label} (Baik or Sangat Baik)",
        value is not None and value >= MIN_PREDIKAT_KP,
        source,
        note="not given (missing is not a pass)" if value is None else f"mapping: {SRC_MAPPING}",
    )


def _periodic_requirement(
    items: Sequence[PeriodicPredikat],
    periode: datetime.date,
    k: int,
    name: str,
    label: str = "",
    source: Source = SRC_PERIODIK,
) -> Requirement:
    """The periodic predikat of the *k*-th 12-month window before *periode*: fully covered, every one >= Baik."""
    start = add_months(periode, -12 * k)
    end = add_months(periode, -12 * (k - 1)) - datetime.timedelta(days=1)
    window = Period(start, end)
    inside = [item for item in items if item.period.overlaps(window)]
    months = [add_months(start, m) for m in range(12)]
    covered = sum(
        1
        for first in months
        if any(
            item.period.overlaps(Period(first, add_months(first, 1) - datetime.timedelta(days=1))) for item in inside
        )
    )
    worst = min((item.predikat for item in inside), default=None)
    met = covered == len(months) and worst is not None and worst >= MIN_PREDIKAT_KP
    if not inside:
        note = "no periodic predikat given in the window (missing is not a pass)"
    else:
        note = f"{len(inside)} periodic predikat, {covered} of {len(months)} months covered"
        if covered < len(months):
            note += " (uncovered months are not a pass)"
        note += f"; lowest {worst.label if worst is not None else '-'}; mapping: {SRC_MAPPING}; {SRC_WINDOW}"
    title = f"{name} {window.label}" + (f" ({label})" if label else "")
    return Requirement(
        title, worst, f"at least {MIN_PREDIKAT_KP.label} in every period, all 12 months covered", met, source, note=note
    )


def _summary(
    reqs: Sequence[Requirement], eligible: bool, next_golongan: Golongan | None, periode: datetime.date
) -> str:
    if eligible and next_golongan is not None:
        return f"eligible for kenaikan pangkat to {next_golongan.value} on {periode.isoformat()}"
    unchecked = [r.name for r in reqs if not r.met and r.value == NOT_CHECKED]
    failed = [r.name for r in reqs if not r.met and r.value != NOT_CHECKED]
    if failed:
        text = f"not eligible on {periode.isoformat()}: {', '.join(failed)}"
        return text + (f"; not checked: {', '.join(unchecked)}" if unchecked else "")
    return (
        f"not eligible on {periode.isoformat()} until checked: {', '.join(unchecked)} (every other requirement is met)"
    )


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


__all__ += ["MIN_YEARS_JENJANG", "NOT_CHECKED", "PREDIKAT_YEARS", "YearlyPredikat"]


def _ak_requirement(needs: AkNeeds) -> Requirement:
    """The AK test for the next kenaikan pangkat (with the kenaikan jenjang, or its AK, where that comes first)."""
    assert needs.kp_required is not None
    target = needs.kp_golongan.value if needs.kp_golongan is not None else "the next pangkat"
    name = f"AK for kenaikan pangkat to {target}"
    note = f"still needed {fmt(needs.kp_shortfall if needs.kp_shortfall is not None else ZERO)}"
    if needs.kp_via_jenjang and needs.kj_jenjang is not None:
        name = f"AK kumulatif for kenaikan pangkat to {target} (with kenaikan jenjang to {needs.kj_jenjang.label})"
        note += "; kenaikan jenjang also needs a vacant position and uji kompetensi (not checked here)"
    elif needs.kp_same_ak:
        name = f"AK for kenaikan pangkat to {target} (with the AK of the kenaikan jenjang)"
    if needs.note:
        note += f"; {needs.note}"
    if needs.order:
        note += f"; {needs.order}"
    return Requirement(name, needs.kp_value, f">= {fmt(needs.kp_required)}", needs.kp_met, SRC_AK, note=note)
