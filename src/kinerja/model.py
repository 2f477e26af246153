"""The core model: immutable, validated values shared by every regime and scheme.

Regulated concepts carry their official Indonesian names (English gloss in each
docstring); generic software concepts are in English. Every class is an
``attrs`` frozen, slotted class validated on construction, so once a value
exists it is trusted everywhere (validation happens once, at the edge).

Missing is not zero: an indicator without a realisation has ``realization=None``;
a rating not given is ``None``. Nothing here turns a missing value into 0.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from kinerja.errors import Problem, Problems, ValidationError, quote
from kinerja.formats import iso_date
from kinerja.nip import Nip, NipKind, parse_nip
from kinerja.numbers import HUNDRED, ONE, ZERO, exact, to_decimal

__all__ = [
    "SAME_AS_TYPE",
    "Aspek",
    "Direction",
    "Ekspektasi",
    "Employee",
    "Golongan",
    "Indicator",
    "JenisJabatan",
    "Jenjang",
    "KategoriJenjang",
    "Period",
    "Predikat",
    "PredikatOrganisasi",
    "Realization",
    "Status",
    "Target",
    "Weights",
    "check_weight_sum",
    "decimal_field",
    "nonempty",
    "register_labels",
]

E = TypeVar("E", bound="RankedEnum")

_NORMALISE = re.compile(r"[^a-z0-9]")


def _norm(text: str) -> str:
    return _NORMALISE.sub("", text.lower())


class RankedEnum(enum.Enum):
    """An enumeration of a regulated label set, ordered worst → best, parsed leniently.

    Members compare by rank (``Predikat.BAIK >= Predikat.BUTUH_PERBAIKAN``).
    :meth:`parse` accepts the member name, the official label and the spellings
    found in real exports, in any case and with any spacing; anything else is a
    :class:`~kinerja.errors.ValidationError`.
    """

    @property
    def rank(self) -> int:
        """Position in the order worst (0) → best."""
        return _RANKS[type(self)][self]

    @property
    def label(self) -> str:
        """The official label, as printed in the regulation."""
        return _LABELS[type(self)].get(self.name) or self.name.replace("_", " ").title()

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.rank >= other.rank

    def __str__(self) -> str:
        return self.label

    @classmethod
    def parse(cls: type[E], value: object, path: str = "") -> E:
        """Read a member from its name, label or a known export spelling."""
        table = _LOOKUP[cls]
        if type(value) is str:  # only text is looked up: a list or dict label is refused below, not hashed
            exact = table.get(value)
            if exact is not None:
                return exact  # type: ignore[return-value]
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            raise ValidationError.one(
                path, f"expected one of {cls._choices()}, got {type(value).__name__}", "label.unknown"
            )
        member = table.get(_norm(value))
        if member is None:
            raise ValidationError.one(
                path,
                f"unknown {cls.__name__} {quote(value)}; expected one of {cls._choices()}",
                "label.unknown",
            )
        return member  # type: ignore[return-value]

    @classmethod
    def spelling_table(cls: type[E]) -> Mapping[str, E]:
        """Every spelling :meth:`parse` reads at once (codes, labels, their normalised forms, aliases) → member."""
        return _LOOKUP[cls]  # type: ignore[return-value]

    @classmethod
    def _choices(cls) -> str:
        return ", ".join(m.value for m in cls)


_RANKS: dict[type[RankedEnum], dict[Any, int]] = {}
_LOOKUP: dict[type[RankedEnum], dict[str, RankedEnum]] = {}


_LABELS: dict[type[RankedEnum], Mapping[str, str]] = {}


def _register(
    labels: Mapping[str, str] | None = None,
    aliases: Mapping[str, str] | None = None,
    spellings: Mapping[str, Sequence[str]] | None = None,
) -> Callable[[type[E]], type[E]]:
    """Record an enumeration's order, official labels and accepted export spellings.

    The other spellings are given as *aliases* (spelling → member name) or, grouped by
    member, as *spellings* (member name → its spellings).
    """

    def deco(cls: type[E]) -> type[E]:
        _RANKS[cls] = {m: i for i, m in enumerate(cls)}
        _LABELS[cls] = dict(labels or {})
        table: dict[str, RankedEnum] = {}
        for m in cls:
            table[m.value] = m  # exact codes and labels first: the fast path of parse()
            table[m.label] = m
            table[_norm(m.name)] = m
            table[_norm(m.value)] = m
            table[_norm(m.label)] = m
        for alias, name in (aliases or {}).items():
            table[_norm(alias)] = cls[name]
        for name, words in (spellings or {}).items():
            table.update((_norm(word), cls[name]) for word in words)
        _LOOKUP[cls] = table
        return cls

    return deco


@_register(
    labels={
        "DI_BAWAH": "Di Bawah Ekspektasi",
        "SESUAI": "Sesuai Ekspektasi",
        "DI_ATAS": "Di Atas Ekspektasi",
    },
    spellings={
        "DI_BAWAH": ("Dibawah", "Di Bawah", "Dibawah Ekspektasi"),
        "SESUAI": ("Sesuai",),
        "DI_ATAS": ("Diatas", "Di Atas", "Diatas Ekspektasi"),
    },
)
class Ekspektasi(RankedEnum):
    """Rating against expectation (PermenPANRB 6/2022 Pasal 24; Lampiran): below / meets / above expectation."""

    DI_BAWAH = "DI_BAWAH"
    SESUAI = "SESUAI"
    DI_ATAS = "DI_ATAS"


@_register(
    labels={
        "SANGAT_KURANG": "Sangat Kurang",
        "KURANG": "Kurang/Misconduct",
        "BUTUH_PERBAIKAN": "Butuh Perbaikan",
        "BAIK": "Baik",
        "SANGAT_BAIK": "Sangat Baik",
    },
    aliases={
        "Cukup": "BUTUH_PERBAIKAN",
        "Cukup/Butuh Perbaikan": "BUTUH_PERBAIKAN",  # BKN material (spec §2.2) [C2]
        "Butuh Perbaikan/Cukup": "BUTUH_PERBAIKAN",
        "Butuh Perbaikan (Cukup)": "BUTUH_PERBAIKAN",  # spec §3.5 writes the rung this way
        "Kurang": "KURANG",
        "Misconduct": "KURANG",
    },
)
class Predikat(RankedEnum):
    """Predikat kinerja pegawai (employee performance rating), worst → best.

    Labels per PermenPANRB 6/2022 Lampiran (spec §3.3); "Cukup" (PP 30/2019,
    PermenPANRB 8/2021) is the same rung as Butuh Perbaikan (needs improvement)
    and "Kurang/Misconduct" the same as Kurang (spec §9.3).
    """

    SANGAT_KURANG = "SANGAT_KURANG"
    KURANG = "KURANG"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    BAIK = "BAIK"
    SANGAT_BAIK = "SANGAT_BAIK"


@_register(
    labels={
        "SANGAT_KURANG": "Sangat Kurang",
        "KURANG": "Kurang",
        "BUTUH_PERBAIKAN": "Butuh Perbaikan",
        "BAIK": "Baik",
        "ISTIMEWA": "Istimewa",
    },
    aliases={
        "Cukup": "BUTUH_PERBAIKAN",
        "Butuh Perbaikan (Cukup)": "BUTUH_PERBAIKAN",  # SE MenPANRB 3/2023 as quoted in spec §3.5
        "Cukup/Butuh Perbaikan": "BUTUH_PERBAIKAN",
        "Butuh Perbaikan/Cukup": "BUTUH_PERBAIKAN",
    },
)
class PredikatOrganisasi(RankedEnum):
    """Predikat kinerja organisasi (unit performance rating), SE MenPANRB 3/2023 stage 1 (spec §3.5)."""

    SANGAT_KURANG = "SANGAT_KURANG"
    KURANG = "KURANG"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    BAIK = "BAIK"
    ISTIMEWA = "ISTIMEWA"


@_register(labels={"PNS": "PNS", "PPPK": "PPPK"})
class Status(RankedEnum):
    """Employment status: PNS (Pegawai Negeri Sipil, civil servant) or PPPK (contract civil servant)."""

    PNS = "PNS"
    PPPK = "PPPK"


@_register(
    labels={
        "PELAKSANA": "Pelaksana",
        "FUNGSIONAL": "Fungsional",
        "PENGAWAS": "Pengawas",
        "ADMINISTRATOR": "Administrator",
        "JPT": "Jabatan Pimpinan Tinggi",
    },
    aliases={"Struktural": "ADMINISTRATOR", "Jabatan Fungsional": "FUNGSIONAL"},
)
class JenisJabatan(RankedEnum):
    """Position kind (jenis jabatan). JPT, administrator and pengawas are structural (managerial)."""

    PELAKSANA = "PELAKSANA"
    FUNGSIONAL = "FUNGSIONAL"
    PENGAWAS = "PENGAWAS"
    ADMINISTRATOR = "ADMINISTRATOR"
    JPT = "JPT"

    @property
    def is_struktural(self) -> bool:
        """True for managerial positions (JPT, administrator, pengawas)."""
        return self in _STRUKTURAL


_STRUKTURAL: Final = (JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)


class KategoriJenjang(enum.Enum):
    """Category of a functional position: keterampilan (skilled) or keahlian (expert)."""

    KETERAMPILAN = "KETERAMPILAN"
    KEAHLIAN = "KEAHLIAN"


@_register()
class Jenjang(RankedEnum):
    """Jenjang jabatan fungsional (functional-position level), PermenPANRB 1/2023 (spec §4.1)."""

    PEMULA = "PEMULA"
    TERAMPIL = "TERAMPIL"
    MAHIR = "MAHIR"
    PENYELIA = "PENYELIA"
    AHLI_PERTAMA = "AHLI_PERTAMA"
    AHLI_MUDA = "AHLI_MUDA"
    AHLI_MADYA = "AHLI_MADYA"
    AHLI_UTAMA = "AHLI_UTAMA"

    @property
    def kategori(self) -> KategoriJenjang:
        return KategoriJenjang.KEAHLIAN if self.name.startswith("AHLI") else KategoriJenjang.KETERAMPILAN


_GOLONGAN_NAMES = [
    f"{r}/{g}" for r, gs in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde")) for g in gs
]


@_register(
    labels={n.replace("/", "_").upper(): n for n in _GOLONGAN_NAMES},
    aliases={
        f"{arabic}{g}": f"{roman}_{g.upper()}"
        for roman, arabic, gs in (
            ("I", "1", "abcd"),
            ("II", "2", "abcd"),
            ("III", "3", "abcd"),
            ("IV", "4", "abcde"),
        )
        for g in gs
    },
)
class Golongan(RankedEnum):
    """Golongan ruang (PNS rank class) I/a … IV/e, ordered low → high."""

    I_A = "I/a"
    I_B = "I/b"
    I_C = "I/c"
    I_D = "I/d"
    II_A = "II/a"
    II_B = "II/b"
    II_C = "II/c"
    II_D = "II/d"
    III_A = "III/a"
    III_B = "III/b"
    III_C = "III/c"
    III_D = "III/d"
    IV_A = "IV/a"
    IV_B = "IV/b"
    IV_C = "IV/c"
    IV_D = "IV/d"
    IV_E = "IV/e"


@_register(
    spellings={
        "HIGHER_IS_BETTER": ("normal", "benefit"),  # kondisi normal; a benefit criterion (MCDM)
        "LOWER_IS_BETTER": ("khusus", "cost"),  # kondisi khusus; a cost criterion (MCDM)
    }
)
class Direction(RankedEnum):
    """Which way an indicator improves: HIGHER_IS_BETTER (kondisi normal) or LOWER_IS_BETTER (kondisi khusus)."""

    LOWER_IS_BETTER = "LOWER_IS_BETTER"
    HIGHER_IS_BETTER = "HIGHER_IS_BETTER"


@_register()
class Aspek(RankedEnum):
    """The aspect an indicator measures: kuantitas (quantity), kualitas (quality), waktu (time), biaya (cost), lainnya (other)."""

    LAINNYA = "LAINNYA"
    KUANTITAS = "KUANTITAS"
    KUALITAS = "KUALITAS"
    WAKTU = "WAKTU"
    BIAYA = "BIAYA"


# --- field helpers -----------------------------------------------------------------

SAME_AS_TYPE: Final = "kinerja.same_as_type"  # field metadata: its converter returns a value of its type unchanged
_TYPED: Final = {SAME_AS_TYPE: True}


def _dec_conv(value: object, field: attrs.Attribute[Any]) -> Decimal:
    return to_decimal(value, field.name)


def _opt_dec_conv(value: object, field: attrs.Attribute[Any]) -> Decimal | None:
    return None if value is None else to_decimal(value, field.name)


def decimal_field(*, optional: bool = False, default: object = attrs.NOTHING) -> Any:
    """An attrs field that reads its value with :func:`~kinerja.numbers.to_decimal`, naming the field on error."""
    conv = _opt_dec_conv if optional else _dec_conv
    if optional and default is attrs.NOTHING:
        default = None
    return attrs.field(converter=attrs.Converter(conv, takes_field=True), default=default, metadata=_TYPED)


def _enum_conv(cls: type[RankedEnum]) -> Any:
    def conv(value: object, field: attrs.Attribute[Any]) -> RankedEnum:
        return cls.parse(value, field.name)

    return attrs.Converter(conv, takes_field=True)


def enum_field(cls: type[RankedEnum], **kw: Any) -> Any:
    """An attrs field holding a :class:`RankedEnum`, parsed leniently from text."""
    if kw.get("default", attrs.NOTHING) is None:
        inner = cls

        def conv(value: object, field: attrs.Attribute[Any]) -> RankedEnum | None:
            return None if value is None else inner.parse(value, field.name)

        return attrs.field(converter=attrs.Converter(conv, takes_field=True), metadata=_TYPED, **kw)
    return attrs.field(converter=_enum_conv(cls), metadata=_TYPED, **kw)


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ValidationError.one("", "expected a list of strings, got a single string")
    return tuple(value)


def nonempty(inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    """An attrs validator: the field holds text with something besides white space."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError.one(attribute.name, "must be a non-empty string", "text.empty")


