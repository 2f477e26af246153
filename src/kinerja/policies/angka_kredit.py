"""Angka kredit (credit points) of jabatan fungsional: PermenPANRB 1/2023 and PerBKN 3/2023 (spec §4).

From January 2023 a functional official earns *AK konversi* from his or her
predikat kinerja (spec §4.3)::

    AK_periode = bulan / 12 × persentase predikat × koefisien jenjang

* the **koefisien** per jenjang is :data:`AK_TABLE` (spec §4.1), the **percentage**
  per predikat :data:`PERSENTASE` (§4.2);
* proration is by **whole months** of the period the predikat covers; a period
  is one :class:`AkSegment` (one jenjang, one predikat, within one calendar year),
  so a jenjang change in mid-year is two segments, each with its own koefisien;
* the AK kumulatif is the sum over the segments of the jenjang (plus the AK
  already held, :attr:`AngkaKreditFacts.ak_awal`, and any ijazah bonus);
* a higher formal degree (ijazah) gives a **one-off bonus** of 25 % of the AK
  kumulatif for kenaikan pangkat of the jenjang (:class:`IjazahBonus`);
* the AK above a kenaikan-pangkat requirement **carries over** to the next
  kenaikan pangkat in the same jenjang; on **kenaikan jenjang** the count restarts at 0.
  A change of jenjang is checked (the next jenjang, its AK kumulatif met) and, when
  it is not, kept but flagged in the ledger's notes;
* when the AK for a kenaikan pangkat and for kenaikan jenjang are met together, the
  **jenjang is raised first**, then the pangkat with the same AK (spec §4.3): the
  decision recommends that order, and a golongan of the previous jenjang is
  accepted (and noted) in the new one;
* :meth:`AkLedger.kebutuhan` says how much is still needed for the next kenaikan
  pangkat and kenaikan jenjang (AK kumulatif table, spec §4.4).

Rounding (spec Open question 10): BKN prints AK with two decimals and does not
say whether each period is rounded or only the totals. :class:`AkRounding` makes
it a parameter. The default, ``PER_PERIOD``, follows the PAK document: every
periodic PAK states a two-decimal figure and the next total adds those printed
figures. ``TOTAL`` keeps the exact sum and rounds once. When the two give
different totals, the decision shows both, and both shortfalls when they differ;
a kenaikan pangkat in the history is judged short under the rounding in use only.

>>> from kinerja.model import Period
>>> facts = AngkaKreditFacts(segments=(
...     AkSegment(Period.year(2023), "Ahli Pertama", "Sangat Baik"),          # A1
...     AkSegment(Period.months_span(2024, 1, 2), "Ahli Pertama", "Baik"),    # A2
... ))
>>> AngkaKreditPolicy().decide(facts).outcome                               # A3
Decimal('20.83')
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from kinerja.errors import Problems, ValidationError
from kinerja.explain import Explanation, Source, Step
from kinerja.model import (
    Employee,
    Golongan,
    Jenjang,
    KategoriJenjang,
    Period,
    Predikat,
    date_field,
    decimal_field,
    enum_field,
)
from kinerja.numbers import HUNDRED, ZERO, exact, fmt, round_half_up
from kinerja.policies._common import FactsBundle, check_int, from_bundle, subject_of
from kinerja.policy import Decision, Requirement

__all__ = [
    "AK_TABLE",
    "PERSENTASE",
    "AkLedger",
    "AkLine",
    "AkNeeds",
    "AkRounding",
    "AkSegment",
    "AngkaKreditFacts",
    "AngkaKreditPolicy",
    "IjazahBonus",
    "JenjangAk",
]

# --- sources -------------------------------------------------------------------------------

SRC_KOEFISIEN_KEAHLIAN = Source("PermenPANRB 1/2023", "Lampiran, koefisien AK tahunan, kategori keahlian", "C2")
SRC_KOEFISIEN_KETERAMPILAN = Source(
    "PermenPANRB 1/2023",
    "Lampiran, koefisien AK tahunan, kategori keterampilan (two independent SIMPEG seeders; "
    "the Lampiran text itself not yet seen, spec Open question 9)",
    "C2",
)
SRC_PERSENTASE = Source("PerBKN 3/2023", "konversi predikat kinerja: 150/100/75/50/25 % of the koefisien", "C2")
SRC_FORMULA = Source("PerBKN 3/2023", "AK = bulan/12 × persentase predikat × koefisien, whole months", "C2")
SRC_SEGMENT = Source("PerBKN 3/2023", "jenjang change within a year: each part with its own koefisien", "C1")
SRC_ROUNDING = Source(
    "PerBKN 3/2023", "AK shown with two decimals; per period or on totals not stated (Open question 10)", "C1"
)
SRC_IJAZAH = Source(
    "PermenPANRB 1/2023", "ijazah lebih tinggi: one-off 25 % of the AK kumulatif for kenaikan pangkat", "C2"
)
SRC_CARRY = Source("PermenPANRB 1/2023", "sisa AK counts toward the next kenaikan pangkat within the jenjang", "C2")
SRC_RESET = Source("PerBKN 3/2023", "kenaikan jenjang: AK kumulatif restarts at 0 (integrasi/konversi)", "C2")
SRC_KUMULATIF = Source("PermenPANRB 1/2023", "Lampiran, AK kumulatif for kenaikan pangkat and kenaikan jenjang", "C2")
SRC_AWAL = Source("facts", "AK already held at the start (AK konversi, AK dasar or an earlier PAK)")
SRC_JENJANG_FIRST = Source(
    "PermenPANRB 1/2023",
    "AK for kenaikan pangkat and kenaikan jenjang met together: jenjang first, then pangkat with the same AK",
    "C1",
)

BONUS_IJAZAH = Decimal("0.25")
"""Share of the kenaikan-pangkat AK requirement given once for a higher degree (spec §4.3) [C2]."""


# --- tables --------------------------------------------------------------------------------


@attrs.frozen
class JenjangAk:
    """One jenjang's row of the angka-kredit tables (spec §4.1 and §4.4).

    ``golongan`` are the golongan ruang of the jenjang, lowest first;
    ``ak_pangkat`` the AK kumulatif for each kenaikan pangkat within the jenjang;
    ``ak_jenjang`` the AK kumulatif for kenaikan jenjang to ``jenjang_berikutnya``
    (``None`` at the top of a kategori).
    """

    jenjang: Jenjang
    golongan: tuple[Golongan, ...]
    koefisien: Decimal
    ak_pangkat: Decimal
    ak_jenjang: Decimal | None
    jenjang_berikutnya: Jenjang | None
    koefisien_source: Source

    @property
    def golongan_text(self) -> str:
        first, last = self.golongan[0].value, self.golongan[-1].value
        return first if first == last else f"{first}-{last}"


def _row(
    jenjang: Jenjang,
    golongan: tuple[Golongan, ...],
    koefisien: str,
    ak_pangkat: int,
    ak_jenjang: int | None,
    berikutnya: Jenjang | None,
) -> JenjangAk:
    source = SRC_KOEFISIEN_KEAHLIAN if jenjang.kategori is KategoriJenjang.KEAHLIAN else SRC_KOEFISIEN_KETERAMPILAN
    return JenjangAk(
        jenjang,
        golongan,
        Decimal(koefisien),
        Decimal(ak_pangkat),
        None if ak_jenjang is None else Decimal(ak_jenjang),
        berikutnya,
        source,
    )


G = Golongan
J = Jenjang
AK_TABLE: Mapping[Jenjang, JenjangAk] = MappingProxyType(
    {
        J.PEMULA: _row(J.PEMULA, (G.II_A,), "3.75", 15, 15, J.TERAMPIL),
        J.TERAMPIL: _row(J.TERAMPIL, (G.II_B, G.II_C, G.II_D), "5", 20, 60, J.MAHIR),
        J.MAHIR: _row(J.MAHIR, (G.III_A, G.III_B), "12.5", 50, 100, J.PENYELIA),
        J.PENYELIA: _row(J.PENYELIA, (G.III_C, G.III_D), "25", 100, None, None),
        J.AHLI_PERTAMA: _row(J.AHLI_PERTAMA, (G.III_A, G.III_B), "12.5", 50, 100, J.AHLI_MUDA),
        J.AHLI_MUDA: _row(J.AHLI_MUDA, (G.III_C, G.III_D), "25", 100, 200, J.AHLI_MADYA),
        J.AHLI_MADYA: _row(J.AHLI_MADYA, (G.IV_A, G.IV_B, G.IV_C), "37.5", 150, 450, J.AHLI_UTAMA),
        J.AHLI_UTAMA: _row(J.AHLI_UTAMA, (G.IV_D, G.IV_E), "50", 200, None, None),
    }
)
"""Koefisien per year (spec §4.1) and AK kumulatif per kenaikan pangkat / jenjang (spec §4.4), by jenjang.

