"""The ``pp-46-2011`` documents: the kegiatan with their aspects, perilaku kerja, kreativitas, and their checks.

The checks are written once, as functions of plain values, and run both by the classes and, when
loading fails, on the raw JSON (each class declares them as ``raw_checks``, read by :mod:`kinerja.edge`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from kinerja import edge
from kinerja.edge import Lenient, read_lenient, read_lenient_in
from kinerja.errors import Problem, Problems, ValidationError
from kinerja.model import Employee, JenisJabatan, Period, decimal_field, enum_field
from kinerja.numbers import HUNDRED, ZERO
from kinerja.policy import Ladder
from kinerja.rules.pp46_2011 import SEBUTAN_BANDS, BandPolicy, Sebutan, TingkatKreativitas, sebutan_exact

__all__ = ["Kegiatan", "Kreativitas", "PerilakuKerja", "Pp46Document", "TargetRealisasi", "check_aspect"]


def _text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError.one(attribute.name, "must be a non-empty string")


@attrs.frozen
class TargetRealisasi:
    """One aspect of a kegiatan: the *target* (strictly positive) and the *realisasi* (non-negative).

    ``realisasi`` may be ``None`` only for a kegiatan that was not done (see :class:`UndoneRule`).
    """

    target: Decimal | None = decimal_field(optional=True)
    realisasi: Decimal | None = decimal_field(optional=True)

    def __attrs_post_init__(self) -> None:
        check_aspect(self.target, self.realisasi)

    @staticmethod
    def value_checks(target: Decimal | None, realisasi: Decimal | None) -> Sequence[Problem]:
        """The aspect's own rules on its values (also run on a parsed document before any object is built)."""
        if target is not None and target > ZERO and (realisasi is None or realisasi >= ZERO):  # Decimal: 3x faster
            return ()
        ps = Problems()
        if target is None and realisasi is not None:
            ps.add("target", f"a realisasi ({realisasi}) needs a target; omit the whole aspect when it is not targeted")
        elif target is None:
            ps.add("target", "a target is required; omit the whole aspect when it is not targeted")
        elif target <= 0:
            ps.add("target", f"a target must be positive, got {target}")
        if realisasi is not None and realisasi < 0:
            ps.add("realisasi", f"a realisasi cannot be negative, got {realisasi}")
        return ps.items

    @property
    def t(self) -> Decimal:
        assert self.target is not None
        return self.target


@attrs.frozen
class Kegiatan:
    """A kegiatan tugas jabatan (activity of the position) with its four aspects.

    ``kuantitas`` (output count, unit in ``satuan``), ``kualitas`` (scored 0–100, target
    normally 100), ``waktu`` (months) and, for a kegiatan with a budget, ``biaya``
    (rupiah). A kuantitas realisation of 0 means the kegiatan was not done.
    """

    name: str = attrs.field(validator=_text)
    kuantitas: TargetRealisasi
    kualitas: TargetRealisasi
    waktu: TargetRealisasi
    biaya: TargetRealisasi | None = attrs.field(
        default=None, metadata={edge.MESSAGES: lambda v, ps: _biaya_messages(v, ps)}
    )
    satuan: str = ""
    raw_checks = staticmethod(lambda data: _raw_kegiatan(data))  # declared for kinerja.edge

    def __attrs_post_init__(self) -> None:
        problems = self.value_checks(self.kuantitas, self.kualitas, self.waktu, self.biaya)
        if problems:
            raise ValidationError(problems)

    @staticmethod
    def value_checks(kuantitas: Any, kualitas: Any, waktu: Any, biaya: Any) -> Sequence[Problem]:
        """The kegiatan's rules across its aspects, on their values (also run on a parsed document before any
        object is built, its aspects then being their read values).

        The usual kegiatan (done, kualitas within 0-100, every realisation there) is passed at once, with the
        same comparisons as :func:`_kegiatan_problems`; any other is looked at by it."""
        done, kt, kr = kuantitas.realisasi, kualitas.target, kualitas.realisasi
        if (
            type(done) is Decimal
            and done > ZERO
            and type(kt) is Decimal
            and kt <= HUNDRED
            and type(kr) is Decimal
            and kr <= HUNDRED
            and waktu.realisasi is not None
            and (biaya is None or biaya.realisasi is not None)
        ):
            return ()
        realisasi = [("kualitas", kualitas.realisasi), ("waktu", waktu.realisasi)]
        if biaya is not None:
            realisasi.append(("biaya", biaya.realisasi))
        return _kegiatan_problems(kuantitas.realisasi, (kualitas.target, kualitas.realisasi), realisasi)

    def _aspects(self) -> list[tuple[str, TargetRealisasi]]:
        out = [("kualitas", self.kualitas), ("waktu", self.waktu)]
        if self.biaya is not None:
            out.append(("biaya", self.biaya))
        return out

    @property
    def dikerjakan(self) -> bool:
        """False when the kegiatan was not done (kuantitas realisation 0)."""
        return self.kuantitas.realisasi is not None and self.kuantitas.realisasi > ZERO

    @property
    def has_biaya(self) -> bool:
        return self.biaya is not None


