"""The angka kredit facts (segments, ijazah bonuses, AK held) and the ledger computed from them, line by line.

See :mod:`kinerja.policies.angka_kredit` for the rules and the policy that builds the ledger."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import Decimal

import attrs

from kinerja.errors import Problems, ValidationError, quote
from kinerja.explain import Source
from kinerja.model import (
    Employee,
    Golongan,
    Jenjang,
    Period,
    Predikat,
    date_field,
    decimal_field,
    enum_field,
)
from kinerja.numbers import ZERO, fmt, round_half_up
from kinerja.policies._common import as_tuple, check_instance, check_int, first_index, instances
from kinerja.policies.angka_kredit_tables import (
    AK_TABLE,
    AkRounding,
    JenjangAk,
    below_range,
    below_range_note,
    check_golongan,
)

__all__ = [
    "AkCounter",
    "AkLedger",
    "AkLine",
    "AkNeeds",
    "AkSegment",
    "AngkaKreditFacts",
    "IjazahBonus",
    "next_golongan",
    "show_ak",
]


@attrs.frozen
class AkSegment:
    """A stretch of time with one jenjang and one predikat kinerja: the unit AK is computed on.

    ``months`` are the whole months that count (0-12); by default the whole months
    of ``period``. A segment lies within one calendar year. ``golongan`` (optional)
    records the pangkat held; a rise between segments of the same jenjang is a
    kenaikan pangkat, which uses up that step's AK requirement. It is a golongan of
    the jenjang or, just after a kenaikan jenjang, of the previous jenjang (spec
    §4.3: jenjang first, then pangkat with the same AK; the ledger notes it).
    """

    period: Period
    jenjang: Jenjang = enum_field(Jenjang)
    predikat: Predikat = enum_field(Predikat)
    golongan: Golongan | None = enum_field(Golongan, default=None)
    months: int | None = None

    def __attrs_post_init__(self) -> None:
        check_instance(self.period, Period, "period", "a Period")
        ps = Problems()
        if self.period.start.year != self.period.end.year:
            ps.add("period", f"a segment lies within one calendar year; {self.period.label} spans two (split it)")
        if self.months is not None and check_int(ps, "months", self.months, 0, 12):
            if self.months > self.period.months:
                ps.add(
                    "months",
                    f"{self.months} months do not fit in {self.period.label} ({self.period.months} whole months)",
                )
        check_golongan(ps, "golongan", self.jenjang, self.golongan)
        ps.raise_if_any()

    @property
    def bulan(self) -> int:
        """The whole months that count."""
        return self.period.months if self.months is None else self.months


def _text(inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise ValidationError.one(attribute.name, f"expected text, got {type(value).__name__}")


@attrs.frozen
class IjazahBonus:
    """A higher formal degree (*ijazah*, e.g. ``"S2"``) obtained on *date*: a one-off bonus in the jenjang held then.

    *date* is an ISO date (text is read, anything else refused with the path
    ``date``). A degree may give its bonus once: :class:`AngkaKreditFacts` refuses
    the same *ijazah* twice (compared without case and spacing).
    """

    date: _dt.date = date_field()
    ijazah: str = attrs.field(default="", validator=_text)

    @property
    def degree_key(self) -> str:
        """The degree as compared for duplicates: spacing and case ignored (``"s 2"`` is ``"S2"``)."""
        return "".join(self.ijazah.split()).casefold()


@attrs.frozen
class AngkaKreditFacts:
    """An official's angka-kredit history: the segments in time order, the AK held at the start, ijazah bonuses.

    ``ak_awal`` is the AK kumulatif already held in ``jenjang_awal`` when the first
    segment starts (AK konversi, AK dasar, an earlier PAK); ``ak_awal_pangkat`` the
    part of it that still counts toward the next kenaikan pangkat (the carry-over;
    by default all of it). ``jenjang_awal`` defaults to the first segment's jenjang
    and is required when there are no segments.
    """

    segments: tuple[AkSegment, ...] = attrs.field(default=(), converter=as_tuple)
    ak_awal: Decimal = decimal_field(default=ZERO)
    ak_awal_pangkat: Decimal | None = decimal_field(optional=True)
    jenjang_awal: Jenjang | None = enum_field(Jenjang, default=None)
    golongan_awal: Golongan | None = enum_field(Golongan, default=None)
    ijazah: tuple[IjazahBonus, ...] = attrs.field(default=(), converter=as_tuple)
    employee: Employee | None = None

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        instances(ps, "segments", self.segments, AkSegment, "an AkSegment")
        ps.raise_if_any()
        self._check_order(ps)
        if self.ak_awal < ZERO:
            ps.add("ak_awal", f"cannot be negative, got {self.ak_awal}")
        if self.ak_awal_pangkat is not None:
            if self.ak_awal_pangkat < ZERO:
                ps.add("ak_awal_pangkat", f"cannot be negative, got {self.ak_awal_pangkat}")
            elif self.ak_awal_pangkat > self.ak_awal:
                ps.add(
                    "ak_awal_pangkat", f"the carry-over ({self.ak_awal_pangkat}) cannot exceed ak_awal ({self.ak_awal})"
                )
        if self.jenjang_awal is None and not self.segments:
            ps.add("jenjang_awal", "needed when there are no segments")
        start = self.start_jenjang
        if start is not None:
            check_golongan(ps, "golongan_awal", start, self.golongan_awal)
        self._check_ijazah(ps)
        ps.raise_if_any()

    def _check_order(self, ps: Problems) -> None:
        """Segments in time order, none overlapping the one before."""
        for i in range(1, len(self.segments)):
            prev, cur = self.segments[i - 1].period, self.segments[i].period
            if cur.overlaps(prev):
                ps.add(f"segments[{i}].period", f"{cur.label} overlaps the previous segment {prev.label}")
            elif cur.start < prev.start:
                ps.add(
                    f"segments[{i}].period",
                    f"{cur.label} comes before the previous segment {prev.label}; list them in time order",
                )

    def _check_ijazah(self, ps: Problems) -> None:
        """Each ijazah bonus is an IjazahBonus, one per date and one per degree."""
        dates: dict[_dt.date, int] = {}
        degrees: dict[str, int] = {}
        for i, bonus in instances(ps, "ijazah", self.ijazah, IjazahBonus, "an IjazahBonus"):
            if (j := first_index(dates, bonus.date, i)) is not None:
                ps.add(f"ijazah[{i}].date", f"a bonus on {bonus.date} is already given at ijazah[{j}]; it is one-off")
            key = bonus.degree_key
            if key and (j := first_index(degrees, key, i)) is not None:
                ps.add(
                    f"ijazah[{i}].ijazah",
                    f"{quote(bonus.ijazah)} is already counted at ijazah[{j}]; the bonus for a degree is given once",
                )

    @property
    def start_jenjang(self) -> Jenjang | None:
        if self.jenjang_awal is not None:
            return self.jenjang_awal
        return self.segments[0].jenjang if self.segments else None


# --- the ledger ----------------------------------------------------------------------------


@attrs.frozen
class AkLine:
    """One line of an AK ledger: AK earned (a period, a bonus, the starting AK) or a counter event.

    ``exact`` and ``rounded`` are the AK added by the line (zero for events);
    ``ak_kumulatif`` and ``ak_pangkat`` the running counters after it, under the
    ledger's rounding.
    """

    kind: str
    label: str
    jenjang: Jenjang
    golongan: Golongan | None
    exact: Decimal
    rounded: Decimal
    ak_kumulatif: Decimal
    ak_pangkat: Decimal
    formula: str
    source: Source
    year: int | None = None
    inputs: tuple[tuple[str, object], ...] = ()


@attrs.frozen
class AkNeeds:
    """What the next kenaikan pangkat and kenaikan jenjang still need (spec §4.4).

    ``kp_*`` describe the next kenaikan pangkat (``kp_golongan`` ``None`` when
    there is none in reach or the golongan is unknown); ``kp_via_jenjang`` is true
    at the top golongan of a jenjang, where the next pangkat comes with kenaikan
    jenjang and needs the jenjang's AK kumulatif. ``kj_*`` describe the next
    kenaikan jenjang (``None`` at the top of a kategori). ``kp_same_ak`` is true
    when the next pangkat follows a kenaikan jenjang already made, with its AK
    (spec §4.3), so it needs no more AK.
    """

    jenjang: Jenjang
    golongan: Golongan | None
    kp_golongan: Golongan | None
    kp_via_jenjang: bool
    kp_required: Decimal | None
    kp_value: Decimal | None
    kj_jenjang: Jenjang | None
    kj_required: Decimal | None
    kj_value: Decimal
    note: str = ""
    kp_same_ak: bool = False

    @property
    def kp_shortfall(self) -> Decimal | None:
        if self.kp_required is None or self.kp_value is None:
            return None
        return max(ZERO, self.kp_required - self.kp_value)

    @property
    def kj_shortfall(self) -> Decimal | None:
        if self.kj_required is None:
            return None
        return max(ZERO, self.kj_required - self.kj_value)

    @property
    def kp_met(self) -> bool:
        shortfall = self.kp_shortfall
        return shortfall is not None and shortfall == ZERO

    @property
    def kj_met(self) -> bool:
        shortfall = self.kj_shortfall
        return shortfall is not None and shortfall == ZERO

    @property
    def jenjang_first(self) -> bool:
        """True when a kenaikan pangkat within the jenjang and the kenaikan jenjang are both met (spec §4.3).

        The jenjang is then raised first and the pangkat follows with the same AK;
        at the top golongan (``kp_via_jenjang``) the two are one step anyway.
        """
        return self.kp_met and self.kj_met and not self.kp_via_jenjang and self.kj_jenjang is not None

    @property
    def order(self) -> str:
        """The recommended order when :attr:`jenjang_first`, else ``""``."""
        if not self.jenjang_first or self.kj_jenjang is None:
            return ""
        target = self.kp_golongan.value if self.kp_golongan is not None else "the next pangkat"
        return (
            f"both met: kenaikan jenjang to {self.kj_jenjang.label} first, then kenaikan pangkat to {target} "
            "with the same AK (spec §4.3); if the other kenaikan-jenjang conditions are not met, "
            "the kenaikan pangkat alone"
        )


def next_golongan(g: Golongan) -> Golongan | None:
    members = list(Golongan)
    i = members.index(g)
    return members[i + 1] if i + 1 < len(members) else None


@attrs.frozen
class AkLedger:
    """The computed angka-kredit history of one official (see :meth:`AngkaKreditPolicy.ledger`).

    ``ak_kumulatif`` and ``ak_pangkat`` are under the ledger's ``rounding``; the
    ``*_per_period`` and ``*_total_rounded`` fields give both roundings.
    ``pangkat_same_ak`` is the golongan still due with the AK of the last kenaikan
    jenjang (jenjang first, then pangkat with the same AK, spec §4.3), if any.
    """

    lines: tuple[AkLine, ...]
    jenjang: Jenjang
    golongan: Golongan | None
    rounding: AkRounding
    places: int
    ak_kumulatif: Decimal
    ak_kumulatif_per_period: Decimal
    ak_kumulatif_total_rounded: Decimal
    ak_pangkat: Decimal
    earned: Decimal
    earned_per_period: Decimal
    earned_total_rounded: Decimal
    per_year: tuple[tuple[int, Decimal], ...]
    table: Mapping[Jenjang, JenjangAk] = attrs.field(default=AK_TABLE, repr=False)
    notes: tuple[str, ...] = ()
    ak_pangkat_per_period: Decimal | None = None
    ak_pangkat_total_rounded: Decimal | None = None
    pangkat_same_ak: Golongan | None = None

    @property
    def roundings_differ(self) -> bool:
        """True when rounding per period and rounding only the total give different figures."""
        return (
            self.ak_kumulatif_per_period != self.ak_kumulatif_total_rounded
            or self.earned_per_period != self.earned_total_rounded
            or self.ak_pangkat_per_period != self.ak_pangkat_total_rounded
        )

    def values(self, rounding: AkRounding | None = None) -> tuple[Decimal, Decimal]:
        """``(ak_kumulatif, ak_pangkat)`` under *rounding* (default: the ledger's)."""
        if rounding is None or rounding is self.rounding:
            return self.ak_kumulatif, self.ak_pangkat
        if rounding is AkRounding.PER_PERIOD:
            pkt = self.ak_pangkat_per_period
            return self.ak_kumulatif_per_period, self.ak_pangkat if pkt is None else pkt
        pkt = self.ak_pangkat_total_rounded
        return self.ak_kumulatif_total_rounded, self.ak_pangkat if pkt is None else pkt

    def kebutuhan(self, golongan: Golongan | None = None, rounding: AkRounding | None = None) -> AkNeeds:
        """What is still needed for the next kenaikan pangkat and jenjang.

        At *golongan* (default: the ledger's) and with the AK under *rounding*
        (default: the ledger's; pass the other one to see its shortfalls).
        """
        g = golongan if golongan is not None else self.golongan
        row = self.table[self.jenjang]
        below = g is not None and g not in row.golongan and below_range(self.table, self.jenjang, g)
        if g is not None and g not in row.golongan and not below:
            raise ValidationError.one(
                "golongan", f"{g.value} is not a golongan of {self.jenjang.label} ({row.golongan_text})"
            )
        ak_kumulatif, ak_pangkat = self.values(rounding)
        kj_required = row.ak_jenjang if row.jenjang_berikutnya is not None else None
        note = ""
        same_ak = False
        kp_golongan: Golongan | None
        kp_required: Decimal | None
        kp_value: Decimal | None
        if g is None:
            kp_golongan, via, kp_required, kp_value = None, False, row.ak_pangkat, ak_pangkat
            note = "golongan unknown: assumed the next kenaikan pangkat is within the jenjang"
        elif below:
            kp_golongan, via = next_golongan(g), False
            assert kp_golongan is not None
            if self.pangkat_same_ak is kp_golongan:
                kp_required, kp_value, same_ak = ZERO, ak_pangkat, True
                note = (
                    f"{below_range_note(self.jenjang, g, row)}; the kenaikan pangkat to {kp_golongan.value} "
                    "comes with the AK of the kenaikan jenjang, no more AK is needed"
                )
            else:
                kp_required, kp_value = row.ak_pangkat, ak_pangkat
                note = f"{below_range_note(self.jenjang, g, row)}; the next kenaikan pangkat counts in {self.jenjang.label}"
        elif g != row.golongan[-1]:
            kp_golongan, via, kp_required, kp_value = next_golongan(g), False, row.ak_pangkat, ak_pangkat
        elif row.jenjang_berikutnya is not None:
            kp_golongan, via, kp_required, kp_value = next_golongan(g), True, row.ak_jenjang, ak_kumulatif
        else:
            kp_golongan, via, kp_required, kp_value = None, False, None, None
            note = f"{g.value} is the top golongan of {self.jenjang.label}, the top jenjang of its kategori"
        return AkNeeds(
            jenjang=self.jenjang,
            golongan=g,
            kp_golongan=kp_golongan,
            kp_via_jenjang=via,
            kp_required=kp_required,
            kp_value=kp_value,
            kj_jenjang=row.jenjang_berikutnya,
            kj_required=kj_required,
            kj_value=ak_kumulatif,
            note=note,
            kp_same_ak=same_ak,
        )


def show_ak(x: Decimal, places: int) -> str:
    """Exact value for display: as is when short, else six decimals and an ellipsis (presentation only)."""
    exponent = x.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent <= max(places, 6):
        return fmt(x)
    return fmt(round_half_up(x, 6)) + "…"


class AkCounter:
    """Running AK counters under both roundings (exact and per-period rounded)."""

    def __init__(self, places: int) -> None:
        self.places = places
        self.jen_exact = ZERO
        self.jen_round = ZERO
        self.pkt_exact = ZERO
        self.pkt_round = ZERO

    def add(self, exact_value: Decimal, rounded_value: Decimal) -> None:
        self.jen_exact += exact_value
        self.jen_round += rounded_value
        self.pkt_exact += exact_value
        self.pkt_round += rounded_value

    def reset(self) -> None:
        self.jen_exact = self.jen_round = self.pkt_exact = self.pkt_round = ZERO

    def consume(self, amount: Decimal, rounding: AkRounding) -> bool:
        """Use *amount* from the kenaikan-pangkat counter; return False when it was short under *rounding*.

        Only the rounding in use judges the shortfall (the other one may be a cent
        short or over); both counters are floored at 0.
        """
        short = self.chosen(rounding)[1] < amount
        self.pkt_exact = max(ZERO, self.pkt_exact - amount)
        self.pkt_round = max(ZERO, self.pkt_round - amount)
        return not short

    def chosen(self, rounding: AkRounding) -> tuple[Decimal, Decimal]:
        if rounding is AkRounding.PER_PERIOD:
            return self.jen_round, self.pkt_round
        return round_half_up(self.jen_exact, self.places), round_half_up(self.pkt_exact, self.places)
