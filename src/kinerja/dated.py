"""Dated parameters: every number the law can amend, keyed by the date it takes effect, with its source.

A regulation's table (angka kredit koefisien, curve shares, absence ladders,
band tables, tukin factors…) is not one timeless constant: a later regulation
replaces it from a date. Modelled on OpenFisca's parameters, a :class:`Dated`
holds the successive versions of one parameter, each an :class:`Entry` with the
date it takes effect and its :class:`~kinerja.explain.Source`. :meth:`Dated.at`
picks the version in force on a date, so adding a table from 2026-01-01 is one
added entry and changes no earlier result.

>>> import datetime as dt
>>> from kinerja.explain import Source
>>> koefisien = Dated(
...     "koefisien angka kredit, Ahli Pertama",
...     (
...         Entry(dt.date(2023, 1, 1), "12.5", Source("PermenPANRB 1/2023", "Lampiran II")),
...         Entry(dt.date(2026, 1, 1), "13", Source("fictitious amendment", "for the example")),
...     ),
... )
>>> koefisien.at(dt.date(2025, 12, 31))
'12.5'
>>> koefisien.at(dt.date(2026, 1, 1))
'13'
>>> koefisien.source_at(dt.date(2025, 6, 30)).regulation
'PermenPANRB 1/2023'
>>> koefisien.at(dt.date(2022, 12, 31))
Traceback (most recent call last):
...
kinerja.errors.ValidationError: period: koefisien angka kredit, Ahli Pertama has no value in force on 2022-12-31 (the first takes effect on 2023-01-01)
"""

from __future__ import annotations

import bisect
import datetime as _dt
import itertools
from collections.abc import Iterator
from typing import Generic, TypeVar

import attrs

from kinerja.errors import ValidationError
from kinerja.explain import Source

__all__ = ["Dated", "Entry"]

T = TypeVar("T")


@attrs.frozen
class Entry(Generic[T]):
    """One version of a parameter: in force from *since* (inclusive) until the next entry's date."""

    since: _dt.date
    value: T
    source: Source


@attrs.frozen
class Dated(Generic[T]):
    """The successive versions of one parameter, oldest first (dates strictly increasing).

    ``until`` optionally closes the last version (a parameter that was repealed).
    """

    name: str
    entries: tuple[Entry[T], ...] = attrs.field()
    until: _dt.date | None = None

    @entries.validator
    def _check(self, _: object, value: tuple[Entry[T], ...]) -> None:
        if not value:
            raise ValueError(f"{self.name}: a dated parameter needs at least one entry")
        dates = [e.since for e in value]
        if any(b <= a for a, b in itertools.pairwise(dates)):
            raise ValueError(f"{self.name}: entries must be in strictly increasing date order")

    def entry_at(self, on: _dt.date) -> Entry[T]:
        """The entry in force on *on*, or a ``ValidationError`` (code ``period.outside_rule``)."""
        dates = [e.since for e in self.entries]
        i = bisect.bisect_right(dates, on) - 1
        if i < 0:
            raise ValidationError.one(
                "period",
                f"{self.name} has no value in force on {on.isoformat()} "
                f"(the first takes effect on {dates[0].isoformat()})",
                "period.outside_rule",
            )
        if self.until is not None and on > self.until:
            raise ValidationError.one(
                "period",
                f"{self.name} has no value in force on {on.isoformat()} (repealed after {self.until.isoformat()})",
                "period.outside_rule",
            )
        return self.entries[i]

    def applicable(self, on: _dt.date) -> Entry[T]:
        """The entry a rule uses for a period starting *on*: the one in force, or — for a date before the
        first entry — the first one (a rule asked to score a period outside its validity scores it under
        its own first table and says so in a warning, :func:`kinerja.rules.validity_warning`).

        >>> from kinerja.explain import Source
        >>> Dated("x", (Entry(_dt.date(2022, 1, 1), "a", Source("S")),)).applicable(_dt.date(1990, 1, 1)).value
        'a'
        """
        first = self.entries[0]
        return first if on < first.since else self.entry_at(on)

    def at(self, on: _dt.date) -> T:
        """The value in force on *on*."""
        return self.entry_at(on).value

    def source_at(self, on: _dt.date) -> Source:
        """The source of the value in force on *on*."""
        return self.entry_at(on).source

    def amended(self, entry: Entry[T]) -> Dated[T]:
        """A copy with *entry* added (it must take effect after every existing entry)."""
        return Dated(self.name, (*self.entries, entry), self.until)

    def __iter__(self) -> Iterator[Entry[T]]:
        return iter(self.entries)
