"""PermenPANRB 6/2022 — *Pengelolaan Kinerja Pegawai ASN*, the current regime (PNS and PPPK), from 2022.

Registered as ``permenpanrb-6-2022``; :func:`kinerja.rules.for_period` picks it for
periods from 2022-01-01 (spec ``regulations.md`` §3). The regime has deliberately
**no numeric score** (spec §3.6): an evaluation gives two ratings and a predikat::

    rating hasil kerja   (HK)  Di Atas / Sesuai / Di Bawah Ekspektasi   the penilai's judgement
    rating perilaku kerja (PK) Di Atas / Sesuai / Di Bawah Ekspektasi   the penilai's judgement
                                                                         (BerAKHLAK, seven values)
    predikat = MATRIX[HK, PK]                                            kuadran kinerja pegawai

    HK \\ PK      Di Bawah        Sesuai            Di Atas
    Di Atas      Kurang          Baik              Sangat Baik
    Sesuai       Kurang          Baik              Baik
    Di Bawah     Sangat Kurang   Butuh Perbaikan   Butuh Perbaikan

The document is an :class:`Skp` (one employee, one evaluation period): rencana hasil
kerja (:class:`Rhk`) with their indicators (target, realisation, evidence), the
seven BerAKHLAK ratings (:class:`Perilaku`) with optional feedback, and the penilai's
two ratings. ``RULE.evaluate(skp)`` returns a :class:`~kinerja.result.Result` with
``hasil_kerja``, ``perilaku_kerja`` (ekspektasi), ``predikat``, where each rating came
from (``hasil_kerja_source``, ``perilaku_kerja_source``) and the ``unit``.

**Who gives the ratings.** The regulation gives no formula: both ratings are the
pejabat penilai kinerja's judgement from realisation, evidence and feedback (spec §3.1
[C2]), so by default the rule takes the ratings the document carries and refuses a
document without them. Agencies that derive ratings from data plug in a
:class:`RatingPolicy` — :class:`HasilKerjaFromIndicators` (HK from indicator
achievement, configurable thresholds) and :class:`PerilakuKerjaFromBerakhlak` (PK from
the seven per-value ratings, configurable rule). Those are **agency choices, not
national rules**; configure them with :meth:`Regime.with_policies`.

**Unit heads.** An employee who heads a unit (``kepala_unit``) takes the unit's
performance as HK rating (spec §3.1 [C1: S18]); the five-level organisation predikat
becomes a three-level rating through :class:`LeaderMapping`.

**Periodic and annual.** Evaluation is both periodic and annual (Pasal 5 [C2]); the
agency picks the periodic cadence — monthly, quarterly or semester [R: monthly seen in
BKN e-Kinerja exports, quarterly in the Lampiran's examples] — so any evaluation period
inside one calendar year is accepted. The annual
result comes from :meth:`Regime.annual` (module function :func:`annual`) with a
pluggable :class:`Rollup`.

Decisions on the spec's open questions (each a parameter with a documented default):

* **Periodic → annual roll-up, and several SKP in one year** (open question 6).
  Default :class:`FinalEvaluation`: the annual predikat is the evaluation of the final
  period, the one that ends on 31 December (the longest of them if several do, e.g. a
  separate Jan–Dec annual evaluation next to the December one). Reasons: no averaging
  rule exists; the Lampiran labels the last quarter "Triwulan IV-Akhir" (the last
  periodic evaluation *is* the year-end one) [C1: S19], and e-Kinerja practice treats
  the TW4 / December evaluation as the annual predikat [C1 practice, R rule]. An
  employee who moved unit during the year (several SKP) gets one annual result: the
  final evaluation of the SKP in force at year end, whose penilai is expected to weigh
  the earlier SKP's evaluations [R: our reading, not a cited rule]; the explanation
  lists every SKP and says which evaluation was used. :class:`WorstPeriodic` and
  :class:`MostFrequent` are agency alternatives.
* **Unit head mapping** (open question 7). Default :class:`LeaderMapping`: Istimewa →
  Di Atas, Baik → Sesuai, Butuh Perbaikan / Kurang / Sangat Kurang → Di Bawah.
  Reason: Istimewa is "beyond the agreed target" (above expectation), Baik "as agreed";
  below that the targets were not met. With a PK of Sesuai it puts the head on the
  predikat the SE 3/2023 curve makes most common in the unit only under Baik (Baik) and
  Butuh Perbaikan (Butuh Perbaikan); under Istimewa a PK of Di Atas is needed for Sangat
  Baik, and under Kurang or Sangat Kurang (whose curves make Kurang/Misconduct or Sangat
  Kurang the largest group) a head with acceptable behaviour gets Butuh Perbaikan, not
  the unit's dominant predikat: the 3×3 matrix cannot reach Kurang without a PK of Di
  Bawah. An agency that wants otherwise passes its own :class:`LeaderMapping`.
* **"Majority + max 70 %" and small-unit rounding** (open question 8): see
  :mod:`kinerja.distribution` (default: more than half; shares compared exactly).

>>> import kinerja
>>> from kinerja.model import Ekspektasi as E
>>> predikat(E.SESUAI, E.DI_ATAS).label, predikat(E.DI_ATAS, E.DI_BAWAH).label
('Baik', 'Kurang/Misconduct')
>>> result = kinerja.rules.get("permenpanrb-6-2022").evaluate(kinerja.load(example_document())[1])
>>> result["predikat"].label, result["hasil_kerja_source"]
('Baik', 'penilai')
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, ClassVar, Final, Literal, Protocol, runtime_checkable

import attrs

from kinerja.aggregation import Aggregator, Item, Mean
from kinerja.dated import Dated, Entry
from kinerja.edge import LAZY
from kinerja.errors import Problem, Problems, ValidationError, quote
from kinerja.explain import Explanation, Source, Step, Trace
from kinerja.indicators import capaian
from kinerja.model import (
    SAME_AS_TYPE,
    Ekspektasi,
    Employee,
    Indicator,
    Period,
    Predikat,
    PredikatOrganisasi,
    decimal_field,
    enum_field,
    nonempty,
)
from kinerja.nip import Nip, parse_nip
from kinerja.numbers import ONE, round_half_up
from kinerja.policy import Ladder
from kinerja.result import OutputField, Result
from kinerja.rules import RuleInfo, validity_warning
from kinerja.rules.base import Scored, ScoredRule, duplicate_ids

__all__ = [
    "ASSESSOR",
    "BERAKHLAK",
    "FINAL",
    "INFO",
    "KUADRAN",
    "MATRIX",
    "OUTPUTS",
    "RULE",
    "AssessorRating",
    "Evaluation",
    "FinalEvaluation",
    "HasilKerjaFromIndicators",
    "LeaderMapping",
    "MostFrequent",
    "Perilaku",
    "PerilakuKerjaFromBerakhlak",
    "RatingPolicy",
    "Regime",
    "Rhk",
    "Rollup",
    "Skp",
    "WorstPeriodic",
    "annual",
    "example_document",
    "predikat",
]

PERMEN = "PermenPANRB 6/2022"

SRC_REGIME = Source(PERMEN, "Pengelolaan Kinerja Pegawai ASN (PNS dan PPPK); Pasal 24-25 evaluasi kinerja")
SRC_SE = Source("SE MenPANRB 3/2023", "tata cara penetapan predikat kinerja pegawai", "C1")
SRC_PERIOD = Source(PERMEN, "Pasal 5: evaluasi kinerja periodik (bulanan, triwulanan atau semesteran) dan tahunan")
SRC_HK = Source(PERMEN, "Pasal 24-25; Lampiran: rating hasil kerja = penilaian pejabat penilai kinerja (no formula)")
SRC_PK = Source(PERMEN, "Pasal 24-25; Lampiran: rating perilaku kerja = penilaian pejabat penilai kinerja (BerAKHLAK)")
SRC_BERAKHLAK = Source("SE MenPANRB 20/2021; PermenPANRB 6/2022", "core values BerAKHLAK as perilaku kerja", "C1")
SRC_MATRIX = Source(PERMEN, "Lampiran, kuadran kinerja pegawai (predikat = matrix of HK and PK ratings)")
SRC_LEADER = Source(
    PERMEN,
    "Lampiran (evaluasi kinerja): a unit head's rating hasil kerja is the unit's capaian kinerja organisasi "
    "(one secondary source, S18)",
    "C1",
)
SRC_LEADER_MAP = Source(
    "kinerja default (spec open question 7)", "predikat organisasi -> rating hasil kerja; agency-configurable", "agency"
)
SRC_FINAL = Source(
    PERMEN, "Lampiran, Anak Lampiran 4: period 'Triwulan IV-Akhir' - the final evaluation is the annual one", "C1"
)
SRC_MUTASI = Source(
    "kinerja default (spec open question 6)",
    "several SKP in one year: the final evaluation of the SKP in force at year end",
    "R",
)
_AGENCY = "agency choice (not a national rule)"

BERAKHLAK: Final[tuple[tuple[str, str], ...]] = (
    ("berorientasi_pelayanan", "Berorientasi Pelayanan"),
    ("akuntabel", "Akuntabel"),
    ("kompeten", "Kompeten"),
    ("harmonis", "Harmonis"),
    ("loyal", "Loyal"),
    ("adaptif", "Adaptif"),
    ("kolaboratif", "Kolaboratif"),
)
"""The seven BerAKHLAK core values, the perilaku kerja of 6/2022: (field name, label) [C1: S20; adoption C2]."""

_E = Ekspektasi
_P = Predikat
MATRIX: Final[Mapping[tuple[Ekspektasi, Ekspektasi], Predikat]] = MappingProxyType(
    {
        (_E.DI_ATAS, _E.DI_BAWAH): _P.KURANG,
        (_E.DI_ATAS, _E.SESUAI): _P.BAIK,
        (_E.DI_ATAS, _E.DI_ATAS): _P.SANGAT_BAIK,
        (_E.SESUAI, _E.DI_BAWAH): _P.KURANG,
        (_E.SESUAI, _E.SESUAI): _P.BAIK,
        (_E.SESUAI, _E.DI_ATAS): _P.BAIK,
        (_E.DI_BAWAH, _E.DI_BAWAH): _P.SANGAT_KURANG,
        (_E.DI_BAWAH, _E.SESUAI): _P.BUTUH_PERBAIKAN,
        (_E.DI_BAWAH, _E.DI_ATAS): _P.BUTUH_PERBAIKAN,
    }
)
"""The kuadran kinerja pegawai: (rating hasil kerja, rating perilaku kerja) → predikat (spec §3.3 [C2: S15, S46, S19])."""

KUADRAN: Final[Dated[Mapping[tuple[Ekspektasi, Ekspektasi], Predikat]]] = Dated(
    "kuadran kinerja pegawai (PermenPANRB 6/2022)",
    (Entry(_dt.date(2022, 1, 1), MATRIX, SRC_MATRIX),),
)
"""The kuadran as a dated parameter: an amended matrix is one more :class:`~kinerja.dated.Entry` with its date
and source, and a period is scored with the matrix in force when it starts (earlier periods keep theirs)."""


def predikat(hasil_kerja: Ekspektasi | str, perilaku_kerja: Ekspektasi | str) -> Predikat:
    """The predikat of a pair of ratings, from :data:`MATRIX` (labels are parsed leniently).

    >>> predikat("Di Atas Ekspektasi", "Diatas").label, predikat("Dibawah", "Di Bawah").label
    ('Sangat Baik', 'Sangat Kurang')
    >>> predikat("Bagus", "Sesuai")
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: hasil_kerja: unknown Ekspektasi 'Bagus'; expected one of DI_BAWAH, SESUAI, DI_ATAS
    """
    ps = Problems()
    hk = pk = None
    try:
        hk = Ekspektasi.parse(hasil_kerja, "hasil_kerja")
    except ValidationError as exc:
        ps.extend(exc)
    try:
        pk = Ekspektasi.parse(perilaku_kerja, "perilaku_kerja")
    except ValidationError as exc:
        ps.extend(exc)
    ps.raise_if_any()
    assert hk is not None and pk is not None
    return MATRIX[hk, pk]


# --- the document ----------------------------------------------------------------------


def _list_of(path: str, what: str) -> Any:
    def conv(value: object) -> tuple[Any, ...]:
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise ValidationError.one(path, f"expected a list of {what}")
        return tuple(value)

    return conv


@attrs.frozen
class Rhk:
    """A rencana hasil kerja (planned work result) of the SKP, with its indicators.

    ``tambahan`` marks a hasil kerja tambahan (additional work, outside the main
    plan); ``intervensi`` names the superior's RHK this one supports (cascading);
    ``feedback`` is the penilai's umpan balik on it. Indicators carry target,
    realisation and evidence (:class:`~kinerja.model.Indicator`); an RHK may have none.
    """

    id: str = attrs.field(validator=nonempty)
    uraian: str = ""
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(),
        converter=_list_of("indicators", "indicators"),  # type: ignore[misc]
        metadata={SAME_AS_TYPE: True},
    )
    tambahan: bool = False
    intervensi: str = ""
    feedback: str = ""

    def __attrs_post_init__(self) -> None:
        found = [*self.value_checks(self.indicators)]
        for j, ind in enumerate(self.indicators):
            if not isinstance(ind, Indicator):
                found.append(Problem(f"indicators[{j}]", f"expected an Indicator, got {type(ind).__name__}"))
        if found:
            raise ValidationError(found)

    @staticmethod
    def value_checks(indicators: Sequence[Any]) -> Sequence[Problem]:
        """Indicator ids are unique within the RHK (also run on a parsed document before any object is built)."""
        return duplicate_ids(indicators, "indicators", "indicator")


@attrs.frozen
class Perilaku:
    """The perilaku kerja ratings: one optional :class:`~kinerja.model.Ekspektasi` per BerAKHLAK value, and feedback.

    The regulation rates perilaku kerja as a whole (one rating by the penilai, spec
    §3.2 [C1: S19 form]); the seven per-value ratings are the penilai's notes on each
    core value and feed a derived rating only where the agency chose
    :class:`PerilakuKerjaFromBerakhlak`. A value not rated is ``None`` (never a default).
    """

    berorientasi_pelayanan: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    akuntabel: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    kompeten: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    harmonis: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    loyal: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    adaptif: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    kolaboratif: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    feedback: str = ""

    def ratings(self) -> tuple[tuple[str, Ekspektasi | None], ...]:
        """``(field name, rating or None)`` for the seven values, in BerAKHLAK order."""
        return tuple((name, getattr(self, name)) for name, _ in BERAKHLAK)


def _opt_nip(value: object) -> Nip | None:
    return None if value is None else parse_nip(value, "penilai")


_HEAD_NEEDS_ORG = "a unit head's rating hasil kerja is the unit's performance: give the unit's predikat organisasi"
_CROSSES = "crosses a year boundary; an evaluation lies inside one SKP year"
_ONLY_HEAD_ORG = "only a unit head (kepala_unit: true) takes the unit's predikat as rating hasil kerja"
_PARTS = (
    ("employee", Employee, "an Employee"),
    ("period", Period, "a Period"),
    ("perilaku", Perilaku, "Perilaku ratings"),
)


@attrs.frozen
class Skp:
    """One evaluation of one employee's SKP (sasaran kinerja pegawai) under PermenPANRB 6/2022.

    * ``period`` — the evaluation period: a month, quarter or semester (periodic
      evaluation) or the whole year (annual); it lies inside the SKP ``year``
      (default: the year the period starts in) — otherwise the error names ``period``;
    * ``rhk`` — the rencana hasil kerja with indicators; ``perilaku`` — the seven
      BerAKHLAK ratings with feedback;
    * ``hasil_kerja``, ``perilaku_kerja`` — the penilai's ratings (the authority; a
      derived :class:`RatingPolicy` may replace them, see :meth:`Regime.with_policies`);
    * ``kepala_unit`` and ``predikat_organisasi`` — for the head of a unit: the unit's
      organisation predikat, which gives the HK rating (then required; forbidden otherwise);
    * ``penilai`` — the NIP of the pejabat penilai kinerja; ``feedback`` — overall umpan balik.
    """

    employee: Employee
    period: Period
    year: int | None = None
    rhk: tuple[Rhk, ...] = attrs.field(
        default=(),
        converter=_list_of("rhk", "rencana hasil kerja"),  # type: ignore[misc]
        metadata={LAZY: True, SAME_AS_TYPE: True},
    )
    perilaku: Perilaku = attrs.field(factory=Perilaku)
    hasil_kerja: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    perilaku_kerja: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    kepala_unit: bool = False
    predikat_organisasi: PredikatOrganisasi | None = enum_field(PredikatOrganisasi, default=None)
    penilai: Nip | None = attrs.field(default=None, converter=_opt_nip, metadata={SAME_AS_TYPE: True})
    feedback: str = ""

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        for name, kind, what in _PARTS:
            if not isinstance(getattr(self, name), kind):
                ps.add(name, f"expected {what}, got {type(getattr(self, name)).__name__}")
        for i, r in enumerate(self.rhk):
            if not isinstance(r, Rhk):
                ps.add(f"rhk[{i}]", f"expected an Rhk, got {type(r).__name__}")
        ps.items.extend(self.value_checks(self.period, self.year, self.rhk, self.kepala_unit, self.predikat_organisasi))
        ps.raise_if_any()

    @staticmethod
    def value_checks(
        period: Period, year: int | None, rhk: Sequence[Any], kepala_unit: bool, predikat_organisasi: object
    ) -> Sequence[Problem]:
        """The SKP's own rules across its fields (also run on a parsed document before any object is built)."""
        ps = Problems()
        if isinstance(period, Period):
            if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
                ps.add("year", f"expected a year (whole number), got {quote(year)}", "type.integer")
            elif year is not None and not (period.start.year == period.end.year == year):
                ps.add("period", f"the period {period.label} lies outside the SKP year {year}", "period.outside_year")
            elif period.start.year != period.end.year:
                ps.add("period", f"the period {period.label} {_CROSSES}", "period.outside_year")
        ps.items.extend(duplicate_ids(rhk, "rhk", "RHK"))
        if kepala_unit is True and predikat_organisasi is None:
            ps.add("predikat_organisasi", _HEAD_NEEDS_ORG, "field.missing")
        elif kepala_unit is not True and predikat_organisasi is not None:
            ps.add("predikat_organisasi", _ONLY_HEAD_ORG, "field.not_allowed")
        if not isinstance(kepala_unit, bool):
            ps.add("kepala_unit", "expected true or false")
        return ps.items

    @property
    def skp_year(self) -> int:
        """The SKP year (``year``, or the year of the period)."""
        return self.year if self.year is not None else self.period.start.year


