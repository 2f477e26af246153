"""PP 46/2011 + Perka BKN 1/2013: *penilaian prestasi kerja PNS*, the numeric regime of 2014 – June 2021.

Registered as ``pp-46-2011``; :func:`kinerja.rules.for_period` picks it for periods
inside 2014-01-01 … 2021-06-30 (spec ``regulations.md`` §1, §2.6).

The computation (spec §1.1 – §1.7)::

    kegiatan i, aspect by aspect
      kuantitas  = RO / TO × 100
      kualitas   = RK / TK × 100                       (RK scored 0–100 by the penilai)
      waktu      e = 100 − RW / TW × 100  (efisiensi, %)
                 e ≤ 24 → ((1,76·TW − RW) / TW) × 100                 (= 76 + e)
                 e > 24 → 76 − ((((1,76·TW − RW) / TW) × 100) − 100)  (= 100 − e)
      biaya      the same rule with TB, RB               (only when the kegiatan has a biaya target)
      capaian_i  = (kuantitas + kualitas + waktu [+ biaya]) / 3 [or / 4]
    nilai capaian SKP = mean(capaian_i) + nilai tugas tambahan + nilai kreativitas
    nilai perilaku    = mean(orientasi pelayanan, integritas, komitmen, disiplin, kerja sama
                             [, kepemimpinan — pejabat struktural only])
    nilai prestasi kerja = 60 % × nilai capaian SKP + 40 % × nilai perilaku   (``score``)
    sebutan: ≥ 91 Sangat Baik, ≥ 76 Baik, ≥ 61 Cukup, ≥ 51 Kurang, else Buruk

**Exactness.** Every intermediate is an exact rational (:class:`fractions.Fraction`);
values leave as :class:`~decimal.Decimal` (40 significant digits) and only the
``*_2dp`` outputs are rounded (two decimals, half-up, as ``number_format`` shows them;
spec §1.7). The 24 % test compares exact rationals, so the floating-point trap of spec
§1.3 (TW = 12, RW = 9,12 giving e a hair above 24 in doubles, hence nilai 76 instead of 100)
cannot happen, and the order of the kegiatan cannot change a single digit. Rounding and
band lookup work on the exact rational too — the ``*_2dp`` values and the DISPLAYED /
ROUND_INTEGER band policies round it with integer arithmetic, never through the 40-digit
decimal (which would round twice: 85.205 − 10⁻⁴² would show as 85.21).

**Perilaku.** The five bands apply to each perilaku element as well (spec §1.5): the
explanation gives every element's sebutan (under the band policy in use), and
:meth:`PerilakuKerja.sebutan_unsur` returns them.

**Bad input** raises one :class:`~kinerja.errors.ValidationError` with every independent
problem, each with its path: a zero target no longer hides a kualitas above 100 in the same
kegiatan, nor a bad kegiatan the kepemimpinan rule (the checks that span several fields also
run on the raw JSON when loading fails).

Decisions on the open questions (spec "Open questions" 1 – 2 and gaps of §1), each a
field of :class:`Pp46Params`:

* **Non-integer band edges** (open question 1). Perka BKN 1/2013 prints the bands as
  integers (91 and above, 76 – 90, …), so 90.5 lies in no printed band.
  ``band_policy=BandPolicy.EXACT`` (default) compares the exact value with the lower
  thresholds ≥ 91 / ≥ 76 / ≥ 61 / ≥ 51, which is what SIMPEG code commonly does
  (``if ($nilai >= 91)``): 90.5 is *Baik*. Because of that, 90.996 is *shown* as 91.00 but
  is *Baik*; the result then carries a warning. ``BandPolicy.DISPLAYED`` classifies the
  value as shown (2 decimals, half-up): 90.996 → 91.00 → Sangat Baik, 90.5 → Baik.
  ``BandPolicy.ROUND_INTEGER`` rounds half-up to an integer first (the spec's suggested
  alternative): 90.5 → 91 → Sangat Baik. The same policy is used for the SKP, perilaku
  and final sebutan.
* **Kreativitas accumulation** (open question 2). ``kreativitas=KreativitasRule.SUM``
  (default): every certified creative product earns its points (3 unit kerja, 6 instansi,
  12 nasional) and several add up. Reasons: the points are awarded per product, each
  with its own certificate, and the only code base that handles several items (S5's
  export routine) sums them. ``KreativitasRule.MAX`` counts only the best item.
  ``kreativitas_cap`` (default ``None``, no cap: none is documented) bounds the total.
* **Undone kegiatan** (spec §1.3 note 4). A kegiatan whose kuantitas realisation is 0
  was not done. ``undone=UndoneRule.ZERO_ALL`` (default, as the S6 code base): every
  aspect of it is 0, whatever else was entered, and its other realisations may be
  omitted; it still counts in the mean. ``UndoneRule.FORMULA`` applies the formulas to
  whatever was entered (all realisations then required).
* **Very late work** (not covered by the spec). Finishing later than 1,76 × the target
  makes the waktu (or biaya) value negative; the formula is applied as written
  (``aspect_floor=None``, default, parity with SIMPEG code) and the result carries a
  warning. ``aspect_floor=Decimal(0)`` clamps those values at 0.
* **Kepemimpinan.** Scored only for pejabat struktural (``Employee.jenis_jabatan`` JPT,
  administrator or pengawas); for them it is required and the average is over 6
  elements, for everyone else it must be absent and the average is over 5 (S6 code).
* **Biaya.** A kegiatan with no budget omits ``biaya``; a zero biaya target is refused,
  and the loader's message says to omit ``biaya`` (a SIMPEG export that stores 0 for
  "no budget" must map it to an absent ``biaya``).
* **Equivalent predikat.** ``predikat`` maps the final sebutan onto the shared
  :class:`~kinerja.model.Predikat` ladder (Sangat Baik, Baik, Cukup → Butuh Perbaikan,
  Kurang, Buruk → Sangat Kurang; spec §7.1 – §7.2, §9.3 [D]) so that follow-up policies
  can compare results across regimes.

>>> from kinerja.rules.pp46_2011 import nilai_efisiensi
>>> nilai_efisiensi(Decimal("12"), Decimal("9.12")), nilai_efisiensi(Decimal("12"), Decimal("12"))
(Decimal('100'), Decimal('76'))
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Final

import attrs

from kinerja import edge
from kinerja.edge import Lenient, read_lenient, read_lenient_in
from kinerja.errors import Problem, Problems, ValidationError, quote
from kinerja.explain import Source, Step, Trace
from kinerja.model import (
    Employee,
    JenisJabatan,
    Period,
    Predikat,
    RankedEnum,
    decimal_field,
    enum_field,
    register_labels,
)
from kinerja.numbers import fraction_to_decimal, round_exact, round_half_up
from kinerja.policy import Ladder
from kinerja.result import OutputField
from kinerja.rules import RuleInfo, validity_warning
from kinerja.rules.base import Ratio, Scored, ScoredRule, percent_of, ratio_sum, scaled, to_fraction

__all__ = [
    "INFO",
    "OUTPUTS",
    "RULE",
    "SEBUTAN_BANDS",
    "TUGAS_TAMBAHAN_POINTS",
    "BandPolicy",
    "Kegiatan",
    "Kreativitas",
    "KreativitasRule",
    "PerilakuKerja",
    "Pp46Document",
    "Pp46Params",
    "Pp46Rule",
    "Sebutan",
    "TargetRealisasi",
    "TingkatKreativitas",
    "UndoneRule",
    "capaian_kegiatan",
    "efisiensi",
    "example_document",
    "nilai_efisiensi",
    "nilai_kreativitas",
    "nilai_tugas_tambahan",
    "sebutan",
]

# --- sources -----------------------------------------------------------------------------

PP46: Final = "PP 46/2011"
PERKA: Final = "Perka BKN 1/2013"

SRC_KUANTITAS = Source(PERKA, "Lampiran, penghitungan SKP: kuantitas = RO / TO x 100", "C2")
SRC_KUALITAS = Source(PERKA, "Lampiran, penghitungan SKP: kualitas = RK / TK x 100", "C2")
SRC_EFISIENSI = Source(PERKA, "Lampiran, penghitungan SKP: waktu/biaya, efisiensi <= 24 % / > 24 % (1,76)", "C2")
SRC_UNDONE = Source(PERKA, "Lampiran; kegiatan not done scored 0 on every aspect (S6 code)", "C1")
SRC_CAPAIAN = Source(PERKA, "Lampiran, capaian kegiatan = perhitungan / 3 (no biaya) or / 4 (with biaya)", "C2")
SRC_MEAN = Source(PERKA, "Lampiran, nilai capaian SKP = mean over kegiatan tugas jabatan", "C2")
SRC_TUGAS_TAMBAHAN = Source(PERKA, "Lampiran, tugas tambahan: 1-3 -> 1, 4-6 -> 2, >= 7 -> 3", "C2")
SRC_KREATIVITAS = Source(PERKA, "Lampiran, kreativitas: unit kerja 3, instansi 6, nasional 12", "C1")
SRC_SKP = Source(PERKA, "Lampiran, nilai capaian SKP = mean + tugas tambahan + kreativitas", "C2")
SRC_PERILAKU = Source(PERKA, "Lampiran, perilaku kerja: mean of 5 elements, 6 with kepemimpinan (struktural)", "C2")
SRC_PERILAKU_BANDS = Source(PERKA, "Lampiran, perilaku kerja: each element scored 0-100 in the same five bands", "C1")
SRC_NPK = Source(PP46, "nilai prestasi kerja = 60 % SKP + 40 % perilaku kerja", "C2")
SRC_BANDS = Source(
    PERKA, "Lampiran, sebutan: 91+ Sangat Baik, 76-90 Baik, 61-75 Cukup, 51-60 Kurang, <= 50 Buruk", "C2"
)
SRC_DISPLAY = Source(PERKA, "worked examples shown with two decimals (number_format(x, 2)), half-up", "C1")
SRC_PREDIKAT = Source("kinerja", "equivalent rung on the shared predikat ladder (spec 7.1-7.2, 9.3)", "D")

INFO: Final = RuleInfo(
    name="pp-46-2011",
    kind="regime",
    title="PP 46/2011 - Penilaian Prestasi Kerja PNS",
    version="1",
    valid_from=_dt.date(2014, 1, 1),
    valid_to=_dt.date(2021, 6, 30),
    sources=(
        Source(PP46, "Penilaian Prestasi Kerja PNS; applies to appraisals from 1 January 2014", "C2"),
        Source(PERKA, "Ketentuan pelaksanaan PP 46/2011, Lampiran (penghitungan SKP)", "C2"),
        Source("SE MenPANRB 3/2021", "2021 appraised in two periods: January-June under PP 46/2011", "C1"),
    ),
    description=(
        "Legacy numeric SKP: kuantitas, kualitas, waktu and biaya per kegiatan, tugas tambahan, "
        "kreativitas, perilaku kerja, 60/40, five sebutan (Sangat Baik ... Buruk). In force for "
        "appraisal periods from 2014-01-01 (PP 46/2011) to 2021-06-30 (the first half of 2021, "
        "SE MenPANRB 3/2021; spec regulations.md 1, 2.6)."
    ),
)

# --- enumerations and parameters --------------------------------------------------------


@register_labels(
    labels={
        "BURUK": "Buruk",
        "KURANG": "Kurang",
        "CUKUP": "Cukup",
        "BAIK": "Baik",
        "SANGAT_BAIK": "Sangat Baik",
    }
)
class Sebutan(RankedEnum):
    """The five PP 46/2011 categories (sebutan), worst → best (Perka BKN 1/2013, spec §1.6)."""

    BURUK = "BURUK"
    KURANG = "KURANG"
    CUKUP = "CUKUP"
    BAIK = "BAIK"
    SANGAT_BAIK = "SANGAT_BAIK"

    @property
    def predikat(self) -> Predikat:
        """The equivalent rung of :class:`~kinerja.model.Predikat` (Cukup ≡ Butuh Perbaikan, Buruk ≡ Sangat Kurang) [D]."""
        return _PREDIKAT[self]


_PREDIKAT: Final = {
    Sebutan.BURUK: Predikat.SANGAT_KURANG,
    Sebutan.KURANG: Predikat.KURANG,
    Sebutan.CUKUP: Predikat.BUTUH_PERBAIKAN,
    Sebutan.BAIK: Predikat.BAIK,
    Sebutan.SANGAT_BAIK: Predikat.SANGAT_BAIK,
}


@register_labels(
    labels={"UNIT_KERJA": "Unit Kerja", "INSTANSI": "Instansi", "NASIONAL": "Nasional"},
    aliases={"unit": "UNIT_KERJA", "organisasi": "INSTANSI", "instansi/organisasi": "INSTANSI", "negara": "NASIONAL"},
)
class TingkatKreativitas(RankedEnum):
    """Level at which a creative product (kreativitas) is recognised: unit kerja, instansi, nasional."""

    UNIT_KERJA = "UNIT_KERJA"
    INSTANSI = "INSTANSI"
    NASIONAL = "NASIONAL"


KREATIVITAS_POINTS: Final = {
    TingkatKreativitas.UNIT_KERJA: 3,
    TingkatKreativitas.INSTANSI: 6,
    TingkatKreativitas.NASIONAL: 12,
}
"""Points per creative product, by level (Perka BKN 1/2013 Lampiran, spec §1.4 [C1])."""

TUGAS_TAMBAHAN_POINTS: Final[Ladder[int]] = Ladder([(7, 3), (4, 2), (1, 1)], floor=0, source=SRC_TUGAS_TAMBAHAN)
"""Points for the number of tugas tambahan in the year: 0 → 0, 1–3 → 1, 4–6 → 2, ≥ 7 → 3 (spec §1.4)."""

SEBUTAN_BANDS: Final[Ladder[Sebutan]] = Ladder(
    [(91, Sebutan.SANGAT_BAIK), (76, Sebutan.BAIK), (61, Sebutan.CUKUP), (51, Sebutan.KURANG)],
    floor=Sebutan.BURUK,
    source=SRC_BANDS,
)
"""The sebutan bands as lower thresholds (half-open: 90.99 is Baik under :attr:`BandPolicy.EXACT`)."""

W_SKP: Final = Fraction(60, 100)
W_PERILAKU: Final = Fraction(40, 100)
DISPLAY_PLACES: Final = 2


class BandPolicy(enum.Enum):
    """How a non-integer value is placed in the integer bands (open question 1)."""

    EXACT = "EXACT"
    """Compare the exact value with the thresholds ≥ 91 / ≥ 76 / ≥ 61 / ≥ 51 (SIMPEG practice; default)."""
    DISPLAYED = "DISPLAYED"
    """Classify the value as displayed: rounded half-up to two decimals first."""
    ROUND_INTEGER = "ROUND_INTEGER"
    """Round half-up to an integer first (90.5 → 91 → Sangat Baik)."""


class KreativitasRule(enum.Enum):
    """How several kreativitas items combine (open question 2)."""

    SUM = "SUM"
    """Every item earns its points and they add up (default)."""
    MAX = "MAX"
    """Only the best item counts."""


class UndoneRule(enum.Enum):
    """How a kegiatan that was not done (kuantitas realisation 0) is scored."""

    ZERO_ALL = "ZERO_ALL"
    """Every aspect is 0; the other realisations may be omitted (default)."""
    FORMULA = "FORMULA"
    """Apply the formulas to whatever was entered."""


@attrs.frozen
class Pp46Params:
    """The choices this module makes where the regulation is silent (see the module docstring)."""

    band_policy: BandPolicy = BandPolicy.EXACT
    kreativitas: KreativitasRule = KreativitasRule.SUM
    kreativitas_cap: Decimal | None = decimal_field(optional=True)
    undone: UndoneRule = UndoneRule.ZERO_ALL
    aspect_floor: Decimal | None = decimal_field(optional=True)

    def __attrs_post_init__(self) -> None:
        if self.kreativitas_cap is not None and self.kreativitas_cap < 0:
            raise ValidationError.one("kreativitas_cap", f"must not be negative, got {self.kreativitas_cap}")


# --- the document -------------------------------------------------------------------------


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
        _check_tr(self.target, self.realisasi)

    @staticmethod
    def value_checks(target: Decimal | None, realisasi: Decimal | None) -> Sequence[Problem]:
        """The aspect's own rules on its values (also run on a parsed document before any object is built)."""
        if target is not None and target > 0 and (realisasi is None or realisasi >= 0):
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
    biaya: TargetRealisasi | None = attrs.field(default=None, metadata={edge.STRUCTURE: lambda v: _structure_biaya(v)})
    satuan: str = ""
    raw_checks = staticmethod(lambda data: _raw_kegiatan(data))  # declared for kinerja.edge

    def __attrs_post_init__(self) -> None:
        problems = _kegiatan_problems(
            self.kuantitas.realisasi,
            (self.kualitas.target, self.kualitas.realisasi),
            [(name, aspect.realisasi) for name, aspect in self._aspects()],
        )
        if problems:
            raise ValidationError(problems)

    def _aspects(self) -> list[tuple[str, TargetRealisasi]]:
        out = [("kualitas", self.kualitas), ("waktu", self.waktu)]
        if self.biaya is not None:
            out.append(("biaya", self.biaya))
        return out

    @property
    def dikerjakan(self) -> bool:
        """False when the kegiatan was not done (kuantitas realisation 0)."""
        return self.kuantitas.realisasi is not None and self.kuantitas.realisasi > 0

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
        problems = _perilaku_problems(self.elements())
        if problems:
            raise ValidationError(problems)

    def sebutan_unsur(self, policy: BandPolicy = BandPolicy.EXACT) -> dict[str, Sebutan]:
        """The sebutan of each element: the five bands apply to every perilaku element (spec §1.5, §1.6).

        >>> p = PerilakuKerja(Decimal(91), Decimal("90.5"), Decimal(76), Decimal("60.5"), Decimal(50))
        >>> {k: v.label for k, v in p.sebutan_unsur().items()}  # doctest: +NORMALIZE_WHITESPACE
        {'orientasi_pelayanan': 'Sangat Baik', 'integritas': 'Baik', 'komitmen': 'Baik', 'disiplin': 'Kurang',
         'kerja_sama': 'Buruk'}
        >>> p.sebutan_unsur(BandPolicy.ROUND_INTEGER)["integritas"].label
        'Sangat Baik'
        """
        return {name: _classify(Fraction(value), policy) for name, value in self.elements()}

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
        ps = Problems()
        count: int | None = None
        if isinstance(self.tugas_tambahan, bool) or not isinstance(self.tugas_tambahan, int):
            ps.add("tugas_tambahan", "the number of tugas tambahan must be an integer")
        else:
            count = self.tugas_tambahan
        ps.items.extend(
            _document_problems(
                len(self.kegiatan), count, self.employee.jenis_jabatan, self.perilaku.kepemimpinan is not None
            )
        )
        ps.raise_if_any()


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
    for name, value in zip(("target", "realisasi"), kualitas, strict=True):
        if isinstance(value, Decimal) and value > 100:
            out.append(Problem(f"kualitas.{name}", f"kualitas is scored on a 0-100 scale, got {value}"))
    if kuantitas_realisasi is None:
        out.append(
            Problem("kuantitas.realisasi", "required: write 0 for a kegiatan that was not done (missing is not zero)")
        )
    elif isinstance(kuantitas_realisasi, Decimal) and kuantitas_realisasi > 0:  # done
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
        if isinstance(value, Decimal) and not 0 <= value <= 100
    ]


