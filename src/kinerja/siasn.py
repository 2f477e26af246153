"""SIASN interchange: kinerja results to and from the national register's appraisal records.

SIASN (Sistem Informasi ASN, BKN) keeps appraisal results in four records,
mirrored field for field by the open-source Laravel package
``kanekescom/laravel-siasn-simpeg`` (spec ``siasn.md``). Every field is a nullable
**string**; numbers are decimal text. The field names below are exactly SIASN's,
including its spellings (``PerilakuKerjaNilai`` with a capital P in ``rw_skp22``,
``koefisenId``, ``bulanMulaiPenailan``):

=====================  =================================================================
``rw_skp``             one row per PNS and year: PP 46/2011 (2014 – June 2021), the
                       PP 30/2019 / PermenPANRB 8/2021 half of 2021, the 2021 integration
``rw_skp22``           one row per employee and year, PermenPANRB 6/2022 (annual)
``rw_kinerjaperiodik`` one row per employee and period, PermenPANRB 6/2022 (periodic)
``rw_angkakredit``     angka kredit awarded (PermenPANRB 1/2023 konversi and earlier)
=====================  =================================================================

* :func:`to_siasn` turns a :class:`~kinerja.result.Result` (or, for
  ``rw_angkakredit``, :class:`~kinerja.policies.angka_kredit.AngkaKreditFacts`)
  into a record: a ``dict`` with every field of the table, numbers as decimal
  strings (rounded as the regime displays them), ``None`` where kinerja has no
  value. Identity and assessor fields (``id``, ``pnsDinilaiId``, ``namaPenilai``…)
  are passed as keyword arguments under their SIASN names.
* :func:`from_siasn` reads a record strictly, like every kinerja loader: an
  unknown field, a value that is not text, a number that is not a decimal or is
  negative (scores, percentages and angka kredit never are), a ``tanggalSk`` that
  is not a real ``dd-mm-yyyy`` (or ISO) date, a label no enumeration knows — each
  is a :class:`~kinerja.errors.ValidationError`
  problem with the field as its path. An empty string counts as absent (SIASN
  exports write ``""`` for null), and the record keeps every value verbatim, so
  ``from_siasn(r, t).to_siasn() == r`` for every valid record.
* :func:`audit` re-scores stored rows with kinerja and lists every stored value
  that disagrees (a BKD auditing historical data), without stopping at bad rows.

**Codes whose meaning is not public.** SIASN stores several values twice, as a
label and as a code: ``hasilKinerja`` / ``hasilKinerjaNilai``, ``perilakuKerja`` /
``PerilakuKerjaNilai``, ``kuadranKinerja`` / ``KuadranKinerjaNilai`` (and in
``rw_kinerjaperiodik`` the codes ``kuadranKinerjaNilai``, ``kuadranNilai``,
``koefisenId``), plus ``jenisPeraturanKinerjaKd`` and ``jenisJabatan`` in
``rw_skp``. BKN does not publish the code tables. kinerja therefore reads the
**labels** and keeps every code beside its label, verbatim; it never infers a
meaning from a code. When you know your instance's codes, pass a
:class:`SiasnCodes` table: :func:`to_siasn` then writes the codes and
:func:`audit` checks them against the labels. :data:`OBSERVED_CODES` is what one
third-party SIASN client uses (``hasilKinerjaNilai``/``perilakuKerjaNilai``
1 = Di Atas, 2 = Sesuai, 3 = Di Bawah Ekspektasi; kuadran 1 = Sangat Baik,
2 = Baik, 5 = Sangat Kurang — that client gives code 3 to both Butuh Perbaikan
and Kurang/Misconduct cells, so those two are left out) [C1, unverified].

>>> rec = from_siasn({"id": "a1", "tahun": "2023", "hasilKinerja": "Diatas Ekspektasi",
...                   "perilakuKerja": "Sesuai Ekspektasi", "kuadranKinerja": "Baik"}, "rw_skp22")
>>> rec.hasil_kerja.label, rec.predikat.label, rec["hasilKinerjaNilai"] is None
('Di Atas Ekspektasi', 'Baik', True)
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar, Final, Literal

import attrs

from kinerja.errors import Problems, ValidationError
from kinerja.model import Ekspektasi, Period, Predikat
from kinerja.nip import Nip
from kinerja.numbers import exact, fmt, round_half_up, to_decimal
from kinerja.result import Result

__all__ = [
    "FIELDS",
    "OBSERVED_CODES",
    "TABLES",
    "Finding",
    "RwAngkaKredit",
    "RwKinerjaPeriodik",
    "RwSkp",
    "RwSkp22",
    "SiasnCodes",
    "SiasnRecord",
    "audit",
    "from_siasn",
    "parse_periodik_nama",
    "rescore",
    "to_siasn",
]

Table = Literal["rw_skp", "rw_skp22", "rw_kinerjaperiodik", "rw_angkakredit"]
TABLES: Final[tuple[Table, ...]] = ("rw_skp", "rw_skp22", "rw_kinerjaperiodik", "rw_angkakredit")

_ASSESSOR_SKP = (
    "atasanPejabatPenilai",
    "pejabatPenilai",
    "atasanNonPns",
    "penilaiNonPns",
    "penilaiNipNrp",
    "atasanPenilaiNipNrp",
    "penilaiNama",
    "atasanPenilaiNama",
    "penilaiUnorNama",
    "atasanPenilaiUnorNama",
    "penilaiJabatan",
    "atasanPenilaiJabatan",
    "penilaiGolongan",
    "atasanPenilaiGolongan",
    "penilaiTmtGolongan",
    "atasanPenilaiTmtGolongan",
    "statusPenilai",
    "statusAtasanPenilai",
)

FIELDS: Final[Mapping[Table, tuple[str, ...]]] = {
    "rw_skp": (
        "id",
        "tahun",
        "pns",
        "nilaiSkp",
        "orientasiPelayanan",
        "integritas",
        "komitmen",
        "disiplin",
        "kerjasama",
        "kepemimpinan",
        "inisiatifKerja",
        "jumlah",
        "nilairatarata",
        "nilaiPerilakuKerja",
        "nilaiPrestasiKerja",
        "konversiNilai",
        "nilaiIntegrasi",
        "jenisPeraturanKinerjaKd",
        "jenisJabatan",
        *_ASSESSOR_SKP,
    ),
    "rw_skp22": (
        "id",
        "tahun",
        "pnsDinilaiId",
        "hasilKinerja",
        "hasilKinerjaNilai",
        "perilakuKerja",
        "PerilakuKerjaNilai",
        "kuadranKinerja",
        "KuadranKinerjaNilai",
        "namaPenilai",
        "nipNrpPenilai",
        "penilaiGolonganId",
        "penilaiJabatanNm",
        "penilaiUnorNm",
        "statusPenilai",
    ),
    "rw_kinerjaperiodik": (
        "id",
        "tahun",
        "nip",
        "nama",
        "pnsDinilaiId",
        "periodikId",
        "periodikNama",
        "hasilKinerja",
        "hasilKinerjaNilai",
        "perilakuKerja",
        "perilakuKerjaNilai",
        "kuadranKinerjaNilai",
        "kuadranNilai",
        "koefisenId",
        "persentase",
        "kriteria",
        "jabatan",
        "instansiId",
        "instansiNama",
        "unorId",
        "unorNama",
        "namaPenilai",
        "penilaiNipNrp",
        "penilaiPnsId",
        "penilaiGolonganId",
        "penilaiJabatanNama",
        "penilaiUnorNm",
        "statusPenilai",
    ),
    "rw_angkakredit": (
        "id",
        "pns",
        "nomorSk",
        "tanggalSk",
        "bulanMulaiPenailan",
        "tahunMulaiPenailan",
        "bulanSelesaiPenailan",
        "tahunSelesaiPenailan",
        "kreditUtamaBaru",
        "kreditPenunjangBaru",
        "kreditBaruTotal",
        "rwJabatan",
        "namaJabatan",
        "isAngkaKreditPertama",
        "isIntegrasi",
        "isKonversi",
        "Sumber",
    ),
}
"""Every field of each record, as SIASN names it (``path``, a JSON list of documents, is accepted besides)."""

_DECIMALS: Final[Mapping[Table, frozenset[str]]] = {
    "rw_skp": frozenset(
        {
            "nilaiSkp",
            "orientasiPelayanan",
            "integritas",
            "komitmen",
            "disiplin",
            "kerjasama",
            "kepemimpinan",
            "inisiatifKerja",
            "jumlah",
            "nilairatarata",
            "nilaiPerilakuKerja",
            "nilaiPrestasiKerja",
            "konversiNilai",
            "nilaiIntegrasi",
        }
    ),
    "rw_skp22": frozenset(),
    "rw_kinerjaperiodik": frozenset({"persentase"}),
    "rw_angkakredit": frozenset({"kreditUtamaBaru", "kreditPenunjangBaru", "kreditBaruTotal"}),
}
_YEARS: Final = frozenset({"tahun", "tahunMulaiPenailan", "tahunSelesaiPenailan"})
_DATES: Final = frozenset({"tanggalSk"})
_DATE_FORMATS: Final = ("%d-%m-%Y", "%Y-%m-%d")  # SIASN writes dd-mm-yyyy; ISO is accepted too
_MONTHS: Final = frozenset({"bulanMulaiPenailan", "bulanSelesaiPenailan"})
_FLAGS: Final = frozenset({"isAngkaKreditPertama", "isIntegrasi", "isKonversi"})
_EKSPEKTASI_LABELS: Final = frozenset({"hasilKinerja", "perilakuKerja"})

PERILAKU_PP46: Final = ("orientasiPelayanan", "integritas", "komitmen", "disiplin", "kerjasama")
"""The five perilaku elements of PP 46/2011 in ``rw_skp`` (``kepemimpinan`` is the sixth, struktural only)."""


@attrs.frozen
class SiasnCodes:
    """A code table for the SIASN codes whose meaning BKN does not publish.

    ``ekspektasi`` gives the code of each rating (``hasilKinerjaNilai``,
    ``PerilakuKerjaNilai``/``perilakuKerjaNilai``), ``predikat`` the code of each
    kuadran (``KuadranKinerjaNilai``, ``kuadranKinerjaNilai``, ``kuadranNilai``).
    A member missing from a mapping has no known code.
    """

    ekspektasi: Mapping[Ekspektasi, str] = attrs.field(factory=dict)
    predikat: Mapping[Predikat, str] = attrs.field(factory=dict)


OBSERVED_CODES: Final = SiasnCodes(
    ekspektasi={Ekspektasi.DI_ATAS: "1", Ekspektasi.SESUAI: "2", Ekspektasi.DI_BAWAH: "3"},
    predikat={Predikat.SANGAT_BAIK: "1", Predikat.BAIK: "2", Predikat.SANGAT_KURANG: "5"},
)
"""The codes one third-party SIASN client uses [C1, unverified; see the module docstring]. Pass it explicitly."""


# --- records -----------------------------------------------------------------------------------


@attrs.frozen
class SiasnRecord:
    """One SIASN record read by :func:`from_siasn`: the *table*, every field's text, and ``path`` (JSON) verbatim.

    ``record["nilaiSkp"]`` is the stored text; the subclasses add typed views.
    """

    table: ClassVar[Table]
    fields: Mapping[str, str | None]
    path: Any = None
    present: frozenset[str] = frozenset()

    def __getitem__(self, name: str) -> str | None:
        return self.fields[name]

    def text(self, name: str) -> str | None:
        """The field's text, ``None`` when absent or empty."""
        value = self.fields[name]
        return None if value is None or not value.strip() else value

    def decimal(self, name: str) -> Decimal | None:
        """The field as an exact decimal (validated on reading), ``None`` when absent or empty."""
        value = self.text(name)
        return None if value is None else to_decimal(value, name)

    def integer(self, name: str) -> int | None:
        value = self.text(name)
        return None if value is None else int(value)

    @property
    def record_id(self) -> str | None:
        return self.text("id")

    @property
    def tahun(self) -> int | None:
        return self.integer("tahun") if "tahun" in self.fields else None

    def to_siasn(self) -> dict[str, Any]:
        """The record as read: the fields that were present, verbatim (and ``path`` when it was given)."""
        out: dict[str, Any] = {k: self.fields[k] for k in FIELDS[self.table] if k in self.present}
        if "path" in self.present:
            out["path"] = self.path
        return out


