"""PermenPANRB 6/2022 — *Pengelolaan Kinerja Pegawai ASN*, the current regime (PNS and PPPK), from 2022.

Registered as ``permenpanrb-6-2022``; :func:`kinerja.rules.for_period` picks it for
periods from 2022-01-01 (spec ``regulations.md`` §3). This package's ``__init__`` holds the
regulation; private modules hold the document (``_documents``), the rating policies
(``_policies``), the rule (``_regime``) and the annual roll-up (``_rollup``). The regime has
deliberately **no numeric score** (spec §3.6): an evaluation gives two ratings and a predikat::

    rating hasil kerja   (HK)  Di Atas / Sesuai / Di Bawah Ekspektasi   the penilai's judgement
    rating perilaku kerja (PK) Di Atas / Sesuai / Di Bawah Ekspektasi   the penilai's judgement
                                                                         (BerAKHLAK, seven values)
    predikat = MATRIX[HK, PK]                                            kuadran kinerja pegawai

    HK \\ PK      Di Bawah        Sesuai            Di Atas
    Di Atas      Kurang          Baik              Sangat Baik
    Sesuai       Kurang          Baik              Baik
    Di Bawah     Sangat Kurang   Butuh Perbaikan   Butuh Perbaikan

The document is a :class:`Permenpanrb6Document` (one employee, one evaluation period): rencana hasil
kerja (:class:`Rhk`) with their indicators (target, realisation, evidence), the
seven BerAKHLAK ratings (:class:`Perilaku`) with optional feedback, and the penilai's
two ratings. ``RULE.evaluate(skp)`` returns a :class:`~kinerja.result.Result` with
``hasil_kerja``, ``perilaku_kerja`` (ekspektasi), ``predikat``, where each rating came
from (``hasil_kerja_source``, ``perilaku_kerja_source``) and the ``unit``.

**Who gives the ratings.** The regulation gives no formula: both ratings are the
pejabat penilai kinerja's judgement from realisation, evidence and feedback (spec §3.1
[C2]), so by default the rule takes the ratings the document carries and refuses a
document without them. Agencies that derive ratings from data plug in a
:class:`RatingPolicy` — :class:`HasilKerjaFromIndicators` (HK from indicator
achievement, configurable thresholds) and :class:`PerilakuKerjaFromBerakhlak` (PK from
the seven per-value ratings, configurable rule). Those are **agency choices, not
national rules**; configure them with :meth:`Permenpanrb6Rule.with_policies`.

**Unit heads.** An employee who heads a unit (``kepala_unit``) takes the unit's
performance as HK rating (spec §3.1 [C1: S18]); the five-level organisation predikat
becomes a three-level rating through :class:`LeaderMapping`.

**Periodic and annual.** Evaluation is both periodic and annual (Pasal 5 [C2]); the
agency picks the periodic cadence — monthly, quarterly or semester [R: monthly seen in
BKN e-Kinerja exports, quarterly in the Lampiran's examples] — so any evaluation period
inside one calendar year is accepted. The annual
result comes from :meth:`Permenpanrb6Rule.annual` (module function :func:`annual`) with a
pluggable :class:`Rollup`.

Decisions on the spec's open questions (each a parameter with a documented default):

* **Periodic → annual roll-up, and several SKP in one year** (open question 6).
  Default :class:`FinalEvaluation`: the annual predikat is the evaluation of the final
  period, the one that ends on 31 December (the longest of them if several do, e.g. a
  separate Jan–Dec annual evaluation next to the December one). Reasons: no averaging
  rule exists; the Lampiran labels the last quarter "Triwulan IV-Akhir" (the last
  periodic evaluation *is* the year-end one) [C1: S19], and e-Kinerja practice treats
  the TW4 / December evaluation as the annual predikat [C1 practice, R rule]. An
  employee who moved unit during the year (several SKP) gets one annual result: the
  final evaluation of the SKP in force at year end, whose penilai is expected to weigh
  the earlier SKP's evaluations [R: our reading, not a cited rule]; the explanation
  lists every SKP and says which evaluation was used. :class:`WorstPeriodic` and
  :class:`MostFrequent` are agency alternatives.
* **Unit head mapping** (open question 7). Default :class:`LeaderMapping`: Istimewa →
  Di Atas, Baik → Sesuai, Butuh Perbaikan / Kurang / Sangat Kurang → Di Bawah.
  Reason: Istimewa is "beyond the agreed target" (above expectation), Baik "as agreed";
  below that the targets were not met. With a PK of Sesuai it puts the head on the
  predikat the SE 3/2023 curve makes most common in the unit only under Baik (Baik) and
  Butuh Perbaikan (Butuh Perbaikan); under Istimewa a PK of Di Atas is needed for Sangat
  Baik, and under Kurang or Sangat Kurang (whose curves make Kurang/Misconduct or Sangat
  Kurang the largest group) a head with acceptable behaviour gets Butuh Perbaikan, not
  the unit's dominant predikat: the 3×3 matrix cannot reach Kurang without a PK of Di
  Bawah. An agency that wants otherwise passes its own :class:`LeaderMapping`.
* **"Majority + max 70 %" and small-unit rounding** (open question 8): see
  :mod:`kinerja.distribution` (default: more than half; shares compared exactly).

>>> import kinerja
>>> from kinerja.model import Ekspektasi as E
>>> predikat(E.SESUAI, E.DI_ATAS).label, predikat(E.DI_ATAS, E.DI_BAWAH).label
('Baik', 'Kurang/Misconduct')
>>> result = kinerja.rules.get("permenpanrb-6-2022").evaluate(kinerja.load(example_document())[1])
>>> result["predikat"].label, result["hasil_kerja_source"]
('Baik', 'penilai')
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

from kinerja.dated import Dated, Entry
from kinerja.errors import Problems, ValidationError
from kinerja.explain import Source
from kinerja.model import Ekspektasi, Predikat
from kinerja.result import OutputField, Result
from kinerja.rules import RuleInfo

__all__ = [
    "ASSESSOR",
    "BERAKHLAK",
    "FINAL",
    "INFO",
    "KUADRAN",
    "MATRIX",
    "OUTPUTS",
    "RULE",
    "AssessorRating",
    "Evaluation",
    "FinalEvaluation",
    "HasilKerjaFromIndicators",
    "LeaderMapping",
    "MostFrequent",
    "Perilaku",
    "PerilakuKerjaFromBerakhlak",
    "Permenpanrb6Document",
    "Permenpanrb6Rule",
    "RatingPolicy",
    "Rhk",
    "Rollup",
    "WorstPeriodic",
    "annual",
    "example_document",
    "predikat",
]

PERMEN = "PermenPANRB 6/2022"

SRC_REGIME = Source(PERMEN, "Pengelolaan Kinerja Pegawai ASN (PNS dan PPPK); Pasal 24-25 evaluasi kinerja")
SRC_SE = Source("SE MenPANRB 3/2023", "tata cara penetapan predikat kinerja pegawai", "C1")
SRC_PERIOD = Source(PERMEN, "Pasal 5: evaluasi kinerja periodik (bulanan, triwulanan atau semesteran) dan tahunan")
SRC_HK = Source(PERMEN, "Pasal 24-25; Lampiran: rating hasil kerja = penilaian pejabat penilai kinerja (no formula)")
SRC_PK = Source(PERMEN, "Pasal 24-25; Lampiran: rating perilaku kerja = penilaian pejabat penilai kinerja (BerAKHLAK)")
SRC_BERAKHLAK = Source("SE MenPANRB 20/2021; PermenPANRB 6/2022", "core values BerAKHLAK as perilaku kerja", "C1")
SRC_MATRIX = Source(PERMEN, "Lampiran, kuadran kinerja pegawai (predikat = matrix of HK and PK ratings)")
SRC_LEADER = Source(
    PERMEN,
    "Lampiran (evaluasi kinerja): a unit head's rating hasil kerja is the unit's capaian kinerja organisasi "
    "(one secondary source, S18)",
    "C1",
)
SRC_LEADER_MAP = Source(
    "kinerja default (spec open question 7)", "predikat organisasi -> rating hasil kerja; agency-configurable", "agency"
)
SRC_FINAL = Source(
    PERMEN, "Lampiran, Anak Lampiran 4: period 'Triwulan IV-Akhir' - the final evaluation is the annual one", "C1"
)
SRC_MUTASI = Source(
    "kinerja default (spec open question 6)",
    "several SKP in one year: the final evaluation of the SKP in force at year end",
    "R",
)
AGENCY: Final = "agency choice (not a national rule)"
"""The regulation of every source that is an agency's choice, not the national rule (rating policies, roll-ups)."""