# --- rating policies ---------------------------------------------------------------------


@runtime_checkable
class RatingPolicy(Protocol):
    """How a rating (HK or PK, depending on the slot it is plugged into) is obtained from an :class:`Skp`.

    ``rate`` returns the rating, appending explanation :class:`~kinerja.explain.Step`
    objects only ``if trace is not None``; bad or missing input raises a
    :class:`~kinerja.errors.ValidationError` naming the field. ``name`` is reported
    as ``hasil_kerja_source`` / ``perilaku_kerja_source``.
    """

    @property
    def name(self) -> str: ...

    def rate(self, skp: Skp, trace: Trace) -> Ekspektasi: ...


@attrs.frozen
class AssessorRating:
    """The national default: the rating the pejabat penilai kinerja gave (spec §3.1 [C2]).

    ``which`` is ``"hasil_kerja"`` or ``"perilaku_kerja"``. A document without that
    rating is refused with an error naming the field.
    """

    which: Literal["hasil_kerja", "perilaku_kerja"]
    name: str = "penilai"

    def rate(self, skp: Skp, trace: Trace) -> Ekspektasi:
        rating: Ekspektasi | None = getattr(skp, self.which)
        if rating is None:
            what = "hasil kerja" if self.which == "hasil_kerja" else "perilaku kerja"
            raise ValidationError.one(
                self.which,
                f"the rating {what} is required: under PermenPANRB 6/2022 it is the pejabat penilai kinerja's "
                "judgement (no formula); give it, or configure a rating policy that derives it",
                "field.missing",
            )
        if trace is not None:
            if self.which == "hasil_kerja":
                inds = [ind for r in skp.rhk for ind in r.indicators]
                inputs: dict[str, object] = {
                    "rhk": len(skp.rhk),
                    "indicators": len(inds),
                    "realised": sum(1 for ind in inds if ind.realization is not None),
                    "hasil_kerja (penilai)": rating,
                }
                trace.append(Step("rating hasil kerja given by the pejabat penilai kinerja", SRC_HK, inputs, rating))
            else:
                inputs = {label: r for (_, label), (_, r) in zip(BERAKHLAK, skp.perilaku.ratings()) if r is not None}
                inputs["perilaku_kerja (penilai)"] = rating
                trace.append(Step("rating perilaku kerja given by the pejabat penilai kinerja", SRC_PK, inputs, rating))
        return rating