# --- people and time ---------------------------------------------------------------------


def _nip_conv(value: object) -> Nip:
    return parse_nip(value, "nip")


@attrs.frozen
class Employee:
    """A civil servant (pegawai ASN) as far as appraisal needs: who, what position, which unit.

    ``jenjang`` is required for ``JenisJabatan.FUNGSIONAL`` and forbidden otherwise;
    the NIP kind must agree with ``status`` (a PPPK number for PPPK). ``golongan``
    (I/a … IV/e) applies to PNS; PPPK use a different grade system and may omit it.

    ``status`` left out is read from the NIP (digits 13-14: an appointment month for
    PNS, 21 for PPPK — BKN's numbering): a user who never wrote a status is never told
    it contradicts the number; a contradiction is reported only when the document
    states the other status.

    >>> Employee("199001012024211001", "Ani").status
    <Status.PPPK: 'PPPK'>
    """

    nip: Nip = attrs.field(converter=_nip_conv, metadata=_TYPED)
    name: str = attrs.field(validator=nonempty)
    status: Status = enum_field(Status, default=None)
    jenis_jabatan: JenisJabatan = enum_field(JenisJabatan, default=JenisJabatan.PELAKSANA)
    jenjang: Jenjang | None = enum_field(Jenjang, default=None)
    golongan: Golongan | None = enum_field(Golongan, default=None)
    unit: str = ""

    def __attrs_post_init__(self) -> None:
        kind = self.nip.kind  # read once (it parses digits 13-14)
        if self.status is None:  # not stated: the NIP says which
            object.__setattr__(self, "status", Status.PPPK if kind is NipKind.PPPK else Status.PNS)
        found: list[Problem] = []  # every problem at once (a list: no collector built for a good employee)
        if self.jenis_jabatan is JenisJabatan.FUNGSIONAL and self.jenjang is None:
            found.append(Problem("jenjang", "a jabatan fungsional needs its jenjang"))
        if self.jenis_jabatan is not JenisJabatan.FUNGSIONAL and self.jenjang is not None:
            found.append(Problem("jenjang", f"jenjang is only for jabatan fungsional, not {self.jenis_jabatan.label}"))
        if (kind is NipKind.PPPK) != (self.status is Status.PPPK):
            found.append(
                Problem(
                    "status",
                    f"status {self.status.value} does not match the {kind.value} number {self.nip}",
                    "nip.status",
                )
            )
        if found:
            raise ValidationError(found)


