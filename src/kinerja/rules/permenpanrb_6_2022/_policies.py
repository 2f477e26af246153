"""How the two ratings of a :class:`Permenpanrb6Document` are obtained: the penilai's own (the national rule), or an agency's policy.

Also the unit head's :class:`LeaderMapping` from the unit's predikat organisasi to the rating hasil kerja.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final, Literal, Protocol, runtime_checkable

import attrs

from kinerja.aggregation import Aggregator, Item, Mean
from kinerja.edge import held
from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Source, Step, Trace
from kinerja.indicators import capaian
from kinerja.model import Ekspektasi, PredikatOrganisasi, decimal_field, enum_field
from kinerja.numbers import ONE, round_half_up
from kinerja.policy import Ladder
from kinerja.rules.permenpanrb_6_2022 import AGENCY, BERAKHLAK, SRC_BERAKHLAK, SRC_HK, SRC_PK
from kinerja.rules.permenpanrb_6_2022._documents import Permenpanrb6Document

__all__ = [
    "ASSESSOR",
    "AssessorRating",
    "HasilKerjaFromIndicators",
    "LeaderMapping",
    "PerilakuKerjaFromBerakhlak",
    "RatingPolicy",
]


@runtime_checkable
class RatingPolicy(Protocol):
    """How a rating (HK or PK, depending on the slot it is plugged into) is obtained from a :class:`Permenpanrb6Document`.

    ``rate`` returns the rating, appending explanation :class:`~kinerja.explain.Step`
    objects only ``if trace is not None``; bad or missing input raises a
    :class:`~kinerja.errors.ValidationError` naming the field. ``name`` is reported
    as ``hasil_kerja_source`` / ``perilaku_kerja_source``.
    """

    @property
    def name(self) -> str: ...

    def rate(self, skp: Permenpanrb6Document, trace: Trace) -> Ekspektasi: ...


@attrs.frozen
class AssessorRating:
    """The national default: the rating the pejabat penilai kinerja gave (spec §3.1 [C2]).

    ``which`` is ``"hasil_kerja"`` or ``"perilaku_kerja"``. A document without that
    rating is refused with an error naming the field.
    """

    which: Literal["hasil_kerja", "perilaku_kerja"]
    name: str = "penilai"

    def rate(self, skp: Permenpanrb6Document, trace: Trace) -> Ekspektasi:
        rating: Ekspektasi | None = getattr(skp, self.which)
        if rating is None:
            what = "hasil kerja" if self.which == "hasil_kerja" else "perilaku kerja"
            raise ValidationError.one(
                self.which,
                f"the rating {what} is required: under PermenPANRB 6/2022 it is the pejabat penilai kinerja's "
                "judgement (no formula); give it, or configure a rating policy that derives it",
                "field.missing",
            )
        if trace is not None:
            if self.which == "hasil_kerja":
                rhk = held(skp, "rhk")  # counted as held: RHK and indicators not yet built are not built for a count
                groups = [held(r, "indicators") for r in rhk]
                inputs: dict[str, object] = {
                    "rhk": len(rhk),
                    "indicators": sum(map(len, groups)),
                    "realised": len([ind for inds in groups for ind in inds if ind.realization is not None]),
                    "hasil_kerja (penilai)": rating,
                }
                trace.append(Step("rating hasil kerja given by the pejabat penilai kinerja", SRC_HK, inputs, rating))
            else:
                inputs = {label: r for label, r in zip(_LABELS, skp.perilaku.rating_values()) if r is not None}
                inputs["perilaku_kerja (penilai)"] = rating
                trace.append(Step("rating perilaku kerja given by the pejabat penilai kinerja", SRC_PK, inputs, rating))
        return rating


_LABELS: Final = tuple(label for _, label in BERAKHLAK)
"""The labels of the seven BerAKHLAK values, in order (the inputs of a perilaku kerja step)."""

ASSESSOR: Final[tuple[AssessorRating, AssessorRating]] = (
    AssessorRating("hasil_kerja"),
    AssessorRating("perilaku_kerja"),
)
"""The default policies: the penilai's own HK and PK ratings."""


def _ladder_conv(inst: HasilKerjaFromIndicators) -> Ladder[Ekspektasi]:
    return Ladder([(inst.di_atas, Ekspektasi.DI_ATAS), (inst.sesuai, Ekspektasi.SESUAI)], floor=Ekspektasi.DI_BAWAH)


