"""The angka kredit tables of PermenPANRB 1/2023 and PerBKN 3/2023 (spec §4.1, §4.2, §4.4), their sources, and the
rules of which golongan a jenjang may hold. See :mod:`kinerja.policies.angka_kredit`."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import attrs

from kinerja.dated import Dated, Entry
from kinerja.errors import Problems, ValidationError
from kinerja.explain import Source
from kinerja.model import (
    Golongan,
    Jenjang,
    KategoriJenjang,
    Predikat,
)
from kinerja.numbers import ZERO

__all__ = [
    "AK_TABLE",
    "BONUS_IJAZAH",
    "DATED_PERSENTASE",
    "KOEFISIEN",
    "KONVERSI_FROM",
    "PERSENTASE",
    "AkRounding",
    "JenjangAk",
    "accepts",
    "below_range",
    "check_golongan",
    "check_table",
    "in_force",
    "previous_jenjang",
]

# --- sources -------------------------------------------------------------------------------

KONVERSI_FROM = _dt.date(2023, 1, 1)
"""AK konversi from the predikat kinerja began in January 2023 (PermenPANRB 1/2023, PerBKN 3/2023; spec §4)."""

SRC_KOEFISIEN_KEAHLIAN = Source(
    "PermenPANRB 1/2023", "Lampiran, koefisien AK tahunan, kategori keahlian", "C2", valid_from=KONVERSI_FROM
)
SRC_KOEFISIEN_KETERAMPILAN = Source(
    "PermenPANRB 1/2023",
    "Lampiran, koefisien AK tahunan, kategori keterampilan (two independent SIMPEG seeders; "
    "the Lampiran text itself not yet seen, spec Open question 9)",
    "C2",
    valid_from=KONVERSI_FROM,
)
SRC_PERSENTASE = Source(
    "PerBKN 3/2023",
    "konversi predikat kinerja: 150/100/75/50/25 % of the koefisien",
    "C2",
    url="https://id.scribd.com/presentation/695385622",  # BKN Direktorat Jabatan ASN slides (spec source S21)
    valid_from=KONVERSI_FROM,
)
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


# --- dated parameters ----------------------------------------------------------------------

ALWAYS: Final = _dt.date.min
"""The first entry of a national table applies to every earlier date too: a history that starts before 2023 was
scored with these figures before the tables were dated, and still is (the source says from when the law applies)."""


def _koefisien(jenjang: Jenjang, value: str) -> Dated[Decimal]:
    source = SRC_KOEFISIEN_KEAHLIAN if jenjang.kategori is KategoriJenjang.KEAHLIAN else SRC_KOEFISIEN_KETERAMPILAN
    return Dated(f"koefisien AK tahunan, {jenjang.label}", (Entry(ALWAYS, Decimal(value), source),))


KOEFISIEN: Mapping[Jenjang, Dated[Decimal]] = MappingProxyType(
    {
        Jenjang.PEMULA: _koefisien(Jenjang.PEMULA, "3.75"),
        Jenjang.TERAMPIL: _koefisien(Jenjang.TERAMPIL, "5"),
        Jenjang.MAHIR: _koefisien(Jenjang.MAHIR, "12.5"),
        Jenjang.PENYELIA: _koefisien(Jenjang.PENYELIA, "25"),
        Jenjang.AHLI_PERTAMA: _koefisien(Jenjang.AHLI_PERTAMA, "12.5"),
        Jenjang.AHLI_MUDA: _koefisien(Jenjang.AHLI_MUDA, "25"),
        Jenjang.AHLI_MADYA: _koefisien(Jenjang.AHLI_MADYA, "37.5"),
        Jenjang.AHLI_UTAMA: _koefisien(Jenjang.AHLI_UTAMA, "50"),
    }
)
"""The annual koefisien of each jenjang by the date it takes effect (spec §4.1), each entry with its source.