ASSESSOR: Final = (AssessorRating("hasil_kerja"), AssessorRating("perilaku_kerja"))
"""The default policies: the penilai's own HK and PK ratings."""


def _ladder_conv(inst: HasilKerjaFromIndicators) -> Ladder[Ekspektasi]:
    return Ladder([(inst.di_atas, Ekspektasi.DI_ATAS), (inst.sesuai, Ekspektasi.SESUAI)], floor=Ekspektasi.DI_BAWAH)


@attrs.frozen
class HasilKerjaFromIndicators:
    """AGENCY CHOICE, not a national rule: derive the HK rating from indicator achievement.

    PermenPANRB 6/2022 leaves the HK rating to the penilai's judgement (spec §3.1);
    an agency that wants it derived from data may use this policy and must own the
    thresholds. Steps:

    1. capaian of every indicator of every RHK (``tambahan`` RHK only with
       ``include_tambahan``): realisasi / target × 100, or the kondisi-khusus and range
       rules (:func:`kinerja.indicators.capaian`, from PermenPANRB 8/2021 Lampiran, spec §2.3);
    2. one value through ``aggregator`` (default: plain mean; an unrealised indicator
       is refused, naming its path — missing is not zero);
    3. rounded half-up to ``places`` decimals (default 0, whole percent, as the 8/2021
       practice before its category lookup; ``None`` = no rounding);
    4. ``>= di_atas`` → Di Atas, ``>= sesuai`` → Sesuai, else Di Bawah.

    The defaults 101 / 100 mirror the 8/2021 *kategori capaian IKI* (spec §2.3):
    above 100 % Sangat Baik ↔ Di Atas, exactly 100 % Baik ↔ Sesuai, below 100 % ↔ Di Bawah.

    >>> p = HasilKerjaFromIndicators()
    >>> [p.classify(Decimal(x)).label for x in ("100.5", "99.5", "99.4")]
    ['Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Di Bawah Ekspektasi']
    """

    di_atas: Decimal = decimal_field(default=Decimal(101))
    sesuai: Decimal = decimal_field(default=Decimal(100))
    places: int | None = 0
    aggregator: Aggregator = attrs.field(factory=Mean)
    include_tambahan: bool = False
    name: str = "capaian-indikator"
    _ladder: Ladder[Ekspektasi] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.di_atas <= self.sesuai:
            raise ValidationError.one(
                "di_atas", f"the Di Atas threshold ({self.di_atas}) must be above the Sesuai one ({self.sesuai})"
            )
        if self.places is not None and (
            isinstance(self.places, bool) or not isinstance(self.places, int) or self.places < 0
        ):
            raise ValidationError.one("places", f"expected a number of decimals >= 0 or None, got {quote(self.places)}")
        object.__setattr__(self, "_ladder", _ladder_conv(self))

    @property
    def source(self) -> Source:
        return Source(
            _AGENCY,
            f"{self.name}: mean capaian >= {self.di_atas} Di Atas, >= {self.sesuai} Sesuai, else Di Bawah",
            "agency",
        )

    def classify(self, value: Decimal) -> Ekspektasi:
        """The rating of an achievement *value* in percent (rounded to ``places`` first, as :meth:`rate` does)."""
        if self.places is not None:
            value = round_half_up(value, self.places)
        return self._ladder.classify(value)

    def rate(self, skp: Skp, trace: Trace) -> Ekspektasi:
        items: list[Item] = []
        ps = Problems()
        for i, rhk in enumerate(skp.rhk):
            if rhk.tambahan and not self.include_tambahan:
                continue
            for j, ind in enumerate(rhk.indicators):
                path = f"rhk[{i}].indicators[{j}]"
                value = None
                if ind.realization is not None:
                    try:
                        value = capaian(ind)
                    except ValidationError as exc:
                        ps.extend(exc, path)
                items.append(Item(f"{path}.realization", value, ind.weight if ind.weight is not None else ONE))
        ps.raise_if_any()
        if not items:
            raise ValidationError.one(
                "rhk",
                f"no indicator to derive the rating hasil kerja from (policy {quote(self.name)} needs at least one)",
            )
        agg = self.aggregator.aggregate(items)
        # rounding: this policy's own parameter (default whole percent, half-up), modelled on the
        # PermenPANRB 8/2021 practice of rounding capaian before the category lookup (spec §2.4 [D from C1])
        shown = agg.value if self.places is None else round_half_up(agg.value, self.places)
        rating = self._ladder.classify(shown)
        if trace is not None:
            trace.append(
                Step(
                    "capaian of each indicator (realisasi / target x 100; kondisi khusus and range rules)",
                    Source("PermenPANRB 8/2021", "Lampiran, capaian IKI (used here by agency choice)", "C1"),
                    {it.key: it.value for it in items},
                    agg.value,
                    note=f"{agg.method} over {len(agg.used)} indicator(s)"
                    + (f"; skipped (not realised): {', '.join(agg.skipped)}" if agg.skipped else ""),
                )
            )
            trace.append(
                Step(
                    "rating hasil kerja derived from indicator achievement",
                    self.source,
                    {"capaian": agg.value, "rounded": shown, "di_atas from": self.di_atas, "sesuai from": self.sesuai},
                    rating,
                    note="an agency choice; PermenPANRB 6/2022 leaves the rating to the penilai",
                )
            )
        return rating


