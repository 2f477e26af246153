"""Indicator scoring: how one indicator's achievement (capaian) is computed from what was measured.

The formulas live here; nothing else. An :class:`IndicatorScorer` is a small callable
``(indicator) -> Decimal`` returning the capaian as a percentage (exact, unrounded). These
functions know nothing of any regulation's bands; regimes pick a scorer and cite its rule.

* :func:`ratio` — realisasi / target × 100 (kondisi normal, more is better;
  PermenPANRB 8/2021 Lampiran, spec §2.3; also Perka BKN 1/2013 kuantitas/kualitas, §1.2);
* :func:`inverse_ratio` — (1 + (1 − realisasi / target)) × 100 (kondisi khusus, less is better; spec §2.3);
* :func:`range_reference` — for a range target, the bound a realisation is compared against (spec §2.3);
* :func:`capaian` — dispatches on the indicator's direction and target shape.

The agency indicator kinds (``Count``, ``Attendance``, ``RaterPanel``…) and the
``Measurement`` they read moved to :mod:`kinerja.measures` (they use raters and surveys,
which sit above this layer); importing them from here works for one release with a
``DeprecationWarning``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from kinerja._moved import moved_attribute
from kinerja.errors import ValidationError
from kinerja.model import Direction, Indicator, Target
from kinerja.numbers import HUNDRED, ONE, exact

__all__ = ["IndicatorScorer", "capaian", "inverse_ratio", "range_reference", "ratio"]

IndicatorScorer = Callable[[Indicator], Decimal]
"""A scorer: from an indicator (with its realisation) to its capaian in percent."""


def ratio(realisasi: Decimal, target: Decimal) -> Decimal:
    """``realisasi / target × 100`` — more is better (kondisi normal).

    >>> ratio(Decimal("93"), Decimal("95"))
    Decimal('97.89473684210526315789473684210526315789')
    """
    with exact():
        return realisasi / target * HUNDRED


def inverse_ratio(realisasi: Decimal, target: Decimal) -> Decimal:
    """``(1 + (1 − realisasi / target)) × 100`` — less is better (kondisi khusus).

    >>> inverse_ratio(Decimal("6.5"), Decimal("7"))
    Decimal('107.1428571428571428571428571428571428571')
    """
    with exact():
        return (ONE + (ONE - realisasi / target)) * HUNDRED


def range_reference(realisasi: Decimal, target: Target) -> Decimal:
    """The bound of a range target a realisation is measured against.

    Above the range → the upper bound; below → the lower bound; inside → the
    realisation itself (capaian 100 %). PermenPANRB 8/2021 Lampiran p.99, 110 (spec §2.3).
    """
    assert target.high is not None
    if realisasi > target.high:
        return target.high
    if realisasi < target.low:
        return target.low
    return realisasi


def capaian(indicator: Indicator) -> Decimal:
    """Capaian of *indicator* in percent, by its direction and target shape (exact, unrounded)."""
    if indicator.realization is None:
        raise ValidationError.one("realization", "not realised yet: capaian cannot be computed (missing is not zero)")
    r = indicator.realization.value
    t = indicator.target
    ref = range_reference(r, t) if t.is_range else t.low
    if indicator.direction is Direction.HIGHER_IS_BETTER:
        return ratio(r, ref)
    return inverse_ratio(r, ref)


# Deprecated aliases (kept for one release): the agency kinds moved to kinerja.measures.
# Resolved through importlib on use, so the formulas (layer 3) do not depend on measures (layer 5).


def __getattr__(name: str) -> object:
    """``kinerja.indicators.Count`` and the other moved names: a ``DeprecationWarning``, then ``kinerja.measures``'s."""
    return moved_attribute(__name__, name, "kinerja.measures")
