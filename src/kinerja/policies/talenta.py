"""Talent box (manajemen talenta, the 9-box): PermenPANRB 3/2020 (spec §6).

The talent map crosses a **kinerja** level (Di Bawah / Sesuai / Di Atas
Ekspektasi) with a **potensial** level (Rendah / Menengah / Tinggi) and numbers
the nine boxes exactly as :data:`BOX_GRID` (spec §6.1)::

    Di Atas    4  7  9
    Sesuai     2  5  8
    Di Bawah   1  3  6
             Ren Men Tin

Boxes 7, 8 and 9 form the talent pool (succession candidates). Each box has a
recommended follow-up (:data:`RECOMMENDATIONS`, spec §6.2, [C1]).

An axis may arrive as a level, or as a number that a :class:`~kinerja.policy.Ladder`
of cut-offs turns into a level. PermenPANRB 3/2020 fixes no numeric cut-offs
(spec §6.3): they are an agency's choice, with the default
:data:`DEFAULT_KINERJA_CUTOFFS` / :data:`DEFAULT_POTENSI_CUTOFFS` (90 and 70 on a
0-100 scale, one of the examples seen in SIMPEG code). The kinerja axis may also
arrive as a predikat, mapped by :data:`DEFAULT_PREDIKAT_TO_KINERJA` (agency choice).

>>> TalentBoxPolicy().decide(TalentFacts(kinerja="Di Atas", potensi="Tinggi")).outcome
9
>>> box_of(Ekspektasi.SESUAI, Potensi.RENDAH)
2
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from kinerja.errors import Problems, ValidationError, collect, quote
from kinerja.explain import Source
from kinerja.model import Ekspektasi, Employee, Predikat, RankedEnum, decimal_field, enum_field, register_labels
from kinerja.numbers import fmt
from kinerja.policies._common import BundlePart, PartPolicy, subject_of
from kinerja.policy import Decision, Ladder, Requirement

__all__ = [
    "BOX_GRID",
    "DEFAULT_KINERJA_CUTOFFS",
    "DEFAULT_POTENSI_CUTOFFS",
    "DEFAULT_PREDIKAT_TO_KINERJA",
    "RECOMMENDATIONS",
    "SCORE_MAX",
    "SCORE_MIN",
    "TALENT_POOL",
    "Potensi",
    "TalentBoxPolicy",
    "TalentFacts",
    "box_of",
]

L = TypeVar("L")

SRC_GRID = Source("PermenPANRB 3/2020", "Lampiran, kotak manajemen talenta (9-box)", "C2")
SRC_RECOMMENDATION = Source(
    "PermenPANRB 3/2020", "Lampiran, rekomendasi per kotak (one code base matching memory)", "C1"
)
SRC_POOL = Source("PermenPANRB 3/2020", "kelompok rencana suksesi: kotak 7, 8, 9", "C2")
SRC_CUTOFFS = Source("agency choice", "illustrative axis cut-offs 90/70 seen in SIMPEG code (spec §6.3)", "agency")
SRC_PREDIKAT_MAP = Source("agency choice", "predikat → kinerja axis (no national mapping, spec §3.6)", "agency")


@register_labels(labels={"RENDAH": "Rendah", "MENENGAH": "Menengah", "TINGGI": "Tinggi"})
class Potensi(RankedEnum):
    """Potential level on the talent map (potensial rendah / menengah / tinggi), low → high."""

    RENDAH = "RENDAH"
    MENENGAH = "MENENGAH"
    TINGGI = "TINGGI"


BOX_GRID: Mapping[tuple[Ekspektasi, Potensi], int] = MappingProxyType(
    {
        (Ekspektasi.DI_ATAS, Potensi.RENDAH): 4,
        (Ekspektasi.DI_ATAS, Potensi.MENENGAH): 7,
        (Ekspektasi.DI_ATAS, Potensi.TINGGI): 9,
        (Ekspektasi.SESUAI, Potensi.RENDAH): 2,
        (Ekspektasi.SESUAI, Potensi.MENENGAH): 5,
        (Ekspektasi.SESUAI, Potensi.TINGGI): 8,
        (Ekspektasi.DI_BAWAH, Potensi.RENDAH): 1,
        (Ekspektasi.DI_BAWAH, Potensi.MENENGAH): 3,
        (Ekspektasi.DI_BAWAH, Potensi.TINGGI): 6,
    }
)
"""Box number per (kinerja, potensial), spec §6.1 [C2]."""

RECOMMENDATIONS: Mapping[int, tuple[str, ...]] = MappingProxyType(
    {
        9: ("promote and retain", "succession group at instansi/national level", "award"),
        8: ("retain", "succession group (instansi)", "rotation / job enlargement", "performance coaching"),
        7: (
            "retain",
            "succession group (instansi)",
            "rotation / job enrichment",
            "competence development",
            "study assignment",
        ),
        6: ("suitable placement", "performance coaching", "performance counselling"),
        5: ("suitable placement", "performance coaching", "competence development"),
        4: ("rotation", "competence development"),
        3: ("performance coaching and counselling", "competence development", "suitable placement"),
        2: ("performance coaching", "competence development", "suitable placement"),
        1: ("processed under the applicable rules (discipline / performance sanctions)",),
    }
)
"""Recommended follow-up per box, spec §6.2 [C1]."""

TALENT_POOL: frozenset[int] = frozenset({7, 8, 9})
"""Boxes forming the talent pool / succession candidates, spec §6.2 [C2]."""

DEFAULT_KINERJA_CUTOFFS: Ladder[Ekspektasi] = Ladder(
    [(90, Ekspektasi.DI_ATAS), (70, Ekspektasi.SESUAI)], floor=Ekspektasi.DI_BAWAH, source=SRC_CUTOFFS
)
"""Agency default for a numeric kinerja axis: >= 90 Di Atas, >= 70 Sesuai, else Di Bawah."""

DEFAULT_POTENSI_CUTOFFS: Ladder[Potensi] = Ladder(
    [(90, Potensi.TINGGI), (70, Potensi.MENENGAH)], floor=Potensi.RENDAH, source=SRC_CUTOFFS
)
"""Agency default for a numeric potential axis: >= 90 Tinggi, >= 70 Menengah, else Rendah."""

DEFAULT_PREDIKAT_TO_KINERJA: Mapping[Predikat, Ekspektasi] = MappingProxyType(
    {
        Predikat.SANGAT_BAIK: Ekspektasi.DI_ATAS,
        Predikat.BAIK: Ekspektasi.SESUAI,
        Predikat.BUTUH_PERBAIKAN: Ekspektasi.DI_BAWAH,
        Predikat.KURANG: Ekspektasi.DI_BAWAH,
        Predikat.SANGAT_KURANG: Ekspektasi.DI_BAWAH,
    }
)
"""Agency default: Sangat Baik → Di Atas, Baik → Sesuai, lower → Di Bawah Ekspektasi."""


SCORE_MIN = 0
SCORE_MAX = 100
"""Numeric axes are on a 0-100 scale (the default cut-offs and every example seen, spec §6.3)."""


def box_of(kinerja: Ekspektasi, potensi: Potensi) -> int:
    """The box number of a kinerja level and a potential level (spec §6.1)."""
    return BOX_GRID[(Ekspektasi.parse(kinerja, "kinerja"), Potensi.parse(potensi, "potensi"))]


@attrs.frozen
class TalentFacts:
    """The two axes of one employee: each as a level or as a number (exactly one per axis).

    Kinerja: ``kinerja`` (an :class:`~kinerja.model.Ekspektasi` level),
    ``kinerja_score`` (a number) or ``kinerja_predikat`` (a predikat kinerja).
    Potential: ``potensi`` (a :class:`Potensi` level) or ``potensi_score``.
    Scores lie within 0-100 (:data:`SCORE_MIN`-:data:`SCORE_MAX`).
    """

    kinerja: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    kinerja_score: Decimal | None = decimal_field(optional=True)
    kinerja_predikat: Predikat | None = enum_field(Predikat, default=None)
    potensi: Potensi | None = enum_field(Potensi, default=None)
    potensi_score: Decimal | None = decimal_field(optional=True)
    employee: Employee | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        given = [n for n in ("kinerja", "kinerja_score", "kinerja_predikat") if getattr(self, n) is not None]
        if len(given) != 1:
            ps.add(
                "kinerja",
                f"give exactly one of kinerja, kinerja_score, kinerja_predikat (got {', '.join(given) or 'none'})",
            )
        if (self.potensi is None) == (self.potensi_score is None):
            ps.add("potensi", "give exactly one of potensi, potensi_score")
        for name in ("kinerja_score", "potensi_score"):
            score = getattr(self, name)
            if score is not None and not SCORE_MIN <= score <= SCORE_MAX:
                ps.add(name, f"a score lies within {SCORE_MIN}-{SCORE_MAX}, got {fmt(score)}")
        ps.raise_if_any()


def _pred_map(value: Mapping[Any, Any]) -> Mapping[Predikat, Ekspektasi]:
    ps = Problems()

    def entry(kv: tuple[Any, Any]) -> tuple[Predikat, Ekspektasi]:
        k, v = kv
        level = Ekspektasi.parse(v, f"predikat_to_kinerja.{k}")  # the value first, as before
        return Predikat.parse(k, "predikat_to_kinerja"), level

    out = dict(collect(dict(value).items(), entry, problems=ps))
    for p in Predikat:
        if p not in out and not ps:
            ps.add(f"predikat_to_kinerja.{p.value}", "every predikat needs a kinerja level")
    ps.raise_if_any()
    return MappingProxyType(out)


def _ladder_check(labels: type[RankedEnum], name: str) -> Any:
    """Validate a cut-off ladder: levels of *labels*, cut-offs within 0-100, a higher cut-off for a higher level."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: Ladder[Any]) -> None:
        if not isinstance(value, Ladder):
            raise ValidationError.one(name, "expected a Ladder")
        for _, _, label in value.bounds():
            if not isinstance(label, labels):
                raise ValidationError.one(name, f"every band must be a {labels.__name__}, got {quote(label)}")
        ps = Problems()
        rungs = value.rungs  # highest cut-off first
        for rung in rungs:
            if not SCORE_MIN <= rung.lower <= SCORE_MAX:
                ps.add(
                    name,
                    f"the cut-off for {rung.label.label} lies within {SCORE_MIN}-{SCORE_MAX}, got {fmt(rung.lower)}",
                )
        for i, rung in enumerate(rungs):
            lower = rungs[i + 1].label if i + 1 < len(rungs) else value.floor
            where = f"at >= {fmt(rungs[i + 1].lower)}" if i + 1 < len(rungs) else "as the floor"
            if not rung.label > lower:
                ps.add(
                    name,
                    f"out of order: {lower.label} {where} is not a lower level than {rung.label.label} at "
                    f">= {fmt(rung.lower)}; a higher cut-off must give a higher level",
                )
        ps.raise_if_any()

    return check