@attrs.frozen
class PerilakuKerjaFromBerakhlak:
    """AGENCY CHOICE, not a national rule: derive the PK rating from the seven BerAKHLAK ratings.

    PermenPANRB 6/2022 rates perilaku kerja as one judgement (spec §3.2: no per-value
    aggregation in the regulation). This policy counts the per-value ratings:

    * at least ``di_bawah_at_least`` values Di Bawah → Di Bawah (default 1: one value
      below expectation is enough, as bad behaviour dominates in the matrix);
    * else at least ``di_atas_at_least`` values Di Atas → Di Atas (default 4, a majority
      of the seven);
    * else Sesuai.

    With ``require_all`` (default) every value must be rated, and each missing one is
    named (``perilaku.akuntabel``); without it the thresholds are applied, unchanged, to
    the values that were rated (at least one): they are absolute counts, not shares, so
    with three or fewer values rated the default can never give Di Atas. An agency that
    wants shares passes thresholds scaled to its own forms.

    >>> p = PerilakuKerjaFromBerakhlak()
    >>> p.decide([Ekspektasi.DI_ATAS] * 4 + [Ekspektasi.SESUAI] * 3).label
    'Di Atas Ekspektasi'
    """

    di_bawah_at_least: int = 1
    di_atas_at_least: int = 4
    require_all: bool = True
    name: str = "berakhlak"

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        for field in ("di_bawah_at_least", "di_atas_at_least"):
            v = getattr(self, field)
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= len(BERAKHLAK):
                ps.add(field, f"expected a count from 1 to {len(BERAKHLAK)}, got {quote(v)}")
        ps.raise_if_any()

    @property
    def source(self) -> Source:
        return Source(
            _AGENCY,
            f"{self.name}: >= {self.di_bawah_at_least} Di Bawah -> Di Bawah; >= {self.di_atas_at_least} Di Atas -> Di Atas; else Sesuai",
            "agency",
        )

    def decide(self, ratings: Sequence[Ekspektasi]) -> Ekspektasi:
        """The PK rating for the given per-value ratings."""
        below = sum(1 for r in ratings if r is Ekspektasi.DI_BAWAH)
        above = sum(1 for r in ratings if r is Ekspektasi.DI_ATAS)
        if below >= self.di_bawah_at_least:
            return Ekspektasi.DI_BAWAH
        if above >= self.di_atas_at_least:
            return Ekspektasi.DI_ATAS
        return Ekspektasi.SESUAI

    def rate(self, skp: Skp, trace: Trace) -> Ekspektasi:
        pairs = skp.perilaku.ratings()
        missing = [name for name, r in pairs if r is None]
        if missing and self.require_all:
            ps = Problems()
            for name in missing:
                ps.add(f"perilaku.{name}", f"not rated; policy {quote(self.name)} needs all seven BerAKHLAK values")
            ps.raise_if_any()
        given = [r for _, r in pairs if r is not None]
        if not given:
            raise ValidationError.one(
                "perilaku", f"no BerAKHLAK value is rated; policy {quote(self.name)} needs at least one"
            )
        rating = self.decide(given)
        if trace is not None:
            inputs: dict[str, object] = {label: r for (_, label), (_, r) in zip(BERAKHLAK, pairs)}
            trace.append(Step("the seven BerAKHLAK ratings", SRC_BERAKHLAK, inputs, len(given)))
            trace.append(
                Step(
                    "rating perilaku kerja derived from the BerAKHLAK ratings",
                    self.source,
                    {
                        "Di Bawah": sum(1 for r in given if r is Ekspektasi.DI_BAWAH),
                        "Sesuai": sum(1 for r in given if r is Ekspektasi.SESUAI),
                        "Di Atas": sum(1 for r in given if r is Ekspektasi.DI_ATAS),
                    },
                    rating,
                    note="an agency choice; PermenPANRB 6/2022 leaves the rating to the penilai",
                )
            )
        return rating


