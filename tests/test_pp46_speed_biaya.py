"""The PP 46 ``biaya`` aspect is read like the others, only a zero target's message differs (issue 14).

``Kegiatan.biaya`` declares ``metadata[MESSAGES]``: it is read by its type (so the per-record reader and the
compiled gate read it inline), and the converters rewrite the problems of a refused value. Here the field's
reading through the converters (:func:`kinerja.edge.reworded` with the declared rewrite) is compared with the
reader as it was (``edge.structure``, with the zero-target message) on generated values, good and bad: the same
object, or the same problems (path, message, code).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja import edge
from kinerja.edge import read_lenient
from kinerja.errors import Problem, ValidationError
from kinerja.rules.pp46_2011 import TargetRealisasi
from kinerja.rules.pp46_2011._documents import _BIAYA_ZERO, Kegiatan


def reference(value: object) -> TargetRealisasi | None:
    """The biaya reader before the quick path: edge.structure, a zero target's message rewritten."""
    if value is None:
        return None
    try:
        return edge.structure(value, TargetRealisasi)  # type: ignore[no-any-return]
    except ValidationError as exc:
        if not (isinstance(value, Mapping) and read_lenient(value.get("target")) == 0):
            raise
        raise ValidationError(Problem(p.path, _BIAYA_ZERO) if p.path == "target" else p for p in exc.problems) from None


def outcome(read: object, value: object) -> object:
    try:
        return ("ok", read(value))  # type: ignore[operator]
    except ValidationError as exc:
        return ("problems", [(p.path, p.message, p.code) for p in exc.problems])


numbers = st.one_of(
    st.sampled_from(["10", "0", "-3", "1.5", "007", "1e3", "abc", "", " 4 ", "NaN", "١٠", "1E+20", "0.0"]),
    st.integers(-5, 10**17),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10, max_value=10**9).map(str),
    st.booleans(),
    st.none(),
)
values = st.one_of(
    st.none(),
    st.fixed_dictionaries({}, optional={"target": numbers, "realisasi": numbers, "x": st.just(1)}),
    numbers,
    st.lists(numbers, max_size=2),
)


@settings(max_examples=500, deadline=None)
@given(values)
def test_biaya_reader_agrees_with_edge_structure(value: object) -> None:
    assert outcome(_declared, value) == outcome(reference, value)


def _declared(value: object) -> object:
    field = attrs.fields(attrs.resolve_types(Kegiatan)).biaya
    return edge.reworded(value, field.type, field.metadata[edge.MESSAGES])


def test_a_good_biaya_is_an_ordinary_target_realisasi() -> None:
    got = _declared({"target": "11834547", "realisasi": "11370085"})
    assert got == TargetRealisasi(Decimal(11834547), Decimal(11370085)) and type(got) is TargetRealisasi