def _date_conv(value: object, field: attrs.Attribute[Any]) -> _dt.date:
    if isinstance(value, _dt.datetime):
        raise ValidationError.one(field.name, "expected a date, got a datetime", "date.invalid")
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        if (d := iso_date(value)) is not None:
            return d
        raise ValidationError.one(field.name, f"expected an ISO date YYYY-MM-DD, got {quote(value)}", "date.invalid")
    raise ValidationError.one(
        field.name, f"expected an ISO date YYYY-MM-DD, got {type(value).__name__}", "date.invalid"
    )


def _optional_date_conv(value: object, field: attrs.Attribute[Any]) -> _dt.date | None:
    return None if value is None else _date_conv(value, field)


def date_field(*, optional: bool = False, **kw: Any) -> Any:
    """An attrs field holding a :class:`datetime.date`, read from ISO text; with *optional*, ``None`` by default."""
    if optional:
        kw.setdefault("default", None)
        return attrs.field(converter=attrs.Converter(_optional_date_conv, takes_field=True), metadata=_TYPED, **kw)
    return attrs.field(converter=attrs.Converter(_date_conv, takes_field=True), metadata=_TYPED, **kw)


def flag_conv(value: object, field: attrs.Attribute[Any]) -> bool:
    """An attrs converter for a yes/no field: only ``True`` or ``False``, never a truthy number or text."""
    if not isinstance(value, bool):
        raise ValidationError.one(field.name, f"expected true or false, got {type(value).__name__}", "type.boolean")
    return value