def _ekspektasi(rec: SiasnRecord, name: str) -> Ekspektasi | None:
    value = rec.text(name)
    return None if value is None else Ekspektasi.parse(value, name)


def _predikat(rec: SiasnRecord, name: str) -> Predikat | None:
    value = rec.text(name)
    return None if value is None else Predikat.parse(value, name)


@attrs.frozen
class RwSkp(SiasnRecord):
    """A ``rw_skp`` row (PP 46/2011 era, the PP 30/2019 half of 2021, the 2021 integration)."""

    table: ClassVar[Table] = "rw_skp"

    @property
    def nilai_skp(self) -> Decimal | None:
        return self.decimal("nilaiSkp")

    @property
    def perilaku(self) -> dict[str, Decimal]:
        """The perilaku elements that were scored (``kepemimpinan`` ``"0"`` or empty counts as not scored)."""
        out: dict[str, Decimal] = {}
        for name in (*PERILAKU_PP46, "kepemimpinan", "inisiatifKerja"):
            value = self.decimal(name)
            if value is None or (name in ("kepemimpinan", "inisiatifKerja") and value == 0):
                continue
            out[name] = value
        return out

    @property
    def nilai_perilaku_kerja(self) -> Decimal | None:
        return self.decimal("nilaiPerilakuKerja")

    @property
    def nilai_prestasi_kerja(self) -> Decimal | None:
        return self.decimal("nilaiPrestasiKerja")

    @property
    def regime(self) -> str | None:
        """The kinerja regime the row belongs to, from the year and the fields filled in.

        Up to 2020 PP 46/2011; in 2021 ``integrasi-2021`` when ``nilaiIntegrasi`` is set,
        ``permenpanrb-8-2021`` when ``inisiatifKerja`` (a PP 30/2019 element) is. Any other
        2021 row may be either half of the split year: ``None`` (see :attr:`split_year`).
        ``jenisPeraturanKinerjaKd`` would say it, but its codes are not public. ``None``
        also from 2022 (``rw_skp22`` holds those years) or when the year is missing.
        """
        year = self.tahun
        if year is None or year >= 2022:
            return None
        if year <= 2020:
            return "pp-46-2011"
        if self.text("nilaiIntegrasi") is not None:
            return "integrasi-2021"
        if self.decimal("inisiatifKerja") not in (None, Decimal(0)):
            return "permenpanrb-8-2021"
        return None

    @property
    def split_year(self) -> bool:
        """A 2021 row that does not say which half (PP 46/2011 or PP 30/2019) it was scored under."""
        return self.tahun == 2021 and self.regime is None