@attrs.frozen
class LeaderMapping:
    """How a unit head's HK rating follows from the unit's organisation predikat (spec §3.1; open question 7).

    The regulation says the unit's performance *is* the head's HK rating [C1: S18] but
    gives no five-to-three mapping. Default (a kinerja decision, configurable by the
    agency): Istimewa → Di Atas, Baik → Sesuai, Butuh Perbaikan, Kurang and Sangat
    Kurang → Di Bawah (see the module docstring for the reasons).

    >>> LeaderMapping()[PredikatOrganisasi.ISTIMEWA].label
    'Di Atas Ekspektasi'
    >>> LeaderMapping(butuh_perbaikan="Sesuai")[PredikatOrganisasi.BUTUH_PERBAIKAN].label
    'Sesuai Ekspektasi'
    """

    istimewa: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.DI_ATAS)
    baik: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.SESUAI)
    butuh_perbaikan: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.DI_BAWAH)
    kurang: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.DI_BAWAH)
    sangat_kurang: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.DI_BAWAH)

    def __getitem__(self, org: PredikatOrganisasi | str) -> Ekspektasi:
        org = PredikatOrganisasi.parse(org, "predikat_organisasi")
        rating: Ekspektasi = getattr(self, org.name.lower())
        return rating

    def describe(self) -> str:
        return ", ".join(f"{o.label} -> {self[o].label}" for o in reversed(PredikatOrganisasi))