def _document_problems(
    kegiatan: int | None, tugas_tambahan: int | None, jabatan: JenisJabatan | None, kepemimpinan: bool | None
) -> list[Problem]:
    """The document-level checks; an argument that is ``None`` was unreadable and its check is skipped."""
    out: list[Problem] = []
    if kegiatan == 0:
        out.append(Problem("kegiatan", "at least one kegiatan tugas jabatan is required"))
    if tugas_tambahan is not None and tugas_tambahan < 0:
        out.append(Problem("tugas_tambahan", f"the number of tugas tambahan cannot be negative, got {tugas_tambahan}"))
    if jabatan is not None and kepemimpinan is not None:
        if jabatan.is_struktural and not kepemimpinan:
            out.append(
                Problem(
                    "perilaku.kepemimpinan",
                    f"required: a pejabat struktural ({jabatan.label}) is scored on kepemimpinan",
                )
            )
        if not jabatan.is_struktural and kepemimpinan:
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


def _structure_biaya(value: object) -> TargetRealisasi | None:
    """The ``biaya`` aspect, with a message that says what a zero target means (SIMPEG stores 0 for no budget)."""
    if value is None:
        return None
    try:
        return edge.structure(value, TargetRealisasi)  # type: ignore[no-any-return]
    except ValidationError as exc:
        if not (isinstance(value, Mapping) and read_lenient(value.get("target")) == 0):
            raise
        raise ValidationError(Problem(p.path, _BIAYA_ZERO) if p.path == "target" else p for p in exc.problems) from None