@attrs.frozen
class RwSkp22(SiasnRecord):
    """A ``rw_skp22`` row (PermenPANRB 6/2022, annual): the two ratings and the predikat, labels and codes."""

    table: ClassVar[Table] = "rw_skp22"

    @property
    def hasil_kerja(self) -> Ekspektasi | None:
        return _ekspektasi(self, "hasilKinerja")

    @property
    def perilaku_kerja(self) -> Ekspektasi | None:
        return _ekspektasi(self, "perilakuKerja")

    @property
    def predikat(self) -> Predikat | None:
        """The predikat from the ``kuadranKinerja`` label (the code beside it is kept, not interpreted)."""
        return _predikat(self, "kuadranKinerja")

    @property
    def period(self) -> Period | None:
        year = self.tahun
        return None if year is None else Period.year(year)


_ROMAN: Final = {"I": 1, "II": 2, "III": 3, "IV": 4}
_PERIODIK = re.compile(
    r"^\s*(?:periode\s+)?(?P<kind>bulanan|triwulan|semester|tahunan)(?:\s+(?P<n>[0-9]+|IV|III|II|I))?"
    r"(?:\s*-\s*akhir)?\s+tahun\s+(?P<year>[0-9]{4})\s*$",
    re.IGNORECASE,
)


def parse_periodik_nama(text: str) -> Period | None:
    """The period of an e-Kinerja ``periodikNama`` such as ``"Periode Bulanan 3 Tahun 2024"``, or ``None``.

    Recognised: ``Bulanan N``, ``Triwulan N`` (1–4 or I–IV, ``IV-Akhir`` too),
    ``Semester N``, ``Tahunan`` — each followed by ``Tahun YYYY``. Other wordings are
    not documented publicly and give ``None``.

    >>> parse_periodik_nama("Periode Bulanan 3 Tahun 2024").label
    '2024-03-01..2024-03-31'
    >>> parse_periodik_nama("Periode Triwulan IV-Akhir Tahun 2023").label
    '2023-10-01..2023-12-31'
    """
    m = _PERIODIK.match(text)
    if m is None:
        return None
    kind = m.group("kind").lower()
    year = int(m.group("year"))
    raw = m.group("n")
    n = None if raw is None else (_ROMAN[raw.upper()] if raw.upper() in _ROMAN else int(raw))
    try:
        if kind == "tahunan":
            return Period.year(year) if n is None else None
        if n is None:
            return None
        if kind == "bulanan":
            return Period.month(year, n)
        if kind == "triwulan":
            return Period.quarter(year, n)
        return Period.semester(year, n)
    except ValidationError:
        return None