Terampil → Mahir is 60 (BKN slide and a second seeder; one seeder's 40 is rejected, spec §4.4).
"""
del G, J

PERSENTASE: Mapping[Predikat, Decimal] = MappingProxyType(
    {
        Predikat.SANGAT_BAIK: Decimal(150),
        Predikat.BAIK: Decimal(100),
        Predikat.BUTUH_PERBAIKAN: Decimal(75),
        Predikat.KURANG: Decimal(50),
        Predikat.SANGAT_KURANG: Decimal(25),
    }
)
"""Percentage of the annual koefisien earned per predikat kinerja (spec §4.2) [C2]."""


def _check_table(table: Mapping[Jenjang, JenjangAk]) -> Mapping[Jenjang, JenjangAk]:
    ps = Problems()
    if not isinstance(table, Mapping):
        raise ValidationError.one("table", "expected a mapping of Jenjang to JenjangAk")
    for j in Jenjang:
        row = table.get(j)
        if row is None:
            ps.add(f"table.{j.value}", "this jenjang has no row")
        elif not isinstance(row, JenjangAk) or row.jenjang is not j:
            ps.add(f"table.{j.value}", "expected the JenjangAk row of this jenjang")
        elif row.koefisien <= ZERO or row.ak_pangkat <= ZERO or not row.golongan:
            ps.add(f"table.{j.value}", "koefisien and AK must be positive and golongan non-empty")
    ps.raise_if_any()
    return MappingProxyType(dict(table))


# --- facts ---------------------------------------------------------------------------------


class AkRounding(enum.Enum):
    """Where AK is rounded: each period's AK (``PER_PERIOD``, like the PAK) or only totals (``TOTAL``)."""

    PER_PERIOD = "PER_PERIOD"
    TOTAL = "TOTAL"


def _previous_jenjang(table: Mapping[Jenjang, JenjangAk], jenjang: Jenjang) -> Jenjang | None:
    """The jenjang whose kenaikan jenjang leads to *jenjang* (``None`` at the bottom of a kategori)."""
    for row in table.values():
        if row.jenjang_berikutnya is jenjang:
            return row.jenjang
    return None


def _below_range(table: Mapping[Jenjang, JenjangAk], jenjang: Jenjang, golongan: Golongan) -> bool:
    """True when *golongan* is one of the previous jenjang's, below the range of *jenjang*.

    Spec §4.3: when the AK for kenaikan pangkat and for kenaikan jenjang are met
    together, the jenjang is raised first and the pangkat then follows with the same
    AK, so for a while the official holds the new jenjang with a golongan of the
    previous one (Ahli Muda in III/a or III/b).
    """
    previous = _previous_jenjang(table, jenjang)
    return previous is not None and golongan in table[previous].golongan


def _accepts(table: Mapping[Jenjang, JenjangAk], jenjang: Jenjang, golongan: Golongan) -> bool:
    """True when an official of *jenjang* may hold *golongan*: one of its own, or (jenjang first) the previous one's."""
    return golongan in table[jenjang].golongan or _below_range(table, jenjang, golongan)


def _golongan_ok(ps: Problems, path: str, jenjang: Jenjang, golongan: Golongan | None) -> None:
    if golongan is None:
        return
    row = AK_TABLE[jenjang]
    if not _accepts(AK_TABLE, jenjang, golongan):
        previous = _previous_jenjang(AK_TABLE, jenjang)
        also = (
            f"; after a kenaikan jenjang the golongan of {previous.label} "
            f"({AK_TABLE[previous].golongan_text}) is also accepted"
            if previous is not None
            else ""
        )
        ps.add(path, f"{golongan.value} is not a golongan of {jenjang.label} ({row.golongan_text}){also}")


def _jenjang_change_note(old: Jenjang, new: Jenjang, old_row: JenjangAk, day: str) -> str:
    """The note for a change of jenjang that is not the kenaikan jenjang to the next one."""
    if new.kategori is not old.kategori:
        return (
            f"change of jenjang {old.label} ({old.kategori.value.lower()}) → {new.label} "
            f"({new.kategori.value.lower()}) on {day}: a move between kategori, not a kenaikan jenjang; "
            "the count restarts at 0 (assumed)"
        )
    if new > old and old_row.jenjang_berikutnya is not None:
        return (
            f"change of jenjang {old.label} → {new.label} on {day} skips {old_row.jenjang_berikutnya.label}: "
            "not the next jenjang, so no AK requirement applies to it; the count restarts at 0"
        )
    return (
        f"change of jenjang {old.label} → {new.label} on {day} is a move down, not a kenaikan jenjang; "
        "the count restarts at 0 (assumed)"
    )


def _below_range_note(jenjang: Jenjang, golongan: Golongan, row: JenjangAk) -> str:
    return (
        f"{golongan.value} is below the golongan range of {jenjang.label} ({row.golongan_text}): "
        "accepted as kenaikan jenjang came first and the pangkat follows (spec §4.3)"
    )


@attrs.frozen
class AkSegment:
    """A stretch of time with one jenjang and one predikat kinerja: the unit AK is computed on.

    ``months`` are the whole months that count (0-12); by default the whole months
    of ``period``. A segment lies within one calendar year. ``golongan`` (optional)
    records the pangkat held; a rise between segments of the same jenjang is a
    kenaikan pangkat, which uses up that step's AK requirement. It is a golongan of
    the jenjang or, just after a kenaikan jenjang, of the previous jenjang (spec
    §4.3: jenjang first, then pangkat with the same AK; the ledger notes it).
    """

    period: Period
    jenjang: Jenjang = enum_field(Jenjang)
    predikat: Predikat = enum_field(Predikat)
    golongan: Golongan | None = enum_field(Golongan, default=None)
    months: int | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not isinstance(self.period, Period):
            ps.add("period", f"expected a Period, got {type(self.period).__name__}")
            ps.raise_if_any()
        if self.period.start.year != self.period.end.year:
            ps.add("period", f"a segment lies within one calendar year; {self.period.label} spans two (split it)")
        if self.months is not None and check_int(ps, "months", self.months, 0, 12):
            if self.months > self.period.months:
                ps.add(
                    "months",
                    f"{self.months} months do not fit in {self.period.label} ({self.period.months} whole months)",
                )
        _golongan_ok(ps, "golongan", self.jenjang, self.golongan)
        ps.raise_if_any()

    @property
    def bulan(self) -> int:
        """The whole months that count."""
        return self.period.months if self.months is None else self.months


def _text(inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise ValidationError.one(attribute.name, f"expected text, got {type(value).__name__}")


@attrs.frozen
class IjazahBonus:
    """A higher formal degree (*ijazah*, e.g. ``"S2"``) obtained on *date*: a one-off bonus in the jenjang held then.

    *date* is an ISO date (text is read, anything else refused with the path
    ``date``). A degree may give its bonus once: :class:`AngkaKreditFacts` refuses
    the same *ijazah* twice (compared without case and spacing).
    """

    date: _dt.date = date_field()
    ijazah: str = attrs.field(default="", validator=_text)

    @property
    def degree_key(self) -> str:
        """The degree as compared for duplicates: spacing and case ignored (``"s 2"`` is ``"S2"``)."""
        return "".join(self.ijazah.split()).casefold()


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes, Mapping)):
        raise ValidationError.one("", "expected a list")
    return tuple(value)