@attrs.frozen(order=True)
class Period:
    """A period of appraisal, both dates inclusive.

    >>> Period.quarter(2024, 4)
    Period(start=datetime.date(2024, 10, 1), end=datetime.date(2024, 12, 31))
    >>> Period.year(2024).months, Period.month(2024, 2).months, Period.semester(2021, 1).label
    (12, 1, '2021-01-01..2021-06-30')
    """

    start: _dt.date = date_field()
    end: _dt.date = date_field()

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError.one("end", f"period ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(_dt.date(year, 1, 1), _dt.date(year, 12, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise ValidationError.one("month", f"month must be 1-12, got {month}")
        first = _dt.date(year, month, 1)
        return cls(first, _month_end(first))

    @classmethod
    def months_span(cls, year: int, first: int, last: int) -> Period:
        """The whole months *first* … *last* of *year*."""
        return cls(cls.month(year, first).start, cls.month(year, last).end)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValidationError.one("quarter", f"quarter must be 1-4, got {quarter}")
        return cls.months_span(year, 3 * quarter - 2, 3 * quarter)

    @classmethod
    def semester(cls, year: int, semester: int) -> Period:
        if semester not in (1, 2):
            raise ValidationError.one("semester", f"semester must be 1 or 2, got {semester}")
        return cls.months_span(year, 6 * semester - 5, 6 * semester)

    @property
    def months(self) -> int:
        """Length in whole calendar months; a period that is not made of whole months counts the whole months inside it."""
        first = self.start if self.start.day == 1 else _next_month(self.start)
        last_end = self.end if self.end == _month_end(self.end) else _month_start(self.end) - _dt.timedelta(days=1)
        if last_end < first:
            return 0
        return (last_end.year - first.year) * 12 + last_end.month - first.month + 1

    @property
    def days(self) -> int:
        """Length in calendar days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_whole_months(self) -> bool:
        return self.start.day == 1 and self.end == _month_end(self.end)

    def contains(self, other: Period | _dt.date) -> bool:
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        return self.start <= other <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _month_start(d: _dt.date) -> _dt.date:
    return d.replace(day=1)


def _month_end(d: _dt.date) -> _dt.date:
    following = _dt.date(d.year + 1, 1, 1) if d.month == 12 else _dt.date(d.year, d.month + 1, 1)
    return following - _dt.timedelta(days=1)


def _next_month(d: _dt.date) -> _dt.date:
    return _month_end(d) + _dt.timedelta(days=1)


# --- indicators ----------------------------------------------------------------------------


@attrs.frozen
class Target:
    """A target: one value, or a range ``low``–``high`` (PermenPANRB 8/2021 Lampiran, spec §2.3).

    Targets are strictly positive: a zero or negative target makes every ratio
    meaningless and is refused (path ``target`` / ``target.high``).
    """

    low: Decimal = decimal_field()
    high: Decimal | None = decimal_field(optional=True)

    def __attrs_post_init__(self) -> None:
        if found := self.value_checks(self.low, self.high):
            raise ValidationError(found)

    @staticmethod
    def value_checks(low: Decimal, high: Decimal | None) -> Sequence[Problem]:
        """The target's own rules on its values (also run on a parsed document before any object is built)."""
        if low > ZERO and (high is None or high > low):
            return ()
        ps = Problems()
        if low <= ZERO:
            ps.add("" if high is None else "low", f"a target must be positive, got {low}", "number.not_positive")
        if high is not None and high <= low:
            ps.add("high", f"the top of a range ({high}) must be above its bottom ({low})")
        return ps.items

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def value(self) -> Decimal:
        """The single target value (the bottom of a range)."""
        return self.low

    @classmethod
    def of(cls, value: object) -> Target:
        """Build from a number (single target), a ``(low, high)`` pair or a ``{"low", "high"}`` mapping."""
        if isinstance(value, Target):
            return value
        if isinstance(value, Mapping):
            return cls(value.get("low"), value.get("high"))  # type: ignore[arg-type]
        if isinstance(value, (tuple, list)) and len(value) == 2:
            return cls(value[0], value[1])
        return cls(value)  # type: ignore[arg-type]


def _target_conv(value: object) -> Target:
    try:
        return Target.of(value)
    except ValidationError as exc:
        raise exc.prefixed("target") from None


@attrs.frozen
class Realization:
    """What was achieved for an indicator (realisasi): the value and optional evidence (bukti dukung) references.

    The value is non-negative; an indicator not yet realised has no ``Realization``
    at all (``Indicator.realization is None``), never a zero.
    """

    value: Decimal = decimal_field()
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, metadata=_TYPED)

    def __attrs_post_init__(self) -> None:
        if found := self.value_checks(self.value):
            raise ValidationError(found)

    @staticmethod
    def value_checks(value: Decimal) -> Sequence[Problem]:
        """A realisation is not negative (also run on a parsed document before any object is built)."""
        if value >= ZERO:
            return ()
        return [Problem("value", f"a realisation cannot be negative, got {value}", "number.negative")]


