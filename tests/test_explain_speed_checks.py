"""duplicate_ids reads the ids in one pass when every item has one (kinerja.rules.base): the same answers as
before for items with and without ids, unhashable ids and repeats."""

from __future__ import annotations

from types import SimpleNamespace

from kinerja.errors import Problem
from kinerja.rules.base import duplicate_ids


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