@attrs.frozen
class AngkaKreditFacts:
    """An official's angka-kredit history: the segments in time order, the AK held at the start, ijazah bonuses.

    ``ak_awal`` is the AK kumulatif already held in ``jenjang_awal`` when the first
    segment starts (AK konversi, AK dasar, an earlier PAK); ``ak_awal_pangkat`` the
    part of it that still counts toward the next kenaikan pangkat (the carry-over;
    by default all of it). ``jenjang_awal`` defaults to the first segment's jenjang
    and is required when there are no segments.
    """

    segments: tuple[AkSegment, ...] = attrs.field(default=(), converter=_tuple)
    ak_awal: Decimal = decimal_field(default=ZERO)
    ak_awal_pangkat: Decimal | None = decimal_field(optional=True)
    jenjang_awal: Jenjang | None = enum_field(Jenjang, default=None)
    golongan_awal: Golongan | None = enum_field(Golongan, default=None)
    ijazah: tuple[IjazahBonus, ...] = attrs.field(default=(), converter=_tuple)
    employee: Employee | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        for i, seg in enumerate(self.segments):
            if not isinstance(seg, AkSegment):
                ps.add(f"segments[{i}]", f"expected an AkSegment, got {type(seg).__name__}")
        ps.raise_if_any()
        for i in range(1, len(self.segments)):
            prev, cur = self.segments[i - 1].period, self.segments[i].period
            if cur.overlaps(prev):
                ps.add(f"segments[{i}].period", f"{cur.label} overlaps the previous segment {prev.label}")
            elif cur.start < prev.start:
                ps.add(
                    f"segments[{i}].period",
                    f"{cur.label} comes before the previous segment {prev.label}; list them in time order",
                )
        if self.ak_awal < ZERO:
            ps.add("ak_awal", f"cannot be negative, got {self.ak_awal}")
        if self.ak_awal_pangkat is not None:
            if self.ak_awal_pangkat < ZERO:
                ps.add("ak_awal_pangkat", f"cannot be negative, got {self.ak_awal_pangkat}")
            elif self.ak_awal_pangkat > self.ak_awal:
                ps.add(
                    "ak_awal_pangkat", f"the carry-over ({self.ak_awal_pangkat}) cannot exceed ak_awal ({self.ak_awal})"
                )
        if self.jenjang_awal is None and not self.segments:
            ps.add("jenjang_awal", "needed when there are no segments")
        start = self.start_jenjang
        if start is not None:
            _golongan_ok(ps, "golongan_awal", start, self.golongan_awal)
        seen: dict[_dt.date, int] = {}
        degrees: dict[str, int] = {}
        for i, bonus in enumerate(self.ijazah):
            if not isinstance(bonus, IjazahBonus):
                ps.add(f"ijazah[{i}]", f"expected an IjazahBonus, got {type(bonus).__name__}")
                continue
            if bonus.date in seen:
                ps.add(
                    f"ijazah[{i}].date",
                    f"a bonus on {bonus.date} is already given at ijazah[{seen[bonus.date]}]; it is one-off",
                )
            else:
                seen[bonus.date] = i
            key = bonus.degree_key
            if key and key in degrees:
                ps.add(
                    f"ijazah[{i}].ijazah",
                    f"{bonus.ijazah!r} is already counted at ijazah[{degrees[key]}]; "
                    "the bonus for a degree is given once",
                )
            elif key:
                degrees[key] = i
        ps.raise_if_any()

    @property
    def start_jenjang(self) -> Jenjang | None:
        if self.jenjang_awal is not None:
            return self.jenjang_awal
        return self.segments[0].jenjang if self.segments else None


# --- the ledger ----------------------------------------------------------------------------