BERAKHLAK: Final[tuple[tuple[str, str], ...]] = (
    ("berorientasi_pelayanan", "Berorientasi Pelayanan"),
    ("akuntabel", "Akuntabel"),
    ("kompeten", "Kompeten"),
    ("harmonis", "Harmonis"),
    ("loyal", "Loyal"),
    ("adaptif", "Adaptif"),
    ("kolaboratif", "Kolaboratif"),
)
"""The seven BerAKHLAK core values, the perilaku kerja of 6/2022: (field name, label) [C1: S20; adoption C2]."""

_E = Ekspektasi
_P = Predikat
MATRIX: Final[Mapping[tuple[Ekspektasi, Ekspektasi], Predikat]] = MappingProxyType(
    {
        (_E.DI_ATAS, _E.DI_BAWAH): _P.KURANG,
        (_E.DI_ATAS, _E.SESUAI): _P.BAIK,
        (_E.DI_ATAS, _E.DI_ATAS): _P.SANGAT_BAIK,
        (_E.SESUAI, _E.DI_BAWAH): _P.KURANG,
        (_E.SESUAI, _E.SESUAI): _P.BAIK,
        (_E.SESUAI, _E.DI_ATAS): _P.BAIK,
        (_E.DI_BAWAH, _E.DI_BAWAH): _P.SANGAT_KURANG,
        (_E.DI_BAWAH, _E.SESUAI): _P.BUTUH_PERBAIKAN,
        (_E.DI_BAWAH, _E.DI_ATAS): _P.BUTUH_PERBAIKAN,
    }
)
"""The kuadran kinerja pegawai: (rating hasil kerja, rating perilaku kerja) → predikat (spec §3.3 [C2: S15, S46, S19])."""

