"""render_value dispatches on the value's type through a table (kinerja.explain): the same output as the rules
it stands for, written out here as they were before the table, for every kind of value and twice (cached)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import pytest

from kinerja.explain import Source, Step, render_value
from kinerja.model import Ekspektasi, Predikat
from kinerja.numbers import fmt


def _reference(value: object) -> Any:
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _reference(v) for k, v in value.items()}
    if isinstance(value, Sequence | set | frozenset):
        return [_reference(v) for v in value]
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    return str(value)


class _Text(str):
    pass


class _Dec(Decimal):
    pass


class _Level(enum.IntEnum):
    LOW = 1


class _Labelled:
    label = "shown"


class _Plain:
    def __str__(self) -> str:
        return "plain"


class _Day(dt.date):
    def isoformat(self) -> str:
        return "own " + super().isoformat()


VALUES: list[object] = [
    "x",
    _Text("y"),
    0,
    10**30,
    True,
    False,
    None,
    Decimal("85.50"),
    Decimal("1E+2"),
    Decimal("-0.0"),
    _Dec("7.0"),
    Ekspektasi.SESUAI,
    Predikat.BAIK,
    _Level.LOW,
    dt.date(2025, 1, 1),
    dt.datetime(2025, 1, 1, 12, 30),
    _Day(2024, 2, 29),
    {"a": Decimal("1.0"), 2: Ekspektasi.DI_ATAS},
    [1, Decimal("2.5"), None],
    (Predikat.BAIK,),
    frozenset({3}),
    _Labelled(),
    _Plain(),
    b"bytes",
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_render_value_as_the_rules_say(value: object) -> None:
    expected = _reference(value)
    assert render_value(value) == expected
    assert render_value(value) == expected  # the second time from the table
    assert type(render_value(value)) is type(expected)


def test_step_json_renders_inputs_and_output_like_render_value() -> None:
    step = Step("r", Source("S"), {str(k): v for k, v in enumerate(VALUES)}, Decimal("3.10"))
    data = step.to_json()
    assert data["inputs"] == {str(k): _reference(v) for k, v in enumerate(VALUES)}
    assert data["output"] == "3.10"