@attrs.frozen
class AkLine:
    """One line of an AK ledger: AK earned (a period, a bonus, the starting AK) or a counter event.

    ``exact`` and ``rounded`` are the AK added by the line (zero for events);
    ``ak_kumulatif`` and ``ak_pangkat`` the running counters after it, under the
    ledger's rounding.
    """

    kind: str
    label: str
    jenjang: Jenjang
    golongan: Golongan | None
    exact: Decimal
    rounded: Decimal
    ak_kumulatif: Decimal
    ak_pangkat: Decimal
    formula: str
    source: Source
    year: int | None = None
    inputs: tuple[tuple[str, object], ...] = ()


@attrs.frozen
class AkNeeds:
    """What the next kenaikan pangkat and kenaikan jenjang still need (spec §4.4).

    ``kp_*`` describe the next kenaikan pangkat (``kp_golongan`` ``None`` when
    there is none in reach or the golongan is unknown); ``kp_via_jenjang`` is true
    at the top golongan of a jenjang, where the next pangkat comes with kenaikan
    jenjang and needs the jenjang's AK kumulatif. ``kj_*`` describe the next
    kenaikan jenjang (``None`` at the top of a kategori). ``kp_same_ak`` is true
    when the next pangkat follows a kenaikan jenjang already made, with its AK
    (spec §4.3), so it needs no more AK.
    """

    jenjang: Jenjang
    golongan: Golongan | None
    kp_golongan: Golongan | None
    kp_via_jenjang: bool
    kp_required: Decimal | None
    kp_value: Decimal | None
    kj_jenjang: Jenjang | None
    kj_required: Decimal | None
    kj_value: Decimal
    note: str = ""
    kp_same_ak: bool = False

    @property
    def kp_shortfall(self) -> Decimal | None:
        if self.kp_required is None or self.kp_value is None:
            return None
        return max(ZERO, self.kp_required - self.kp_value)

    @property
    def kj_shortfall(self) -> Decimal | None:
        if self.kj_required is None:
            return None
        return max(ZERO, self.kj_required - self.kj_value)

    @property
    def kp_met(self) -> bool:
        shortfall = self.kp_shortfall
        return shortfall is not None and shortfall == ZERO

    @property
    def kj_met(self) -> bool:
        shortfall = self.kj_shortfall
        return shortfall is not None and shortfall == ZERO

    @property
    def jenjang_first(self) -> bool:
        """True when a kenaikan pangkat within the jenjang and the kenaikan jenjang are both met (spec §4.3).

        The jenjang is then raised first and the pangkat follows with the same AK;
        at the top golongan (``kp_via_jenjang``) the two are one step anyway.
        """
        return self.kp_met and self.kj_met and not self.kp_via_jenjang and self.kj_jenjang is not None

    @property
    def order(self) -> str:
        """The recommended order when :attr:`jenjang_first`, else ``""``."""
        if not self.jenjang_first or self.kj_jenjang is None:
            return ""
        target = self.kp_golongan.value if self.kp_golongan is not None else "the next pangkat"
        return (
            f"both met: kenaikan jenjang to {self.kj_jenjang.label} first, then kenaikan pangkat to {target} "
            "with the same AK (spec §4.3); if the other kenaikan-jenjang conditions are not met, "
            "the kenaikan pangkat alone"
        )


def _next_golongan(g: Golongan) -> Golongan | None:
    members = list(Golongan)
    i = members.index(g)
    return members[i + 1] if i + 1 < len(members) else None


@attrs.frozen
class AkLedger:
    """The computed angka-kredit history of one official (see :meth:`AngkaKreditPolicy.ledger`).

    ``ak_kumulatif`` and ``ak_pangkat`` are under the ledger's ``rounding``; the
    ``*_per_period`` and ``*_total_rounded`` fields give both roundings.
    ``pangkat_same_ak`` is the golongan still due with the AK of the last kenaikan
    jenjang (jenjang first, then pangkat with the same AK, spec §4.3), if any.
    """

    lines: tuple[AkLine, ...]
    jenjang: Jenjang
    golongan: Golongan | None
    rounding: AkRounding
    places: int
    ak_kumulatif: Decimal
    ak_kumulatif_per_period: Decimal
    ak_kumulatif_total_rounded: Decimal
    ak_pangkat: Decimal
    earned: Decimal
    earned_per_period: Decimal
    earned_total_rounded: Decimal
    per_year: tuple[tuple[int, Decimal], ...]
    table: Mapping[Jenjang, JenjangAk] = attrs.field(default=AK_TABLE, repr=False)
    notes: tuple[str, ...] = ()
    ak_pangkat_per_period: Decimal | None = None
    ak_pangkat_total_rounded: Decimal | None = None
    pangkat_same_ak: Golongan | None = None

    @property
    def roundings_differ(self) -> bool:
        """True when rounding per period and rounding only the total give different figures."""
        return (
            self.ak_kumulatif_per_period != self.ak_kumulatif_total_rounded
            or self.earned_per_period != self.earned_total_rounded
            or self.ak_pangkat_per_period != self.ak_pangkat_total_rounded
        )

    def values(self, rounding: AkRounding | None = None) -> tuple[Decimal, Decimal]:
        """``(ak_kumulatif, ak_pangkat)`` under *rounding* (default: the ledger's)."""
        if rounding is None or rounding is self.rounding:
            return self.ak_kumulatif, self.ak_pangkat
        if rounding is AkRounding.PER_PERIOD:
            pkt = self.ak_pangkat_per_period
            return self.ak_kumulatif_per_period, self.ak_pangkat if pkt is None else pkt
        pkt = self.ak_pangkat_total_rounded
        return self.ak_kumulatif_total_rounded, self.ak_pangkat if pkt is None else pkt

    def kebutuhan(self, golongan: Golongan | None = None, rounding: AkRounding | None = None) -> AkNeeds:
        """What is still needed for the next kenaikan pangkat and jenjang.

        At *golongan* (default: the ledger's) and with the AK under *rounding*
        (default: the ledger's; pass the other one to see its shortfalls).
        """
        g = golongan if golongan is not None else self.golongan
        row = self.table[self.jenjang]
        below = g is not None and g not in row.golongan and _below_range(self.table, self.jenjang, g)
        if g is not None and g not in row.golongan and not below:
            raise ValidationError.one(
                "golongan", f"{g.value} is not a golongan of {self.jenjang.label} ({row.golongan_text})"
            )
        ak_kumulatif, ak_pangkat = self.values(rounding)
        kj_required = row.ak_jenjang if row.jenjang_berikutnya is not None else None
        note = ""
        same_ak = False
        kp_golongan: Golongan | None
        kp_required: Decimal | None
        kp_value: Decimal | None
        if g is None:
            kp_golongan, via, kp_required, kp_value = None, False, row.ak_pangkat, ak_pangkat
            note = "golongan unknown: assumed the next kenaikan pangkat is within the jenjang"
        elif below:
            kp_golongan, via = _next_golongan(g), False
            assert kp_golongan is not None
            if self.pangkat_same_ak is kp_golongan:
                kp_required, kp_value, same_ak = ZERO, ak_pangkat, True
                note = (
                    f"{_below_range_note(self.jenjang, g, row)}; the kenaikan pangkat to {kp_golongan.value} "
                    "comes with the AK of the kenaikan jenjang, no more AK is needed"
                )
            else:
                kp_required, kp_value = row.ak_pangkat, ak_pangkat
                note = f"{_below_range_note(self.jenjang, g, row)}; the next kenaikan pangkat counts in {self.jenjang.label}"
        elif g != row.golongan[-1]:
            kp_golongan, via, kp_required, kp_value = _next_golongan(g), False, row.ak_pangkat, ak_pangkat
        elif row.jenjang_berikutnya is not None:
            kp_golongan, via, kp_required, kp_value = _next_golongan(g), True, row.ak_jenjang, ak_kumulatif
        else:
            kp_golongan, via, kp_required, kp_value = None, False, None, None
            note = f"{g.value} is the top golongan of {self.jenjang.label}, the top jenjang of its kategori"
        return AkNeeds(
            jenjang=self.jenjang,
            golongan=g,
            kp_golongan=kp_golongan,
            kp_via_jenjang=via,
            kp_required=kp_required,
            kp_value=kp_value,
            kj_jenjang=row.jenjang_berikutnya,
            kj_required=kj_required,
            kj_value=ak_kumulatif,
            note=note,
            kp_same_ak=same_ak,
        )


