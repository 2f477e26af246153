"""PP 30/2019 + PermenPANRB 8/2021: the numeric *sistem manajemen kinerja PNS* of July – December 2021.

Registered as ``permenpanrb-8-2021``; :func:`kinerja.rules.for_period` picks it for periods
inside 2021-07-01 … 2021-12-31 (spec ``regulations.md`` §2; PermenPANRB 6/2022 takes over
from 2022-01-01). This package's ``__init__`` holds the regulation — sources, tables, formulas,
the rule — and two private modules its machinery: the documents and their checks (``_documents``),
the scoring and its explanation (``_score``).

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

**Dated tables.** The nilai capaian IKI table, the kategori capaian IKI, the 70/30 – 60/40 weights,
the predikat bands, the cap of the Nilai KT (10) and the top of the scale (120) are dated parameters
(:data:`DATED_NILAI_CAPAIAN_IKI`, :data:`DATED_KATEGORI_CAPAIAN_IKI`, :data:`DATED_WEIGHTS`,
:data:`DATED_PREDIKAT_BANDS`, :data:`DATED_KT_CAP`, :data:`DATED_SCALE_MAX`; :mod:`kinerja.dated`), each with
one entry from the regime's start (2021-07-01) citing its source. A document is scored with the entries in
force when its period starts (looked up once per document), so a table amended from a later date is one added
entry and changes no earlier result; the undated names (:data:`NILAI_CAPAIAN_IKI`, :data:`WEIGHTS`,
:data:`PREDIKAT_BANDS`, :data:`KT_CAP`, :data:`SCALE_MAX`…) remain the current values (the loader's 0–120
check of ``nilai_perilaku`` and :func:`predikat_kinerja` use the current scale). The Kurang / Sangat Kurang edge stays ``Permenpanrb8Params.kurang_min``, applied
to whichever bands are in force.

Everything inside is an exact rational; results leave as :class:`~decimal.Decimal`
(40 significant digits), with ``nilai_skp_1dp`` (one decimal, as the Lampiran's example
"102,8") and ``score_2dp`` rounded half-up for display.

Percentages: an IKI whose ``satuan`` is a percentage ("%", "persen") has its target, the
bounds of a range target and its realisation within 0–100; a value above 100 is refused
naming the field (``kinerja_utama[0].realization.value``, ``kinerja_utama[0].target.high``).
A realisation outside a range target is not refused: the Lampiran scores it against the
nearer bound (spec §2.3). Bad input raises one :class:`~kinerja.errors.ValidationError`
with every independent problem (a bad IKI does not hide the bobot sum or the nilai perilaku).

Decisions — on the open questions (spec "Open questions" 3 – 5) and where the spec leaves a
gap — each with the :class:`Permenpanrb8Params` field that selects it, or "fixed":

* **Period of validity** (fixed; ``INFO``). Spec §2 says "Jul 2021 – 2022" and that 6/2022
  replaced 8/2021 in February 2022. This regime is used for appraisal periods 2021-07-01 …
  2021-12-31; PermenPANRB 6/2022 is used from **2022-01-01**, because SKP are set per
  calendar year and the 2022 SKP year is appraised under the regulation in force for it.
  A 2022 period can still be scored here on request, with a warning.
* **Rounding before the lookup** (``capaian_places=0``). The capaian IKI is rounded half-up
  to a whole percent before the kategori and nilai lookup, as the Lampiran's own row does
  (97,89 % printed as 98 %, nilai 88; spec T2) and as the integer table requires (its rows
  leave gaps between 99 and 100 and between 100 and 101). ``capaian_places=None`` uses the
  exact capaian with half-open rows instead (``[80, 100)`` on the 80–99 line,
  ``[100, 101)`` → 109, ``[101, 110]`` on the 101–110 line).
* **The "113 %" example** (fixed; open question 4). The Lampiran (S10 p.110) prints
  "92 % / 90 % = 113 %" for a range target 80–90 % and realisation 92 %; the arithmetic is
  102.2 %. The module computes 102.2 % (→ 102 %, nilai 111.11) and treats the printed 113 %
  as a typo of the copy; no parameter reproduces it.
* **Maximum attainable target** (``target_maksimal=TargetMaksimalRule.EXACTLY_100``). The
  Lampiran (S10 p.101) gives nilai 120, Sangat Baik, at 100 % of a target that cannot be
  exceeded. A capaian (as rounded) above 100 % of such a target is a contradiction and is
  refused, naming the realisation; ``TargetMaksimalRule.AT_LEAST_100`` scores it 120 as well.
* **Negative capaian** (``negative_capaian=NegativeCapaian.ZERO``). A "less is better"
  realisation above twice the target gives a capaian below 0; the table starts at 0, so its
  nilai is 0 (kategori Sangat Kurang). ``NegativeCapaian.REFUSE`` refuses it instead.
* **Kinerja tambahan** (fixed). The per-item formula (category multiplier × bobot lingkup
  penugasan × nilai) is garbled in the available copy (spec §2.5, open question 4), so a
  kinerja tambahan item carries its *nilai tertimbang* as computed by the penilai; the
  module adds them and converts a total above 10 to 10.
* **The 120 cap** (``cap_on=CapOn.NILAI_KINERJA``). The scale ends at 120 (Pasal 41(5));
  Nilai SKP = KU + KT can reach 130. The default caps the final nilai kinerja at 120, where
  the regulation states the maximum; ``CapOn.NILAI_SKP`` caps Nilai SKP at 120 before
  weighting — ``nilai_skp`` is then the capped value that was weighted (KU + KT uncapped is
  ``nilai_ku + nilai_kt``, and the explanation shows both).
* **Predikat band edges** (``predikat_places=None``). The bands are stated half-open
  (70 ≤ x < 90), so the exact value is classified; ``predikat_places=1`` classifies the value
  rounded to one decimal, as an e-SKP that stores one decimal would.
* **Kurang / Sangat Kurang** (``kurang_min=Decimal(50)``; open question 3). Only a paraphrase
  of Pasal 41(5) d–e was seen (Kurang 50 ≤ x < 70, Sangat Kurang x < 50, tagged [R]). The top
  of Kurang is the bottom of the confirmed Cukup line (70); its bottom, the Kurang / Sangat
  Kurang edge, is ``kurang_min`` (strictly between 0 and 70).
* **Nilai perilaku** (fixed) is an input on the 0–120 scale: the numeric scoring of the
  perilaku elements under 8/2021 is not verified (open question 4), so it is not computed.
* **JA/JF model** (fixed). The per-aspect kategori method for pejabat administrasi and
  fungsional (open question 4) is not implemented; every IKI is scored with the nilai
  capaian IKI table.
* **The 2021 integration** (open question 5) is the ``integrasi-2021`` rule's, with its own
  parameters (:mod:`kinerja.rules.integrasi_2021`).

The public helpers refuse what lies outside the scale: :func:`predikat_kinerja` a nilai
outside 0–120, :func:`nilai_capaian_iki` / :func:`kategori_capaian_iki` what the rule
refuses (a capaian above 100 % of a maximum target; a negative capaian under
``NegativeCapaian.REFUSE``).

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
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Final

import attrs

from kinerja.dated import Dated, Entry
from kinerja.errors import ValidationError, quote
from kinerja.explain import Source
from kinerja.indicators import range_reference
from kinerja.model import Direction, Indicator, Predikat, decimal_field
from kinerja.numbers import fraction_to_decimal, round_exact, to_decimal
from kinerja.policy import Ladder
from kinerja.result import OutputField
from kinerja.rules import RuleInfo
from kinerja.rules.base import ParamsRule, percent_of, to_fraction

__all__ = [
    "DATED_KATEGORI_CAPAIAN_IKI",
    "DATED_KT_CAP",
    "DATED_NILAI_CAPAIAN_IKI",
    "DATED_PREDIKAT_BANDS",
    "DATED_SCALE_MAX",
    "DATED_WEIGHTS",
    "INFO",
    "KATEGORI_CAPAIAN_IKI",
    "KT_CAP",
    "KURANG_MIN",
    "NILAI_CAPAIAN_IKI",
    "OUTPUTS",
    "PERCENT_UNITS",
    "PREDIKAT_BANDS",
    "RULE",
    "SCALE_MAX",
    "WEIGHTS",
    "CapOn",
    "Iki",
    "KinerjaTambahan",
    "NegativeCapaian",
    "Outcome",
    "Permenpanrb8Document",
    "Permenpanrb8Params",
    "Permenpanrb8Rule",
    "Segment",
    "TargetMaksimalRule",
    "bobot",
    "capaian_iki",
    "example_document",
    "is_percent",
    "kategori_capaian_iki",
    "label",
    "nilai_capaian_iki",
    "nilai_kinerja",
    "predikat_bands",
    "predikat_kinerja",
]

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

_SINCE: Final = _dt.date(2021, 7, 1)
"""The first day of the appraisal periods scored under 8/2021 (``INFO.valid_from``), the date its tables take effect."""

INFO: Final[RuleInfo] = RuleInfo.regime(
    "permenpanrb-8-2021",
    "PP 30/2019 + PermenPANRB 8/2021 - Sistem Manajemen Kinerja PNS",
    _SINCE,
    _dt.date(2021, 12, 31),
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
        """The nilai at capaian *c*, exactly: y0 + (y1 - y0) / (x1 - x0) x (c - x0) in integers, one Fraction."""
        if self.y0 == self.y1:
            return Fraction(self.y0)
        (y0, e), (y1, f), (x0, g), (x1, h) = (v.as_integer_ratio() for v in (self.y0, self.y1, self.x0, self.x1))
        num = (y1 * e - y0 * f) * (h * g) * (c.numerator * g - x0 * c.denominator)
        den = (f * e) * (x1 * g - x0 * h) * (c.denominator * g)
        return Fraction(y0 * den + num * e, e * den)

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

DATED_NILAI_CAPAIAN_IKI: Final[Dated[Ladder[Segment]]] = Dated(
    "nilai capaian IKI (PermenPANRB 8/2021)", (Entry(_SINCE, NILAI_CAPAIAN_IKI, SRC_NILAI),)
)
"""The nilai capaian IKI table as a dated parameter, from the regime's start (:data:`NILAI_CAPAIAN_IKI` is the current one)."""