KUADRAN: Final[Dated[Mapping[tuple[Ekspektasi, Ekspektasi], Predikat]]] = Dated(
    "kuadran kinerja pegawai (PermenPANRB 6/2022)",
    (Entry(_dt.date(2022, 1, 1), MATRIX, SRC_MATRIX),),
)
"""The kuadran as a dated parameter: an amended matrix is one more :class:`~kinerja.dated.Entry` with its date
and source, and a period is scored with the matrix in force when it starts (earlier periods keep theirs)."""


def predikat(hasil_kerja: Ekspektasi | str, perilaku_kerja: Ekspektasi | str) -> Predikat:
    """The predikat of a pair of ratings, from :data:`MATRIX` (labels are parsed leniently).

    >>> predikat("Di Atas Ekspektasi", "Diatas").label, predikat("Dibawah", "Di Bawah").label
    ('Sangat Baik', 'Sangat Kurang')
    >>> predikat("Bagus", "Sesuai")
    Traceback (most recent call last):
    ...
    kinerja.errors.ValidationError: hasil_kerja: unknown Ekspektasi 'Bagus'; expected one of DI_BAWAH, SESUAI, DI_ATAS
    """
    ps = Problems()
    hk = pk = None
    try:
        hk = Ekspektasi.parse(hasil_kerja, "hasil_kerja")
    except ValidationError as exc:
        ps.extend(exc)
    try:
        pk = Ekspektasi.parse(perilaku_kerja, "perilaku_kerja")
    except ValidationError as exc:
        ps.extend(exc)
    ps.raise_if_any()
    assert hk is not None and pk is not None
    return MATRIX[hk, pk]


# --- the rule ------------------------------------------------------------------------------

INFO: Final[RuleInfo] = RuleInfo.regime(
    "permenpanrb-6-2022",
    "PermenPANRB 6/2022 - Pengelolaan Kinerja Pegawai ASN",
    _dt.date(2022, 1, 1),
    None,
    sources=(SRC_REGIME, SRC_MATRIX, SRC_SE),
    description="Rating hasil kerja x rating perilaku kerja -> predikat (kuadran kinerja), PNS and PPPK; no numeric score.",
)