@attrs.frozen
class RwKinerjaPeriodik(SiasnRecord):
    """A ``rw_kinerjaperiodik`` row (PermenPANRB 6/2022, one period): ratings, predikat codes, AK percentage."""

    table: ClassVar[Table] = "rw_kinerjaperiodik"

    @property
    def hasil_kerja(self) -> Ekspektasi | None:
        return _ekspektasi(self, "hasilKinerja")

    @property
    def perilaku_kerja(self) -> Ekspektasi | None:
        return _ekspektasi(self, "perilakuKerja")

    @property
    def nip(self) -> Nip | None:
        value = self.text("nip")
        return None if value is None else Nip(value)

    @property
    def period(self) -> Period | None:
        """The period from ``periodikNama`` (``None`` when its wording is not recognised)."""
        name = self.text("periodikNama")
        return None if name is None else parse_periodik_nama(name)

    @property
    def persentase(self) -> Decimal | None:
        """The predikat's angka-kredit percentage (150/100/75/50/25)."""
        return self.decimal("persentase")


@attrs.frozen
class RwAngkaKredit(SiasnRecord):
    """A ``rw_angkakredit`` row: angka kredit awarded for an assessment period."""

    table: ClassVar[Table] = "rw_angkakredit"

    @property
    def period(self) -> Period | None:
        """The assessment period (whole months), ``None`` when a month or year is missing."""
        parts = [self.integer(n) for n in ("tahunMulaiPenailan", "bulanMulaiPenailan")]
        ends = [self.integer(n) for n in ("tahunSelesaiPenailan", "bulanSelesaiPenailan")]
        if None in parts or None in ends:
            return None
        start = Period.month(parts[0], parts[1])  # type: ignore[arg-type]
        end = Period.month(ends[0], ends[1])  # type: ignore[arg-type]
        return Period(start.start, end.end)

    @property
    def kredit_utama(self) -> Decimal | None:
        return self.decimal("kreditUtamaBaru")

    @property
    def kredit_penunjang(self) -> Decimal | None:
        return self.decimal("kreditPenunjangBaru")

    @property
    def kredit_total(self) -> Decimal | None:
        return self.decimal("kreditBaruTotal")

    @property
    def tanggal_sk(self) -> _dt.date | None:
        """The decree date (``tanggalSk``, validated on reading), ``None`` when absent or empty."""
        value = self.text("tanggalSk")
        return None if value is None else _parse_date(value.strip())

    def flag(self, name: str) -> bool | None:
        value = self.text(name)
        return None if value is None else value == "1"


_CLASSES: Final[Mapping[Table, type[SiasnRecord]]] = {
    "rw_skp": RwSkp,
    "rw_skp22": RwSkp22,
    "rw_kinerjaperiodik": RwKinerjaPeriodik,
    "rw_angkakredit": RwAngkaKredit,
}


def _table(table: str) -> Table:
    if table not in FIELDS:
        raise ValidationError.one("table", f"unknown SIASN record {table!r}; expected one of {', '.join(TABLES)}")
    return table  # type: ignore[return-value]


def _check_value(table: Table, name: str, value: str, ps: Problems) -> None:
    text = value.strip()
    if not text:
        return
    if name in _DECIMALS[table]:
        try:
            number = to_decimal(text, name)
        except ValidationError as exc:
            ps.extend(exc)
        else:
            if number < 0:
                ps.add(name, f"cannot be negative (a score, percentage or angka kredit), got {value!r}")
    elif name in _DATES:
        if _parse_date(text) is None:
            ps.add(name, f"expected a date dd-mm-yyyy (or yyyy-mm-dd), got {value!r}")
    elif name in _YEARS:
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            ps.add(name, f"expected a four-digit year, got {value!r}")
    elif name in _MONTHS:
        if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 12):
            ps.add(name, f"expected a month 1-12, got {value!r}")
    elif name in _FLAGS:
        if text not in ("0", "1"):
            ps.add(name, f'expected "0" or "1", got {value!r}')
    elif name in _EKSPEKTASI_LABELS:
        try:
            Ekspektasi.parse(text, name)
        except ValidationError as exc:
            ps.extend(exc)
    elif name == "kuadranKinerja":
        try:
            Predikat.parse(text, name)
        except ValidationError as exc:
            ps.extend(exc)
    elif name == "nip" and table == "rw_kinerjaperiodik":
        try:
            Nip(text)
        except ValidationError as exc:
            ps.extend(exc, name)


def _parse_date(text: str) -> _dt.date | None:
    """A SIASN date (``dd-mm-yyyy``, or ISO ``yyyy-mm-dd``) that is a real calendar date, else ``None``."""
    if not (len(text) == 10 and text.isascii()):
        return None
    for form in _DATE_FORMATS:
        try:
            return _dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def from_siasn(record: Mapping[str, Any] | SiasnRecord, table: str) -> SiasnRecord:
    """Read one SIASN record of *table* strictly; every problem is reported with its field as the path.

    Returns the typed record (:class:`RwSkp`, :class:`RwSkp22`, :class:`RwKinerjaPeriodik`
    or :class:`RwAngkaKredit`).
    """
    t = _table(table)
    if isinstance(record, SiasnRecord):
        if record.table != t:
            raise ValidationError.one("", f"a {record.table} record is not a {t} record")
        return record
    if not isinstance(record, Mapping):
        raise ValidationError.one("", f"a SIASN record is a JSON object, got {type(record).__name__}")
    ps = Problems()
    allowed = set(FIELDS[t])
    fields: dict[str, str | None] = dict.fromkeys(FIELDS[t])
    for key, value in record.items():
        if key == "path":
            continue
        if key not in allowed:
            ps.add(str(key), "unknown field")
            continue
        if value is not None and not isinstance(value, str):
            ps.add(key, f"expected text or null (SIASN stores every field as text), got {type(value).__name__}")
            continue
        if value is not None:
            _check_value(t, key, value, ps)
        fields[key] = value
    ps.raise_if_any()
    present = frozenset(k for k in record if k in allowed or k == "path")
    return _CLASSES[t](fields=fields, path=record.get("path"), present=present)


