"""PP 46/2011 + Perka BKN 1/2013: *penilaian prestasi kerja PNS*, the numeric regime of 2014 – June 2021.

Registered as ``pp-46-2011``; :func:`kinerja.rules.for_period` picks it for periods
inside 2014-01-01 … 2021-06-30 (spec ``regulations.md`` §1, §2.6). This package's ``__init__`` holds the
regulation — sources, tables, formulas, the rule — and two private modules its machinery: the
documents and their checks (``_documents``), the scoring and its explanation (``_score``).

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

**Exactness.** Every intermediate is an exact rational, carried as a pair of integers
(numerator, denominator) and added, multiplied and compared in integer arithmetic: exact
rational arithmetic without :class:`fractions.Fraction`'s reduction after every step. Nothing
is rounded until a value leaves, and then once: the exact values as :class:`~decimal.Decimal`
(exact when they terminate within 40 significant digits, else rounded at the 40th, half-even),
the ``*_2dp`` outputs from the exact rational to two decimals, half-up (away from zero), as
``number_format`` shows them (spec §1.7). The 24 % test compares exact rationals, so the
floating-point trap of spec §1.3 (TW = 12, RW = 9,12 giving e a hair above 24 in doubles,
hence nilai 76 instead of 100) cannot happen, and the order of the kegiatan cannot change a
single digit. Band lookup works on the exact rational too — the DISPLAYED / ROUND_INTEGER
band policies round it once, half-up, with integer arithmetic, never through the 40-digit
decimal (which would round twice: 85.205 − 10⁻⁴² would show as 85.21).

**Dated tables.** The sebutan bands (:data:`DATED_SEBUTAN_BANDS`), the 60/40 weights
(:data:`DATED_WEIGHTS`), the tugas tambahan points (:data:`DATED_TUGAS_TAMBAHAN_POINTS`) and the kreativitas
points (:data:`DATED_KREATIVITAS_POINTS`) are dated parameters (:mod:`kinerja.dated`), each with one entry
from the regime's start (2014-01-01) citing its source; a document is scored with the entries in force when
its period starts (looked up once per document), so a table amended from a later date is one added entry
and changes no earlier result. :data:`SEBUTAN_BANDS`, :data:`W_SKP`, :data:`W_PERILAKU`,
:data:`TUGAS_TAMBAHAN_POINTS` and :data:`KREATIVITAS_POINTS` remain the current values.

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
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from kinerja.dated import Dated, Entry
from kinerja.errors import ValidationError, quote
from kinerja.explain import Source, Trace
from kinerja.model import Predikat, RankedEnum, decimal_field, register_labels
from kinerja.numbers import fraction_to_decimal, round_exact
from kinerja.policy import Ladder
from kinerja.result import OutputField
from kinerja.rules import RuleInfo
from kinerja.rules.base import ParamsRule, Ratio, Scored, percent_of, to_fraction

__all__ = [
    "DATED_KREATIVITAS_POINTS",
    "DATED_SEBUTAN_BANDS",
    "DATED_TUGAS_TAMBAHAN_POINTS",
    "DATED_WEIGHTS",
    "INFO",
    "KREATIVITAS_POINTS",
    "OUTPUTS",
    "RULE",
    "SEBUTAN_BANDS",
    "TUGAS_TAMBAHAN_POINTS",
    "W_PERILAKU",
    "W_SKP",
    "BandPolicy",
    "Kegiatan",
    "Kreativitas",
    "KreativitasRule",
    "Outcome",
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
    "nilai_prestasi_kerja",
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

_SINCE: Final = _dt.date(2014, 1, 1)
"""The first day of the appraisal periods scored under PP 46/2011 (``INFO.valid_from``), the date its tables take effect."""

INFO: Final[RuleInfo] = RuleInfo.regime(
    "pp-46-2011",
    "PP 46/2011 - Penilaian Prestasi Kerja PNS",
    _SINCE,
    _dt.date(2021, 6, 30),
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
"""Points per creative product, by level (Perka BKN 1/2013 Lampiran, spec §1.4 [C1]): the current entry of
:data:`DATED_KREATIVITAS_POINTS`."""

TUGAS_TAMBAHAN_POINTS: Final[Ladder[int]] = Ladder([(7, 3), (4, 2), (1, 1)], floor=0, source=SRC_TUGAS_TAMBAHAN)
"""Points for the number of tugas tambahan in the year: 0 → 0, 1–3 → 1, 4–6 → 2, ≥ 7 → 3 (spec §1.4): the
current entry of :data:`DATED_TUGAS_TAMBAHAN_POINTS`."""

DATED_KREATIVITAS_POINTS: Final[Dated[Mapping[TingkatKreativitas, int]]] = Dated(
    "nilai kreativitas (Perka BKN 1/2013)", (Entry(_SINCE, KREATIVITAS_POINTS, SRC_KREATIVITAS),)
)
"""The points per creative product as a dated parameter, from the regime's start."""