@attrs.frozen
class Kreativitas:
    """A creative product recognised at a *tingkat* (unit kerja, instansi, nasional)."""

    tingkat: TingkatKreativitas = enum_field(TingkatKreativitas)
    name: str = ""


@attrs.frozen
class PerilakuKerja:
    """The perilaku kerja elements, each scored 0–100; ``kepemimpinan`` only for pejabat struktural."""

    orientasi_pelayanan: Decimal = decimal_field()
    integritas: Decimal = decimal_field()
    komitmen: Decimal = decimal_field()
    disiplin: Decimal = decimal_field()
    kerja_sama: Decimal = decimal_field()
    kepemimpinan: Decimal | None = decimal_field(optional=True)
    raw_checks = staticmethod(lambda data: _raw_perilaku(data))  # declared for kinerja.edge

    def __attrs_post_init__(self) -> None:
        scored = [self.orientasi_pelayanan, self.integritas, self.komitmen, self.disiplin, self.kerja_sama]
        if self.kepemimpinan is not None:
            scored.append(self.kepemimpinan)
        if ZERO <= min(scored) and max(scored) <= HUNDRED:  # the usual: every element on the 0-100 scale
            return
        problems = _perilaku_problems(self.elements())  # which ones, with their paths
        if problems:
            raise ValidationError(problems)

    def sebutan_unsur(
        self, policy: BandPolicy = BandPolicy.EXACT, bands: Ladder[Sebutan] = SEBUTAN_BANDS
    ) -> dict[str, Sebutan]:
        """The sebutan of each element: the five *bands* apply to every perilaku element (spec §1.5, §1.6).

        >>> p = PerilakuKerja(Decimal(91), Decimal("90.5"), Decimal(76), Decimal("60.5"), Decimal(50))
        >>> {k: v.label for k, v in p.sebutan_unsur().items()}  # doctest: +NORMALIZE_WHITESPACE
        {'orientasi_pelayanan': 'Sangat Baik', 'integritas': 'Baik', 'komitmen': 'Baik', 'disiplin': 'Kurang',
         'kerja_sama': 'Buruk'}
        >>> p.sebutan_unsur(BandPolicy.ROUND_INTEGER)["integritas"].label
        'Sangat Baik'
        """
        return {name: sebutan_exact(Fraction(value), policy, bands) for name, value in self.elements()}

    def elements(self) -> list[tuple[str, Decimal]]:
        """The elements that were scored, in the regulation's order."""
        out = [
            ("orientasi_pelayanan", self.orientasi_pelayanan),
            ("integritas", self.integritas),
            ("komitmen", self.komitmen),
            ("disiplin", self.disiplin),
            ("kerja_sama", self.kerja_sama),
        ]
        if self.kepemimpinan is not None:
            out.append(("kepemimpinan", self.kepemimpinan))
        return out