# --- the formulas (exact rationals inside, Decimal at the surface) --------------------------


def _nilai_efisiensi(t: Decimal, r: Decimal) -> tuple[Ratio, Ratio, bool]:
    """(efisiensi %, nilai, branch e ≤ 24) for waktu or biaya, exact.

    With q = R / T × 100 the Lampiran's terms are: efisiensi e = 100 − q;
    ((1,76·T − R) / T) × 100 = 176 − q; and 76 − ((((1,76·T − R) / T) × 100) − 100) = q.
    So e ≤ 24 ⟺ q ≥ 76 (an exact comparison of rationals, inclusive at 24 %), and the
    value is 176 − q (= 76 + e) in that branch, q (= 100 − e) otherwise. One implementation
    of the rule, used by every caller (pitfall 4); the tests check it against the
    Lampiran's literal formula.
    """
    qn, qd = percent_of(r, t)
    if qn >= 76 * qd:
        return (100 * qd - qn, qd), (176 * qd - qn, qd), True
    return (100 * qd - qn, qd), (qn, qd), False


def efisiensi(target: Decimal, realisasi: Decimal) -> Decimal:
    """Efisiensi in percent, ``100 − realisasi / target × 100`` (spec §1.3).

    >>> efisiensi(Decimal("12"), Decimal("9.12"))
    Decimal('24')
    """
    _check_tr(target, realisasi)
    return fraction_to_decimal(to_fraction(_nilai_efisiensi(target, realisasi)[0]))