DATED_TUGAS_TAMBAHAN_POINTS: Final[Dated[Ladder[int]]] = Dated(
    "nilai tugas tambahan (Perka BKN 1/2013)", (Entry(_SINCE, TUGAS_TAMBAHAN_POINTS, SRC_TUGAS_TAMBAHAN),)
)
"""The tugas tambahan points as a dated parameter, from the regime's start."""

SEBUTAN_BANDS: Final[Ladder[Sebutan]] = Ladder(
    [(91, Sebutan.SANGAT_BAIK), (76, Sebutan.BAIK), (61, Sebutan.CUKUP), (51, Sebutan.KURANG)],
    floor=Sebutan.BURUK,
    source=SRC_BANDS,
)
"""The sebutan bands as lower thresholds (half-open: 90.99 is Baik under :attr:`BandPolicy.EXACT`)."""

W_SKP: Final = Fraction(60, 100)
"""Weight of the nilai capaian SKP in the nilai prestasi kerja (PP 46/2011): the current entry of :data:`DATED_WEIGHTS`."""
W_PERILAKU: Final = Fraction(40, 100)
"""Weight of the nilai perilaku kerja in the nilai prestasi kerja (PP 46/2011): the current entry of :data:`DATED_WEIGHTS`."""
DISPLAY_PLACES: Final = 2

DATED_SEBUTAN_BANDS: Final[Dated[Ladder[Sebutan]]] = Dated(
    "sebutan prestasi kerja (Perka BKN 1/2013)", (Entry(_SINCE, SEBUTAN_BANDS, SRC_BANDS),)
)
"""The sebutan bands as a dated parameter, from the regime's start: an amended ladder is one more
:class:`~kinerja.dated.Entry`, used for the periods starting on or after its date."""

DATED_WEIGHTS: Final[Dated[tuple[Fraction, Fraction]]] = Dated(
    "bobot nilai prestasi kerja: SKP, perilaku kerja (PP 46/2011)", (Entry(_SINCE, (W_SKP, W_PERILAKU), SRC_NPK),)
)
"""(SKP weight, perilaku weight) as a dated parameter, from the regime's start (60/40, PP 46/2011)."""


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


# --- the formulas (exact rationals inside, Decimal at the surface) --------------------------


def efisiensi_exact(t: Decimal, r: Decimal) -> tuple[Ratio, Ratio, bool]:
    """(efisiensi %, nilai, branch e ≤ 24) for waktu or biaya, exact.

    With q = R / T × 100 the Lampiran's terms are: efisiensi e = 100 − q;
    ((1,76·T − R) / T) × 100 = 176 − q; and 76 − ((((1,76·T − R) / T) × 100) − 100) = q.
    So e ≤ 24 ⟺ q ≥ 76 (an exact comparison of rationals, inclusive at 24 %), and the
    value is 176 − q (= 76 + e) in that branch, q (= 100 − e) otherwise. One implementation
    of the rule, used by every caller (pitfall 4); the tests check it against the
    Lampiran's literal formula.
    """
    return efisiensi_of(percent_of(r, t))


def efisiensi_of(q: Ratio) -> tuple[Ratio, Ratio, bool]:
    """:func:`efisiensi_exact` from q = R / T × 100 given as an exact ratio (numerator, positive denominator)."""
    qn, qd = q
    if qn >= 76 * qd:
        return (100 * qd - qn, qd), (176 * qd - qn, qd), True
    return (100 * qd - qn, qd), (qn, qd), False