OUTPUTS: Final[tuple[OutputField, ...]] = (
    OutputField("hasil_kerja", "ekspektasi", "rating hasil kerja"),
    OutputField(
        "hasil_kerja_source", "text", "where HK came from: penilai, kinerja-organisasi (unit head) or an agency policy"
    ),
    OutputField("perilaku_kerja", "ekspektasi", "rating perilaku kerja"),
    OutputField("perilaku_kerja_source", "text", "where PK came from: penilai or an agency policy"),
    OutputField("predikat", "predikat", "predikat kinerja pegawai (kuadran kinerja)"),
    OutputField("unit", "text", "the employee's unit, as given"),
    OutputField("rollup", "text", "annual results only: the roll-up that chose the evaluation", optional=True),
    OutputField("evaluations", "integer", "annual results only: evaluations rolled up", optional=True),
    OutputField(
        "skp_count", "integer", "annual results only: SKP held in the year (more than 1 after a move)", optional=True
    ),
    OutputField("from_period", "text", "annual results only: the period of the evaluation used", optional=True),
)

# --- the documents, the rating policies, the rule and the annual roll-up: machinery, in private modules ----------

from kinerja.rules.permenpanrb_6_2022._documents import Perilaku, Permenpanrb6Document, Rhk  # noqa: E402
from kinerja.rules.permenpanrb_6_2022._policies import (  # noqa: E402
    ASSESSOR,
    AssessorRating,
    HasilKerjaFromIndicators,
    LeaderMapping,
    PerilakuKerjaFromBerakhlak,
    RatingPolicy,
)
from kinerja.rules.permenpanrb_6_2022._regime import Permenpanrb6Rule  # noqa: E402
from kinerja.rules.permenpanrb_6_2022._rollup import (  # noqa: E402
    FINAL,
    Evaluation,
    FinalEvaluation,
    MostFrequent,
    Rollup,
    WorstPeriodic,
)

RULE: Final = Permenpanrb6Rule()
"""The registered rule: ``kinerja.rules.get("permenpanrb-6-2022")``."""


def annual(
    items: Sequence[Permenpanrb6Document | Result], rollup: Rollup | None = None, *, year: int | None = None
) -> Result:
    """One annual result from the evaluations of one employee's year, under :data:`RULE`.

    *items* are :class:`Permenpanrb6Document` documents (rated with :data:`RULE`; for agency policies
    call :meth:`Permenpanrb6Rule.annual` on the configured rule) or their results; all of one
    employee and one calendar year (*year*, default the year of the first item). Several
    SKP (units) in the year are fine: the result is one, and its explanation says how.
    *rollup* defaults to :data:`FINAL`.

    >>> import attrs, kinerja
    >>> from kinerja.model import Period
    >>> doc = kinerja.load(example_document())[1]
    >>> q = [attrs.evolve(doc, period=Period.quarter(2025, k), hasil_kerja=hk)
    ...      for k, hk in zip((1, 2, 3, 4), ("Di Bawah", "Sesuai", "Sesuai", "Di Atas"))]
    >>> a = annual(q)
    >>> a["predikat"].label, a["from_period"], a["evaluations"]
    ('Baik', '2025-10-01..2025-12-31', 4)
    >>> annual(q, WorstPeriodic())["predikat"].label
    'Butuh Perbaikan'
    """
    return RULE.annual(items, rollup, year=year)


def example_document() -> dict[str, Any]:
    """A complete annual SKP evaluation in JSON form (a fungsional Ahli Muda, Baik)."""
    from kinerja import bundled  # deferred: reading package data needs importlib.resources, scoring does not

    return bundled.example("permenpanrb-6-2022")


_RENAMED: Final = {"Skp": "Permenpanrb6Document", "Regime": "Permenpanrb6Rule"}
"""The former class names (until the one naming pattern of every regime, issue 15) -> the current ones."""


def __getattr__(name: str) -> object:
    """``Skp`` and ``Regime``, the former names of this regime's classes, for one release, with a warning."""
    new = _RENAMED.get(name)
    if new is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(
        f"{__name__}.{name} is deprecated and will be removed in the next release; use {new}",
        DeprecationWarning,
        stacklevel=2,
    )
    return globals()[new]