DATED_KATEGORI_CAPAIAN_IKI: Final[Dated[Ladder[Predikat]]] = Dated(
    "kategori capaian IKI (PermenPANRB 8/2021)", (Entry(_SINCE, KATEGORI_CAPAIAN_IKI, SRC_KATEGORI),)
)
"""The kategori capaian IKI as a dated parameter, from the regime's start (:data:`KATEGORI_CAPAIAN_IKI` is the current one)."""

KURANG_MIN: Final = Decimal(50)
"""Default lower edge of Kurang (PP 30/2019 Pasal 41(5) d-e as paraphrased, open question 3)."""


PREDIKAT_BANDS: Final[Ladder[Predikat]] = Ladder(
    [
        (110, Predikat.SANGAT_BAIK),  # only with a recorded new idea; else Baik
        (90, Predikat.BAIK),
        (70, Predikat.BUTUH_PERBAIKAN),  # "Cukup"
        (KURANG_MIN, Predikat.KURANG),
    ],
    floor=Predikat.SANGAT_KURANG,
    source=SRC_PREDIKAT,
)
"""Predikat kinerja by nilai kinerja, PP 30/2019 Pasal 41(5) (spec §2.2), with the default Kurang edge 50: the
current entry of :data:`DATED_PREDIKAT_BANDS`."""

