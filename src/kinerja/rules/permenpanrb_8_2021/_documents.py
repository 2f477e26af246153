"""The ``permenpanrb-8-2021`` document: the kinerja utama (IKI with their bobot), kinerja tambahan, and their checks.

The checks are written once, as functions of plain values, and run both by the classes and, when
loading fails, on the raw JSON (each class declares them as ``raw_checks``, read by :mod:`kinerja.edge`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from kinerja.edge import UNREADABLE, Lenient, read_lenient, read_lenient_in
from kinerja.errors import Problem, Problems, ValidationError
from kinerja.model import Employee, Indicator, Period, decimal_field
from kinerja.numbers import fraction_to_decimal
from kinerja.rules.permenpanrb_8_2021 import SCALE_MAX

__all__ = ["PERCENT_UNITS", "Iki", "KinerjaTambahan", "Permenpanrb8Document", "is_percent"]


@attrs.frozen
class Iki(Indicator):
    """An indikator kinerja individu of the kinerja utama: an :class:`~kinerja.model.Indicator` with its bobot.

    ``weight`` is the bobot in percent (required; the bobot of all kinerja utama add up
    to 100). ``target_maksimal`` marks a target that cannot be exceeded (e.g. "100 %
    opini WTP"): meeting it scores 120, Sangat Baik.
    """

    target_maksimal: bool = False
    raw_checks = staticmethod(lambda data: _raw_iki(data))  # declared for kinerja.edge

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        try:
            Indicator.__attrs_post_init__(self)
        except ValidationError as exc:
            ps.extend(exc)
        realised = self.realization is not None
        value = self.realization.value if self.realization is not None else None
        target = self.target
        ps.items.extend(
            _iki_problems(self.weight, realised, value, self.satuan, target.low, target.high, negative_weight=False)
        )
        ps.raise_if_any()


PERCENT_UNITS: Final = frozenset({"%", "persen"})
"""Satuan (compared in lower case, without surrounding spaces) that make an IKI a percentage, bounded by 0-100."""


def is_percent(satuan: object) -> bool:
    """True when *satuan* is a percentage unit ("%", "persen"), whose targets and realisations lie within 0-100.

    >>> is_percent(" % "), is_percent("Persen"), is_percent("dokumen")
    (True, True, False)
    """
    return isinstance(satuan, str) and satuan.strip().lower() in PERCENT_UNITS


def _iki_problems(
    weight: Lenient,
    realised: bool | None,
    realisasi: Lenient,
    satuan: object,
    low: Lenient,
    high: Lenient,
    *,
    negative_weight: bool,
) -> list[Problem]:
    """The checks of one IKI that span its fields (paths relative to the IKI); ``None`` = unreadable, skipped.

    ``negative_weight`` repeats :class:`~kinerja.model.Indicator`'s own check for the loader,
    which cannot build the indicator when another field is bad.
    """
    out: list[Problem] = []
    if weight is None:
        out.append(Problem("weight", "required: the bobot (percent) of this indikator"))
    elif isinstance(weight, Decimal) and weight > 100:
        out.append(Problem("weight", f"a bobot is a percentage of at most 100, got {weight}"))
    elif negative_weight and isinstance(weight, Decimal) and weight < 0:
        out.append(Problem("weight", f"a weight cannot be negative, got {weight}"))
    if realised is False:
        out.append(Problem("realization", "required: the realisasi of this indikator (missing is not zero)"))
    if is_percent(satuan):
        unit = f"satuan {satuan.strip()!r}" if isinstance(satuan, str) else "a percentage"
        for path, what, value in (
            ("target" if high is None else "target.low", "a target", low),
            ("target.high", "the top of a range target", high),
            ("realization.value", "a realisation", realisasi),
        ):
            if isinstance(value, Decimal) and value > 100:
                out.append(Problem(path, f"{what} in percent ({unit}) lies within 0-100, got {value}"))
    return out


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
    raw_checks = staticmethod(lambda data: _raw_document(data))  # declared for kinerja.edge

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        ps.items.extend(_document_problems([i.weight for i in self.kinerja_utama], self.nilai_perilaku))
        for name, flag in (("perilaku_360", self.perilaku_360), ("ide_baru", self.ide_baru)):
            if not isinstance(flag, bool):
                ps.add(name, "expected true or false")
        ps.raise_if_any()


def _document_problems(weights: list[Lenient] | None, nilai_perilaku: Lenient) -> list[Problem]:
    """The document-level checks; ``weights`` is ``None`` when the list itself was unreadable."""
    out: list[Problem] = []
    if weights is not None and not weights:
        out.append(Problem("kinerja_utama", "at least one indikator kinerja utama is required"))
    elif weights is not None and all(isinstance(w, Decimal) for w in weights):
        total = sum((Fraction(w) for w in weights if isinstance(w, Decimal)), Fraction(0))
        if total != 100:
            out.append(
                Problem(
                    "kinerja_utama",
                    f"the bobot (weight, percent) of the kinerja utama must add up to 100, they add up to {fraction_to_decimal(total)}",
                    "weights.sum",
                )
            )
    if isinstance(nilai_perilaku, Decimal) and not 0 <= nilai_perilaku <= SCALE_MAX:
        out.append(Problem("nilai_perilaku", f"nilai perilaku is on the 0-120 scale, got {nilai_perilaku}"))
    return out


# --- loading: the raw cross-field checks each class declares (read by kinerja.edge) -----------


def _raw_iki(data: Mapping[str, Any]) -> list[Problem]:
    target, realization = data.get("target"), data.get("realization")
    low: Lenient
    high: Lenient = None
    if isinstance(target, Mapping):
        low, high = read_lenient_in(target, "low"), read_lenient(target.get("high"))
    elif isinstance(target, (str, int, float, Decimal)) and not isinstance(target, bool):
        low = read_lenient(target)
    else:
        low = UNREADABLE
    realised: bool | None = None
    value: Lenient = UNREADABLE
    if realization is None:
        realised = False
    elif isinstance(realization, Mapping):
        realised = True
        value = read_lenient_in(realization, "value")
        if value is None:  # a realisation without its value: that problem is the loader's
            value = UNREADABLE
    return _iki_problems(
        read_lenient_in(data, "weight"), realised, value, data.get("satuan", ""), low, high, negative_weight=True
    )


def _raw_document(data: Mapping[str, Any]) -> list[Problem]:
    ikis = data.get("kinerja_utama")
    weights = [read_lenient_in(i, "weight") for i in ikis] if isinstance(ikis, list) else None
    return _document_problems(weights, read_lenient_in(data, "nilai_perilaku"))
