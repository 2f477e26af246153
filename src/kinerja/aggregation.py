"""Aggregation: how many values become one, and what happens to the ones that are missing.

An :class:`Aggregator` takes :class:`Item` objects (a key, a value that may be
``None`` for *not assessed*, and a weight) and returns an :class:`Aggregate`
that says which items it used and which it skipped. Missing is never zero:
every aggregator takes a :class:`MissingRule` and either refuses (default) or
skips the missing items and renormalises the remaining weights, saying so.

Multi-criteria ranking methods (SAW, WP, TOPSIS, AHP) live in :mod:`kinerja.mcdm`
(importing them from here still works for one release, with a ``DeprecationWarning``).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol, runtime_checkable

import attrs

from kinerja._moved import moved_attribute
from kinerja.errors import Problems, ValidationError
from kinerja.numbers import ONE, ZERO, exact

__all__ = [
    "Aggregate",
    "Aggregator",
    "Item",
    "Mean",
    "MissingRule",
    "WeightedMean",
]


class MissingRule(enum.Enum):
    """What an aggregation does with a value that was not assessed.

    ``REFUSE``: raise a :class:`~kinerja.errors.ValidationError` naming each missing item.
    ``SKIP``: leave it out and renormalise the other weights to the same total.
    """

    REFUSE = "REFUSE"
    SKIP = "SKIP"


@attrs.frozen
class Item:
    """One input to an aggregation: *key* (a path for messages), *value* (``None`` = not assessed), *weight*."""

    key: str
    value: Decimal | None
    weight: Decimal = ONE


@attrs.frozen
class Aggregate:
    """The outcome of an aggregation: the *value*, the keys *used* and *skipped*, the *weight_total* used."""

    value: Decimal
    used: tuple[str, ...]
    skipped: tuple[str, ...]
    weight_total: Decimal
    method: str


@runtime_checkable
class Aggregator(Protocol):
    """Combines items into one value. Implementations are small frozen classes."""

    @property
    def name(self) -> str: ...

    def aggregate(self, items: Sequence[Item]) -> Aggregate: ...


def _split(items: Sequence[Item], missing: MissingRule) -> tuple[list[Item], list[str]]:
    present = [i for i in items if i.value is not None]
    skipped = [i.key for i in items if i.value is None]
    if skipped and missing is MissingRule.REFUSE:
        ps = Problems()
        for key in skipped:
            ps.add(key, "not assessed; this aggregation refuses missing values (missing is not zero)")
        ps.raise_if_any()
    if not present:
        raise ValidationError.one(items[0].key if items else "", "nothing to aggregate: every value is missing")
    return present, skipped


@attrs.frozen
class WeightedMean:
    """Σ wᵢ·vᵢ / Σ wᵢ over the assessed items.

    With ``require_total`` set, the weights of *all* items (assessed or not) must
    add up to exactly that total (no tolerance), else a ``ValidationError`` shows
    the actual sum. With ``MissingRule.SKIP`` the missing items' weights are left
    out and the rest renormalised (the division by Σ wᵢ of the used items).
    """

    missing: MissingRule = MissingRule.REFUSE
    require_total: Decimal | None = None
    name: str = "weighted-mean"

    def aggregate(self, items: Sequence[Item]) -> Aggregate:
        with exact():
            if self.require_total is not None:
                total_all = sum((i.weight for i in items), ZERO)
                if total_all != self.require_total:
                    raise ValidationError.one(
                        "weights", f"weights must add up to {self.require_total}, they add up to {total_all}"
                    )
            present, skipped = _split(items, self.missing)
            wsum = sum((i.weight for i in present), ZERO)
            if wsum == ZERO:
                raise ValidationError.one("weights", "the weights of the assessed items add up to 0")
            value = sum((i.weight * i.value for i in present if i.value is not None), ZERO) / wsum
        return Aggregate(value, tuple(i.key for i in present), tuple(skipped), wsum, self.name)


@attrs.frozen
class Mean:
    """The plain arithmetic mean of the assessed items (weights ignored)."""

    missing: MissingRule = MissingRule.REFUSE
    name: str = "mean"

    def aggregate(self, items: Sequence[Item]) -> Aggregate:
        present, skipped = _split(items, self.missing)
        with exact():
            value = sum((i.value for i in present if i.value is not None), ZERO) / len(present)
        return Aggregate(value, tuple(i.key for i in present), tuple(skipped), Decimal(len(present)), self.name)


# Deprecated aliases (kept for one release): the multi-criteria methods live in kinerja.mcdm.
# They were re-exported here; importing them from kinerja.aggregation now warns. The import is
# deferred through importlib so that this layer-3 module does not depend on layer 7 (mcdm).


def __getattr__(name: str) -> object:
    """``kinerja.aggregation.SAW`` and the other moved names: a ``DeprecationWarning``, then ``kinerja.mcdm``'s."""
    return moved_attribute(__name__, name, "kinerja.mcdm")