# --- the rule ------------------------------------------------------------------------------

INFO: Final = RuleInfo(
    name="permenpanrb-6-2022",
    kind="regime",
    title="PermenPANRB 6/2022 - Pengelolaan Kinerja Pegawai ASN",
    version="1",
    valid_from=_dt.date(2022, 1, 1),
    valid_to=None,
    sources=(SRC_REGIME, SRC_MATRIX, SRC_SE),
    description="Rating hasil kerja x rating perilaku kerja -> predikat (kuadran kinerja), PNS and PPPK; no numeric score.",
)

OUTPUTS: Final = (
    OutputField("hasil_kerja", "ekspektasi", "rating hasil kerja"),
    OutputField(
        "hasil_kerja_source", "text", "where HK came from: penilai, kinerja-organisasi (unit head) or an agency policy"
    ),
    OutputField("perilaku_kerja", "ekspektasi", "rating perilaku kerja"),
    OutputField("perilaku_kerja_source", "text", "where PK came from: penilai or an agency policy"),
    OutputField("predikat", "predikat", "predikat kinerja pegawai (kuadran kinerja)"),
    OutputField("unit", "text", "the employee's unit, as given"),
    OutputField("rollup", "text", "annual results only: the roll-up that chose the evaluation", optional=True),
    OutputField("evaluations", "integer", "annual results only: evaluations rolled up", optional=True),
    OutputField(
        "skp_count", "integer", "annual results only: SKP held in the year (more than 1 after a move)", optional=True
    ),
    OutputField("from_period", "text", "annual results only: the period of the evaluation used", optional=True),
)

_ORG = "kinerja-organisasi"


def _evaluation_step(doc: Skp) -> Step:
    """The first step of an explanation: which evaluation (periodic or annual), of whom (Pasal 5)."""
    e = doc.employee
    kind = "tahunan" if doc.period == Period.year(doc.skp_year) else "periodik"
    inputs: dict[str, object] = {
        "employee": f"{e.name} ({e.nip})",
        "status": e.status,
        "jenis_jabatan": e.jenis_jabatan,
        "jenjang": e.jenjang,
        "golongan": e.golongan,
        "unit": e.unit,
        "year": doc.skp_year,
        "rhk": len(doc.rhk),
        "penilai": None if doc.penilai is None else str(doc.penilai),
    }
    return Step(f"evaluasi kinerja {kind}", SRC_PERIOD, inputs, doc.period.label, note="PNS and PPPK alike")