DATED_PREDIKAT_BANDS: Final[Dated[Ladder[Predikat]]] = Dated(
    "predikat kinerja (PP 30/2019 Pasal 41(5))", (Entry(_SINCE, PREDIKAT_BANDS, SRC_PREDIKAT),)
)
"""The predikat bands as a dated parameter, from the regime's start; the Kurang edge of the entry in force is
replaced by ``Permenpanrb8Params.kurang_min`` (:func:`predikat_bands`)."""


def predikat_bands(kurang_min: Decimal = KURANG_MIN, *, on: _dt.date | None = None) -> Ladder[Predikat]:
    """Predikat kinerja by nilai kinerja, PP 30/2019 Pasal 41(5) (spec §2.2), with the Kurang edge *kurang_min*.

    110 / 90 / 70 are the regulation's, from the bands in force on *on* (:data:`DATED_PREDIKAT_BANDS`), or
    without *on* the current ones; the Kurang / Sangat Kurang edge is open question 3
    (``Permenpanrb8Params.kurang_min``, default 50).

    >>> predikat_bands() is PREDIKAT_BANDS, [str(r.lower) for r in predikat_bands(Decimal(40)).rungs]
    (True, ['110', '90', '70', '40'])
    """
    bands = PREDIKAT_BANDS if on is None else DATED_PREDIKAT_BANDS.applicable(on).value
    return _with_kurang_min(bands, Decimal(kurang_min))