@attrs.frozen
class Pp46Document:
    """One PNS's appraisal for one period under PP 46/2011 (the ``pp-46-2011`` document).

    ``tugas_tambahan`` is the *number* of additional assignments in the period;
    ``kreativitas`` lists the recognised creative products.
    """

    employee: Employee
    period: Period
    kegiatan: tuple[Kegiatan, ...]
    perilaku: PerilakuKerja
    tugas_tambahan: int = 0
    kreativitas: tuple[Kreativitas, ...] = ()
    raw_checks = staticmethod(lambda data: _raw_document(data))  # declared for kinerja.edge

    def __attrs_post_init__(self) -> None:
        count: int | None = self.tugas_tambahan
        typed = isinstance(count, int) and not isinstance(count, bool)
        problems = _document_problems(
            len(self.kegiatan),
            count if typed else None,
            self.employee.jenis_jabatan,
            self.perilaku.kepemimpinan is not None,
        )
        if not typed:
            problems.insert(0, Problem("tugas_tambahan", "the number of tugas tambahan must be an integer"))
        if problems:
            raise ValidationError(problems)


# --- validation shared by the model classes and the loader ------------------------------------------
#
# A class's own checks run only once its fields have been read. The JSON loader builds the
# fields first, so one bad number (a zero target) used to hide every check of the classes
# around it (kualitas above 100, the kepemimpinan rule) until it was fixed. The checks are
# therefore written once, as functions of plain values, and called both by the classes and,
# when loading fails, on the raw JSON data (each class declares them as ``raw_checks``, which
# :mod:`kinerja.edge` reads), so one ValidationError
# carries every independent problem. A value the loader could not read is ``edge.UNREADABLE``:
# its own problem is already reported and the checks that need it are skipped.


def _kegiatan_problems(
    kuantitas_realisasi: Lenient,
    kualitas: tuple[Lenient, Lenient],
    realisasi: Sequence[tuple[str, Lenient]],
) -> list[Problem]:
    """The checks of one kegiatan across its aspects (paths relative to the kegiatan)."""
    out: list[Problem] = []
    for name, value in (("target", kualitas[0]), ("realisasi", kualitas[1])):
        if isinstance(value, Decimal) and value > HUNDRED:
            out.append(Problem(f"kualitas.{name}", f"kualitas is scored on a 0-100 scale, got {value}"))
    if kuantitas_realisasi is None:
        out.append(
            Problem("kuantitas.realisasi", "required: write 0 for a kegiatan that was not done (missing is not zero)")
        )
    elif isinstance(kuantitas_realisasi, Decimal) and kuantitas_realisasi > ZERO:  # done
        for name, value in realisasi:
            if value is None:
                out.append(Problem(f"{name}.realisasi", "required for a kegiatan that was done (missing is not zero)"))
    return out


_PERILAKU_NAMES: Final = (
    "orientasi_pelayanan",
    "integritas",
    "komitmen",
    "disiplin",
    "kerja_sama",
    "kepemimpinan",
)


def _perilaku_problems(elements: Iterable[tuple[str, Lenient]]) -> list[Problem]:
    return [
        Problem(name, f"perilaku elements are scored 0-100, got {value}")
        for name, value in elements
        if isinstance(value, Decimal) and not ZERO <= value <= HUNDRED
    ]