@attrs.frozen
class Regime(ScoredRule):
    """The PermenPANRB 6/2022 rule (``RULE``), optionally configured with agency rating policies.

    ``hasil_kerja_policy`` and ``perilaku_kerja_policy`` default to the penilai's own
    ratings; ``leader_mapping`` turns a unit's organisation predikat into its head's
    HK rating. Configure with :meth:`with_policies`; register a configured rule under
    its own name if it should be found by name.
    """

    info: RuleInfo = INFO
    hasil_kerja_policy: RatingPolicy = ASSESSOR[0]
    perilaku_kerja_policy: RatingPolicy = ASSESSOR[1]
    leader_mapping: LeaderMapping = attrs.field(factory=LeaderMapping)

    document_class: ClassVar[type[Skp]] = Skp
    rule_outputs: ClassVar[tuple[OutputField, ...]] = OUTPUTS

    def with_policies(
        self,
        *,
        hasil_kerja: RatingPolicy | None = None,
        perilaku_kerja: RatingPolicy | None = None,
        leader_mapping: LeaderMapping | None = None,
        name: str | None = None,
    ) -> Regime:
        """A copy using the given policies; with *name*, its ``info`` is a non-selectable scheme of that name.

        >>> agency = RULE.with_policies(perilaku_kerja=PerilakuKerjaFromBerakhlak(), name="pemda-contoh")
        >>> agency.info.name, agency.info.kind, agency.perilaku_kerja_policy.name
        ('pemda-contoh', 'scheme', 'berakhlak')
        """
        info = self.info
        if name is not None:
            info = attrs.evolve(
                info,
                name=name,
                kind="scheme",
                selectable=False,
                title=f"{INFO.title} ({name})",
            )
        return attrs.evolve(
            self,
            info=info,
            hasil_kerja_policy=hasil_kerja or self.hasil_kerja_policy,
            perilaku_kerja_policy=perilaku_kerja or self.perilaku_kerja_policy,
            leader_mapping=leader_mapping or self.leader_mapping,
        )

    def _hasil_kerja(self, doc: Skp, trace: Trace) -> tuple[Ekspektasi, str]:
        """The rating hasil kerja and where it came from: the unit's predikat for its head, else the policy."""
        if doc.kepala_unit:
            org = doc.predikat_organisasi
            assert org is not None  # checked when the Skp was built
            hk = self.leader_mapping[org]
            hk_source = _ORG
            if trace is not None:
                trace.append(
                    Step(
                        "unit head: rating hasil kerja is the unit's performance",
                        SRC_LEADER,
                        {"kepala_unit": True, "unit": doc.employee.unit, "predikat_organisasi": org},
                        org,
                    )
                )
                trace.append(
                    Step(
                        "predikat organisasi -> rating hasil kerja",
                        SRC_LEADER_MAP,
                        {"predikat_organisasi": org, "mapping": self.leader_mapping.describe()},
                        hk,
                    )
                )
        else:
            hk = self.hasil_kerja_policy.rate(doc, trace)
            hk_source = self.hasil_kerja_policy.name
        return hk, hk_source

    def score(self, doc: Skp, trace: Trace) -> Scored:
        """Rate one evaluation: HK, PK and the predikat from the kuadran (steps go to *trace*)."""
        outside = validity_warning(self.info, doc.period)
        warnings: list[str] = [outside] if outside else []
        if trace is not None:
            trace.append(_evaluation_step(doc))
        ps = Problems()  # both ratings are checked, so a document missing both hears of both at once
        try:
            hk, hk_source = self._hasil_kerja(doc, trace)
        except ValidationError as exc:
            ps.extend(exc)
        try:
            pk = self.perilaku_kerja_policy.rate(doc, trace)
        except ValidationError as exc:
            ps.extend(exc)
        ps.raise_if_any()
        if doc.hasil_kerja is not None and doc.hasil_kerja is not hk:
            warnings.append(
                f"hasil_kerja: the penilai gave {doc.hasil_kerja.label}; {hk_source} gives {hk.label}, which is used"
            )
        if doc.perilaku_kerja is not None and doc.perilaku_kerja is not pk:
            warnings.append(
                f"perilaku_kerja: the penilai gave {doc.perilaku_kerja.label}; "
                f"{self.perilaku_kerja_policy.name} gives {pk.label}, which is used"
            )
        kuadran = KUADRAN.applicable(doc.period.start)
        result = kuadran.value[hk, pk]
        if trace is not None:
            trace.append(
                Step(
                    "predikat from the kuadran kinerja pegawai (HK x PK)",
                    kuadran.source,
                    {"hasil_kerja": hk, "perilaku_kerja": pk},
                    result,
                )
            )
        values: dict[str, object] = {
            "hasil_kerja": hk,
            "hasil_kerja_source": hk_source,
            "perilaku_kerja": pk,
            "perilaku_kerja_source": self.perilaku_kerja_policy.name,
            "predikat": result,
            "unit": doc.employee.unit,
        }
        return values, tuple(warnings)

    def explanation_title(self, document: Skp) -> str:
        """The rule, the employee by name and NIP, and the period."""
        e = document.employee
        return f"{self.info.title}: {e.name} ({e.nip}), {document.period.label}"

    def annual(
        self,
        items: Sequence[Skp | Result],
        rollup: Rollup | None = None,
        *,
        year: int | None = None,
    ) -> Result:
        """One annual result from the evaluations of one employee's year (see :func:`annual`)."""
        rollup = rollup or FINAL
        evs, y = self._evaluations(items, year)
        ordered = sorted(evs, key=_chrono)
        chosen, note = rollup.choose(ordered, y)
        segments = _segments(ordered)
        values: dict[str, object] = {
            "hasil_kerja": chosen.hasil_kerja,
            "hasil_kerja_source": chosen.hasil_kerja_source,
            "perilaku_kerja": chosen.perilaku_kerja,
            "perilaku_kerja_source": chosen.perilaku_kerja_source,
            "predikat": chosen.predikat,
            "unit": chosen.unit,
            "rollup": rollup.name,
            "evaluations": len(ordered),
            "skp_count": len(segments),
            "from_period": chosen.period.label,
        }
        explainer = functools.partial(_explain_annual, self.info.title, tuple(ordered), rollup, y, chosen, note)
        return Result(self.info.name, self.info.version, chosen.subject, Period.year(y).label, values, (), explainer)

    def _evaluations(self, items: Sequence[Skp | Result], year: int | None) -> tuple[list[Evaluation], int]:
        if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Sequence):
            raise ValidationError.one("evaluations", "expected a list of SKP evaluations or their results")
        if not items:
            raise ValidationError.one("evaluations", "nothing to roll up: give at least one evaluation of the year")
        ps = Problems()
        evs: list[Evaluation] = []
        for i, item in enumerate(items):
            try:
                evs.append(self._evaluation(i, item))
            except ValidationError as exc:
                ps.extend(exc, f"[{i}]")
        ps.raise_if_any()
        y = year if year is not None else evs[0].period.start.year
        subject = evs[0].subject
        seen: dict[tuple[Period, str], int] = {}
        for ev in evs:
            i = ev.index
            if ev.subject != subject:
                ps.add(f"[{i}].subject", f"belongs to {ev.subject}, not {subject}: one employee per annual result")
            if not (ev.period.start.year == ev.period.end.year == y):
                ps.add(f"[{i}].period", f"the period {ev.period.label} lies outside the year {y}")
            key = (ev.period, ev.unit)
            if key in seen:
                ps.add(f"[{i}].period", f"the same period and unit as [{seen[key]}]: an evaluation is given twice")
            seen.setdefault(key, i)
        ps.raise_if_any()
        return evs, y

    def _evaluation(self, i: int, item: object) -> Evaluation:
        if isinstance(item, Skp):
            values = self.score(item, None)[0]
            return Evaluation(
                i,
                item.employee.nip.digits,
                item.period,
                item.employee.unit,
                values["predikat"],  # type: ignore[arg-type]
                values["hasil_kerja"],  # type: ignore[arg-type]
                str(values["hasil_kerja_source"]),
                values["perilaku_kerja"],  # type: ignore[arg-type]
                str(values["perilaku_kerja_source"]),
            )
        if not isinstance(item, Result):
            raise ValidationError.one("", f"expected an Skp or a Result, got {type(item).__name__}")
        if item.rule != self.info.name:
            raise ValidationError.one("rule", f"a {quote(item.rule)} result, not a {quote(self.info.name)} one")
        if "rollup" in item.values:
            raise ValidationError.one("", "already an annual result; roll up the periodic evaluations")
        ps = Problems()
        got: dict[str, Any] = {}
        for name, kind in (("predikat", Predikat), ("hasil_kerja", Ekspektasi), ("perilaku_kerja", Ekspektasi)):
            v = item.values.get(name)
            if not isinstance(v, kind):
                ps.add(f"values.{name}", f"expected a {kind.__name__}, got {quote(v)}")
            got[name] = v
        period = _parse_period(item.period)
        if period is None:
            ps.add("period", f"not a period label (YYYY-MM-DD..YYYY-MM-DD): {quote(item.period)}")
        ps.raise_if_any()
        assert period is not None
        return Evaluation(
            i,
            item.subject,
            period,
            str(item.values.get("unit", "")),
            got["predikat"],
            got["hasil_kerja"],
            str(item.values.get("hasil_kerja_source", "")),
            got["perilaku_kerja"],
            str(item.values.get("perilaku_kerja_source", "")),
        )