@functools.cache
def _kurang_at(bands: Ladder[Predikat], kurang_min: Decimal) -> Ladder[Predikat]:
    if any(r.label is Predikat.KURANG and r.lower == kurang_min for r in bands.rungs):
        return bands
    rungs = [(kurang_min if r.label is Predikat.KURANG else r.lower, r.label) for r in bands.rungs]
    return Ladder(rungs, floor=bands.floor, source=bands.source)


@functools.cache
def _national_kurang_at(kurang_min: Decimal) -> Ladder[Predikat]:
    return _kurang_at(PREDIKAT_BANDS, kurang_min)


def _with_kurang_min(bands: Ladder[Predikat], kurang_min: Decimal) -> Ladder[Predikat]:
    """*bands* with its Kurang rung starting at *kurang_min* (cached; the national bands without hashing them)."""
    return _national_kurang_at(kurang_min) if bands is PREDIKAT_BANDS else _kurang_at(bands, kurang_min)


SCALE_MAX: Final = Decimal(120)
"""The top of the nilai kinerja scale (PP 30/2019 Pasal 41(5)): the current entry of :data:`DATED_SCALE_MAX`."""

KT_CAP: Final = Decimal(10)
"""Total nilai tertimbang of the kinerja tambahan above this is converted to it (spec §2.5): the current entry of
:data:`DATED_KT_CAP`."""

DATED_SCALE_MAX: Final[Dated[Decimal]] = Dated(
    "batas atas nilai kinerja (PP 30/2019 Pasal 41(5))", (Entry(_SINCE, SCALE_MAX, SRC_CAP),)
)
"""The top of the scale as a dated parameter, from the regime's start: the cap of the nilai kinerja (and of the
Nilai SKP under ``CapOn.NILAI_SKP``) and the nilai of a maximum attainable target met."""

DATED_KT_CAP: Final[Dated[Decimal]] = Dated(
    "batas nilai kinerja tambahan (PermenPANRB 8/2021)", (Entry(_SINCE, KT_CAP, SRC_KT),)
)
"""The cap of the Nilai KT as a dated parameter, from the regime's start."""

WEIGHTS: Final[Mapping[bool, tuple[Fraction, Fraction]]] = MappingProxyType(
    {False: (Fraction(70, 100), Fraction(30, 100)), True: (Fraction(60, 100), Fraction(40, 100))}
)
"""(SKP weight, perilaku weight) by ``perilaku_360``, exact (PP 30/2019 Pasal 41(2)-(4)); see :func:`bobot`.
The current entry of :data:`DATED_WEIGHTS`."""

DATED_WEIGHTS: Final[Dated[Mapping[bool, tuple[Fraction, Fraction]]]] = Dated(
    "bobot nilai kinerja: SKP, perilaku (PP 30/2019 Pasal 41)", (Entry(_SINCE, WEIGHTS, SRC_WEIGHTS),)
)
"""The weights as a dated parameter, from the regime's start."""


def bobot(perilaku_360: bool) -> tuple[Decimal, Decimal]:
    """(SKP weight, perilaku weight): 70/30, or 60/40 when perilaku includes peers and subordinates.

    >>> bobot(False), bobot(True)
    ((Decimal('0.7'), Decimal('0.3')), (Decimal('0.6'), Decimal('0.4')))
    """
    w_skp, w_per = WEIGHTS[bool(perilaku_360)]
    return fraction_to_decimal(w_skp), fraction_to_decimal(w_per)


class CapOn(enum.Enum):
    """Where the 120 cap of the scale is applied."""

    NILAI_KINERJA = "NILAI_KINERJA"
    """On the final nilai kinerja (default)."""
    NILAI_SKP = "NILAI_SKP"
    """On Nilai SKP before weighting (hence on the final value too); ``nilai_skp`` is then the capped value."""