@attrs.frozen
class TalentBoxPolicy(PartPolicy[TalentFacts]):
    """Place an employee in the 9-box, with the recommended follow-up and talent-pool membership.

    Parameters (agency choices): ``kinerja_cutoffs`` and ``potensi_cutoffs``
    (ladders for numeric axes, defaults 90/70: cut-offs within 0-100, a higher
    cut-off for a higher level, else a :class:`~kinerja.errors.ValidationError`
    naming the rung) and ``predikat_to_kinerja``.
    """

    part = BundlePart("talenta", "talenta", TalentFacts, "talent-map facts")
    kinerja_cutoffs: Ladder[Ekspektasi] = attrs.field(
        default=DEFAULT_KINERJA_CUTOFFS, validator=_ladder_check(Ekspektasi, "kinerja_cutoffs")
    )
    potensi_cutoffs: Ladder[Potensi] = attrs.field(
        default=DEFAULT_POTENSI_CUTOFFS, validator=_ladder_check(Potensi, "potensi_cutoffs")
    )
    predikat_to_kinerja: Mapping[Predikat, Ekspektasi] = attrs.field(
        default=DEFAULT_PREDIKAT_TO_KINERJA, converter=_pred_map
    )

    def _decide(self, facts: TalentFacts) -> Decision:
        kinerja, k_value, k_expected, k_source = self._kinerja(facts)
        potensi, p_value, p_expected, p_source = self._potensi(facts)
        box = BOX_GRID[(kinerja, potensi)]
        pool = box in TALENT_POOL
        reqs = (
            Requirement("kinerja axis", k_value, k_expected, True, k_source, note=f"level {kinerja.label}"),
            Requirement("potensial axis", p_value, p_expected, True, p_source, note=f"level {potensi.label}"),
            Requirement("talent pool (box 7, 8 or 9)", box, "box 7, 8 or 9", pool, SRC_POOL),
        )
        details: tuple[tuple[str, object], ...] = (
            ("kinerja", kinerja),
            ("potensial", potensi),
            ("box", box),
            ("box source", str(SRC_GRID)),
            ("talent pool", pool),
            ("recommendation", RECOMMENDATIONS[box]),
            ("recommendation source", str(SRC_RECOMMENDATION)),
        )
        summary = f"box {box} (kinerja {kinerja.label}, potensial {potensi.label})" + ("; talent pool" if pool else "")
        return Decision(self.name, subject_of(facts.employee), box, reqs, details, summary)

    def _kinerja(self, facts: TalentFacts) -> tuple[Ekspektasi, object, str, Source]:
        if facts.kinerja is not None:
            return facts.kinerja, facts.kinerja, "a kinerja level", SRC_GRID
        if facts.kinerja_predikat is not None:
            level = self.predikat_to_kinerja[facts.kinerja_predikat]
            return level, facts.kinerja_predikat, f"predikat mapped to {level.label}", SRC_PREDIKAT_MAP
        assert facts.kinerja_score is not None
        return _by_score(self.kinerja_cutoffs, facts.kinerja_score)

    def _potensi(self, facts: TalentFacts) -> tuple[Potensi, object, str, Source]:
        if facts.potensi is not None:
            return facts.potensi, facts.potensi, "a potensial level", SRC_GRID
        assert facts.potensi_score is not None
        return _by_score(self.potensi_cutoffs, facts.potensi_score)


def _by_score(cutoffs: Ladder[L], score: Decimal) -> tuple[L, object, str, Source]:
    """An axis read from a score: its level on the *cutoffs*, the score, the band it fell in, the cut-offs' source."""
    level = cutoffs.classify(score)
    return level, score, _band_text(cutoffs, level), cutoffs.source or SRC_CUTOFFS


def _band_text(ladder: Ladder[Any], level: object) -> str:
    for lower, upper, label in ladder.bounds():
        if label == level:
            lo = f">= {fmt(lower)}" if lower is not None else ""
            hi = f"< {fmt(upper)}" if upper is not None else ""
            return f"{' and '.join(x for x in (lo, hi) if x)} for {getattr(level, 'label', level)}"
    return str(level)