A new koefisien from a later date is one added entry (:meth:`~kinerja.dated.Dated.amended`): a segment
uses the koefisien in force on its first day, so earlier results do not change.
"""


def _persentase(predikat: Predikat, value: int) -> Dated[Decimal]:
    return Dated(f"persentase AK, {predikat.label}", (Entry(ALWAYS, Decimal(value), SRC_PERSENTASE),))


DATED_PERSENTASE: Mapping[Predikat, Dated[Decimal]] = MappingProxyType(
    {
        Predikat.SANGAT_BAIK: _persentase(Predikat.SANGAT_BAIK, 150),
        Predikat.BAIK: _persentase(Predikat.BAIK, 100),
        Predikat.BUTUH_PERBAIKAN: _persentase(Predikat.BUTUH_PERBAIKAN, 75),
        Predikat.KURANG: _persentase(Predikat.KURANG, 50),
        Predikat.SANGAT_KURANG: _persentase(Predikat.SANGAT_KURANG, 25),
    }
)
"""Percentage of the annual koefisien earned per predikat kinerja (spec §4.2) by the date it takes effect."""


def in_force(value: Dated[Decimal], start: _dt.date, end: _dt.date, path: str) -> Entry[Decimal]:
    """The entry of *value* in force on *start*, refusing a period that an amendment cuts in two (split it there)."""
    entry = value.entry_at(start)
    for later in value.entries:
        if start < later.since <= end:
            raise ValidationError.one(
                path,
                f"{value.name} changes on {later.since.isoformat()}, inside {start.isoformat()}..{end.isoformat()}: "
                "split the segment on that date",
            )
    return entry


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
    ak_pangkat: int,
    ak_jenjang: int | None,
    berikutnya: Jenjang | None,
) -> JenjangAk:
    first = KOEFISIEN[jenjang].entries[0]  # the koefisien of PermenPANRB 1/2023; later ones are dated entries
    return JenjangAk(
        jenjang,
        golongan,
        first.value,
        Decimal(ak_pangkat),
        None if ak_jenjang is None else Decimal(ak_jenjang),
        berikutnya,
        first.source,
    )


G = Golongan
J = Jenjang
AK_TABLE: Mapping[Jenjang, JenjangAk] = MappingProxyType(
    {
        J.PEMULA: _row(J.PEMULA, (G.II_A,), 15, 15, J.TERAMPIL),
        J.TERAMPIL: _row(J.TERAMPIL, (G.II_B, G.II_C, G.II_D), 20, 60, J.MAHIR),
        J.MAHIR: _row(J.MAHIR, (G.III_A, G.III_B), 50, 100, J.PENYELIA),
        J.PENYELIA: _row(J.PENYELIA, (G.III_C, G.III_D), 100, None, None),
        J.AHLI_PERTAMA: _row(J.AHLI_PERTAMA, (G.III_A, G.III_B), 50, 100, J.AHLI_MUDA),
        J.AHLI_MUDA: _row(J.AHLI_MUDA, (G.III_C, G.III_D), 100, 200, J.AHLI_MADYA),
        J.AHLI_MADYA: _row(J.AHLI_MADYA, (G.IV_A, G.IV_B, G.IV_C), 150, 450, J.AHLI_UTAMA),
        J.AHLI_UTAMA: _row(J.AHLI_UTAMA, (G.IV_D, G.IV_E), 200, None, None),
    }
)
"""Koefisien per year (spec §4.1, the first entry of :data:`KOEFISIEN`) and AK kumulatif per kenaikan pangkat /
jenjang (spec §4.4), by jenjang.

Terampil → Mahir is 60 (BKN slide and a second seeder; one seeder's 40 is rejected, spec §4.4).
"""
del G, J

PERSENTASE: Mapping[Predikat, Decimal] = MappingProxyType(
    {predikat: dated.entries[0].value for predikat, dated in DATED_PERSENTASE.items()}
)
"""Percentage of the annual koefisien earned per predikat kinerja (spec §4.2) [C2]: the first entry of
:data:`DATED_PERSENTASE` (for a date, use ``DATED_PERSENTASE[predikat].at(date)``)."""


def check_table(table: Mapping[Jenjang, JenjangAk]) -> Mapping[Jenjang, JenjangAk]:
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


def previous_jenjang(table: Mapping[Jenjang, JenjangAk], jenjang: Jenjang) -> Jenjang | None:
    """The jenjang whose kenaikan jenjang leads to *jenjang* (``None`` at the bottom of a kategori)."""
    for row in table.values():
        if row.jenjang_berikutnya is jenjang:
            return row.jenjang
    return None


def below_range(table: Mapping[Jenjang, JenjangAk], jenjang: Jenjang, golongan: Golongan) -> bool:
    """True when *golongan* is one of the previous jenjang's, below the range of *jenjang*.

    Spec §4.3: when the AK for kenaikan pangkat and for kenaikan jenjang are met
    together, the jenjang is raised first and the pangkat then follows with the same
    AK, so for a while the official holds the new jenjang with a golongan of the
    previous one (Ahli Muda in III/a or III/b).
    """
    previous = previous_jenjang(table, jenjang)
    return previous is not None and golongan in table[previous].golongan


def accepts(table: Mapping[Jenjang, JenjangAk], jenjang: Jenjang, golongan: Golongan) -> bool:
    """True when an official of *jenjang* may hold *golongan*: one of its own, or (jenjang first) the previous one's."""
    return golongan in table[jenjang].golongan or below_range(table, jenjang, golongan)


def check_golongan(ps: Problems, path: str, jenjang: Jenjang, golongan: Golongan | None) -> None:
    if golongan is None:
        return
    row = AK_TABLE[jenjang]
    if not accepts(AK_TABLE, jenjang, golongan):
        previous = previous_jenjang(AK_TABLE, jenjang)
        also = (
            f"; after a kenaikan jenjang the golongan of {previous.label} "
            f"({AK_TABLE[previous].golongan_text}) is also accepted"
            if previous is not None
            else ""
        )
        ps.add(path, f"{golongan.value} is not a golongan of {jenjang.label} ({row.golongan_text}){also}")


def jenjang_change_note(old: Jenjang, new: Jenjang, old_row: JenjangAk, day: str) -> str:
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


def below_range_note(jenjang: Jenjang, golongan: Golongan, row: JenjangAk) -> str:
    return (
        f"{golongan.value} is below the golongan range of {jenjang.label} ({row.golongan_text}): "
        "accepted as kenaikan jenjang came first and the pangkat follows (spec §4.3)"
    )
