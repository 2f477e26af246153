"""Speed paths of kinerja.rules.base give the answers of the plain code: duplicate_ids (ids read in one pass when
every item has one) and period_text (the last period label remembered with its dates)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from kinerja.errors import Problem
from kinerja.model import Period
from kinerja.rules.base import duplicate_ids, period_text


def _items(*ids: object) -> list[SimpleNamespace]:
    return [SimpleNamespace() if i is None else SimpleNamespace(id=i) for i in ids]


def test_distinct_or_short_lists_have_no_problem() -> None:
    assert not duplicate_ids(_items("a", "b", "c"), "rhk", "RHK")
    assert not duplicate_ids(_items("a"), "rhk", "RHK")
    assert not duplicate_ids(_items("a", None), "rhk", "RHK")  # an item without an id is skipped
    assert not duplicate_ids(_items(None, None), "rhk", "RHK")


def test_each_repeat_is_named_at_its_own_path() -> None:
    found = duplicate_ids(_items("a", "b", "a", "b", "a"), "rhk", "RHK")
    assert list(found) == [
        Problem("rhk[2].id", "duplicate RHK id 'a'", "id.duplicate"),
        Problem("rhk[3].id", "duplicate RHK id 'b'", "id.duplicate"),
        Problem("rhk[4].id", "duplicate RHK id 'a'", "id.duplicate"),
    ]


def test_unhashable_and_missing_ids_are_skipped_but_text_repeats_found() -> None:
    found = duplicate_ids(_items("x", ["list"], None, "x"), "indicators", "indicator")
    assert [p.path for p in found] == ["indicators[3].id"]


def test_period_text_is_the_label_whether_remembered_or_not() -> None:
    class Named(Period):
        @property
        def label(self) -> str:
            return "own"

    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    assert period_text(Period(start, end)) == "2025-01-01..2025-12-31"
    assert period_text(Period(start, end)) == "2025-01-01..2025-12-31"  # remembered, the same dates
    assert period_text(Period.month(2025, 2)) == "2025-02-01..2025-02-28"
    assert period_text(Named(start, end)) == "own"  # a subclass says its own label
    assert period_text(Period(start, end)) == "2025-01-01..2025-12-31"
    assert period_text(SimpleNamespace(label="semester 1")) == "semester 1"