# --- writing records ---------------------------------------------------------------------------


def _d(value: object) -> Decimal:
    assert isinstance(value, Decimal), value
    return value


def _s(value: Decimal | None, places: int | None = None) -> str | None:
    if value is None:
        return None
    return fmt(value if places is None else round_half_up(value, places))


def _context(table: Table, out: dict[str, str | None], context: Mapping[str, str | None]) -> dict[str, str | None]:
    ps = Problems()
    for key, value in context.items():
        if key not in FIELDS[table]:
            ps.add(key, f"not a field of {table}")
        elif value is not None and not isinstance(value, str):
            ps.add(key, f"SIASN fields are text; got {type(value).__name__}")
        else:
            out[key] = value
    ps.raise_if_any()
    return out


def _default_table(result: Result) -> Table:
    if result.rule in ("pp-46-2011", "permenpanrb-8-2021", "integrasi-2021"):
        return "rw_skp"
    if result.rule == "permenpanrb-6-2022":
        try:
            p = _period_of(result.period)
        except ValidationError:
            return "rw_kinerjaperiodik"
        return "rw_skp22" if p == Period.year(p.start.year) else "rw_kinerjaperiodik"
    raise ValidationError.one("rule", f"no SIASN record for results of {result.rule!r}")


def _period_of(label: str) -> Period:
    start, _, end = label.partition("..")
    try:
        return Period(_dt.date.fromisoformat(start), _dt.date.fromisoformat(end))
    except ValueError:
        raise ValidationError.one("period", f"not a period label start..end: {label!r}") from None


def _year(result: Result) -> str:
    return result.period[:4]


def _skp_row(result: Result, document: Any) -> dict[str, str | None]:
    out: dict[str, str | None] = dict.fromkeys(FIELDS["rw_skp"])
    v = result.values
    out["tahun"] = _year(result)
    if result.rule == "pp-46-2011":
        out["nilaiSkp"] = _s(_d(v["nilai_capaian_skp_2dp"]))
        out["jumlah"] = _s(_d(v["jumlah_nilai_perilaku"]))
        out["nilairatarata"] = _s(_d(v["nilai_perilaku_2dp"]))
        out["nilaiPerilakuKerja"] = _s(_d(v["nilai_perilaku_2dp"]))
        out["nilaiPrestasiKerja"] = _s(_d(v["score_2dp"]))
        perilaku = getattr(document, "perilaku", None)
        if perilaku is not None:
            names = {
                "orientasi_pelayanan": "orientasiPelayanan",
                "integritas": "integritas",
                "komitmen": "komitmen",
                "disiplin": "disiplin",
                "kerja_sama": "kerjasama",
                "kepemimpinan": "kepemimpinan",
            }
            for name, value in perilaku.elements():
                out[names[name]] = fmt(value)
    elif result.rule == "permenpanrb-8-2021":
        out["nilaiSkp"] = _s(_d(v["nilai_skp_1dp"]))
        out["nilaiPerilakuKerja"] = _s(_d(v["nilai_perilaku"]), 2)
        out["nilaiPrestasiKerja"] = _s(_d(v["score_2dp"]))
    else:  # integrasi-2021
        out["nilaiPrestasiKerja"] = _s(_d(v["nilai_semester_1"]), 2)
        out["konversiNilai"] = _s(_d(v["nilai_konversi_semester_1"]), 2)
        out["nilaiIntegrasi"] = _s(_d(v["score_2dp"]))
    return out


def _code(table: Mapping[Any, str] | None, member: object) -> str | None:
    return None if table is None or member is None else table.get(member)


def _skp22_row(result: Result, codes: SiasnCodes | None, periodic: bool) -> dict[str, str | None]:
    v = result.values
    hk = v.get("hasil_kerja")
    pk = v.get("perilaku_kerja")
    predikat = result.predikat
    table: Table = "rw_kinerjaperiodik" if periodic else "rw_skp22"
    out: dict[str, str | None] = dict.fromkeys(FIELDS[table])
    out["tahun"] = _year(result)
    out["hasilKinerja"] = hk.label if isinstance(hk, Ekspektasi) else None
    out["perilakuKerja"] = pk.label if isinstance(pk, Ekspektasi) else None
    out["hasilKinerjaNilai"] = _code(None if codes is None else codes.ekspektasi, hk)
    pk_code = _code(None if codes is None else codes.ekspektasi, pk)
    kuadran = _code(None if codes is None else codes.predikat, predikat)
    if periodic:
        out["perilakuKerjaNilai"] = pk_code
        out["kuadranKinerjaNilai"] = kuadran
        out["kuadranNilai"] = kuadran
        out["nip"] = result.subject if result.subject.isdigit() and len(result.subject) == 18 else None
        p = _period_of(result.period)
        out["periodikNama"] = _periodik_nama(p)
        if predikat is not None:
            from kinerja.policies.angka_kredit import PERSENTASE

            out["persentase"] = fmt(PERSENTASE[predikat])
    else:
        out["PerilakuKerjaNilai"] = pk_code
        out["kuadranKinerja"] = predikat.label if predikat is not None else None
        out["KuadranKinerjaNilai"] = kuadran
    return out


