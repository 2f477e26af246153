"""SIASN records: the four tables' fields, typed views of a row, and the strict reader :func:`from_siasn`."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, ClassVar, Final, Literal, overload

import attrs

from kinerja.errors import Problems, ValidationError, quote
from kinerja.model import Ekspektasi, Period, Predikat
from kinerja.nip import Nip
from kinerja.numbers import to_decimal

__all__ = [
    "FIELDS",
    "OBSERVED_CODES",
    "PERILAKU_PP46",
    "TABLES",
    "RwAngkaKredit",
    "RwKinerjaPeriodik",
    "RwSkp",
    "RwSkp22",
    "SiasnCodes",
    "SiasnRecord",
    "Table",
    "check_table",
    "from_siasn",
    "parse_periodik_nama",
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

_NUMBERS_SKP = (
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
)
"""The scores of ``rw_skp``, in their field order: each is decimal text."""

FIELDS: Final[Mapping[Table, tuple[str, ...]]] = {
    "rw_skp": (
        "id",
        "tahun",
        "pns",
        *_NUMBERS_SKP,
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
    "rw_skp": frozenset(_NUMBERS_SKP),
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
    numbers: Mapping[str, Decimal] = attrs.field(factory=dict, eq=False, repr=False)
    """The decimal fields as read and validated by :func:`from_siasn` (so they are parsed once)."""

    def __getitem__(self, name: str) -> str | None:
        return self.fields[name]

    def text(self, name: str) -> str | None:
        """The field's text, ``None`` when absent or empty."""
        value = self.fields[name]
        return None if value is None or not value.strip() else value

    def decimal(self, name: str) -> Decimal | None:
        """The field as an exact decimal (validated on reading), ``None`` when absent or empty."""
        number = self.numbers.get(name)
        if number is not None:
            return number
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


class _DecimalField:
    """A read-only attribute of a record: one decimal field, as :meth:`SiasnRecord.decimal` reads it."""

    def __init__(self, field: str, doc: str | None = None) -> None:
        self.field = field
        self.__doc__ = doc or f"``{field}`` as an exact decimal, ``None`` when absent or empty."

    @overload
    def __get__(self, record: None, owner: type[SiasnRecord]) -> _DecimalField: ...
    @overload
    def __get__(self, record: SiasnRecord, owner: type[SiasnRecord]) -> Decimal | None: ...
    def __get__(self, record: SiasnRecord | None, owner: type[SiasnRecord]) -> _DecimalField | Decimal | None:
        return self if record is None else record.decimal(self.field)


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

    nilai_skp = _DecimalField("nilaiSkp")

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

    nilai_perilaku_kerja = _DecimalField("nilaiPerilakuKerja")
    nilai_prestasi_kerja = _DecimalField("nilaiPrestasiKerja")

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


class _Ratings:
    """The two 6/2022 ratings as a record stores them (``hasilKinerja``, ``perilakuKerja`` labels)."""

    __slots__ = ()

    @property
    def hasil_kerja(self) -> Ekspektasi | None:
        return _ekspektasi(self, "hasilKinerja")  # type: ignore[arg-type]

    @property
    def perilaku_kerja(self) -> Ekspektasi | None:
        return _ekspektasi(self, "perilakuKerja")  # type: ignore[arg-type]


@attrs.frozen
class RwSkp22(_Ratings, SiasnRecord):
    """A ``rw_skp22`` row (PermenPANRB 6/2022, annual): the two ratings and the predikat, labels and codes."""

    table: ClassVar[Table] = "rw_skp22"

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
class RwKinerjaPeriodik(_Ratings, SiasnRecord):
    """A ``rw_kinerjaperiodik`` row (PermenPANRB 6/2022, one period): ratings, predikat codes, AK percentage."""

    table: ClassVar[Table] = "rw_kinerjaperiodik"

    @property
    def nip(self) -> Nip | None:
        value = self.text("nip")
        return None if value is None else Nip(value)

    @property
    def period(self) -> Period | None:
        """The period from ``periodikNama`` (``None`` when its wording is not recognised)."""
        name = self.text("periodikNama")
        return None if name is None else parse_periodik_nama(name)

    persentase = _DecimalField("persentase", "The predikat's angka-kredit percentage (150/100/75/50/25).")


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

    kredit_utama = _DecimalField("kreditUtamaBaru")
    kredit_penunjang = _DecimalField("kreditPenunjangBaru")
    kredit_total = _DecimalField("kreditBaruTotal")

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


_ALLOWED: Final[Mapping[Table, frozenset[str]]] = {t: frozenset(f) for t, f in FIELDS.items()}


def check_table(table: str) -> Table:
    """*table* as a SIASN record name, or a :class:`~kinerja.errors.ValidationError` on ``table``."""
    if table not in FIELDS:
        raise ValidationError.one("table", f"unknown SIASN record {quote(table)}; expected one of {', '.join(TABLES)}")
    return table  # type: ignore[return-value]


def _check_decimal(name: str, text: str, ps: Problems, numbers: dict[str, Decimal]) -> None:
    try:
        number = to_decimal(text, name)
    except ValidationError as exc:
        ps.extend(exc)
        return
    if number < 0:
        ps.add(name, f"cannot be negative (a score, percentage or angka kredit), got {quote(text)}")
    numbers[name] = number


def _check_shape(name: str, text: str) -> str | None:
    """The message for a date, year, month or flag field whose text has the wrong shape, else ``None``."""
    digits = text.isascii() and text.isdigit()
    if name in _DATES and _parse_date(text) is None:
        return f"expected a date dd-mm-yyyy (or yyyy-mm-dd), got {text!r}"
    if name in _YEARS and not (digits and len(text) == 4):
        return f"expected a four-digit year, got {text!r}"
    if name in _MONTHS and not (digits and 1 <= int(text) <= 12):
        return f"expected a month 1-12, got {text!r}"
    if name in _FLAGS and text not in ("0", "1"):
        return f'expected "0" or "1", got {text!r}'
    return None


def _check_label(table: Table, name: str, text: str, ps: Problems) -> None:
    try:
        if name in _EKSPEKTASI_LABELS:
            Ekspektasi.parse(text, name)
        elif name == "kuadranKinerja":
            Predikat.parse(text, name)
        elif name == "nip" and table == "rw_kinerjaperiodik":
            try:
                Nip(text)
            except ValidationError as exc:
                raise exc.prefixed(name) from None
    except ValidationError as exc:
        ps.extend(exc)


def _check_value(table: Table, name: str, value: str, ps: Problems, numbers: dict[str, Decimal]) -> None:
    text = value.strip()
    if not text:
        return
    if name in _DECIMALS[table]:
        _check_decimal(name, text, ps, numbers)
        return
    message = _check_shape(name, text)
    if message is not None:
        ps.add(name, message)
    else:
        _check_label(table, name, text, ps)


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
    t = check_table(table)
    if isinstance(record, SiasnRecord):
        if record.table != t:
            raise ValidationError.one("", f"a {record.table} record is not a {t} record")
        return record
    if not isinstance(record, Mapping):
        raise ValidationError.one("", f"a SIASN record is a JSON object, got {type(record).__name__}")
    ps = Problems()
    allowed = _ALLOWED[t]
    fields: dict[str, str | None] = dict.fromkeys(FIELDS[t])
    numbers: dict[str, Decimal] = {}
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
            _check_value(t, key, value, ps, numbers)
        fields[key] = value
    ps.raise_if_any()
    present = allowed.intersection(record) | ({"path"} if "path" in record else set())
    return _CLASSES[t](fields=fields, path=record.get("path"), present=present, numbers=numbers)