@attrs.frozen
class HasilKerjaFromIndicators:
    """AGENCY CHOICE, not a national rule: derive the HK rating from indicator achievement.

    PermenPANRB 6/2022 leaves the HK rating to the penilai's judgement (spec §3.1);
    an agency that wants it derived from data may use this policy and must own the
    thresholds. Steps:

    1. capaian of every indicator of every RHK (``tambahan`` RHK only with
       ``include_tambahan``): realisasi / target × 100, or the kondisi-khusus and range
       rules (:func:`kinerja.indicators.capaian`, from PermenPANRB 8/2021 Lampiran, spec §2.3);
    2. one value through ``aggregator`` (default: plain mean; an unrealised indicator
       is refused, naming its path — missing is not zero);
    3. rounded half-up to ``places`` decimals (default 0, whole percent, as the 8/2021
       practice before its category lookup; ``None`` = no rounding);
    4. ``>= di_atas`` → Di Atas, ``>= sesuai`` → Sesuai, else Di Bawah.

    The defaults 101 / 100 mirror the 8/2021 *kategori capaian IKI* (spec §2.3):
    above 100 % Sangat Baik ↔ Di Atas, exactly 100 % Baik ↔ Sesuai, below 100 % ↔ Di Bawah.

    >>> p = HasilKerjaFromIndicators()
    >>> [p.classify(Decimal(x)).label for x in ("100.5", "99.5", "99.4")]
    ['Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Di Bawah Ekspektasi']
    """

    di_atas: Decimal = decimal_field(default=Decimal(101))
    sesuai: Decimal = decimal_field(default=Decimal(100))
    places: int | None = 0
    aggregator: Aggregator = attrs.field(factory=Mean)
    include_tambahan: bool = False
    name: str = "capaian-indikator"
    _ladder: Ladder[Ekspektasi] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.di_atas <= self.sesuai:
            raise ValidationError.one(
                "di_atas", f"the Di Atas threshold ({self.di_atas}) must be above the Sesuai one ({self.sesuai})"
            )
        if self.places is not None and (
            isinstance(self.places, bool) or not isinstance(self.places, int) or self.places < 0
        ):
            raise ValidationError.one("places", f"expected a number of decimals >= 0 or None, got {quote(self.places)}")
        object.__setattr__(self, "_ladder", _ladder_conv(self))

    @property
    def source(self) -> Source:
        return Source(
            AGENCY,
            f"{self.name}: mean capaian >= {self.di_atas} Di Atas, >= {self.sesuai} Sesuai, else Di Bawah",
            "agency",
        )

    def classify(self, value: Decimal) -> Ekspektasi:
        """The rating of an achievement *value* in percent (rounded to ``places`` first, as :meth:`rate` does)."""
        if self.places is not None:
            value = round_half_up(value, self.places)
        return self._ladder.classify(value)

    def rate(self, skp: Permenpanrb6Document, trace: Trace) -> Ekspektasi:
        items: list[Item] = []
        ps = Problems()
        for i, rhk in enumerate(skp.rhk):
            if rhk.tambahan and not self.include_tambahan:
                continue
            for j, ind in enumerate(rhk.indicators):
                path = f"rhk[{i}].indicators[{j}]"
                value = None
                if ind.realization is not None:
                    try:
                        value = capaian(ind)
                    except ValidationError as exc:
                        ps.extend(exc, path)
                items.append(Item(f"{path}.realization", value, ind.weight if ind.weight is not None else ONE))
        ps.raise_if_any()
        if not items:
            raise ValidationError.one(
                "rhk",
                f"no indicator to derive the rating hasil kerja from (policy {quote(self.name)} needs at least one)",
            )
        agg = self.aggregator.aggregate(items)
        # rounding: this policy's own parameter (default whole percent, half-up), modelled on the
        # PermenPANRB 8/2021 practice of rounding capaian before the category lookup (spec §2.4 [D from C1])
        shown = agg.value if self.places is None else round_half_up(agg.value, self.places)
        rating = self._ladder.classify(shown)
        if trace is not None:
            trace.append(
                Step(
                    "capaian of each indicator (realisasi / target x 100; kondisi khusus and range rules)",
                    Source("PermenPANRB 8/2021", "Lampiran, capaian IKI (used here by agency choice)", "C1"),
                    {it.key: it.value for it in items},
                    agg.value,
                    note=f"{agg.method} over {len(agg.used)} indicator(s)"
                    + (f"; skipped (not realised): {', '.join(agg.skipped)}" if agg.skipped else ""),
                )
            )
            trace.append(
                Step(
                    "rating hasil kerja derived from indicator achievement",
                    self.source,
                    {"capaian": agg.value, "rounded": shown, "di_atas from": self.di_atas, "sesuai from": self.sesuai},
                    rating,
                    note="an agency choice; PermenPANRB 6/2022 leaves the rating to the penilai",
                )
            )
        return rating