def _periodik_nama(p: Period) -> str | None:
    year = p.start.year
    if p == Period.year(year):
        return f"Periode Tahunan Tahun {year}"
    if p.is_whole_months and p.start.year == p.end.year:
        first, n = p.start.month, p.months
        if n == 1:
            return f"Periode Bulanan {first} Tahun {year}"
        if n == 3 and first % 3 == 1:
            return f"Periode Triwulan {(first + 2) // 3} Tahun {year}"
        if n == 6 and first in (1, 7):
            return f"Periode Semester {(first + 5) // 6} Tahun {year}"
    return None


def _angka_kredit_row(facts: Any) -> dict[str, str | None]:
    from kinerja.policies.angka_kredit import AngkaKreditPolicy

    out: dict[str, str | None] = dict.fromkeys(FIELDS["rw_angkakredit"])
    segments = facts.segments
    if not segments:
        raise ValidationError.one("segments", "an rw_angkakredit row needs at least one assessed period")
    ledger = AngkaKreditPolicy().ledger(facts)
    start, end = segments[0].period.start, segments[-1].period.end
    out["bulanMulaiPenailan"] = str(start.month)
    out["tahunMulaiPenailan"] = str(start.year)
    out["bulanSelesaiPenailan"] = str(end.month)
    out["tahunSelesaiPenailan"] = str(end.year)
    earned = _s(ledger.earned, 2)
    out["kreditUtamaBaru"] = earned
    out["kreditPenunjangBaru"] = "0"
    out["kreditBaruTotal"] = earned
    out["isAngkaKreditPertama"] = "0"
    out["isIntegrasi"] = "0"
    out["isKonversi"] = "1"
    return out


def to_siasn(
    result: Result | Any,
    table: str | None = None,
    *,
    document: Any = None,
    codes: SiasnCodes | None = None,
    **context: str | None,
) -> dict[str, str | None]:
    """The SIASN record of *result* (every field of the table; ``None`` where kinerja has no value).

    *table* defaults by rule: ``rw_skp`` for ``pp-46-2011``, ``permenpanrb-8-2021`` and
    ``integrasi-2021``; for ``permenpanrb-6-2022`` ``rw_skp22`` when the period is a
    calendar year, else ``rw_kinerjaperiodik``. An
    :class:`~kinerja.policies.angka_kredit.AngkaKreditFacts` gives an ``rw_angkakredit`` row
    (the AK earned in its segments, konversi model). Numbers are written as the regime
    displays them (PP 46/2011 two decimals, Nilai SKP of 8/2021 one decimal). Pass the
    scored *document* to fill the PP 46/2011 perilaku elements, *codes* to write the code
    fields, and identity or assessor fields as keywords (``id="..."``, ``pnsDinilaiId=...``).
    """
    if not isinstance(result, Result):
        from kinerja.policies.angka_kredit import AngkaKreditFacts

        if isinstance(result, AngkaKreditFacts):
            if table not in (None, "rw_angkakredit"):
                raise ValidationError.one("table", "angka kredit facts go to rw_angkakredit")
            return _context("rw_angkakredit", _angka_kredit_row(result), context)
        raise ValidationError.one("", f"expected a Result or AngkaKreditFacts, got {type(result).__name__}")
    t = _table(table) if table is not None else _default_table(result)
    if t == "rw_skp":
        if result.rule not in ("pp-46-2011", "permenpanrb-8-2021", "integrasi-2021"):
            raise ValidationError.one("table", f"rw_skp holds PP 46/2011 and 2021 results, not {result.rule}")
        out = _skp_row(result, document)
    elif t in ("rw_skp22", "rw_kinerjaperiodik"):
        if "hasil_kerja" not in result.values or "predikat" not in result.values:
            raise ValidationError.one("table", f"{t} holds PermenPANRB 6/2022 ratings, not {result.rule} results")
        out = _skp22_row(result, codes, periodic=t == "rw_kinerjaperiodik")
    else:
        raise ValidationError.one("table", "rw_angkakredit rows come from AngkaKreditFacts, not a Result")
    return _context(t, out, context)


# --- re-scoring and audit ----------------------------------------------------------------------


@attrs.frozen
class Finding:
    """One stored value that disagrees with kinerja (or a row that could not be read or re-scored).

    *index* is the row's position in the audited input, *field* the SIASN field,
    *stored* its text, *kinerja* what kinerja computes (``None`` for a row that
    could not be read), *message* a plain explanation.
    """

    index: int
    table: str
    record_id: str | None
    field: str
    stored: str | None
    kinerja: str | None
    message: str

    def __str__(self) -> str:
        who = f" ({self.record_id})" if self.record_id else ""
        return f"{self.table} row {self.index}{who}: {self.field}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return attrs.asdict(self)


_MIN_PLACES: Final = 2
"""A checked value is read with at least two decimals: "83" stands for 83.00 (trailing zeros left out)."""


def _half_ulp(value: Decimal, min_places: int = 0) -> Decimal:
    """Half a unit in the last place *value* was written with, at least *min_places* decimals.

    For a stored *input* (``min_places=0``) it is how far its own rounding may have moved it
    ("116.7" → 0.05, as 8/2021 writes nilai SKP; "85" → 0.5; an exponent form such as "1E+1"
    counts as an integer, 0.5); for a *checked* value (``min_places=2``) the comparison
    tolerance ("84" → 0.005).
    """
    exp = value.as_tuple().exponent
    assert isinstance(exp, int)
    return Decimal(5).scaleb(min(exp, 0, -min_places) - 1)