def efisiensi(target: Decimal, realisasi: Decimal) -> Decimal:
    """Efisiensi in percent, ``100 − realisasi / target × 100`` (spec §1.3).

    >>> efisiensi(Decimal("12"), Decimal("9.12"))
    Decimal('24')
    """
    check_aspect(target, realisasi)
    return fraction_to_decimal(to_fraction(efisiensi_exact(target, realisasi)[0]))


def nilai_efisiensi(target: Decimal, realisasi: Decimal) -> Decimal:
    """The waktu (or biaya) value by the 1,76 / 24 % / 76 rule, exactly (spec §1.3).

    Inclusive at 24 % and discontinuous there: 24 % → 100, 24.0001 % → 75.9999.

    >>> [nilai_efisiensi(Decimal(100), Decimal(x)) for x in ("76", "75.9999", "100", "108")]
    [Decimal('100'), Decimal('75.9999'), Decimal('76'), Decimal('68')]
    """
    check_aspect(target, realisasi)
    return fraction_to_decimal(to_fraction(efisiensi_exact(target, realisasi)[1]))


def nilai_tugas_tambahan(count: int, *, on: _dt.date | None = None) -> Decimal:
    """Points for *count* tugas tambahan (spec §1.4, row L10), from the table in force on *on*
    (:data:`DATED_TUGAS_TAMBAHAN_POINTS`), or without *on* the current one.

    >>> [nilai_tugas_tambahan(n) for n in (0, 3, 4, 6, 7, 12)]
    [Decimal('0'), Decimal('1'), Decimal('2'), Decimal('2'), Decimal('3'), Decimal('3')]
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValidationError.one("tugas_tambahan", f"expected a non-negative integer, got {quote(count)}")
    table = TUGAS_TAMBAHAN_POINTS if on is None else DATED_TUGAS_TAMBAHAN_POINTS.applicable(on).value
    return Decimal(table.classify(Decimal(count)))


def nilai_kreativitas(
    items: Iterable[Kreativitas | TingkatKreativitas],
    rule: KreativitasRule = KreativitasRule.SUM,
    cap: Decimal | None = None,
    *,
    on: _dt.date | None = None,
) -> Decimal:
    """Points for the kreativitas items under *rule*, bounded by *cap* when given, from the points in force on
    *on* (:data:`DATED_KREATIVITAS_POINTS`), or without *on* the current ones.

    >>> t = TingkatKreativitas
    >>> nilai_kreativitas([t.UNIT_KERJA, t.INSTANSI]), nilai_kreativitas([t.UNIT_KERJA, t.INSTANSI], KreativitasRule.MAX)
    (Decimal('9'), Decimal('6'))
    """
    table = KREATIVITAS_POINTS if on is None else DATED_KREATIVITAS_POINTS.applicable(on).value
    return fraction_to_decimal(kreativitas_exact(items, rule, cap, table))


def kreativitas_exact(
    items: Iterable[Kreativitas | TingkatKreativitas],
    rule: KreativitasRule,
    cap: Decimal | None,
    table: Mapping[TingkatKreativitas, int] = KREATIVITAS_POINTS,
) -> Fraction:
    """:func:`nilai_kreativitas` as an exact rational, with the points of *table* (the scoring adds it to the SKP value)."""
    points = [table[i.tingkat if isinstance(i, Kreativitas) else i] for i in items]
    total = Fraction(0)
    if points:
        total = Fraction(sum(points) if rule is KreativitasRule.SUM else max(points))
    if cap is not None and total > cap:
        total = Fraction(cap)
    return total


@functools.cache
def _integer_rungs(bands: Ladder[Sebutan]) -> tuple[tuple[tuple[int, int], Sebutan], ...]:
    """The lower bounds of *bands* as integer ratios, for comparisons in integers."""
    return tuple((Decimal(r.lower).as_integer_ratio(), r.label) for r in bands.rungs)


_BANDS_EXACT: Final = _integer_rungs(SEBUTAN_BANDS)


def band_value(value: Fraction, policy: BandPolicy) -> Fraction:
    """The number the band *policy* compares with the thresholds: the exact value, or it rounded half-up.

    Rounding is exact (integer arithmetic on the rational, :func:`~kinerja.numbers.round_half_up`),
    never through a 40-digit decimal, so a value a hair below a tie cannot be rounded twice.
    """
    places = None if policy is BandPolicy.EXACT else DISPLAY_PLACES if policy is BandPolicy.DISPLAYED else 0
    return round_exact(value, places)


def band_of(n: int, d: int, bands: Ladder[Sebutan] = SEBUTAN_BANDS) -> Sebutan:
    """The sebutan of the band of *bands* holding the exact rational *n* / *d* (*d* > 0), compared with the
    thresholds in integers (no rounding)."""
    for (ln, ld), label in _BANDS_EXACT if bands is SEBUTAN_BANDS else _integer_rungs(bands):
        if n * ld >= ln * d:
            return label
    return bands.floor


def sebutan_exact(value: Fraction, policy: BandPolicy, bands: Ladder[Sebutan] = SEBUTAN_BANDS) -> Sebutan:
    """:func:`sebutan` of an exact rational: :func:`band_value` compared with the thresholds of *bands* in integers."""
    v = band_value(value, policy)
    return band_of(v.numerator, v.denominator, bands)


def sebutan(value: Decimal, policy: BandPolicy = BandPolicy.EXACT, *, on: _dt.date | None = None) -> Sebutan:
    """The sebutan (category) of *value* under the band *policy* (spec §1.6, open question 1).

    The bands are those in force on *on* (:data:`DATED_SEBUTAN_BANDS`; a date before 2014 gets the first
    table), or without *on* the current ones (:data:`SEBUTAN_BANDS`).

    >>> [sebutan(Decimal(x)).label for x in ("91", "90.5", "76", "75.99", "61", "51", "50.99")]
    ['Sangat Baik', 'Baik', 'Baik', 'Cukup', 'Cukup', 'Kurang', 'Buruk']
    >>> sebutan(Decimal("90.5"), BandPolicy.ROUND_INTEGER).label, sebutan(Decimal("90.996"), BandPolicy.DISPLAYED).label
    ('Sangat Baik', 'Sangat Baik')
    """
    bands = SEBUTAN_BANDS if on is None else DATED_SEBUTAN_BANDS.applicable(on).value
    return sebutan_exact(Fraction(value), policy, bands)


# --- the rule -----------------------------------------------------------------------------

OUTPUTS: Final[tuple[OutputField, ...]] = (
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

# --- the documents and the scoring: machinery, in private modules that read the tables above ----------

from kinerja.rules.pp46_2011._documents import (  # noqa: E402
    Kegiatan,
    Kreativitas,
    PerilakuKerja,
    Pp46Document,
    TargetRealisasi,
    check_aspect,
)
from kinerja.rules.pp46_2011._score import (  # noqa: E402
    Outcome,
    capaian_kegiatan,
    nilai_prestasi_kerja,
    score_values,
)


@attrs.frozen
class Pp46Rule(ParamsRule, document=Pp46Document, outputs=OUTPUTS, scorer=nilai_prestasi_kerja):
    """The ``pp-46-2011`` regime; ``params`` holds the choices on the open questions.

    A variant with other parameters is an ordinary value:
    ``attrs.evolve(RULE, params=Pp46Params(band_policy=BandPolicy.ROUND_INTEGER))``
    (register it under another name with ``selectable=False`` if it should be found by name).
    """

    params: Pp46Params = attrs.field(factory=Pp46Params)
    info: RuleInfo = INFO

    def score(self, document: Any, trace: Trace) -> Scored:
        """The values and warnings of :func:`nilai_prestasi_kerja` (without the exact score it also returns, which a
        result does not carry)."""
        return score_values(document, self.params, trace)


RULE: Final = Pp46Rule()
"""The registered ``pp-46-2011`` rule with the default parameters."""


def example_document() -> dict[str, Any]:
    """A complete, valid ``pp-46-2011`` JSON document (row L1 of the spec plus a second kegiatan).

    >>> import kinerja
    >>> kinerja.evaluate(example_document())["values"]["score_2dp"]
    '84.77'
    """
    from kinerja import bundled  # deferred: reading package data needs importlib.resources, scoring does not

    return bundled.example("pp-46-2011")