def _show(x: Decimal, places: int) -> str:
    """Exact value for display: as is when short, else six decimals and an ellipsis (presentation only)."""
    exponent = x.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent <= max(places, 6):
        return fmt(x)
    return fmt(round_half_up(x, 6)) + "…"


class _Counter:
    """Running AK counters under both roundings (exact and per-period rounded)."""

    def __init__(self, places: int) -> None:
        self.places = places
        self.jen_exact = ZERO
        self.jen_round = ZERO
        self.pkt_exact = ZERO
        self.pkt_round = ZERO

    def add(self, exact_value: Decimal, rounded_value: Decimal) -> None:
        self.jen_exact += exact_value
        self.jen_round += rounded_value
        self.pkt_exact += exact_value
        self.pkt_round += rounded_value

    def reset(self) -> None:
        self.jen_exact = self.jen_round = self.pkt_exact = self.pkt_round = ZERO

    def consume(self, amount: Decimal, rounding: AkRounding) -> bool:
        """Use *amount* from the kenaikan-pangkat counter; return False when it was short under *rounding*.

        Only the rounding in use judges the shortfall (the other one may be a cent
        short or over); both counters are floored at 0.
        """
        short = self.chosen(rounding)[1] < amount
        self.pkt_exact = max(ZERO, self.pkt_exact - amount)
        self.pkt_round = max(ZERO, self.pkt_round - amount)
        return not short

    def chosen(self, rounding: AkRounding) -> tuple[Decimal, Decimal]:
        if rounding is AkRounding.PER_PERIOD:
            return self.jen_round, self.pkt_round
        return round_half_up(self.jen_exact, self.places), round_half_up(self.pkt_exact, self.places)


# --- the policy ----------------------------------------------------------------------------