def _tolerance(stored: Decimal) -> Decimal:
    """Half a unit at the places a *checked* value was stored with, but at least two decimals ("84" → 0.005)."""
    return _half_ulp(stored, _MIN_PLACES)


def _consistent(stored: Decimal, options: list[tuple[Decimal, Decimal]]) -> bool:
    """True when *stored* is one of the computed values rounded half-up to the places it was stored
    with (at least two).

    Each option is ``(value, slack)``: the slack is how far the stored inputs' own
    rounding may have moved the value. The bound is the half-up rounding interval
    widened by the slack, strict on the side a half rounds away from: a computed
    83.005 does not match a stored 83 (it rounds to 83.01), 82.995 does.
    """
    with exact():
        half = _tolerance(stored)
        for value, slack in options:
            low, high = stored - half - slack, stored + half + slack
            if (low <= value < high) if stored >= 0 else (low < value <= high):
                return True
        return False


Options = list[tuple[Decimal, Decimal]]


def _rescore_skp(rec: RwSkp) -> dict[str, tuple[Options, str]]:
    """What kinerja computes for an rw_skp row's derived fields: the possible values (with slack) and how."""
    out: dict[str, tuple[Options, str]] = {}
    regime = rec.regime
    perilaku = rec.perilaku
    pp46 = regime == "pp-46-2011" or rec.split_year
    pp30 = regime == "permenpanrb-8-2021" or rec.split_year
    zero = Decimal(0)
    if pp46 and perilaku:
        elements = {k: v for k, v in perilaku.items() if k != "inisiatifKerja"}
        if all(k in elements for k in PERILAKU_PP46):
            with exact():
                jumlah = sum(elements.values(), zero)
                mean = jumlah / len(elements)
            n = len(elements)
            out["jumlah"] = ([(jumlah, zero)], f"sum of the {n} perilaku elements")
            out["nilairatarata"] = ([(mean, zero)], f"mean of the {n} perilaku elements")
            out["nilaiPerilakuKerja"] = ([(mean, zero)], "PP 46/2011: nilai perilaku kerja = mean of the elements")
    skp, per = rec.nilai_skp, rec.nilai_perilaku_kerja
    if skp is None or per is None or not (pp46 or pp30):
        return out
    options: Options = []
    how: list[str] = []
    weights: list[tuple[Decimal, Decimal, Decimal | None]] = []
    if pp46:
        weights.append((Decimal("0.6"), Decimal("0.4"), None))
        how.append("PP 46/2011: 60 % nilai SKP + 40 % nilai perilaku kerja")
    if pp30:
        from kinerja.rules import permenpanrb_8_2021 as p8

        for is_360 in (False, True):
            w_skp, w_per = p8.bobot(is_360)
            weights.append((w_skp, w_per, p8.SCALE_MAX))
        how.append("PP 30/2019 Pasal 41: 70/30, or 60/40 with 360-degree perilaku (capped at 120)")
    if rec.split_year:
        how.append("a 2021 row that does not say which half of the year it is")
    with exact():
        for w_skp, w_per, cap in weights:
            value = w_skp * skp + w_per * per
            if cap is not None:
                value = min(value, cap)
            options.append((value, w_skp * _half_ulp(skp) + w_per * _half_ulp(per)))
    out["nilaiPrestasiKerja"] = (options, "; ".join(how))
    return out


def _matrix(hk: Ekspektasi, pk: Ekspektasi) -> Predikat:
    """The PermenPANRB 6/2022 kuadran matrix, from the regime module (the single source of the table)."""
    from kinerja.rules.permenpanrb_6_2022 import predikat

    return predikat(hk, pk)


def rescore(record: SiasnRecord | Mapping[str, Any], table: str | None = None) -> dict[str, str | None]:
    """What kinerja computes for the derived fields of one record (field → exact text; ``|`` separates alternatives).

    ``rw_skp`` holds no kegiatan, so only what the row itself determines is re-scored: the
    perilaku sum and mean (PP 46/2011) and the weighted nilai prestasi kerja (60/40, or
    70/30 and 60/40 for the PP 30/2019 half of 2021). ``rw_skp22`` and
    ``rw_kinerjaperiodik``: the predikat from the two ratings (PermenPANRB 6/2022 matrix)
    and, periodic, its angka-kredit percentage. ``rw_angkakredit``: the total from its parts.
    """
    if not isinstance(record, SiasnRecord):
        if table is None:
            raise ValidationError.one("table", "name the SIASN record (rw_skp, rw_skp22, ...)")
        record = from_siasn(record, table)
    out: dict[str, str | None] = {}
    if isinstance(record, RwSkp):
        for name, (options, _) in _rescore_skp(record).items():
            out[name] = "|".join(fmt(v.normalize()) for v, _ in options)
    elif isinstance(record, (RwSkp22, RwKinerjaPeriodik)):
        hk, pk = record.hasil_kerja, record.perilaku_kerja
        if hk is not None and pk is not None:
            predikat = _matrix(hk, pk)
            if isinstance(record, RwSkp22):
                out["kuadranKinerja"] = predikat.label
            else:
                from kinerja.policies.angka_kredit import PERSENTASE

                out["predikat"] = predikat.label
                out["persentase"] = fmt(PERSENTASE[predikat])
    elif isinstance(record, RwAngkaKredit):
        utama, penunjang = record.kredit_utama, record.kredit_penunjang
        if utama is not None:
            with exact():
                out["kreditBaruTotal"] = fmt(utama + (penunjang or Decimal(0)))
    return out


_FIRST_6_2022: Final = 2022
"""The first year appraised under PermenPANRB 6/2022 (rw_skp22, rw_kinerjaperiodik); earlier years are rw_skp."""