def _document_problems(
    kegiatan: int | None, tugas_tambahan: int | None, jabatan: JenisJabatan | None, kepemimpinan: bool | None
) -> list[Problem]:
    """The document-level checks; an argument that is ``None`` was unreadable and its check is skipped."""
    struktural = jabatan is not None and jabatan.is_struktural
    if kegiatan != 0 and (tugas_tambahan is None or tugas_tambahan >= 0) and kepemimpinan in (None, struktural):
        return []  # the usual document: each check below passes (kepemimpinan as the jabatan needs it, or unread)
    out: list[Problem] = []
    if kegiatan == 0:
        out.append(Problem("kegiatan", "at least one kegiatan tugas jabatan is required"))
    if tugas_tambahan is not None and tugas_tambahan < 0:
        out.append(Problem("tugas_tambahan", f"the number of tugas tambahan cannot be negative, got {tugas_tambahan}"))
    if jabatan is not None and kepemimpinan is not None:
        if struktural and not kepemimpinan:
            out.append(
                Problem(
                    "perilaku.kepemimpinan",
                    f"required: a pejabat struktural ({jabatan.label}) is scored on kepemimpinan",
                )
            )
        if not struktural and kepemimpinan:
            out.append(
                Problem(
                    "perilaku.kepemimpinan",
                    f"kepemimpinan is scored only for pejabat struktural, not {jabatan.label}",
                )
            )
    return out


# --- loading: the raw cross-field checks each class declares (read by kinerja.edge) ------------


def _raw_kegiatan(data: Mapping[str, Any]) -> list[Problem]:
    kualitas = data.get("kualitas")
    aspects = [("kualitas", kualitas), ("waktu", data.get("waktu"))]
    if data.get("biaya") is not None:
        aspects.append(("biaya", data["biaya"]))
    return _kegiatan_problems(
        read_lenient_in(data.get("kuantitas"), "realisasi"),
        (read_lenient_in(kualitas, "target"), read_lenient_in(kualitas, "realisasi")),
        [(name, read_lenient_in(aspect, "realisasi")) for name, aspect in aspects],
    )


def _raw_perilaku(data: Mapping[str, Any]) -> list[Problem]:
    return _perilaku_problems((name, read_lenient_in(data, name)) for name in _PERILAKU_NAMES)


def _raw_jabatan(employee: object) -> JenisJabatan | None:
    if not isinstance(employee, Mapping):
        return None
    if "jenis_jabatan" not in employee:
        return JenisJabatan.PELAKSANA  # the Employee default
    try:
        return JenisJabatan.parse(employee["jenis_jabatan"], "jenis_jabatan")
    except ValidationError:
        return None


def _raw_document(data: Mapping[str, Any]) -> list[Problem]:
    """The document-level checks on raw data (each kegiatan and the perilaku have their own hooks)."""
    kegiatan, count, perilaku = data.get("kegiatan"), data.get("tugas_tambahan"), data.get("perilaku")
    return _document_problems(
        len(kegiatan) if isinstance(kegiatan, list) else None,
        count if isinstance(count, int) and not isinstance(count, bool) else None,
        _raw_jabatan(data.get("employee")),
        perilaku.get("kepemimpinan") is not None if isinstance(perilaku, Mapping) else None,
    )


_BIAYA_ZERO: Final = "a biaya target must be positive, got 0: omit `biaya` when the kegiatan has no budget"


def _biaya_messages(value: object, problems: Sequence[Problem]) -> list[Problem]:
    """The problems of a refused ``biaya``, a zero target's message saying what it means (SIMPEG stores 0 for no budget).

    ``biaya`` is read as a :class:`TargetRealisasi` like the other aspects (``metadata[MESSAGES]``,
    :func:`kinerja.edge.reworded`); only the message of a zero target differs.
    """
    if not (isinstance(value, Mapping) and read_lenient(value.get("target")) == 0):
        return list(problems)
    return [Problem(p.path, _BIAYA_ZERO) if p.path == "target" else p for p in problems]


def check_aspect(target: Decimal | None, realisasi: Decimal | None) -> None:
    """Raise the :class:`~kinerja.errors.ValidationError` of :meth:`TargetRealisasi.value_checks`, if any."""
    found = TargetRealisasi.value_checks(target, realisasi)
    if found:
        raise ValidationError(found)