@attrs.frozen
class AngkaKreditPolicy:
    """Compute AK konversi, its accumulation and what the next kenaikan pangkat / jenjang still need.

    Parameters (agency choices, spec Open question 10): ``rounding`` (default
    ``PER_PERIOD``, as on the PAK) and ``places`` (default 2, as BKN prints).
    ``table`` is the national table :data:`AK_TABLE`; pass a corrected copy only
    if the Lampiran is found to differ (each row carries its own source).
    """

    rounding: AkRounding = AkRounding.PER_PERIOD
    places: int = 2
    table: Mapping[Jenjang, JenjangAk] = attrs.field(default=AK_TABLE, converter=_check_table)

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not isinstance(self.rounding, AkRounding):
            ps.add("rounding", "expected AkRounding.PER_PERIOD or AkRounding.TOTAL")
        check_int(ps, "places", self.places, 0, 6)
        ps.raise_if_any()

    @property
    def name(self) -> str:
        return "angka-kredit"

    # -- computation ------------------------------------------------------------------------

    def ledger(self, facts: AngkaKreditFacts) -> AkLedger:
        """Compute the ledger: every line with its formula, the counters, totals under both roundings.

        A change of jenjang restarts the count. When it is the next jenjang, the AK
        kumulatif held is checked against the jenjang's requirement; a shortfall, a
        skipped jenjang or a move that is not a kenaikan jenjang is kept (the
        history is what happened) but noted. A kenaikan jenjang whose AK also
        covered a kenaikan pangkat leaves that pangkat due with the same AK (spec
        §4.3): the golongan may then sit below the new jenjang's range for a while.
        """
        start = facts.start_jenjang
        assert start is not None  # validated by AngkaKreditFacts
        places = self.places
        rounding = self.rounding
        table = self.table
        lines: list[AkLine] = []
        notes: list[str] = []
        counter = _Counter(places)
        jenjang = start
        golongan = facts.golongan_awal
        if golongan is None and facts.segments and facts.segments[0].jenjang is start:
            golongan = facts.segments[0].golongan
        same_ak: Golongan | None = None  # the pangkat due with the AK of the last kenaikan jenjang
        noted_below: set[tuple[Jenjang, Golongan]] = set()
        earned_exact = ZERO
        earned_round = ZERO
        years: dict[int, tuple[Decimal, Decimal]] = {}

        def emit(
            kind: str, label: str, exact_v: Decimal, rounded_v: Decimal, formula: str, source: Source, **kw: Any
        ) -> None:
            jen, pkt = counter.chosen(rounding)
            lines.append(AkLine(kind, label, jenjang, golongan, exact_v, rounded_v, jen, pkt, formula, source, **kw))

        def note_below(g: Golongan | None) -> None:
            row = table[jenjang]
            if g is not None and g not in row.golongan and (jenjang, g) not in noted_below:
                noted_below.add((jenjang, g))
                notes.append(_below_range_note(jenjang, g, row))

        note_below(golongan)
        with exact():
            if facts.ak_awal > ZERO or facts.ak_awal_pangkat is not None:
                carry = facts.ak_awal if facts.ak_awal_pangkat is None else facts.ak_awal_pangkat
                counter.jen_exact = counter.jen_round = facts.ak_awal
                counter.pkt_exact = counter.pkt_round = carry
                emit(
                    "awal",
                    f"AK held at the start ({jenjang.label})",
                    facts.ak_awal,
                    facts.ak_awal,
                    f"AK kumulatif {fmt(facts.ak_awal)}, of which {fmt(carry)} toward the next kenaikan pangkat",
                    SRC_AWAL,
                    inputs=(("ak_awal", facts.ak_awal), ("ak_awal_pangkat", carry)),
                )
            bonuses = sorted(enumerate(facts.ijazah), key=lambda ib: ib[1].date)
            b = 0

            def bonus_line(index: int, bonus: IjazahBonus) -> None:
                row = table[jenjang]
                amount = BONUS_IJAZAH * row.ak_pangkat
                counter.add(amount, round_half_up(amount, places))
                emit(
                    "ijazah",
                    f"ijazah bonus {bonus.date.isoformat()}" + (f" ({bonus.ijazah})" if bonus.ijazah else ""),
                    amount,
                    round_half_up(amount, places),
                    f"25% × {fmt(row.ak_pangkat)} (AK kenaikan pangkat, {jenjang.label}) = {fmt(amount)}",
                    SRC_IJAZAH,
                    year=bonus.date.year,
                    inputs=(
                        ("ak_kenaikan_pangkat", row.ak_pangkat),
                        ("persen", Decimal(25)),
                        ("ijazah", f"ijazah[{index}]"),
                    ),
                )

            for i, seg in enumerate(facts.segments):
                while b < len(bonuses) and bonuses[b][1].date < seg.period.start:
                    bonus_line(*bonuses[b])
                    b += 1
                day = seg.period.start.isoformat()
                if seg.jenjang is not jenjang:
                    old, old_g = jenjang, golongan
                    old_row = table[old]
                    held = counter.chosen(rounding)[0]
                    is_next = old_row.jenjang_berikutnya is seg.jenjang
                    parts: list[str] = []
                    met = False
                    if is_next and old_row.ak_jenjang is not None:
                        met = held >= old_row.ak_jenjang
                        parts.append(
                            f"AK kumulatif {fmt(held)} {'>=' if met else '<'} {fmt(old_row.ak_jenjang)} "
                            f"required for kenaikan jenjang"
                        )
                        if not met:
                            notes.append(
                                f"kenaikan jenjang {old.label} → {seg.jenjang.label} on {day} with AK kumulatif "
                                f"{fmt(held)}, less than the {fmt(old_row.ak_jenjang)} required "
                                "(raised on other grounds, or AK missing from the history)"
                            )
                    else:
                        notes.append(_jenjang_change_note(old, seg.jenjang, old_row, day))
                    if seg.golongan is not None and old_g is not None and seg.golongan < old_g:
                        raise ValidationError.one(
                            f"segments[{i}].golongan", f"goes down from {old_g.value} to {seg.golongan.value}"
                        )
                    jenjang = seg.jenjang
                    same_ak = None
                    if seg.golongan is not None:
                        golongan = seg.golongan
                    elif golongan is not None and not _accepts(table, jenjang, golongan):
                        golongan = None
                    step = _next_golongan(old_g) if old_g is not None else None
                    if is_next and met and old_g is not None and step is not None:
                        if golongan is None or golongan == old_g:
                            same_ak = step
                            parts.append(f"kenaikan pangkat to {step.value} due with the same AK (spec §4.3)")
                        elif golongan == step:
                            parts.append(f"pangkat {old_g.value} → {step.value} with the same AK (spec §4.3)")
                        else:
                            parts.append(f"pangkat {old_g.value} → {golongan.value}")
                            notes.append(
                                f"golongan rises from {old_g.value} to {golongan.value} at the kenaikan jenjang on "
                                f"{day}: the same AK gives one kenaikan pangkat (to {step.value}, spec §4.3)"
                            )
                    counter.reset()
                    what = "kenaikan jenjang" if is_next else "change of jenjang"
                    emit(
                        "kenaikan_jenjang",
                        f"{what} {old.label} → {jenjang.label} ({day})",
                        ZERO,
                        ZERO,
                        "; ".join([*parts, "AK kumulatif restarts at 0"]),
                        SRC_RESET,
                        year=seg.period.start.year,
                    )
                    note_below(golongan)
                elif seg.golongan is not None and golongan is not None and seg.golongan != golongan:
                    if seg.golongan < golongan:
                        raise ValidationError.one(
                            f"segments[{i}].golongan", f"goes down from {golongan.value} to {seg.golongan.value}"
                        )
                    row = table[jenjang]
                    while golongan is not None and golongan < seg.golongan:
                        target = _next_golongan(golongan)
                        assert target is not None
                        if same_ak is target:
                            same_ak = None
                            golongan = target
                            emit(
                                "kenaikan_pangkat",
                                f"kenaikan pangkat to {target.value} ({day})",
                                ZERO,
                                ZERO,
                                "with the AK of the kenaikan jenjang (jenjang first, then pangkat with the same AK); "
                                "nothing used",
                                SRC_JENJANG_FIRST,
                                year=seg.period.start.year,
                            )
                            continue
                        before = counter.chosen(rounding)[1]
                        enough = counter.consume(row.ak_pangkat, rounding)
                        golongan = target
                        note = (
                            ""
                            if enough
                            else f" (only {fmt(before)} held: promoted on other grounds; carry-over floored at 0)"
                        )
                        if not enough:
                            notes.append(
                                f"kenaikan pangkat to {golongan.value} with less AK than the {fmt(row.ak_pangkat)} required"
                            )
                        emit(
                            "kenaikan_pangkat",
                            f"kenaikan pangkat to {golongan.value} ({day})",
                            ZERO,
                            ZERO,
                            f"{fmt(before)} − {fmt(row.ak_pangkat)} used; the rest carries over{note}",
                            SRC_CARRY,
                            year=seg.period.start.year,
                        )
                    note_below(golongan)
                elif seg.golongan is not None:
                    golongan = seg.golongan
                    note_below(golongan)
                row = table[jenjang]
                pct = PERSENTASE[seg.predikat]
                value = Decimal(seg.bulan) * pct * row.koefisien / (12 * HUNDRED)
                rounded = round_half_up(value, places)
                counter.add(value, rounded)
                earned_exact += value
                earned_round += rounded
                y_exact, y_round = years.get(seg.period.start.year, (ZERO, ZERO))
                years[seg.period.start.year] = (y_exact + value, y_round + rounded)
                shown = _show(value, places)
                formula = f"{seg.bulan}/12 × {fmt(pct)}% × {fmt(row.koefisien)} = {shown}"
                if shown != fmt(rounded):
                    formula += f" → {fmt(rounded)}"
                emit(
                    "periode",
                    f"{seg.period.label} {jenjang.label}, {seg.predikat.label}",
                    value,
                    rounded,
                    formula,
                    SRC_FORMULA,
                    year=seg.period.start.year,
                    inputs=(
                        ("bulan", seg.bulan),
                        ("predikat", seg.predikat),
                        ("persen", pct),
                        ("jenjang", jenjang),
                        ("koefisien", row.koefisien),
                        ("koefisien_source", str(row.koefisien_source)),
                    ),
                )
            while b < len(bonuses):
                bonus_line(*bonuses[b])
                b += 1

            jen, pkt = counter.chosen(rounding)
            per_year = tuple(
                (y, yr if rounding is AkRounding.PER_PERIOD else round_half_up(ye, places))
                for y, (ye, yr) in sorted(years.items())
            )
            total_rounded_jen = round_half_up(counter.jen_exact, places)
            total_rounded_pkt = round_half_up(counter.pkt_exact, places)
            earned_chosen = earned_round if rounding is AkRounding.PER_PERIOD else round_half_up(earned_exact, places)
        return AkLedger(
            lines=tuple(lines),
            jenjang=jenjang,
            golongan=golongan,
            rounding=rounding,
            places=places,
            ak_kumulatif=jen,
            ak_kumulatif_per_period=counter.jen_round,
            ak_kumulatif_total_rounded=total_rounded_jen,
            ak_pangkat=pkt,
            earned=earned_chosen,
            earned_per_period=earned_round,
            earned_total_rounded=round_half_up(earned_exact, places),
            per_year=per_year,
            table=table,
            notes=tuple(notes),
            ak_pangkat_per_period=counter.pkt_round,
            ak_pangkat_total_rounded=total_rounded_pkt,
            pangkat_same_ak=same_ak,
        )

    # -- decision ---------------------------------------------------------------------------

    def decide(self, facts: AngkaKreditFacts | FactsBundle) -> Decision:
        """The AK decision: outcome is the AK kumulatif in the current jenjang; requirements are the AK tests."""
        if isinstance(facts, AngkaKreditFacts):
            return self._decide(facts)
        return from_bundle(
            facts,
            "angka_kredit",
            AngkaKreditFacts,
            self.name,
            self._decide,
            "angka kredit facts (not a jabatan fungsional?)",
        )

    def analyse(self, facts: AngkaKreditFacts) -> tuple[AkLedger, AkNeeds]:
        """The ledger and what is still needed, checked against the employee's jenjang and golongan when given."""
        led = self.ledger(facts)
        return led, led.kebutuhan(self._golongan(facts, led))

    def _golongan(self, facts: AngkaKreditFacts, led: AkLedger) -> Golongan | None:
        emp = facts.employee
        golongan = led.golongan
        if emp is not None:
            ps = Problems()
            if emp.jenjang is not None and emp.jenjang is not led.jenjang:
                ps.add(
                    "employee.jenjang",
                    f"the employee is {emp.jenjang.label} but the AK history ends in {led.jenjang.label}",
                )
            if emp.golongan is not None:
                if golongan is not None and emp.golongan is not golongan:
                    ps.add(
                        "employee.golongan",
                        f"the employee is {emp.golongan.value} but the AK history ends in {golongan.value}",
                    )
                elif not _accepts(self.table, led.jenjang, emp.golongan):
                    ps.add("employee.golongan", f"{emp.golongan.value} is not a golongan of {led.jenjang.label}")
                golongan = emp.golongan
            ps.raise_if_any()
        return golongan

    def _both(self, led: AkLedger, needs: AkNeeds) -> tuple[AkNeeds, AkNeeds] | None:
        """What is still needed under (per period, total) rounding when the two roundings differ, else ``None``."""
        if not led.roundings_differ:
            return None
        per = led.kebutuhan(needs.golongan, AkRounding.PER_PERIOD)
        tot = led.kebutuhan(needs.golongan, AkRounding.TOTAL)
        return per, tot

    def _decide(self, facts: AngkaKreditFacts) -> Decision:
        led, needs = self.analyse(facts)
        both = self._both(led, needs)
        emp = facts.employee
        golongan = needs.golongan
        reqs = _requirements(led, needs, both)
        details: list[tuple[str, object]] = [("jenjang", led.jenjang.label), ("golongan", golongan)]
        for line in led.lines:
            details.append((line.label, line.formula))
        details.append(("AK kumulatif in the jenjang", led.ak_kumulatif))
        details.append(("AK toward the next kenaikan pangkat", led.ak_pangkat))
        details.extend((f"AK earned in {y}", v) for y, v in led.per_year)
        kp_what = _kp_what(needs)
        if needs.kp_shortfall is not None:
            details.append((f"still needed for {kp_what}", needs.kp_shortfall))
        if needs.kj_shortfall is not None and needs.kj_jenjang is not None:
            details.append((f"still needed for kenaikan jenjang to {needs.kj_jenjang.label}", needs.kj_shortfall))
        if needs.order:
            details.append(("order", needs.order))
        details.append(("rounding", f"{self.rounding.value}, {self.places} decimals"))
        if led.roundings_differ:
            details.append(("AK kumulatif, rounded per period", led.ak_kumulatif_per_period))
            details.append(("AK kumulatif, exact total rounded once", led.ak_kumulatif_total_rounded))
            if led.ak_pangkat_per_period != led.ak_pangkat_total_rounded:
                details.append(("AK toward the next kenaikan pangkat, rounded per period", led.ak_pangkat_per_period))
                details.append(
                    ("AK toward the next kenaikan pangkat, exact total rounded once", led.ak_pangkat_total_rounded)
                )
        for label, per_value, tot_value in _shortfalls_differ(both):
            details.append((f"still needed for {label}, rounded per period", per_value))
            details.append((f"still needed for {label}, exact total rounded once", tot_value))
        if any(row.jenjang.kategori is KategoriJenjang.KETERAMPILAN for row in self._jenjang_rows(led)):
            details.append(
                ("caution", "keterampilan koefisien confirmed by SIMPEG code only, not the Lampiran (Open question 9)")
            )
        details.extend(("note", n) for n in (*led.notes, *((needs.note,) if needs.note else ())))
        return Decision(
            policy=self.name,
            subject=subject_of(emp),
            outcome=led.ak_kumulatif,
            requirements=reqs,
            details=tuple(details),
            summary=_summary(led, needs, both),
        )

    def _jenjang_rows(self, led: AkLedger) -> list[JenjangAk]:
        seen = {line.jenjang for line in led.lines if line.kind == "periode"}
        return [self.table[j] for j in Jenjang if j in seen]

    def explain(self, facts: AngkaKreditFacts) -> Explanation:
        """Every ledger line as a step with its source, then the totals and what is still needed."""
        led, needs = self.analyse(facts)
        both = self._both(led, needs)
        steps: list[Step] = []
        for line in led.lines:
            inputs = dict(line.inputs)
            if line.kind in ("periode", "ijazah", "awal"):
                inputs["exact"] = _show(line.exact, led.places)
            steps.append(
                Step(
                    line.label,
                    line.source,
                    inputs,
                    line.rounded if line.kind != "kenaikan_pangkat" else line.ak_pangkat,
                    note=line.formula,
                )
            )
        total_inputs: dict[str, object] = {
            "rounded per period": led.ak_kumulatif_per_period,
            "exact total rounded once": led.ak_kumulatif_total_rounded,
        }
        note = (
            "the two roundings differ; this ledger uses " + led.rounding.value
            if led.roundings_differ
            else "both roundings give the same figure"
        )
        steps.append(Step("AK kumulatif in the jenjang", SRC_ROUNDING, total_inputs, led.ak_kumulatif, note=note))
        for label, per_value, tot_value in _shortfalls_differ(both):
            chosen = per_value if led.rounding is AkRounding.PER_PERIOD else tot_value
            steps.append(
                Step(
                    f"still needed for {label}",
                    SRC_ROUNDING,
                    {"rounded per period": per_value, "exact total rounded once": tot_value},
                    chosen,
                    note="the two roundings give different shortfalls; this ledger uses " + led.rounding.value,
                )
            )
        for r in _requirements(led, needs, both):
            steps.append(Step(r.name, r.source, {"value": r.value, "needs": r.expected}, r.met, note=r.note))
        if needs.order:
            steps.append(
                Step("order of kenaikan jenjang and kenaikan pangkat", SRC_JENJANG_FIRST, {}, None, note=needs.order)
            )
        return Explanation(f"Angka kredit - {subject_of(facts.employee)}", tuple(steps))