def _audit_one(rec: SiasnRecord, index: int, codes: SiasnCodes | None) -> list[Finding]:
    found: list[Finding] = []

    def add(name: str, computed: str | None, message: str) -> None:
        found.append(
            Finding(index, rec.table, rec.record_id, name, rec[name] if name in rec.fields else None, computed, message)
        )

    if isinstance(rec, RwSkp):
        if rec.tahun is not None and rec.tahun >= _FIRST_6_2022:
            add("tahun", None, "rw_skp holds appraisals up to 2021; 2022 onwards belong in rw_skp22")
        for name, (options, how) in _rescore_skp(rec).items():
            stored = rec.decimal(name)
            if stored is None or _consistent(stored, options):
                continue
            shown = ", ".join(fmt(round_half_up(v, 2)) for v, _ in options)
            what = f"one of {shown}" if len(options) > 1 else shown
            add(
                name,
                "|".join(fmt(v.normalize()) for v, _ in options),
                f"stored {fmt(stored)}, kinerja gives {what} ({how})",
            )
        return found
    if isinstance(rec, (RwSkp22, RwKinerjaPeriodik)):
        if rec.tahun is not None and rec.tahun < _FIRST_6_2022:
            add(
                "tahun",
                None,
                f"{rec.table} holds PermenPANRB 6/2022 appraisals, from {_FIRST_6_2022}; "
                "earlier years belong in rw_skp",
            )
        hk, pk = rec.hasil_kerja, rec.perilaku_kerja
        if hk is None or pk is None:
            add(
                "hasilKinerja" if hk is None else "perilakuKerja",
                None,
                "rating missing: the predikat cannot be re-scored",
            )
            return found
        predikat = _matrix(hk, pk)
        if isinstance(rec, RwSkp22):
            stored_predikat = rec.predikat
            if stored_predikat is None:
                add("kuadranKinerja", predikat.label, f"no predikat stored; the matrix gives {predikat.label}")
            elif stored_predikat is not predikat:
                add(
                    "kuadranKinerja",
                    predikat.label,
                    f"stored {stored_predikat.label}, but {hk.label} x {pk.label} is {predikat.label} (PermenPANRB 6/2022 matrix)",
                )
            code_fields = (("hasilKinerjaNilai", hk), ("PerilakuKerjaNilai", pk))
            kuadran_fields: tuple[str, ...] = ("KuadranKinerjaNilai",)
        else:
            from kinerja.policies.angka_kredit import PERSENTASE

            pct = rec.persentase
            if pct is not None and pct != PERSENTASE[predikat]:
                add(
                    "persentase",
                    fmt(PERSENTASE[predikat]),
                    f"stored {fmt(pct)} %, but {hk.label} x {pk.label} is {predikat.label}: {fmt(PERSENTASE[predikat])} %",
                )
            code_fields = (("hasilKinerjaNilai", hk), ("perilakuKerjaNilai", pk))
            kuadran_fields = ("kuadranKinerjaNilai", "kuadranNilai")
        if codes is not None:
            for name, member in code_fields:
                want = codes.ekspektasi.get(member)
                got = rec.text(name)
                if want is not None and got is not None and got.strip() != want:
                    add(name, want, f"code {got} does not match the label {member.label} (code {want} in your table)")
            want = codes.predikat.get(predikat)
            for name in kuadran_fields:
                got = rec.text(name)
                if want is not None and got is not None and got.strip() != want:
                    add(
                        name,
                        want,
                        f"code {got} does not match the predikat {predikat.label} (code {want} in your table)",
                    )
        return found
    if isinstance(rec, RwAngkaKredit):
        computed = rescore(rec).get("kreditBaruTotal")
        total = rec.kredit_total
        if computed is not None and total is not None and Decimal(computed) != total:
            add(
                "kreditBaruTotal",
                computed,
                f"stored {fmt(total)}, but kreditUtamaBaru + kreditPenunjangBaru = {computed}",
            )
        p = rec.period
        if p is None and any(rec.text(n) for n in ("bulanMulaiPenailan", "bulanSelesaiPenailan")):
            add("bulanMulaiPenailan", None, "the assessment period is incomplete")
    return found


def audit(
    records: Iterable[Mapping[str, Any] | SiasnRecord],
    table: str | None = None,
    *,
    codes: SiasnCodes | None = None,
) -> list[Finding]:
    """Re-score stored SIASN rows and list every disagreement, in row order (see :func:`rescore`).

    *records* are raw rows of *table* (or already-read records). A row that cannot be
    read is reported (one finding per problem, ``kinerja`` ``None``) and the audit goes
    on. Stored numbers are compared at the places they were stored with (at least two:
    a stored ``"84"`` is 84.00, so a computed 83 is flagged), with a strict half-up
    bound widened only by the rounding of the stored inputs. A row in the wrong
    record for its year is flagged on ``tahun``: ``rw_skp`` from 2022, ``rw_skp22``
    and ``rw_kinerjaperiodik`` before 2022.
    """
    out: list[Finding] = []
    for index, raw in enumerate(records):
        if isinstance(raw, SiasnRecord):
            rec = raw
        else:
            if table is None:
                raise ValidationError.one("table", "name the SIASN record the rows come from")
            try:
                rec = from_siasn(raw, table)
            except ValidationError as exc:
                rid = raw.get("id") if isinstance(raw, Mapping) else None
                for p in exc.problems:
                    stored = raw.get(p.path) if isinstance(raw, Mapping) and p.path in raw else None
                    out.append(
                        Finding(
                            index, table, rid if isinstance(rid, str) else None, p.path, _text(stored), None, p.message
                        )
                    )
                continue
        try:
            out.extend(_audit_one(rec, index, codes))
        except ValidationError as exc:
            for p in exc.problems:
                out.append(Finding(index, rec.table, rec.record_id, p.path, None, None, p.message))
    return out


def _text(value: object) -> str | None:
    return value if isinstance(value, str) or value is None else repr(value)
