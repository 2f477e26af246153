"""The ``permenpanrb-6-2022`` document: a :class:`Permenpanrb6Document` evaluation with its rencana hasil kerja and BerAKHLAK ratings."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any, Final

import attrs

from kinerja.edge import ITEMS_READ, LAZY
from kinerja.errors import Problem, Problems, ValidationError, quote
from kinerja.model import (
    SAME_AS_TYPE,
    Ekspektasi,
    Employee,
    Indicator,
    Period,
    PredikatOrganisasi,
    enum_field,
    nonempty,
)
from kinerja.nip import Nip, parse_nip
from kinerja.rules.base import duplicate_ids
from kinerja.rules.permenpanrb_6_2022 import BERAKHLAK

__all__ = ["Perilaku", "Permenpanrb6Document", "Rhk"]


def _list_of(path: str, what: str) -> Any:
    def conv(value: object) -> tuple[Any, ...]:
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise ValidationError.one(path, f"expected a list of {what}")
        return tuple(value)

    return conv


@attrs.frozen
class Rhk:
    """A rencana hasil kerja (planned work result) of the SKP, with its indicators.

    ``tambahan`` marks a hasil kerja tambahan (additional work, outside the main
    plan); ``intervensi`` names the superior's RHK this one supports (cascading);
    ``feedback`` is the penilai's umpan balik on it. Indicators carry target,
    realisation and evidence (:class:`~kinerja.model.Indicator`); an RHK may have none.
    """

    id: str = attrs.field(validator=nonempty)
    uraian: str = ""
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(),
        converter=_list_of("indicators", "indicators"),  # type: ignore[misc]
        metadata={SAME_AS_TYPE: True, ITEMS_READ: ("id",)},  # the RHK's checks read the indicators' ids only
    )
    tambahan: bool = False
    intervensi: str = ""
    feedback: str = ""

    def __attrs_post_init__(self) -> None:
        found = [*self.value_checks(self.indicators)]
        for j, ind in enumerate(self.indicators):
            if not isinstance(ind, Indicator):
                found.append(Problem(f"indicators[{j}]", f"expected an Indicator, got {type(ind).__name__}"))
        if found:
            raise ValidationError(found)

    @staticmethod
    def value_checks(indicators: Sequence[Any]) -> Sequence[Problem]:
        """Indicator ids are unique within the RHK (also run on a parsed document before any object is built)."""
        return duplicate_ids(indicators, "indicators", "indicator") if len(indicators) > 1 else ()  # one cannot repeat


@attrs.frozen
class Perilaku:
    """The perilaku kerja ratings: one optional :class:`~kinerja.model.Ekspektasi` per BerAKHLAK value, and feedback.

    The regulation rates perilaku kerja as a whole (one rating by the penilai, spec
    §3.2 [C1: S19 form]); the seven per-value ratings are the penilai's notes on each
    core value and feed a derived rating only where the agency chose
    :class:`PerilakuKerjaFromBerakhlak`. A value not rated is ``None`` (never a default).
    """

    berorientasi_pelayanan: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    akuntabel: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    kompeten: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    harmonis: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    loyal: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    adaptif: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    kolaboratif: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    feedback: str = ""

    def ratings(self) -> tuple[tuple[str, Ekspektasi | None], ...]:
        """``(field name, rating or None)`` for the seven values, in BerAKHLAK order."""
        return tuple(zip(_VALUES, _RATINGS(self)))

    def rating_values(self) -> tuple[Ekspektasi | None, ...]:
        """The seven ratings (``None`` where not rated), in BerAKHLAK order: :meth:`ratings` without the names."""
        values: tuple[Ekspektasi | None, ...] = _RATINGS(self)
        return values


_VALUES: Final = tuple(name for name, _ in BERAKHLAK)
_RATINGS: Final = operator.attrgetter(*_VALUES)
"""The seven ratings of a :class:`Perilaku` as a tuple, in BerAKHLAK order (one C-level read of the fields)."""


def _opt_nip(value: object) -> Nip | None:
    return None if value is None else parse_nip(value, "penilai")


_HEAD_NEEDS_ORG = "a unit head's rating hasil kerja is the unit's performance: give the unit's predikat organisasi"
_CROSSES = "crosses a year boundary; an evaluation lies inside one SKP year"
_ONLY_HEAD_ORG = "only a unit head (kepala_unit: true) takes the unit's predikat as rating hasil kerja"
_PARTS = (
    ("employee", Employee, "an Employee"),
    ("period", Period, "a Period"),
    ("perilaku", Perilaku, "Perilaku ratings"),
)


@attrs.frozen
class Permenpanrb6Document:
    """One evaluation of one employee's SKP (sasaran kinerja pegawai) under PermenPANRB 6/2022.

    * ``period`` — the evaluation period: a month, quarter or semester (periodic
      evaluation) or the whole year (annual); it lies inside the SKP ``year``
      (default: the year the period starts in) — otherwise the error names ``period``;
    * ``rhk`` — the rencana hasil kerja with indicators; ``perilaku`` — the seven
      BerAKHLAK ratings with feedback;
    * ``hasil_kerja``, ``perilaku_kerja`` — the penilai's ratings (the authority; a
      derived :class:`RatingPolicy` may replace them, see :meth:`Permenpanrb6Rule.with_policies`);
    * ``kepala_unit`` and ``predikat_organisasi`` — for the head of a unit: the unit's
      organisation predikat, which gives the HK rating (then required; forbidden otherwise);
    * ``penilai`` — the NIP of the pejabat penilai kinerja; ``feedback`` — overall umpan balik.
    """

    employee: Employee
    period: Period
    year: int | None = None
    rhk: tuple[Rhk, ...] = attrs.field(
        default=(),
        converter=_list_of("rhk", "rencana hasil kerja"),  # type: ignore[misc]
        metadata={LAZY: True, SAME_AS_TYPE: True, ITEMS_READ: ("id",)},  # the SKP's checks read the RHK ids only
    )
    perilaku: Perilaku = attrs.field(factory=Perilaku)
    hasil_kerja: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    perilaku_kerja: Ekspektasi | None = enum_field(Ekspektasi, default=None)
    kepala_unit: bool = False
    predikat_organisasi: PredikatOrganisasi | None = enum_field(PredikatOrganisasi, default=None)
    penilai: Nip | None = attrs.field(default=None, converter=_opt_nip, metadata={SAME_AS_TYPE: True})
    feedback: str = ""

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        for name, kind, what in _PARTS:
            if not isinstance(getattr(self, name), kind):
                ps.add(name, f"expected {what}, got {type(getattr(self, name)).__name__}")
        for i, r in enumerate(self.rhk):
            if not isinstance(r, Rhk):
                ps.add(f"rhk[{i}]", f"expected an Rhk, got {type(r).__name__}")
        ps.items.extend(self.value_checks(self.period, self.year, self.rhk, self.kepala_unit, self.predikat_organisasi))
        ps.raise_if_any()

    @staticmethod
    def value_checks(
        period: Period, year: int | None, rhk: Sequence[Any], kepala_unit: bool, predikat_organisasi: object
    ) -> Sequence[Problem]:
        """The SKP's own rules across its fields (also run on a parsed document before any object is built)."""
        found: list[Problem] = []  # a plain list: this runs for every document read
        if isinstance(period, Period):
            if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
                found.append(Problem("year", f"expected a year (whole number), got {quote(year)}", "type.integer"))
            elif year is not None and not (period.start.year == period.end.year == year):
                outside = f"the period {period.label} lies outside the SKP year {year}"
                found.append(Problem("period", outside, "period.outside_year"))
            elif period.start.year != period.end.year:
                found.append(Problem("period", f"the period {period.label} {_CROSSES}", "period.outside_year"))
        found.extend(duplicate_ids(rhk, "rhk", "RHK"))
        if kepala_unit is True and predikat_organisasi is None:
            found.append(Problem("predikat_organisasi", _HEAD_NEEDS_ORG, "field.missing"))
        elif kepala_unit is not True and predikat_organisasi is not None:
            found.append(Problem("predikat_organisasi", _ONLY_HEAD_ORG, "field.not_allowed"))
        if not isinstance(kepala_unit, bool):
            found.append(Problem("kepala_unit", "expected true or false"))
        return found

    @property
    def skp_year(self) -> int:
        """The SKP year (``year``, or the year of the period)."""
        return self.year if self.year is not None else self.period.start.year