def nilai_efisiensi(target: Decimal, realisasi: Decimal) -> Decimal:
    """The waktu (or biaya) value by the 1,76 / 24 % / 76 rule, exactly (spec §1.3).

    Inclusive at 24 % and discontinuous there: 24 % → 100, 24.0001 % → 75.9999.

    >>> [nilai_efisiensi(Decimal(100), Decimal(x)) for x in ("76", "75.9999", "100", "108")]
    [Decimal('100'), Decimal('75.9999'), Decimal('76'), Decimal('68')]
    """
    _check_tr(target, realisasi)
    return fraction_to_decimal(to_fraction(_nilai_efisiensi(target, realisasi)[1]))


def _check_tr(target: Decimal | None, realisasi: Decimal | None) -> None:
    found = TargetRealisasi.value_checks(target, realisasi)
    if found:
        raise ValidationError(found)


def nilai_tugas_tambahan(count: int) -> Decimal:
    """Points for *count* tugas tambahan (spec §1.4, row L10).

    >>> [nilai_tugas_tambahan(n) for n in (0, 3, 4, 6, 7, 12)]
    [Decimal('0'), Decimal('1'), Decimal('2'), Decimal('2'), Decimal('3'), Decimal('3')]
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValidationError.one("tugas_tambahan", f"expected a non-negative integer, got {quote(count)}")
    return Decimal(TUGAS_TAMBAHAN_POINTS.classify(Decimal(count)))


def nilai_kreativitas(
    items: Iterable[Kreativitas | TingkatKreativitas],
    rule: KreativitasRule = KreativitasRule.SUM,
    cap: Decimal | None = None,
) -> Decimal:
    """Points for the kreativitas items under *rule*, bounded by *cap* when given.

    >>> t = TingkatKreativitas
    >>> nilai_kreativitas([t.UNIT_KERJA, t.INSTANSI]), nilai_kreativitas([t.UNIT_KERJA, t.INSTANSI], KreativitasRule.MAX)
    (Decimal('9'), Decimal('6'))
    """
    return fraction_to_decimal(_kreativitas(items, rule, cap))


def _kreativitas(
    items: Iterable[Kreativitas | TingkatKreativitas], rule: KreativitasRule, cap: Decimal | None
) -> Fraction:
    points = [KREATIVITAS_POINTS[i.tingkat if isinstance(i, Kreativitas) else i] for i in items]
    total = Fraction(0)
    if points:
        total = Fraction(sum(points) if rule is KreativitasRule.SUM else max(points))
    if cap is not None and total > cap:
        total = Fraction(cap)
    return total


_BANDS_EXACT: Final = tuple((Decimal(r.lower).as_integer_ratio(), r.label) for r in SEBUTAN_BANDS.rungs)


def band_value(value: Fraction, policy: BandPolicy) -> Fraction:
    """The number the band *policy* compares with the thresholds: the exact value, or it rounded half-up.

    Rounding is exact (integer arithmetic on the rational, :func:`~kinerja.numbers.round_half_up`),
    never through a 40-digit decimal, so a value a hair below a tie cannot be rounded twice.
    """
    places = None if policy is BandPolicy.EXACT else DISPLAY_PLACES if policy is BandPolicy.DISPLAYED else 0
    return round_exact(value, places)


def _classify(value: Fraction, policy: BandPolicy) -> Sebutan:
    v = band_value(value, policy)
    n, d = v.numerator, v.denominator
    for (ln, ld), label in _BANDS_EXACT:
        if n * ld >= ln * d:
            return label
    return SEBUTAN_BANDS.floor


def sebutan(value: Decimal, policy: BandPolicy = BandPolicy.EXACT) -> Sebutan:
    """The sebutan (category) of *value* under the band *policy* (spec §1.6, open question 1).

    >>> [sebutan(Decimal(x)).label for x in ("91", "90.5", "76", "75.99", "61", "51", "50.99")]
    ['Sangat Baik', 'Baik', 'Baik', 'Cukup', 'Cukup', 'Kurang', 'Buruk']
    >>> sebutan(Decimal("90.5"), BandPolicy.ROUND_INTEGER).label, sebutan(Decimal("90.996"), BandPolicy.DISPLAYED).label
    ('Sangat Baik', 'Sangat Baik')
    """
    return _classify(Fraction(value), policy)


@attrs.frozen
class _KegiatanScore:
    kuantitas: Ratio
    kualitas: Ratio
    waktu: Ratio
    biaya: Ratio | None
    perhitungan: Ratio
    capaian: Ratio
    dikerjakan: bool
    negative: tuple[str, ...]


def _efisiensi_aspect(
    where: str, aspect: TargetRealisasi, params: Pp46Params, trace: Trace, negative: list[str]
) -> Ratio:
    """The nilai of a waktu or biaya aspect by the efisiensi rule; a negative value is noted in *negative*
    and clamped at ``params.aspect_floor`` when one is set (open question 3)."""
    assert aspect.realisasi is not None
    e, nilai, low_branch = _nilai_efisiensi(aspect.t, aspect.realisasi)
    raw = nilai
    floor = None if params.aspect_floor is None else params.aspect_floor.as_integer_ratio()
    if nilai[0] < 0:
        negative.append(where)
        if floor is not None and nilai[0] * floor[1] < floor[0] * nilai[1]:  # nilai < floor
            nilai = floor
    if trace is not None:
        trace.append(
            Step(
                f"{where} = "
                + (
                    "((1,76*T - R)/T)*100 since efisiensi <= 24 %"
                    if low_branch
                    else "76 - ((((1,76*T - R)/T)*100) - 100) since efisiensi > 24 %"
                ),
                SRC_EFISIENSI,
                {"target": aspect.t, "realisasi": aspect.realisasi, "efisiensi %": fraction_to_decimal(to_fraction(e))},
                fraction_to_decimal(to_fraction(nilai)),
                note=""
                if raw is nilai
                else f"formula gives {fraction_to_decimal(to_fraction(raw))}; clamped at aspect_floor {params.aspect_floor}",
            )
        )
    return nilai


def _ratio_steps(k: Kegiatan, path: str, kuantitas: Ratio, kualitas: Ratio) -> list[Step]:
    """The explanation of the kuantitas and kualitas aspects (realisation over target, in percent)."""
    return [
        Step(
            f"{path}.kuantitas = RO / TO x 100",
            SRC_KUANTITAS,
            {"name": k.name, "RO": k.kuantitas.realisasi, "TO": k.kuantitas.t, "satuan": k.satuan},
            fraction_to_decimal(to_fraction(kuantitas)),
        ),
        Step(
            f"{path}.kualitas = RK / TK x 100",
            SRC_KUALITAS,
            {"RK": k.kualitas.realisasi, "TK": k.kualitas.t},
            fraction_to_decimal(to_fraction(kualitas)),
        ),
    ]


def _score_kegiatan(k: Kegiatan, params: Pp46Params, trace: Trace, path: str) -> _KegiatanScore:
    divisor = 4 if k.has_biaya else 3
    zero = (0, 1)
    if not k.dikerjakan and params.undone is UndoneRule.ZERO_ALL:
        b0 = zero if k.has_biaya else None
        if trace is not None:
            trace.append(
                Step(
                    f"{path}: not done (kuantitas realisasi 0) -> every aspect 0",
                    SRC_UNDONE,
                    {"name": k.name, "kuantitas.realisasi": k.kuantitas.realisasi, "divisor": divisor},
                    Decimal(0),
                )
            )
        return _KegiatanScore(zero, zero, zero, b0, zero, zero, False, ())
    missing = [f"{path}.{name}.realisasi" for name, aspect in k._aspects() if aspect.realisasi is None]
    if missing:
        raise ValidationError(
            Problem(m, "required when undone kegiatan are scored by formula (missing is not zero)") for m in missing
        )
    assert k.kuantitas.realisasi is not None and k.kualitas.realisasi is not None and k.waktu.realisasi is not None
    kuantitas = percent_of(k.kuantitas.realisasi, k.kuantitas.t)
    kualitas = percent_of(k.kualitas.realisasi, k.kualitas.t)
    negative: list[str] = []
    if trace is not None:
        trace.extend(_ratio_steps(k, path, kuantitas, kualitas))
    waktu = _efisiensi_aspect(f"{path}.waktu", k.waktu, params, trace, negative)
    biaya = _efisiensi_aspect(f"{path}.biaya", k.biaya, params, trace, negative) if k.biaya is not None else None
    perhitungan = ratio_sum((kuantitas, kualitas, waktu, biaya or zero))
    capaian = (perhitungan[0], perhitungan[1] * divisor)
    if trace is not None:
        trace.append(
            Step(
                f"{path} capaian = perhitungan / {divisor}",
                SRC_CAPAIAN,
                {"perhitungan": fraction_to_decimal(to_fraction(perhitungan)), "aspects": divisor},
                fraction_to_decimal(to_fraction(capaian)),
            )
        )
    return _KegiatanScore(kuantitas, kualitas, waktu, biaya, perhitungan, capaian, k.dikerjakan, tuple(negative))


def capaian_kegiatan(kegiatan: Kegiatan, params: Pp46Params | None = None) -> Decimal:
    """The capaian of one kegiatan: the mean of its 3 (or 4, with biaya) aspect values (spec §1.4, row L1).

    >>> k = Kegiatan("Laporan", TargetRealisasi(1, 1), TargetRealisasi(100, 90), TargetRealisasi(12, 12),
    ...              TargetRealisasi(170395000, 170395000))
    >>> capaian_kegiatan(k)
    Decimal('85.5')
    """
    return fraction_to_decimal(to_fraction(_score_kegiatan(kegiatan, params or Pp46Params(), None, "kegiatan").capaian))


# --- the rule -----------------------------------------------------------------------------

OUTPUTS: Final = (
    OutputField("jumlah_kegiatan", "integer", "number of kegiatan tugas jabatan"),
    OutputField("jumlah_kegiatan_tidak_dikerjakan", "integer", "kegiatan with kuantitas realisasi 0"),
    OutputField("jumlah_kegiatan_dengan_biaya", "integer", "kegiatan scored on 4 aspects (with biaya)"),
    OutputField("rata_rata_capaian_kegiatan", "decimal", "mean capaian over the kegiatan (exact)"),
    OutputField("nilai_tugas_tambahan", "decimal", "points for tugas tambahan (0-3)"),
    OutputField("nilai_kreativitas", "decimal", "points for kreativitas"),
    OutputField("nilai_capaian_skp", "decimal", "mean capaian + tugas tambahan + kreativitas (exact)"),
    OutputField("nilai_capaian_skp_2dp", "decimal", "nilai capaian SKP shown with 2 decimals, half-up"),
    OutputField("kategori_skp", "text", "sebutan of the nilai capaian SKP"),
    OutputField("jumlah_unsur_perilaku", "integer", "5, or 6 with kepemimpinan"),
    OutputField("jumlah_nilai_perilaku", "decimal", "sum of the perilaku elements"),
    OutputField("nilai_perilaku", "decimal", "mean of the perilaku elements (exact)"),
    OutputField("nilai_perilaku_2dp", "decimal", "nilai perilaku shown with 2 decimals, half-up"),
    OutputField("kategori_perilaku", "text", "sebutan of the nilai perilaku"),
    OutputField("bobot_skp", "decimal", "weight of the SKP (0.6)"),
    OutputField("bobot_perilaku", "decimal", "weight of perilaku kerja (0.4)"),
    OutputField("score", "decimal", "nilai prestasi kerja (exact)"),
    OutputField("score_2dp", "decimal", "nilai prestasi kerja shown with 2 decimals, half-up"),
    OutputField("kategori", "text", "sebutan of the nilai prestasi kerja"),
    OutputField("predikat", "predikat", "equivalent rung on the shared predikat ladder [D]"),
)
"""The values a ``pp-46-2011`` result carries, in order."""


@attrs.frozen
class Outcome:
    """What :func:`nilai_prestasi_kerja` found: output *values*, *warnings*, the exact *score* and its *sebutan*."""

    values: dict[str, object]
    warnings: tuple[str, ...]
    score: Fraction
    sebutan: Sebutan


@attrs.frozen
class _Totals:
    """The document-level values of :func:`nilai_prestasi_kerja`, exact, with the values shown (2 decimals)."""

    scores: list[_KegiatanScore]
    total: Ratio
    mean: Fraction
    tt: Fraction
    kr: Fraction
    skp: Fraction
    elements: list[tuple[str, Decimal]]
    jumlah: Fraction
    perilaku: Fraction
    npk: Fraction
    s_skp: Sebutan
    s_per: Sebutan
    s_npk: Sebutan
    shown: tuple[Decimal, Decimal, Decimal]


def _npk_steps(doc: Pp46Document, params: Pp46Params, t: _Totals) -> list[Step]:
    """The explanation of the SKP value (mean, tugas tambahan, kreativitas), then :func:`_perilaku_npk_steps`."""
    scores, total, mean, tt, kr, skp = t.scores, t.total, t.mean, t.tt, t.kr, t.skp
    steps: list[Step] = []
    steps.append(
        Step(
            "mean capaian over the kegiatan",
            SRC_MEAN,
            {
                "jumlah capaian": fraction_to_decimal(to_fraction(total)),
                "kegiatan": len(scores),
            },
            fraction_to_decimal(mean),
        )
    )
    steps.append(
        Step(
            "nilai tugas tambahan",
            SRC_TUGAS_TAMBAHAN,
            {"tugas tambahan": doc.tugas_tambahan},
            fraction_to_decimal(tt),
        )
    )
    steps.append(
        Step(
            f"nilai kreativitas ({params.kreativitas.value.lower()} of the items)",
            SRC_KREATIVITAS,
            {
                "items": [f"{k.tingkat.label}: {KREATIVITAS_POINTS[k.tingkat]}" for k in doc.kreativitas],
                "cap": params.kreativitas_cap,
            },
            fraction_to_decimal(kr),
            note="open question 2: several items add up by default (KreativitasRule.SUM)",
        )
    )
    steps.append(
        Step(
            "nilai capaian SKP = mean + tugas tambahan + kreativitas",
            SRC_SKP,
            {
                "mean": fraction_to_decimal(mean),
                "tugas tambahan": fraction_to_decimal(tt),
                "kreativitas": fraction_to_decimal(kr),
            },
            fraction_to_decimal(skp),
        )
    )
    return [*steps, *_perilaku_npk_steps(doc, params, t)]


def _perilaku_npk_steps(doc: Pp46Document, params: Pp46Params, t: _Totals) -> list[Step]:
    """The explanation of the perilaku, the nilai prestasi kerja, its display, its sebutan and predikat."""
    skp, elements, perilaku, npk, s_skp, s_per, s_npk = t.skp, t.elements, t.perilaku, t.npk, t.s_skp, t.s_per, t.s_npk
    shown_npk = t.shown[2]
    steps: list[Step] = []
    steps.append(
        Step(
            f"nilai perilaku = jumlah / {len(elements)}",
            SRC_PERILAKU,
            {**dict(elements), "struktural": doc.employee.jenis_jabatan.is_struktural},
            fraction_to_decimal(perilaku),
        )
    )
    steps.append(
        Step(
            f"sebutan of each perilaku element ({params.band_policy.value} band policy)",
            SRC_PERILAKU_BANDS,
            dict(elements),
            {name: s.label for name, s in doc.perilaku.sebutan_unsur(params.band_policy).items()},
        )
    )
    steps.append(
        Step(
            "nilai prestasi kerja = 60 % x SKP + 40 % x perilaku",
            SRC_NPK,
            {"nilai capaian SKP": fraction_to_decimal(skp), "nilai perilaku": fraction_to_decimal(perilaku)},
            fraction_to_decimal(npk),
        )
    )
    steps.append(
        Step(
            "shown with two decimals, half-up",
            SRC_DISPLAY,
            {"nilai prestasi kerja": fraction_to_decimal(npk)},
            shown_npk,
        )
    )
    steps.append(
        Step(
            f"sebutan ({params.band_policy.value} band policy)",
            SRC_BANDS,
            {
                "nilai capaian SKP": s_skp.label,
                "nilai perilaku": s_per.label,
                "nilai prestasi kerja": fraction_to_decimal(npk),
            },
            s_npk.label,
            note="open question 1: non-integers compared with the thresholds >= 91, >= 76, >= 61, >= 51"
            if params.band_policy is BandPolicy.EXACT
            else "",
        )
    )
    steps.append(Step("equivalent predikat", SRC_PREDIKAT, {"sebutan": s_npk.label}, s_npk.predikat))
    return steps


def _values(t: _Totals) -> dict[str, object]:
    """The output values of a result, in :data:`OUTPUTS` order."""
    scores, mean, tt, kr, skp, elements = t.scores, t.mean, t.tt, t.kr, t.skp, t.elements
    jumlah, perilaku, npk, s_skp, s_per, s_npk = t.jumlah, t.perilaku, t.npk, t.s_skp, t.s_per, t.s_npk
    shown_skp, shown_per, shown_npk = t.shown
    return {
        "jumlah_kegiatan": len(scores),
        "jumlah_kegiatan_tidak_dikerjakan": sum(1 for s in scores if not s.dikerjakan),
        "jumlah_kegiatan_dengan_biaya": sum(1 for s in scores if s.biaya is not None),
        "rata_rata_capaian_kegiatan": fraction_to_decimal(mean),
        "nilai_tugas_tambahan": fraction_to_decimal(tt),
        "nilai_kreativitas": fraction_to_decimal(kr),
        "nilai_capaian_skp": fraction_to_decimal(skp),
        "nilai_capaian_skp_2dp": shown_skp,
        "kategori_skp": s_skp.label,
        "jumlah_unsur_perilaku": len(elements),
        "jumlah_nilai_perilaku": fraction_to_decimal(jumlah),
        "nilai_perilaku": fraction_to_decimal(perilaku),
        "nilai_perilaku_2dp": shown_per,
        "kategori_perilaku": s_per.label,
        "bobot_skp": fraction_to_decimal(W_SKP),
        "bobot_perilaku": fraction_to_decimal(W_PERILAKU),
        "score": fraction_to_decimal(npk),
        "score_2dp": shown_npk,
        "kategori": s_npk.label,
        "predikat": s_npk.predikat,
    }


def nilai_prestasi_kerja(doc: Pp46Document, params: Pp46Params, trace: Trace) -> Outcome:
    """Score one PP 46/2011 document (Perka BKN 1/2013 Lampiran); steps go to *trace*.

    Public so that :mod:`~kinerja.rules.integrasi_2021` scores its first half with it.
    """
    warnings: list[str] = []
    outside = validity_warning(INFO, doc.period)
    if outside:
        warnings.append(outside)
    # SKP: per kegiatan, then the mean (an exact rational sum: the order cannot matter)
    scores = [_score_kegiatan(k, params, trace, f"kegiatan[{i}]") for i, k in enumerate(doc.kegiatan)]
    for s in scores:
        warnings.extend(
            f"{p} is negative (realisation above 1,76 x target); formula applied as written" for p in s.negative
        )
    total = ratio_sum(s.capaian for s in scores)
    mean_r = (total[0], total[1] * len(scores))
    tt = Fraction(TUGAS_TAMBAHAN_POINTS.classify(Decimal(doc.tugas_tambahan)))
    kr = _kreativitas(doc.kreativitas, params.kreativitas, params.kreativitas_cap)
    skp_r = ratio_sum((mean_r, tt.as_integer_ratio(), kr.as_integer_ratio()))
    mean, skp = to_fraction(mean_r), to_fraction(skp_r)
    # perilaku
    elements = doc.perilaku.elements()
    jumlah_r = ratio_sum(v.as_integer_ratio() for _, v in elements)
    perilaku_r = (jumlah_r[0], jumlah_r[1] * len(elements))
    jumlah, perilaku = to_fraction(jumlah_r), to_fraction(perilaku_r)
    # nilai prestasi kerja: W_SKP x SKP + W_PERILAKU x perilaku, one Fraction at the end
    npk = to_fraction(ratio_sum((scaled(W_SKP, skp_r), scaled(W_PERILAKU, perilaku_r))))
    s_skp = _classify(skp, params.band_policy)
    s_per = _classify(perilaku, params.band_policy)
    s_npk = _classify(npk, params.band_policy)
    shown_skp = round_half_up(skp, DISPLAY_PLACES)
    shown_per = round_half_up(perilaku, DISPLAY_PLACES)
    shown_npk = round_half_up(npk, DISPLAY_PLACES)
    for name, value, shown, given in (
        ("nilai capaian SKP", skp, shown_skp, s_skp),
        ("nilai perilaku", perilaku, shown_per, s_per),
        ("nilai prestasi kerja", npk, shown_npk, s_npk),
    ):
        if params.band_policy is not BandPolicy.DISPLAYED and SEBUTAN_BANDS.classify(shown) is not given:
            warnings.append(
                f"{name} is shown as {shown} but classified {given.label} "
                f"(band policy {params.band_policy.value} on {fraction_to_decimal(value)})"
            )
    displayed = (shown_skp, shown_per, shown_npk)
    t = _Totals(scores, total, mean, tt, kr, skp, elements, jumlah, perilaku, npk, s_skp, s_per, s_npk, displayed)
    if trace is not None:
        trace.extend(_npk_steps(doc, params, t))
    return Outcome(_values(t), tuple(warnings), npk, s_npk)


@attrs.frozen
class Pp46Rule(ScoredRule):
    """The ``pp-46-2011`` regime; ``params`` holds the choices on the open questions.

    A variant with other parameters is an ordinary value:
    ``attrs.evolve(RULE, params=Pp46Params(band_policy=BandPolicy.ROUND_INTEGER))``
    (register it under another name with ``selectable=False`` if it should be found by name).
    """

    params: Pp46Params = attrs.field(factory=Pp46Params)
    info: RuleInfo = INFO

    document_class: ClassVar[type[Pp46Document]] = Pp46Document
    rule_outputs: ClassVar[tuple[OutputField, ...]] = OUTPUTS

    def score(self, document: Pp46Document, trace: Trace) -> Scored:
        """The PP 46/2011 score of *document* under this rule's parameters."""
        out = nilai_prestasi_kerja(document, self.params, trace)
        return out.values, out.warnings