@attrs.frozen
class Indicator:
    """An indicator (indikator kinerja): what is measured, its target, direction, aspect and optional weight.

    ``satuan`` is the unit of measure ("dokumen", "%", "hari"). ``realization`` is
    ``None`` while the indicator has not been realised (not assessed ≠ zero).
    """

    id: str = attrs.field(validator=nonempty)
    name: str = ""
    target: Target = attrs.field(converter=_target_conv, default=None, metadata=_TYPED)
    direction: Direction = enum_field(Direction, default=Direction.HIGHER_IS_BETTER)
    aspect: Aspek = enum_field(Aspek, default=Aspek.LAINNYA)
    satuan: str = ""
    weight: Decimal | None = decimal_field(optional=True)
    realization: Realization | None = None

    def __attrs_post_init__(self) -> None:
        if found := self.value_checks(self.weight):
            raise ValidationError(found)

    @staticmethod
    def value_checks(weight: Decimal | None) -> Sequence[Problem]:
        """A weight is not negative (also run on a parsed document before any object is built)."""
        if weight is None or weight >= ZERO:
            return ()
        return [Problem("weight", f"a weight cannot be negative, got {weight}", "number.negative")]


# --- weights -------------------------------------------------------------------------------


def check_weight_sum(weights: Iterable[tuple[str, Decimal]], expected: Decimal = ONE, path: str = "") -> Decimal:
    """Check that non-negative *weights* add up to exactly *expected* (1 or 100); return the sum.

    No tolerance: 0.3333 × 3 is not 1 (pitfall 11, spec ``pitfalls.md``). The error
    names every negative weight and shows the actual sum.

    >>> check_weight_sum([("a", Decimal("0.6")), ("b", Decimal("0.3"))], path="weights")
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: weights: weights must add up to 1, they add up to 0.9
    """
    ps = Problems()
    total = ZERO
    with exact():
        for key, w in weights:
            if w < ZERO:
                ps.add(
                    f"{path}.{key}" if path else key,
                    f"a weight cannot be negative, got {w}",
                    "number.negative",
                )
            total += w
    if total != expected:
        ps.add(path, f"weights must add up to {expected}, they add up to {total}", "weights.sum")
    ps.raise_if_any()
    return total