class NegativeCapaian(enum.Enum):
    """What a capaian below 0 % gets (less is better, realisation above twice the target)."""

    ZERO = "ZERO"
    """Nilai 0, kategori Sangat Kurang: the table starts at 0 % (default)."""
    REFUSE = "REFUSE"
    """A :class:`~kinerja.errors.ValidationError` naming the realisation."""


class TargetMaksimalRule(enum.Enum):
    """When the maximum-attainable-target row (nilai 120, Sangat Baik; Lampiran p.101) applies."""

    EXACTLY_100 = "EXACTLY_100"
    """At a capaian (as rounded for the lookup) of exactly 100 %; above 100 % is a contradiction —
    a maximum attainable target cannot be exceeded — and is refused naming the realisation (default)."""
    AT_LEAST_100 = "AT_LEAST_100"
    """At 100 % or more: a capaian above 100 % of a maximum target also scores 120."""


def _places(value: object, attribute: attrs.Attribute[Any]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise ValidationError.one(attribute.name, f"expected None or an integer 0-6, got {quote(value)}")
    return value


def _kurang_min(value: object, attribute: attrs.Attribute[Any]) -> Decimal:
    d = to_decimal(value, attribute.name)
    if not 0 < d < 70:
        raise ValidationError.one(
            attribute.name, f"the Kurang edge lies between 0 and 70 (Cukup starts at 70), got {d}"
        )
    return d


@attrs.frozen
class Permenpanrb8Params:
    """The choices this module makes where the regulation is silent (see the module docstring)."""

    capaian_places: int | None = attrs.field(default=0, converter=attrs.Converter(_places, takes_field=True))  # type: ignore[misc]
    predikat_places: int | None = attrs.field(default=None, converter=attrs.Converter(_places, takes_field=True))  # type: ignore[misc]
    cap_on: CapOn = CapOn.NILAI_KINERJA
    kurang_min: Decimal = attrs.field(
        default=KURANG_MIN,
        converter=attrs.Converter(_kurang_min, takes_field=True),  # type: ignore[misc]
    )
    """Lower edge of Kurang: a nilai kinerja below it is Sangat Kurang (open question 3; 50, tagged [R])."""
    negative_capaian: NegativeCapaian = NegativeCapaian.ZERO
    """A negative capaian (only a less-is-better IKI far over target): scored 0, the bottom of the spec §2.4 table, or refused."""
    target_maksimal: TargetMaksimalRule = TargetMaksimalRule.EXACTLY_100
    """When a maximum attainable target scores 120 (Lampiran, S10 p.101): met exactly (above 100 % is refused) or at least."""


# --- the formulas -----------------------------------------------------------------------------


def capaian_exact(iki: Indicator) -> tuple[Fraction, Decimal]:
    """(capaian %, the reference value compared with), exactly; same formulas as :mod:`kinerja.indicators`."""
    if iki.realization is None:
        raise ValidationError.one("realization", "not realised: capaian cannot be computed (missing is not zero)")
    r = iki.realization.value
    ref = range_reference(r, iki.target) if iki.target.is_range else iki.target.low
    q = percent_of(r, ref)  # r / ref x 100, exact integers
    if iki.direction is Direction.HIGHER_IS_BETTER:
        return to_fraction(q), ref
    return Fraction(200 * q[1] - q[0], q[1]), ref


def capaian_iki(iki: Indicator) -> Decimal:
    """Capaian IKI in percent, unrounded (spec §2.3, rows T2, T3).

    >>> from kinerja.model import Target, Realization
    >>> capaian_iki(Indicator("a", target=Target(95), realization=Realization(93)))
    Decimal('97.89473684210526315789473684210526315789')
    >>> capaian_iki(Indicator("b", target=Target(80, 90), realization=Realization(70)))
    Decimal('87.5')
    """
    return fraction_to_decimal(capaian_exact(iki)[0])


_DEFAULT_PARAMS: Final = Permenpanrb8Params()


def refusal(c: Fraction, target_maksimal: bool, params: Permenpanrb8Params) -> str | None:
    """Why capaian *c* (as used for the lookup) cannot be scored under *params*, or ``None``."""
    if target_maksimal and c > 100 and params.target_maksimal is TargetMaksimalRule.EXACTLY_100:
        return (
            f"capaian {fraction_to_decimal(c)} % is above 100 % of a maximum attainable target (target_maksimal): a maximum "
            "cannot be exceeded; correct the realisation or the flag (TargetMaksimalRule.AT_LEAST_100 scores it 120)"
        )
    if c < 0 and params.negative_capaian is NegativeCapaian.REFUSE:
        return (
            f"capaian {fraction_to_decimal(c)} % is below 0 % (less is better, realisation above twice the target), "
            "refused under NegativeCapaian.REFUSE"
        )
    return None


def maksimal_met(c: Fraction, target_maksimal: bool) -> bool:
    """True when capaian *c* of a maximum attainable target scores 120, Sangat Baik (Lampiran p.101)."""
    return target_maksimal and c >= 100  # above 100 only reaches here under TargetMaksimalRule.AT_LEAST_100


def nilai_exact(
    c: Fraction, target_maksimal: bool, table: Ladder[Segment] = NILAI_CAPAIAN_IKI, top: Decimal = SCALE_MAX
) -> Fraction:
    """The nilai capaian IKI of capaian *c* (as used for the lookup), exactly, from *table*; a maximum attainable
    target met scores the top of the scale, *top*."""
    if maksimal_met(c, target_maksimal):
        return Fraction(top)
    return table.classify_exact(c).at(c)


def kategori_exact(c: Fraction, target_maksimal: bool, table: Ladder[Predikat] = KATEGORI_CAPAIAN_IKI) -> Predikat:
    """The kategori capaian IKI of capaian *c* (as used for the lookup), from *table*."""
    if maksimal_met(c, target_maksimal):
        return Predikat.SANGAT_BAIK
    return table.classify_exact(c)


def _checked(
    capaian: Decimal, target_maksimal: bool, places: int | None, params: Permenpanrb8Params | None
) -> Fraction:
    used = round_exact(Fraction(capaian), places)
    why = refusal(used, target_maksimal, params or _DEFAULT_PARAMS)
    if why is not None:
        raise ValidationError.one("capaian", why)
    return used


def nilai_capaian_iki(
    capaian: Decimal, *, target_maksimal: bool = False, places: int | None = 0, params: Permenpanrb8Params | None = None
) -> Decimal:
    """The nilai capaian IKI of a capaian (percent), rounded to *places* first (spec §2.4).

    *params* supplies the decisions on a negative capaian and on a maximum attainable target
    (default :class:`Permenpanrb8Params`): a capaian above 100 % of a maximum target is a
    contradiction and is refused.

    >>> nilai_capaian_iki(Decimal("97.89")), nilai_capaian_iki(Decimal("100"), target_maksimal=True)
    (Decimal('88'), Decimal('120'))
    >>> nilai_capaian_iki(Decimal("105"), target_maksimal=True)
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: capaian: capaian 105 % is above 100 % of a maximum attainable target ...
    >>> nilai_capaian_iki(Decimal("105"), target_maksimal=True,
    ...                   params=Permenpanrb8Params(target_maksimal=TargetMaksimalRule.AT_LEAST_100))
    Decimal('120')
    """
    return fraction_to_decimal(nilai_exact(_checked(capaian, target_maksimal, places, params), target_maksimal))


def kategori_capaian_iki(
    capaian: Decimal, *, target_maksimal: bool = False, places: int | None = 0, params: Permenpanrb8Params | None = None
) -> Predikat:
    """The kategori of a capaian IKI (Cukup is :attr:`Predikat.BUTUH_PERBAIKAN`), rounded to *places* first.

    Refuses what :func:`nilai_capaian_iki` refuses.

    >>> [label(kategori_capaian_iki(Decimal(c))) for c in ("101", "100.4", "99.5", "80", "79", "59")]
    ['Sangat Baik', 'Baik', 'Baik', 'Cukup', 'Kurang', 'Sangat Kurang']
    """
    return kategori_exact(_checked(capaian, target_maksimal, places, params), target_maksimal)


_LABELS: Final = {Predikat.BUTUH_PERBAIKAN: "Cukup", Predikat.KURANG: "Kurang"}


def label(predikat: Predikat) -> str:
    """The label PP 30/2019 and PermenPANRB 8/2021 print (Cukup, Kurang) for a :class:`~kinerja.model.Predikat`.

    >>> label(Predikat.BUTUH_PERBAIKAN), label(Predikat.SANGAT_BAIK)
    ('Cukup', 'Sangat Baik')
    """
    return _LABELS.get(predikat, predikat.label)


def predikat_for(
    value: Fraction, ide_baru: bool, kurang_min: Decimal = KURANG_MIN, bands: Ladder[Predikat] = PREDIKAT_BANDS
) -> Predikat:
    """The predikat of an exact nilai (the band value) in *bands* with the Kurang edge *kurang_min*: Sangat Baik
    only with a recorded new idea (spec §2.2)."""
    p = _with_kurang_min(bands, kurang_min).classify_exact(value)
    if p is Predikat.SANGAT_BAIK and not ide_baru:
        return Predikat.BAIK
    return p


def predikat_kinerja(nilai: Decimal, *, ide_baru: bool = False, params: Permenpanrb8Params | None = None) -> Predikat:
    """Predikat for a nilai kinerja on the 0–120 scale: Sangat Baik needs 110–120 *and* a recorded new idea (spec §2.2).

    A nilai outside 0–120 is refused (the scale ends at 120, Pasal 41(5)); *params* gives the
    Kurang / Sangat Kurang edge (``kurang_min``, default 50).

    >>> label(predikat_kinerja(Decimal(115))), label(predikat_kinerja(Decimal(115), ide_baru=True))
    ('Baik', 'Sangat Baik')
    >>> predikat_kinerja(Decimal(125), ide_baru=True)
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: nilai: a nilai kinerja lies on the 0-120 scale, got 125
    """
    if not 0 <= nilai <= SCALE_MAX:
        raise ValidationError.one("nilai", f"a nilai kinerja lies on the 0-120 scale, got {nilai}")
    return predikat_for(Fraction(nilai), ide_baru, (params or _DEFAULT_PARAMS).kurang_min)


# --- the rule ---------------------------------------------------------------------------------

OUTPUTS: Final[tuple[OutputField, ...]] = (
    OutputField("jumlah_iki", "integer", "number of indikator kinerja utama"),
    OutputField("nilai_ku", "decimal", "Nilai KU: total nilai tertimbang of the kinerja utama (exact)"),
    OutputField("nilai_kt_total", "decimal", "total nilai tertimbang of the kinerja tambahan before the cap"),
    OutputField("nilai_kt", "decimal", "Nilai KT: the total, converted to 10 when above 10"),
    OutputField("nilai_skp", "decimal", "Nilai SKP = Nilai KU + Nilai KT (exact; at most 120 under CapOn.NILAI_SKP)"),
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


# --- the documents and the scoring: machinery, in private modules that read the tables above ----------

from kinerja.rules.permenpanrb_8_2021._documents import (  # noqa: E402
    PERCENT_UNITS,
    Iki,
    KinerjaTambahan,
    Permenpanrb8Document,
    is_percent,
)
from kinerja.rules.permenpanrb_8_2021._score import Outcome, nilai_kinerja  # noqa: E402


@attrs.frozen
class Permenpanrb8Rule(ParamsRule, document=Permenpanrb8Document, outputs=OUTPUTS, scorer=nilai_kinerja):
    """The ``permenpanrb-8-2021`` regime; ``params`` holds the choices on the open questions.

    A variant: ``attrs.evolve(RULE, params=Permenpanrb8Params(capaian_places=None))``.
    """

    params: Permenpanrb8Params = attrs.field(factory=Permenpanrb8Params)
    info: RuleInfo = INFO


RULE: Final = Permenpanrb8Rule()
"""The registered ``permenpanrb-8-2021`` rule with the default parameters."""


def example_document() -> dict[str, Any]:
    """A complete, valid ``permenpanrb-8-2021`` JSON document (the spec's rows T1 and T2, weighted 40/60).

    >>> import kinerja
    >>> kinerja.evaluate(example_document())["values"]["predikat"]
    'BAIK'
    """
    from kinerja import bundled  # deferred: reading package data needs importlib.resources, scoring does not

    return bundled.example("permenpanrb-8-2021")