@attrs.frozen
class PerilakuKerjaFromBerakhlak:
    """AGENCY CHOICE, not a national rule: derive the PK rating from the seven BerAKHLAK ratings.

    PermenPANRB 6/2022 rates perilaku kerja as one judgement (spec §3.2: no per-value
    aggregation in the regulation). This policy counts the per-value ratings:

    * at least ``di_bawah_at_least`` values Di Bawah → Di Bawah (default 1: one value
      below expectation is enough, as bad behaviour dominates in the matrix);
    * else at least ``di_atas_at_least`` values Di Atas → Di Atas (default 4, a majority
      of the seven);
    * else Sesuai.

    With ``require_all`` (default) every value must be rated, and each missing one is
    named (``perilaku.akuntabel``); without it the thresholds are applied, unchanged, to
    the values that were rated (at least one): they are absolute counts, not shares, so
    with three or fewer values rated the default can never give Di Atas. An agency that
    wants shares passes thresholds scaled to its own forms.

    >>> p = PerilakuKerjaFromBerakhlak()
    >>> p.decide([Ekspektasi.DI_ATAS] * 4 + [Ekspektasi.SESUAI] * 3).label
    'Di Atas Ekspektasi'
    """

    di_bawah_at_least: int = 1
    di_atas_at_least: int = 4
    require_all: bool = True
    name: str = "berakhlak"

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        for field in ("di_bawah_at_least", "di_atas_at_least"):
            v = getattr(self, field)
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= len(BERAKHLAK):
                ps.add(field, f"expected a count from 1 to {len(BERAKHLAK)}, got {quote(v)}")
        ps.raise_if_any()

    @property
    def source(self) -> Source:
        return Source(
            AGENCY,
            f"{self.name}: >= {self.di_bawah_at_least} Di Bawah -> Di Bawah; >= {self.di_atas_at_least} Di Atas -> Di Atas; else Sesuai",
            "agency",
        )

    def decide(self, ratings: Sequence[Ekspektasi]) -> Ekspektasi:
        """The PK rating for the given per-value ratings."""
        below = sum(1 for r in ratings if r is Ekspektasi.DI_BAWAH)
        above = sum(1 for r in ratings if r is Ekspektasi.DI_ATAS)
        if below >= self.di_bawah_at_least:
            return Ekspektasi.DI_BAWAH
        if above >= self.di_atas_at_least:
            return Ekspektasi.DI_ATAS
        return Ekspektasi.SESUAI

    def rate(self, skp: Permenpanrb6Document, trace: Trace) -> Ekspektasi:
        pairs = skp.perilaku.ratings()
        missing = [name for name, r in pairs if r is None]
        if missing and self.require_all:
            ps = Problems()
            for name in missing:
                ps.add(f"perilaku.{name}", f"not rated; policy {quote(self.name)} needs all seven BerAKHLAK values")
            ps.raise_if_any()
        given = [r for _, r in pairs if r is not None]
        if not given:
            raise ValidationError.one(
                "perilaku", f"no BerAKHLAK value is rated; policy {quote(self.name)} needs at least one"
            )
        rating = self.decide(given)
        if trace is not None:
            inputs: dict[str, object] = {label: r for (_, label), (_, r) in zip(BERAKHLAK, pairs)}
            trace.append(Step("the seven BerAKHLAK ratings", SRC_BERAKHLAK, inputs, len(given)))
            trace.append(
                Step(
                    "rating perilaku kerja derived from the BerAKHLAK ratings",
                    self.source,
                    {
                        "Di Bawah": sum(1 for r in given if r is Ekspektasi.DI_BAWAH),
                        "Sesuai": sum(1 for r in given if r is Ekspektasi.SESUAI),
                        "Di Atas": sum(1 for r in given if r is Ekspektasi.DI_ATAS),
                    },
                    rating,
                    note="an agency choice; PermenPANRB 6/2022 leaves the rating to the penilai",
                )
            )
        return rating


@attrs.frozen
class LeaderMapping:
    """How a unit head's HK rating follows from the unit's organisation predikat (spec §3.1; open question 7).

    The regulation says the unit's performance *is* the head's HK rating [C1: S18] but
    gives no five-to-three mapping. Default (a kinerja decision, configurable by the
    agency): Istimewa → Di Atas, Baik → Sesuai, Butuh Perbaikan, Kurang and Sangat
    Kurang → Di Bawah (see the module docstring for the reasons).

    >>> LeaderMapping()[PredikatOrganisasi.ISTIMEWA].label
    'Di Atas Ekspektasi'
    >>> LeaderMapping(butuh_perbaikan="Sesuai")[PredikatOrganisasi.BUTUH_PERBAIKAN].label
    'Sesuai Ekspektasi'
    """

    istimewa: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.DI_ATAS)
    baik: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.SESUAI)
    butuh_perbaikan: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.DI_BAWAH)
    kurang: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.DI_BAWAH)
    sangat_kurang: Ekspektasi = enum_field(Ekspektasi, default=Ekspektasi.DI_BAWAH)

    def __getitem__(self, org: PredikatOrganisasi | str) -> Ekspektasi:
        org = PredikatOrganisasi.parse(org, "predikat_organisasi")
        rating: Ekspektasi = getattr(self, org.name.lower())
        return rating

    def describe(self) -> str:
        return ", ".join(f"{o.label} -> {self[o].label}" for o in reversed(PredikatOrganisasi))