def _weights_conv(value: object) -> tuple[tuple[str, Decimal], ...]:
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        raise ValidationError.one("", "weights must be a mapping of name to weight")
    ps = Problems()
    out: list[tuple[str, Decimal]] = []
    for key, w in items:
        try:
            out.append((str(key), to_decimal(w, str(key))))
        except ValidationError as exc:
            ps.extend(exc)
    ps.raise_if_any()
    return tuple(out)


@attrs.frozen
class Weights:
    """A named set of exact, non-negative weights that must add up to ``total`` (1, or 100 for percent).

    >>> w = Weights({"skp": "60", "perilaku": "40"}, total=100)
    >>> w.share("skp")
    Decimal('0.6')
    """

    items: tuple[tuple[str, Decimal], ...] = attrs.field(converter=_weights_conv)
    total: Decimal = decimal_field(default=ONE)

    def __attrs_post_init__(self) -> None:
        if self.total not in (ONE, HUNDRED):
            raise ValidationError.one("total", f"weights add up to 1 or to 100 (percent), not {self.total}")
        check_weight_sum(self.items, self.total)

    def __getitem__(self, key: str) -> Decimal:
        for k, w in self.items:
            if k == key:
                return w
        raise KeyError(key)

    def share(self, key: str) -> Decimal:
        """The weight of *key* as a fraction of 1."""
        with exact():
            return self[key] / self.total

    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.items)


register_labels = _register
"""Public name of the enum decorator: record a :class:`RankedEnum`'s order, official labels and aliases."""