def _kp_what(needs: AkNeeds) -> str:
    target = needs.kp_golongan.value if needs.kp_golongan is not None else None
    return f"kenaikan pangkat to {target}" if target is not None else "the next kenaikan pangkat"


def _shortfalls_differ(both: tuple[AkNeeds, AkNeeds] | None) -> list[tuple[str, Decimal, Decimal]]:
    """``(what, per period, total)`` for each shortfall the two roundings disagree on."""
    if both is None:
        return []
    per, tot = both
    out: list[tuple[str, Decimal, Decimal]] = []
    if per.kp_shortfall is not None and tot.kp_shortfall is not None and per.kp_shortfall != tot.kp_shortfall:
        out.append((_kp_what(per), per.kp_shortfall, tot.kp_shortfall))
    if (
        per.kj_jenjang is not None
        and per.kj_shortfall is not None
        and tot.kj_shortfall is not None
        and per.kj_shortfall != tot.kj_shortfall
    ):
        out.append((f"kenaikan jenjang to {per.kj_jenjang.label}", per.kj_shortfall, tot.kj_shortfall))
    return out


def _other_note(led: AkLedger, both: tuple[AkNeeds, AkNeeds] | None, kind: str) -> str:
    """``"; rounding the total: still needed 0.00"`` when the other rounding gives another shortfall."""
    if both is None:
        return ""
    per, tot = both
    other, name = (tot, "rounding the total") if led.rounding is AkRounding.PER_PERIOD else (per, "rounding per period")
    mine = per if other is tot else tot
    a, b = (mine.kp_shortfall, other.kp_shortfall) if kind == "kp" else (mine.kj_shortfall, other.kj_shortfall)
    if a is None or b is None or a == b:
        return ""
    return f"; {name}: still needed {fmt(b)}"