RULE: Final = Pp46Rule()
"""The registered ``pp-46-2011`` rule with the default parameters."""


def example_document() -> dict[str, Any]:
    """A complete, valid ``pp-46-2011`` JSON document (row L1 of the spec plus a second kegiatan).

    >>> import kinerja
    >>> kinerja.evaluate(example_document())["values"]["score_2dp"]
    '84.77'
    """
    return {
        "regime": "pp-46-2011",
        "employee": {
            "nip": "198503102010011002",
            "name": "Siti Rahmawati",
            "jenis_jabatan": "PELAKSANA",
            "golongan": "III/a",
            "unit": "Bagian Umum",
        },
        "period": {"start": "2019-01-01", "end": "2019-12-31"},
        "kegiatan": [
            {
                "name": "Menyusun laporan keuangan tahunan",
                "satuan": "laporan",
                "kuantitas": {"target": "1", "realisasi": "1"},
                "kualitas": {"target": "100", "realisasi": "90"},
                "waktu": {"target": "12", "realisasi": "12"},
                "biaya": {"target": "170395000", "realisasi": "170395000"},
            },
            {
                "name": "Mengagendakan surat masuk",
                "satuan": "surat",
                "kuantitas": {"target": "1200", "realisasi": "1150"},
                "kualitas": {"target": "100", "realisasi": "85"},
                "waktu": {"target": "12", "realisasi": "11"},
            },
        ],
        "perilaku": {
            "orientasi_pelayanan": "80",
            "integritas": "82",
            "komitmen": "80",
            "disiplin": "78",
            "kerja_sama": "80",
        },
        "tugas_tambahan": 2,
        "kreativitas": [],
    }
