"""PP 30/2019 + PermenPANRB 8/2021: the numeric *sistem manajemen kinerja PNS* of July – December 2021.

Registered as ``permenpanrb-8-2021``; :func:`kinerja.rules.for_period` picks it for periods
inside 2021-07-01 … 2021-12-31 (spec ``regulations.md`` §2; PermenPANRB 6/2022 takes over
from 2022-01-01).

The computation (spec §2.1 – §2.5)::

    capaian IKI  normal (more is better)   realisasi / target × 100
                 khusus (less is better)   (1 + (1 − realisasi / target)) × 100
                 range target              compared with the upper bound when above the
                                           range, the lower bound when below, 100 % inside
    rounded half-up to a whole percent, then
    kategori     ≥ 101 Sangat Baik, = 100 Baik, 80–99 Cukup, 60–79 Kurang, < 60 Sangat Kurang
    nilai        > 110 → 120;  101–110 → 110 + (120−110)/(110−101) × (c − 101);  100 → 109;
                 80–99 → 70 + (89−70)/(99−80) × (c − 80);  60–79 → 50 + (69−50)/(79−60) × (c − 60);
                 0–59 → c / 59 × 49;  100 % of a maximum attainable target → 120 (Sangat Baik)
    Nilai KU     Σ bobot % × nilai capaian IKI          (bobot of the kinerja utama add up to 100 %)
    Nilai KT     Σ nilai tertimbang of the kinerja tambahan, converted to 10 when above 10
    Nilai SKP    Nilai KU + Nilai KT
    nilai kinerja  70 % SKP + 30 % perilaku,  or 60 % + 40 % when perilaku was assessed with
                   peers and direct subordinates (360°)  — PP 30/2019 Pasal 41(2)–(4)
    predikat     110–120 and a recorded new idea → Sangat Baik;  90–120 → Baik;
                 70–<90 → Cukup (= Butuh Perbaikan);  50–<70 → Kurang;  < 50 → Sangat Kurang

Everything inside is an exact rational; results leave as :class:`~decimal.Decimal`
(40 significant digits), with ``nilai_skp_1dp`` (one decimal, as the Lampiran's example
"102,8") and ``score_2dp`` rounded half-up for display.

Decisions on the open questions (spec §2 and "Open questions" 3 – 5), each a field of
:class:`Permenpanrb8Params` where a choice exists:

* **Rounding before the lookup.** ``capaian_places=0`` (default): the capaian IKI is
  rounded half-up to a whole percent before the kategori and nilai lookup, as the
  Lampiran's own row does (97,89 % printed as 98 %, nilai 88; spec T2) and as the integer
  table requires (its rows leave gaps between 99 and 100 and between 100 and 101).
  ``capaian_places=None`` uses the exact capaian with half-open rows instead
  (``[80, 100)`` on the 80–99 line, ``[100, 101)`` → 109, ``[101, 110]`` on the 101–110 line).
* **Maximum attainable target** (S10 p.101). An IKI flagged ``target_maksimal`` whose
  (rounded) capaian is 100 % or more gets nilai 120 and kategori Sangat Baik.
* **Negative capaian.** A "less is better" realisation above twice the target gives a
  capaian below 0; the table starts at 0, so its nilai is 0 (kategori Sangat Kurang).
* **Kinerja tambahan.** The per-item formula (category multiplier × bobot lingkup
  penugasan × nilai) is garbled in the available copy (spec §2.5), so a kinerja tambahan
  item carries its *nilai tertimbang* as computed by the penilai; the module adds them and
  converts a total above 10 to 10.
* **The 120 cap.** The scale ends at 120 (Pasal 41(5)); Nilai SKP = KU + KT can reach 130.
  ``cap_on=CapOn.NILAI_KINERJA`` (default) caps the final nilai kinerja at 120, where the
  regulation states the maximum; ``CapOn.NILAI_SKP`` caps Nilai SKP at 120 before
  weighting (and the final value then cannot exceed 120 either).
* **Predikat band edges.** The bands are stated half-open (70 ≤ x < 90), so the exact value
  is classified (``predikat_places=None``); ``predikat_places=1`` classifies the value
  rounded to one decimal, as an e-SKP that stores one decimal would. Kurang and Sangat
  Kurang lines are tagged [R] (open question 3).
* **Nilai perilaku** is an input on the 0–120 scale: the numeric scoring of the
  perilaku elements under 8/2021 is not verified (open question 4), so it is not computed.
* **JA/JF model.** The per-aspect kategori method for pejabat administrasi and fungsional
  (open question 4) is not implemented; every IKI is scored with the nilai capaian IKI table.

Monotonicity: a better realisation never lowers any value here (the table is
non-decreasing and rounding half-up is monotone); the table jumps from 89 (99 %) to 109
(100 %) and the predikat depends on the recorded new idea, not on the realisation.

>>> from kinerja.rules.permenpanrb_8_2021 import nilai_capaian_iki
>>> [nilai_capaian_iki(Decimal(c)) for c in ("99", "100", "101", "110", "111")]
[Decimal('89'), Decimal('109'), Decimal('110'), Decimal('120'), Decimal('120')]
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeVar

import attrs

from kinerja.errors import Problems, ValidationError
from kinerja.explain import Explanation, Source, Step, Trace
from kinerja.indicators import range_reference
from kinerja.model import Direction, Employee, Indicator, Period, Predikat, decimal_field
from kinerja.numbers import CONTEXT, round_half_up
from kinerja.policy import Ladder
from kinerja.result import OutputField, Result
from kinerja.rules import RuleInfo

__all__ = [
    "INFO",
    "KATEGORI_CAPAIAN_IKI",
    "KT_CAP",
    "NILAI_CAPAIAN_IKI",
    "OUTPUTS",
    "PREDIKAT_BANDS",
    "RULE",
    "SCALE_MAX",
    "CapOn",
    "Iki",
    "KinerjaTambahan",
    "Permenpanrb8Document",
    "Permenpanrb8Params",
    "Permenpanrb8Rule",
    "Segment",
    "bobot",
    "capaian_iki",
    "example_document",
    "kategori_capaian_iki",
    "label",
    "nilai_capaian_iki",
    "predikat_kinerja",
]

L = TypeVar("L")

PMPANRB: Final = "PermenPANRB 8/2021"
PP30: Final = "PP 30/2019"

SRC_CAPAIAN_NORMAL = Source(PMPANRB, "Lampiran p.99: capaian IKI = realisasi / target x 100 % (kondisi normal)", "C1")
SRC_CAPAIAN_KHUSUS = Source(PMPANRB, "Lampiran p.110: capaian IKI = (1 + (1 - realisasi / target)) x 100 %", "C1")
SRC_RANGE = Source(PMPANRB, "Lampiran p.99, 110: range target, upper bound above / lower bound below", "C1")
SRC_ROUND = Source(PMPANRB, "Lampiran p.363 worked row: 97,89 % used as 98 % (whole percent before lookup)", "D")
SRC_KATEGORI = Source(PMPANRB, "Lampiran, kategori capaian IKI (101+, 100, 80-99, 60-79, 0-59)", "C2")
SRC_NILAI = Source(PMPANRB, "Lampiran p.101 and p.363: nilai capaian IKI (109 at exactly 100 %)", "C2")
SRC_MAKSIMAL = Source(PMPANRB, "Lampiran p.101: 100 % of a maximum attainable target -> 120, Sangat Baik", "C1")
SRC_KU = Source(PMPANRB, "Lampiran p.96: Nilai KU = total nilai tertimbang capaian kinerja utama", "C1")
SRC_KT = Source(PMPANRB, "Lampiran p.95: total nilai tertimbang kinerja tambahan above 10 is converted to 10", "C1")
SRC_SKP = Source(PMPANRB, "Lampiran p.95-96: Nilai SKP = Nilai KU + Nilai KT", "C1")
SRC_WEIGHTS = Source(
    PP30, "Pasal 41 ayat (2)-(4): 70 % SKP + 30 % perilaku; 60 % + 40 % with peers and subordinates", "C2"
)
SRC_CAP = Source(PP30, "Pasal 41 ayat (5): the scale ends at 120", "C2")
SRC_PREDIKAT = Source(PP30, "Pasal 41 ayat (5): predikat bands; Sangat Baik needs a new idea (Kurang lines [R])", "C2")
SRC_DISPLAY = Source(PMPANRB, "Lampiran p.363: Nilai SKP shown with one decimal (102,8); nilai kinerja 2 dp", "C1")

INFO: Final = RuleInfo(
    name="permenpanrb-8-2021",
    kind="regime",
    title="PP 30/2019 + PermenPANRB 8/2021 - Sistem Manajemen Kinerja PNS",
    version="1",
    valid_from=_dt.date(2021, 7, 1),
    valid_to=_dt.date(2021, 12, 31),
    sources=(
        Source(PP30, "Penilaian Kinerja PNS, Pasal 41", "C2"),
        Source(PMPANRB, "Sistem Manajemen Kinerja PNS, Lampiran Bab VI", "C1"),
        Source("SE MenPANRB 3/2021", "2021 appraised in two periods: July-December under PP 30/2019", "C1"),
        Source("PermenPANRB 6/2022", "replaces 8/2021 for periods from 2022-01-01", "C2"),
    ),
    description=(
        "Numeric SKP of the second half of 2021: capaian IKI, nilai capaian IKI table, kinerja "
        "tambahan (capped at 10), 70/30 or 60/40 (360-degree perilaku), predikat bands with the "
        "new-idea condition for Sangat Baik. In force for appraisal periods 2021-07-01 .. 2021-12-31 "
        "(spec regulations.md 2, 2.6)."
    ),
)

# --- the tables, as data ----------------------------------------------------------------------


@attrs.frozen
class Segment:
    """One row of the nilai capaian IKI table: the straight line from (x0, y0) to (x1, y1).

    A row with ``y0 == y1`` is a constant. Rows are found by their lower bound (a
    :class:`~kinerja.policy.Ladder`), so the line is also used between two integer rows
    when the capaian is not rounded.
    """

    x0: Decimal = decimal_field()
    y0: Decimal = decimal_field()
    x1: Decimal = decimal_field()
    y1: Decimal = decimal_field()

    def at(self, c: Fraction) -> Fraction:
        """The nilai at capaian *c* (exact)."""
        if self.y0 == self.y1:
            return Fraction(self.y0)
        y0, x0 = Fraction(self.y0), Fraction(self.x0)
        return y0 + (Fraction(self.y1) - y0) / (Fraction(self.x1) - x0) * (c - x0)

    def __str__(self) -> str:
        if self.y0 == self.y1:
            return f"{self.y0}"
        if self.y0 == 0 and self.x0 == 0:
            return f"c / {self.x1} x {self.y1}"
        return f"{self.y0} + ({self.y1} - {self.y0})/({self.x1} - {self.x0}) x (c - {self.x0})"


def _seg(x0: int, y0: int, x1: int, y1: int) -> Segment:
    return Segment(Decimal(x0), Decimal(y0), Decimal(x1), Decimal(y1))


NILAI_CAPAIAN_IKI: Final[Ladder[Segment]] = Ladder(
    [
        (110, _seg(110, 120, 110, 120)),  # c > 110 -> 120 (equal to the line at 110)
        (101, _seg(101, 110, 110, 120)),  # 101 <= c <= 110
        (100, _seg(100, 109, 100, 109)),  # c = 100 -> 109
        (80, _seg(80, 70, 99, 89)),  # 80 <= c <= 99
        (60, _seg(60, 50, 79, 69)),  # 60 <= c <= 79
        (0, _seg(0, 0, 59, 49)),  # 0 <= c <= 59 -> c / 59 x 49
    ],
    floor=_seg(0, 0, 0, 0),  # a negative capaian (less-is-better, realisasi > 2 x target) -> 0
    source=SRC_NILAI,
)
"""Nilai capaian IKI by capaian (percent), PermenPANRB 8/2021 Lampiran p.101 (spec §2.4)."""

KATEGORI_CAPAIAN_IKI: Final[Ladder[Predikat]] = Ladder(
    [
        (101, Predikat.SANGAT_BAIK),
        (100, Predikat.BAIK),
        (80, Predikat.BUTUH_PERBAIKAN),  # "Cukup"
        (60, Predikat.KURANG),
    ],
    floor=Predikat.SANGAT_KURANG,
    source=SRC_KATEGORI,
)
"""Kategori capaian IKI (spec §2.3); Cukup is the Butuh Perbaikan rung of :class:`~kinerja.model.Predikat`."""

PREDIKAT_BANDS: Final[Ladder[Predikat]] = Ladder(
    [
        (110, Predikat.SANGAT_BAIK),  # only with a recorded new idea; else Baik
        (90, Predikat.BAIK),
        (70, Predikat.BUTUH_PERBAIKAN),  # "Cukup"
        (50, Predikat.KURANG),
    ],
    floor=Predikat.SANGAT_KURANG,
    source=SRC_PREDIKAT,
)
"""Predikat kinerja by nilai kinerja, PP 30/2019 Pasal 41(5) (spec §2.2)."""

SCALE_MAX: Final = Decimal(120)
"""The top of the nilai kinerja scale (PP 30/2019 Pasal 41(5))."""

KT_CAP: Final = Decimal(10)
"""Total nilai tertimbang of the kinerja tambahan above this is converted to it (spec §2.5)."""

_WEIGHTS: Final = {False: (Fraction(70, 100), Fraction(30, 100)), True: (Fraction(60, 100), Fraction(40, 100))}


def bobot(perilaku_360: bool) -> tuple[Decimal, Decimal]:
    """(SKP weight, perilaku weight): 70/30, or 60/40 when perilaku includes peers and subordinates.

    >>> bobot(False), bobot(True)
    ((Decimal('0.7'), Decimal('0.3')), (Decimal('0.6'), Decimal('0.4')))
    """
    w_skp, w_per = _WEIGHTS[bool(perilaku_360)]
    return _dec(w_skp), _dec(w_per)


class CapOn(enum.Enum):
    """Where the 120 cap of the scale is applied."""

    NILAI_KINERJA = "NILAI_KINERJA"
    """On the final nilai kinerja (default)."""
    NILAI_SKP = "NILAI_SKP"
    """On Nilai SKP before weighting (hence on the final value too)."""


def _places(value: object, attribute: attrs.Attribute[Any]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise ValidationError.one(attribute.name, f"expected None or an integer 0-6, got {value!r}")
    return value


@attrs.frozen
class Permenpanrb8Params:
    """The choices this module makes where the regulation is silent (see the module docstring)."""

    capaian_places: int | None = attrs.field(default=0, converter=attrs.Converter(_places, takes_field=True))  # type: ignore[misc]
    predikat_places: int | None = attrs.field(default=None, converter=attrs.Converter(_places, takes_field=True))  # type: ignore[misc]
    cap_on: CapOn = CapOn.NILAI_KINERJA


# --- the document -----------------------------------------------------------------------------


@attrs.frozen
class Iki(Indicator):
    """An indikator kinerja individu of the kinerja utama: an :class:`~kinerja.model.Indicator` with its bobot.

    ``weight`` is the bobot in percent (required; the bobot of all kinerja utama add up
    to 100). ``target_maksimal`` marks a target that cannot be exceeded (e.g. "100 %
    opini WTP"): meeting it scores 120, Sangat Baik.
    """

    target_maksimal: bool = False

    def __attrs_post_init__(self) -> None:
        Indicator.__attrs_post_init__(self)
        ps = Problems()
        if self.weight is None:
            ps.add("weight", "required: the bobot (percent) of this indikator")
        elif self.weight > 100:
            ps.add("weight", f"a bobot is a percentage of at most 100, got {self.weight}")
        if self.realization is None:
            ps.add("realization", "required: the realisasi of this indikator (missing is not zero)")
        ps.raise_if_any()


@attrs.frozen
class KinerjaTambahan:
    """A rencana kinerja tambahan (additional work) with its *nilai tertimbang* as computed by the penilai."""

    name: str
    nilai_tertimbang: Decimal = decimal_field()

    def __attrs_post_init__(self) -> None:
        if self.nilai_tertimbang < 0:
            raise ValidationError.one("nilai_tertimbang", f"cannot be negative, got {self.nilai_tertimbang}")


@attrs.frozen
class Permenpanrb8Document:
    """One PNS's appraisal for a period of July – December 2021 (the ``permenpanrb-8-2021`` document).

    ``nilai_perilaku`` is on the 0–120 scale; ``perilaku_360`` says whether peers and
    direct subordinates took part (then 60/40, else 70/30); ``ide_baru`` records that the
    PNS created a new idea or way of working that benefits the organisation (needed for
    Sangat Baik).
    """

    employee: Employee
    period: Period
    kinerja_utama: tuple[Iki, ...]
    nilai_perilaku: Decimal = decimal_field()
    kinerja_tambahan: tuple[KinerjaTambahan, ...] = ()
    perilaku_360: bool = False
    ide_baru: bool = False

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not self.kinerja_utama:
            ps.add("kinerja_utama", "at least one indikator kinerja utama is required")
        elif all(i.weight is not None for i in self.kinerja_utama):
            total = sum((Fraction(i.weight) for i in self.kinerja_utama if i.weight is not None), Fraction(0))
            if total != 100:
                ps.add(
                    "kinerja_utama",
                    f"the bobot (weight, percent) of the kinerja utama must add up to 100, they add up to {_dec(total)}",
                )
        if not 0 <= self.nilai_perilaku <= SCALE_MAX:
            ps.add("nilai_perilaku", f"nilai perilaku is on the 0-120 scale, got {self.nilai_perilaku}")
        for name, flag in (("perilaku_360", self.perilaku_360), ("ide_baru", self.ide_baru)):
            if not isinstance(flag, bool):
                ps.add(name, "expected true or false")
        ps.raise_if_any()


# --- the formulas -----------------------------------------------------------------------------


def _dec(value: Fraction) -> Decimal:
    """A rational as a Decimal (exact when it terminates within 40 digits, else correctly rounded)."""
    if value.denominator == 1:
        return Decimal(value.numerator)
    return CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


_LOWERS: dict[int, tuple[Ladder[Any], tuple[tuple[Fraction, Any], ...]]] = {}


def _rung(ladder: Ladder[L], value: Fraction) -> L:
    """Exact ladder lookup for a rational value (half-open, ``value >= lower``)."""
    cached = _LOWERS.get(id(ladder))
    if cached is None or cached[0] is not ladder:
        cached = (ladder, tuple((Fraction(r.lower), r.label) for r in ladder.rungs))
        _LOWERS[id(ladder)] = cached
    for lower, label in cached[1]:
        if value >= lower:
            return label  # type: ignore[no-any-return]
    return ladder.floor


_HUNDRED = Fraction(100)


def _capaian(iki: Indicator) -> tuple[Fraction, Fraction]:
    """(capaian %, the reference value compared with), exactly; same formulas as :mod:`kinerja.indicators`."""
    if iki.realization is None:
        raise ValidationError.one("realization", "not realised: capaian cannot be computed (missing is not zero)")
    r = iki.realization.value
    ref = range_reference(r, iki.target) if iki.target.is_range else iki.target.low
    ratio = Fraction(r) / Fraction(ref)
    if iki.direction is Direction.HIGHER_IS_BETTER:
        return ratio * _HUNDRED, Fraction(ref)
    return (2 - ratio) * _HUNDRED, Fraction(ref)


def capaian_iki(iki: Indicator) -> Decimal:
    """Capaian IKI in percent, unrounded (spec §2.3, rows T2, T3).

    >>> from kinerja.model import Target, Realization
    >>> capaian_iki(Indicator("a", target=Target(95), realization=Realization(93)))
    Decimal('97.89473684210526315789473684210526315789')
    >>> capaian_iki(Indicator("b", target=Target(80, 90), realization=Realization(70)))
    Decimal('87.5')
    """
    return _dec(_capaian(iki)[0])


def _used(c: Fraction, places: int | None) -> Fraction:
    return c if places is None else Fraction(round_half_up(c, places))


def _nilai(c: Fraction, target_maksimal: bool) -> Fraction:
    if target_maksimal and c >= 100:
        return Fraction(SCALE_MAX)
    return _rung(NILAI_CAPAIAN_IKI, c).at(c)


def _kategori(c: Fraction, target_maksimal: bool) -> Predikat:
    if target_maksimal and c >= 100:
        return Predikat.SANGAT_BAIK
    return _rung(KATEGORI_CAPAIAN_IKI, c)


def nilai_capaian_iki(capaian: Decimal, *, target_maksimal: bool = False, places: int | None = 0) -> Decimal:
    """The nilai capaian IKI of a capaian (percent), rounded to *places* first (spec §2.4).

    >>> nilai_capaian_iki(Decimal("97.89")), nilai_capaian_iki(Decimal("100"), target_maksimal=True)
    (Decimal('88'), Decimal('120'))
    """
    return _dec(_nilai(_used(Fraction(capaian), places), target_maksimal))


def kategori_capaian_iki(capaian: Decimal, *, target_maksimal: bool = False, places: int | None = 0) -> Predikat:
    """The kategori of a capaian IKI (Cukup is :attr:`Predikat.BUTUH_PERBAIKAN`), rounded to *places* first.

    >>> [label(kategori_capaian_iki(Decimal(c))) for c in ("101", "100.4", "99.5", "80", "79", "59")]
    ['Sangat Baik', 'Baik', 'Baik', 'Cukup', 'Kurang', 'Sangat Kurang']
    """
    return _kategori(_used(Fraction(capaian), places), target_maksimal)


_LABELS: Final = {Predikat.BUTUH_PERBAIKAN: "Cukup", Predikat.KURANG: "Kurang"}


def label(predikat: Predikat) -> str:
    """The label PP 30/2019 and PermenPANRB 8/2021 print (Cukup, Kurang) for a :class:`~kinerja.model.Predikat`.

    >>> label(Predikat.BUTUH_PERBAIKAN), label(Predikat.SANGAT_BAIK)
    ('Cukup', 'Sangat Baik')
    """
    return _LABELS.get(predikat, predikat.label)


def _predikat(value: Fraction, ide_baru: bool) -> Predikat:
    p = _rung(PREDIKAT_BANDS, value)
    if p is Predikat.SANGAT_BAIK and not ide_baru:
        return Predikat.BAIK
    return p


def predikat_kinerja(nilai: Decimal, *, ide_baru: bool = False) -> Predikat:
    """Predikat for a nilai kinerja: Sangat Baik needs 110–120 *and* a recorded new idea (spec §2.2).

    >>> label(predikat_kinerja(Decimal(115))), label(predikat_kinerja(Decimal(115), ide_baru=True))
    ('Baik', 'Sangat Baik')
    """
    return _predikat(Fraction(nilai), ide_baru)


# --- the rule ---------------------------------------------------------------------------------

OUTPUTS: Final = (
    OutputField("jumlah_iki", "integer", "number of indikator kinerja utama"),
    OutputField("nilai_ku", "decimal", "Nilai KU: total nilai tertimbang of the kinerja utama (exact)"),
    OutputField("nilai_kt_total", "decimal", "total nilai tertimbang of the kinerja tambahan before the cap"),
    OutputField("nilai_kt", "decimal", "Nilai KT: the total, converted to 10 when above 10"),
    OutputField("nilai_skp", "decimal", "Nilai SKP = Nilai KU + Nilai KT (exact)"),
    OutputField("nilai_skp_1dp", "decimal", "Nilai SKP shown with 1 decimal, half-up"),
    OutputField("nilai_perilaku", "decimal", "nilai perilaku kerja (input, 0-120)"),
    OutputField("perilaku_360", "boolean", "perilaku assessed with peers and direct subordinates"),
    OutputField("bobot_skp", "decimal", "weight of the SKP (0.7, or 0.6 with 360-degree perilaku)"),
    OutputField("bobot_perilaku", "decimal", "weight of perilaku (0.3, or 0.4 with 360-degree perilaku)"),
    OutputField("score_uncapped", "decimal", "weighted nilai kinerja before the 120 cap"),
    OutputField("score", "decimal", "nilai kinerja (exact, at most 120)"),
    OutputField("score_2dp", "decimal", "nilai kinerja shown with 2 decimals, half-up"),
    OutputField("ide_baru", "boolean", "a new idea or way of working was recorded"),
    OutputField("predikat", "predikat", "predikat kinerja (Cukup = Butuh Perbaikan)"),
)
"""The values a ``permenpanrb-8-2021`` result carries, in order."""


@attrs.frozen
class _Outcome:
    values: dict[str, object]
    warnings: tuple[str, ...]
    score: Fraction
    predikat: Predikat


def _run(doc: Permenpanrb8Document, params: Permenpanrb8Params, trace: Trace) -> _Outcome:
    warnings: list[str] = []
    if not INFO.covers(doc.period):
        warnings.append(
            f"period {doc.period.label} is outside the validity of PermenPANRB 8/2021 "
            f"({INFO.valid_from}..{INFO.valid_to}); scored under it as asked"
        )
    ku = Fraction(0)
    for i, iki in enumerate(doc.kinerja_utama):
        c, ref = _capaian(iki)
        used = _used(c, params.capaian_places)
        kategori = _kategori(used, iki.target_maksimal)
        nilai = _nilai(used, iki.target_maksimal)
        assert iki.weight is not None
        tertimbang = Fraction(iki.weight) / _HUNDRED * nilai
        ku += tertimbang
        if trace is not None:
            path = f"kinerja_utama[{i}]"
            normal = iki.direction is Direction.HIGHER_IS_BETTER
            assert iki.realization is not None
            trace.append(
                Step(
                    f"{path} capaian = "
                    + ("realisasi / target x 100" if normal else "(1 + (1 - realisasi / target)) x 100"),
                    SRC_CAPAIAN_NORMAL if normal else SRC_CAPAIAN_KHUSUS,
                    {"id": iki.id, "target": _dec(ref), "realisasi": iki.realization.value},
                    _dec(c),
                    note=f"range target {iki.target.low}-{iki.target.high}: compared with {_dec(ref)}"
                    if iki.target.is_range
                    else "",
                )
            )
            if params.capaian_places is not None:
                trace.append(
                    Step(
                        f"{path} capaian rounded half-up to {params.capaian_places} decimals before the lookup",
                        SRC_ROUND,
                        {"capaian": _dec(c)},
                        _dec(used),
                    )
                )
            maks = iki.target_maksimal and used >= 100
            trace.append(
                Step(
                    f"{path} kategori and nilai capaian IKI"
                    + (" (maximum attainable target met)" if maks else f" = {_rung(NILAI_CAPAIAN_IKI, used)}"),
                    SRC_MAKSIMAL if maks else SRC_NILAI,
                    {"capaian": _dec(used), "kategori": label(kategori), "target_maksimal": iki.target_maksimal},
                    _dec(nilai),
                )
            )
            trace.append(
                Step(
                    f"{path} nilai tertimbang = bobot % x nilai",
                    SRC_KU,
                    {"bobot %": iki.weight, "nilai": _dec(nilai)},
                    _dec(tertimbang),
                )
            )
    kt_total = sum((Fraction(k.nilai_tertimbang) for k in doc.kinerja_tambahan), Fraction(0))
    kt = min(kt_total, Fraction(KT_CAP))
    skp = ku + kt
    w_skp, w_per = _WEIGHTS[doc.perilaku_360]
    skp_used = min(skp, Fraction(SCALE_MAX)) if params.cap_on is CapOn.NILAI_SKP else skp
    perilaku = Fraction(doc.nilai_perilaku)
    raw = w_skp * skp_used + w_per * perilaku
    score = min(raw, Fraction(SCALE_MAX))
    band_value = score if params.predikat_places is None else Fraction(round_half_up(score, params.predikat_places))
    predikat = _predikat(band_value, doc.ide_baru)
    if trace is not None:
        trace.append(
            Step("Nilai KU = sum of nilai tertimbang", SRC_KU, {"indikator": len(doc.kinerja_utama)}, _dec(ku))
        )
        trace.append(
            Step(
                "Nilai KT = sum of nilai tertimbang of the kinerja tambahan, at most 10",
                SRC_KT,
                {"items": [f"{k.name}: {k.nilai_tertimbang}" for k in doc.kinerja_tambahan], "total": _dec(kt_total)},
                _dec(kt),
            )
        )
        trace.append(Step("Nilai SKP = Nilai KU + Nilai KT", SRC_SKP, {"KU": _dec(ku), "KT": _dec(kt)}, _dec(skp)))
        trace.append(
            Step(
                "Nilai SKP shown with one decimal, half-up",
                SRC_DISPLAY,
                {"Nilai SKP": _dec(skp)},
                round_half_up(skp, 1),
            )
        )
        trace.append(
            Step(
                f"nilai kinerja = {_dec(w_skp * 100)} % SKP + {_dec(w_per * 100)} % perilaku",
                SRC_WEIGHTS,
                {
                    "Nilai SKP": _dec(skp_used),
                    "nilai perilaku": doc.nilai_perilaku,
                    "perilaku with peers and subordinates": doc.perilaku_360,
                },
                _dec(raw),
                note="Nilai SKP capped at 120 before weighting (CapOn.NILAI_SKP)" if skp_used != skp else "",
            )
        )
        trace.append(
            Step(
                "the scale ends at 120",
                SRC_CAP,
                {"nilai kinerja": _dec(raw), "cap": SCALE_MAX},
                _dec(score),
            )
        )
        trace.append(
            Step(
                "predikat: Sangat Baik needs 110-120 and a new idea; Baik 90-120; Cukup 70-<90; Kurang 50-<70",
                SRC_PREDIKAT,
                {"nilai kinerja": _dec(band_value), "ide baru": doc.ide_baru},
                predikat,
                note="110 or more without a recorded new idea is Baik"
                if band_value >= 110 and not doc.ide_baru
                else "",
            )
        )
    values: dict[str, object] = {
        "jumlah_iki": len(doc.kinerja_utama),
        "nilai_ku": _dec(ku),
        "nilai_kt_total": _dec(kt_total),
        "nilai_kt": _dec(kt),
        "nilai_skp": _dec(skp),
        "nilai_skp_1dp": round_half_up(skp, 1),
        "nilai_perilaku": doc.nilai_perilaku,
        "perilaku_360": doc.perilaku_360,
        "bobot_skp": _dec(w_skp),
        "bobot_perilaku": _dec(w_per),
        "score_uncapped": _dec(raw),
        "score": _dec(score),
        "score_2dp": round_half_up(score, 2),
        "ide_baru": doc.ide_baru,
        "predikat": predikat,
    }
    return _Outcome(values, tuple(warnings), score, predikat)


@attrs.frozen
class Permenpanrb8Rule:
    """The ``permenpanrb-8-2021`` regime; ``params`` holds the choices on the open questions.

    A variant: ``attrs.evolve(RULE, params=Permenpanrb8Params(capaian_places=None))``.
    """

    params: Permenpanrb8Params = attrs.field(factory=Permenpanrb8Params)
    info: RuleInfo = INFO

    @property
    def document_type(self) -> type[Permenpanrb8Document]:
        return Permenpanrb8Document

    @property
    def outputs(self) -> tuple[OutputField, ...]:
        return OUTPUTS

    def _outcome(self, document: Permenpanrb8Document, trace: Trace = None) -> _Outcome:
        if not isinstance(document, Permenpanrb8Document):
            raise ValidationError.one("", f"expected a Permenpanrb8Document, got {type(document).__name__}")
        return _run(document, self.params, trace)

    def evaluate(self, document: Permenpanrb8Document) -> Result:
        """Score *document* (no explanation is built; ``result.explain()`` builds it on demand)."""
        out = self._outcome(document)
        return Result(
            rule=self.info.name,
            version=self.info.version,
            subject=document.employee.nip.digits,
            period=document.period.label,
            values=out.values,
            warnings=out.warnings,
            explainer=functools.partial(self.explain, document),
        )

    def explain(self, document: Permenpanrb8Document) -> Explanation:
        """The step-by-step explanation of the score, each step with its source."""
        trace: list[Step] = []
        self._outcome(document, trace)
        return Explanation(
            f"{self.info.title} - {document.employee.nip.digits} - {document.period.label}", tuple(trace)
        )


RULE: Final = Permenpanrb8Rule()
"""The registered ``permenpanrb-8-2021`` rule with the default parameters."""


def example_document() -> dict[str, Any]:
    """A complete, valid ``permenpanrb-8-2021`` JSON document (the spec's rows T1 and T2, weighted 40/60).

    >>> import kinerja
    >>> kinerja.evaluate(example_document())["values"]["predikat"]
    'BAIK'
    """
    return {
        "regime": "permenpanrb-8-2021",
        "employee": {
            "nip": "198503102010011002",
            "name": "Siti Rahmawati",
            "jenis_jabatan": "PELAKSANA",
            "golongan": "III/b",
            "unit": "Bagian Umum",
        },
        "period": {"start": "2021-07-01", "end": "2021-12-31"},
        "kinerja_utama": [
            {
                "id": "iki-1",
                "name": "Persentase laporan keuangan disusun tepat waktu",
                "target": "85",
                "satuan": "%",
                "weight": "40",
                "realization": {"value": "85"},
            },
            {
                "id": "iki-2",
                "name": "Persentase surat masuk diagendakan",
                "target": "95",
                "satuan": "%",
                "weight": "60",
                "realization": {"value": "93"},
            },
        ],
        "kinerja_tambahan": [{"name": "Panitia pengadaan barang", "nilai_tertimbang": "2.5"}],
        "nilai_perilaku": "100",
        "perilaku_360": False,
        "ide_baru": False,
    }