def _parse_period(label: str) -> Period | None:
    parts = label.split("..")
    if len(parts) != 2:
        return None
    try:
        return Period(_dt.date.fromisoformat(parts[0]), _dt.date.fromisoformat(parts[1]))
    except (ValueError, ValidationError):
        return None


RULE: Final = Regime()
"""The registered rule: ``kinerja.rules.get("permenpanrb-6-2022")``."""


# --- annual roll-up ----------------------------------------------------------------------


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


def _chrono(ev: Evaluation) -> tuple[_dt.date, int, int]:
    """Chronological: by end date; with the same end, the longer period last (it is the wider evaluation)."""
    return (ev.period.end, -ev.period.start.toordinal(), ev.index)


def _segments(ordered: Sequence[Evaluation]) -> list[tuple[str, list[Evaluation]]]:
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


FINAL: Final = FinalEvaluation()
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
        return Source(_AGENCY, "annual predikat = the worst periodic predikat of the year", "agency")

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
            _AGENCY,
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


def _explain_annual(
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
    segments = _segments(ordered)
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


def annual(items: Sequence[Skp | Result], rollup: Rollup | None = None, *, year: int | None = None) -> Result:
    """One annual result from the evaluations of one employee's year, under :data:`RULE`.

    *items* are :class:`Skp` documents (rated with :data:`RULE`; for agency policies
    call :meth:`Regime.annual` on the configured rule) or their results; all of one
    employee and one calendar year (*year*, default the year of the first item). Several
    SKP (units) in the year are fine: the result is one, and its explanation says how.
    *rollup* defaults to :data:`FINAL`.

    >>> import kinerja
    >>> doc = kinerja.load(example_document())[1]
    >>> q = [attrs.evolve(doc, period=Period.quarter(2025, k), hasil_kerja=hk)
    ...      for k, hk in zip((1, 2, 3, 4), ("Di Bawah", "Sesuai", "Sesuai", "Di Atas"))]
    >>> a = annual(q)
    >>> a["predikat"].label, a["from_period"], a["evaluations"]
    ('Baik', '2025-10-01..2025-12-31', 4)
    >>> annual(q, WorstPeriodic())["predikat"].label
    'Butuh Perbaikan'
    """
    return RULE.annual(items, rollup, year=year)


def example_document() -> dict[str, Any]:
    """A complete annual SKP evaluation in JSON form (a fungsional Ahli Muda, Baik)."""
    return {
        "regime": "permenpanrb-6-2022",
        "employee": {
            "nip": "198503142010012003",
            "name": "Siti Rahmawati",
            "status": "PNS",
            "jenis_jabatan": "FUNGSIONAL",
            "jenjang": "AHLI_MUDA",
            "golongan": "III/c",
            "unit": "Bidang Perencanaan",
        },
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
        "year": 2025,
        "rhk": [
            {
                "id": "rhk-1",
                "uraian": "Tersusunnya dokumen perencanaan program bidang",
                "indicators": [
                    {
                        "id": "iki-1",
                        "name": "Jumlah dokumen perencanaan yang disahkan",
                        "target": "4",
                        "satuan": "dokumen",
                        "aspect": "KUANTITAS",
                        "realization": {"value": "4", "evidence": ["SK Kepala Dinas 12/2025"]},
                    },
                    {
                        "id": "iki-2",
                        "name": "Waktu penyelesaian",
                        "target": "12",
                        "satuan": "bulan",
                        "aspect": "WAKTU",
                        "direction": "LOWER_IS_BETTER",
                        "realization": {"value": "12"},
                    },
                ],
            }
        ],
        "perilaku": {
            "berorientasi_pelayanan": "Sesuai Ekspektasi",
            "akuntabel": "Sesuai Ekspektasi",
            "kompeten": "Di Atas Ekspektasi",
            "harmonis": "Sesuai Ekspektasi",
            "loyal": "Sesuai Ekspektasi",
            "adaptif": "Sesuai Ekspektasi",
            "kolaboratif": "Sesuai Ekspektasi",
            "feedback": "Pertahankan kualitas kerja sama lintas bidang.",
        },
        "hasil_kerja": "Sesuai Ekspektasi",
        "perilaku_kerja": "Sesuai Ekspektasi",
        "penilai": "197802202003121002",
        "feedback": "Target tercapai tepat waktu.",
    }
