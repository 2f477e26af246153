"""Hand-written structuring for the most frequent document parts, used by the fast converter only.

A national batch loads millions of indicators; cattrs' generated code plus the
attrs converters cost about twenty Python calls per indicator. For the common
shape — an object with plain decimal-text numbers, known labels and a single
target — the functions here check every field exactly as the model does and
build the frozen objects directly. Anything else (a range target, a float, an
unknown key, a bad value) is handed to the generic cattrs path, which either
builds the object or raises; when the fast converter raises, :func:`kinerja.io.structure`
re-runs the detailed converter to name every problem with its path. So this
module changes speed, never results: ``tests/test_fastload.py`` checks that
both paths agree on arbitrary input.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn

from kinerja.model import Aspek, Direction, Indicator, Realization, Target
from kinerja.numbers import to_decimal

__all__ = ["register"]

_IND_KEYS = frozenset({"id", "name", "target", "direction", "aspect", "satuan", "weight", "realization"})
_REAL_KEYS = frozenset({"value", "evidence"})
_new = object.__new__
_set = object.__setattr__
_DIRECTIONS = {m.value: m for m in Direction}
_ASPEKS = {m.value: m for m in Aspek}
_ZERO = Decimal(0)


class _Unusual(Exception):
    """Not the common shape: let the generic path decide."""


def _dec(value: object) -> Decimal:
    if type(value) is str or type(value) is int:
        return to_decimal(value, "")  # the same reader as the model; raises on anything bad
    raise _Unusual


def _realization(o: object) -> Realization:
    if type(o) is not dict or not o.keys() <= _REAL_KEYS or "value" not in o:
        raise _Unusual
    value = _dec(o["value"])
    if value < _ZERO:
        raise _Unusual
    evidence = o.get("evidence", ())
    if type(evidence) is list and all(type(e) is str for e in evidence):
        evidence = tuple(evidence)
    elif evidence != ():
        raise _Unusual
    r: Realization = _new(Realization)
    _set(r, "value", value)
    _set(r, "evidence", evidence)
    return r


def _indicator(o: object) -> Indicator:
    if type(o) is not dict or not o.keys() <= _IND_KEYS:
        raise _Unusual
    ident = o.get("id")
    name = o.get("name", "")
    satuan = o.get("satuan", "")
    if type(ident) is not str or not ident.strip() or type(name) is not str or type(satuan) is not str:
        raise _Unusual
    low = _dec(o.get("target"))
    if low <= _ZERO:
        raise _Unusual
    direction = _DIRECTIONS.get(o.get("direction", "HIGHER_IS_BETTER"))
    aspect = _ASPEKS.get(o.get("aspect", "LAINNYA"))
    if direction is None or aspect is None:
        raise _Unusual
    weight = o.get("weight")
    if weight is not None:
        weight = _dec(weight)
        if weight < _ZERO:
            raise _Unusual
    real = o.get("realization")
    realization = None if real is None else _realization(real)
    target: Target = _new(Target)
    _set(target, "low", low)
    _set(target, "high", None)
    ind: Indicator = _new(Indicator)
    _set(ind, "id", ident)
    _set(ind, "name", name)
    _set(ind, "target", target)
    _set(ind, "direction", direction)
    _set(ind, "aspect", aspect)
    _set(ind, "satuan", satuan)
    _set(ind, "weight", weight)
    _set(ind, "realization", realization)
    return ind


def _with_fallback(fast: Callable[[object], Any], generic: Callable[..., Any]) -> Callable[[object, type], Any]:
    def structure(o: object, cls: type) -> Any:
        try:
            return fast(o)
        except Exception:  # _Unusual or any other doubt: the generic path decides (and raises if it must)
            return generic(o, cls)

    return structure


def _exactly(cls: type) -> Callable[[Any], bool]:
    def predicate(t: Any) -> bool:
        return t is cls

    return predicate


def register(conv: cattrs.Converter) -> None:
    """Install the fast hooks on *conv* (the generic hooks stay as the fallback)."""
    for cls, fast in ((Realization, _realization), (Indicator, _indicator)):
        generic = make_dict_structure_fn(cls, conv)
        # exactly this class: a subclass (e.g. the 8/2021 Iki) keeps its own generated hook
        conv.register_structure_hook_func(_exactly(cls), _with_fallback(fast, generic))