def _requirements(
    led: AkLedger, needs: AkNeeds, both: tuple[AkNeeds, AkNeeds] | None = None
) -> tuple[Requirement, ...]:
    reqs: list[Requirement] = []
    if needs.kp_required is not None and needs.kp_value is not None:
        target = needs.kp_golongan.value if needs.kp_golongan is not None else "the next pangkat"
        if needs.kp_via_jenjang and needs.kj_jenjang is not None:
            name = f"AK kumulatif for kenaikan pangkat to {target} (with kenaikan jenjang to {needs.kj_jenjang.label})"
        elif needs.kp_same_ak:
            name = f"AK for kenaikan pangkat to {target} (with the AK of the kenaikan jenjang)"
        else:
            name = f"AK for kenaikan pangkat to {target}"
        note = f"still needed {fmt(needs.kp_shortfall or ZERO)}" + _other_note(led, both, "kp")
        if needs.note:
            note += f"; {needs.note}"
        if needs.order:
            note += f"; {needs.order}"
        reqs.append(
            Requirement(
                name,
                needs.kp_value,
                f">= {fmt(needs.kp_required)}",
                needs.kp_met,
                SRC_JENJANG_FIRST if needs.kp_same_ak else SRC_KUMULATIF,
                note=note,
            )
        )
    else:
        reqs.append(
            Requirement(
                "a higher pangkat within reach",
                needs.golongan,
                f"below the top golongan of {led.jenjang.label}",
                False,
                SRC_KUMULATIF,
                note=needs.note,
            )
        )
    if needs.kj_required is not None and needs.kj_jenjang is not None:
        reqs.append(
            Requirement(
                f"AK kumulatif for kenaikan jenjang to {needs.kj_jenjang.label}",
                needs.kj_value,
                f">= {fmt(needs.kj_required)}",
                needs.kj_met,
                SRC_KUMULATIF,
                note=f"still needed {fmt(needs.kj_shortfall or ZERO)}{_other_note(led, both, 'kj')}; "
                "kenaikan jenjang also needs 1 year in the jenjang, "
                "predikat at least Baik, a vacant position and uji kompetensi (not checked here)",
            )
        )
    return tuple(reqs)


def _summary(led: AkLedger, needs: AkNeeds, both: tuple[AkNeeds, AkNeeds] | None = None) -> str:
    parts = [f"AK kumulatif {fmt(led.ak_kumulatif)} in {led.jenjang.label}"]
    if needs.kp_shortfall is not None:
        target = needs.kp_golongan.value if needs.kp_golongan is not None else "the next pangkat"
        parts.append(f"{fmt(needs.kp_shortfall)} more for kenaikan pangkat to {target}")
    if needs.kj_shortfall is not None and needs.kj_jenjang is not None:
        parts.append(f"{fmt(needs.kj_shortfall)} more for kenaikan jenjang to {needs.kj_jenjang.label}")
    if needs.order:
        parts.append(needs.order)
    if led.roundings_differ:
        parts.append(
            f"rounding per period gives {fmt(led.ak_kumulatif_per_period)}, rounding the total gives "
            f"{fmt(led.ak_kumulatif_total_rounded)} (using {led.rounding.value})"
        )
    for label, per_value, tot_value in _shortfalls_differ(both):
        parts.append(
            f"still needed for {label}: {fmt(per_value)} rounded per period, {fmt(tot_value)} rounding the total"
        )
    return "; ".join(parts)
