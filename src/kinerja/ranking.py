"""Ranking with an explicit tie policy — never the accident of sort order.

One ranking routine shared by unit comparison, awards and multi-criteria
selection. A :class:`TiePolicy` says what happens when scores are equal:

* ``TiePolicy.average()`` — tied alternatives share the average of the ranks
  they occupy (1, 2.5, 2.5, 4), the statistical convention ("fractional ranking");
* ``TiePolicy.minimum()`` — tied alternatives share the best rank (1, 2, 2, 4),
  "competition ranking" as used in sports and many award lists;
* ``TiePolicy.breakers("predikat", "nip")`` — ties are broken by the declared
  secondary keys, in order (each item supplies them, higher is better unless the
  key is listed in ``ascending``); whatever is still tied shares the average rank.

>>> from decimal import Decimal as D
>>> [(r.key, str(r.rank)) for r in rank([RankItem("a", D(90)), RankItem("b", D(95)), RankItem("c", D(90))])]
[('b', '1'), ('a', '2.5'), ('c', '2.5')]
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, Literal

import attrs

from kinerja.errors import Problems, ValidationError, quote

__all__ = ["RankItem", "Ranked", "TiePolicy", "percentile_rank", "rank"]


_MODES: Final = ("average", "minimum", "breakers")


def _names(value: object, field: attrs.Attribute[Any]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError.one(field.name, "expected a list of value names")
    items = tuple(value)
    ps = Problems()
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item:
            ps.add(f"{field.name}[{i}]", f"a tie-breaker is named by non-empty text, got {quote(item)}")
    ps.raise_if_any()
    return items


@attrs.frozen
class TiePolicy:
    """How equal scores are ranked. See the module docstring.

    ``mode`` is ``"average"``, ``"minimum"`` or ``"breakers"`` (anything else is
    refused); ``keys`` are required for ``"breakers"`` and only allowed there;
    ``ascending`` names keys among ``keys``.
    """

    mode: Literal["average", "minimum", "breakers"] = "average"
    keys: tuple[str, ...] = attrs.field(default=(), converter=attrs.Converter(_names, takes_field=True))  # type: ignore[misc]
    ascending: tuple[str, ...] = attrs.field(default=(), converter=attrs.Converter(_names, takes_field=True))  # type: ignore[misc]

    def __attrs_post_init__(self) -> None:
        ps = Problems()
        if not isinstance(self.mode, str) or self.mode not in _MODES:
            ps.add("mode", f"unknown tie policy {quote(self.mode)}; expected one of {', '.join(_MODES)}")
        elif self.mode == "breakers" and not self.keys:
            ps.add("keys", "name at least one tie-breaker")
        elif self.mode != "breakers" and self.keys:
            ps.add("keys", f"tie-breakers are only used with mode 'breakers', not {quote(self.mode)}")
        for i, name in enumerate(self.ascending):
            if name not in self.keys:
                ps.add(f"ascending[{i}]", f"{quote(name)} is not one of the tie-breakers")
        ps.raise_if_any()

    @classmethod
    def average(cls) -> TiePolicy:
        return cls("average")

    @classmethod
    def minimum(cls) -> TiePolicy:
        return cls("minimum")

    @classmethod
    def breakers(cls, *keys: str, ascending: Sequence[str] = ()) -> TiePolicy:
        """Break ties by *keys* in order (higher wins, or lower for keys in *ascending*); leftovers share the average rank."""
        if not keys:
            raise ValidationError.one("keys", "name at least one tie-breaker")
        return cls("breakers", tuple(keys), tuple(ascending))

    def describe(self) -> str:
        if self.mode == "average":
            return "ties share the average of their ranks"
        if self.mode == "minimum":
            return "ties share the best of their ranks (competition ranking)"
        order = ", ".join(f"{k} ({'lower' if k in self.ascending else 'higher'} first)" for k in self.keys)
        return f"ties broken by {order}; still tied share the average rank"


@attrs.frozen
class RankItem:
    """One alternative to rank: *key*, *score*, and optional tie-breaker values by name."""

    key: str
    score: Decimal
    tiebreak: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class Ranked:
    """A ranked alternative: its *rank* (a ``Decimal``, 2.5 for a shared average), the *tied_with* keys and *how* the position was settled."""

    key: str
    score: Decimal
    rank: Decimal
    tied_with: tuple[str, ...]
    how: str


def rank(
    items: Sequence[RankItem],
    *,
    higher_is_better: bool = True,
    ties: TiePolicy | None = None,
) -> list[Ranked]:
    """Rank *items* by score (best first) under the tie policy *ties* (default: average).

    The output order is the rank order; among alternatives that remain tied, the
    order is by key so it never depends on the input order.
    """
    policy = ties or TiePolicy.average()
    _check_items(items, policy)

    def primary(item: RankItem) -> Decimal:
        return item.score.copy_negate() if higher_is_better else item.score  # copy_negate never rounds

    def secondary(item: RankItem) -> tuple[Any, ...]:
        return tuple(v if n in policy.ascending else _Neg(v) for n, v in ((n, item.tiebreak[n]) for n in policy.keys))

    ordered = sorted(items, key=lambda it: (primary(it), secondary(it) if policy.mode == "breakers" else (), it.key))
    out: list[Ranked] = []
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1].score == ordered[i].score:
            j += 1
        group = ordered[i : j + 1]
        if policy.mode == "breakers" and len(group) > 1:
            _emit_by_breakers(out, group, i, policy, secondary)
        else:
            how = "unique score" if len(group) == 1 else policy.describe()
            _emit(out, group, i, "minimum" if policy.mode == "minimum" else "average", how)
        i = j + 1
    return out


def _check_items(items: Sequence[RankItem], ties: TiePolicy) -> None:
    """Refuse duplicate keys and missing or incomparable tie-breaker values, each with its path."""
    ps = Problems()
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.key in seen:
            ps.add(f"[{i}].key", f"duplicate key {quote(item.key)}")
        seen.add(item.key)
        for name in ties.keys:
            if name not in item.tiebreak:
                ps.add(f"[{i}].tiebreak.{name}", "tie-breaker value missing")
    ps.raise_if_any()
    for name in ties.keys:
        _check_comparable(items, name, ps)
    ps.raise_if_any()


def _emit_by_breakers(
    out: list[Ranked],
    group: Sequence[RankItem],
    start: int,
    ties: TiePolicy,
    secondary: Callable[[RankItem], tuple[Any, ...]],
) -> None:
    """Rank a group of equal scores by the declared tie-breakers; what stays tied shares the average rank."""
    k = 0
    while k < len(group):
        m = k
        while m + 1 < len(group) and secondary(group[m + 1]) == secondary(group[k]):
            m += 1
        sub = group[k : m + 1]
        how = (
            f"equal score with {', '.join(g.key for g in group if g.key != sub[0].key)}; {ties.describe()}"
            if len(sub) == 1
            else f"tied on score and every tie-breaker; {ties.describe()}"
        )
        _emit(out, sub, start + k, "average", how)
        k = m + 1


def _family(value: object) -> str:
    """Which values can be ordered together: numbers with numbers, text with text, else one type."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, numbers.Number):
        return "number"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _check_comparable(items: Sequence[RankItem], name: str, ps: Problems) -> None:
    """Refuse tie-breaker values that cannot be ordered together (None, NaN, mixed types), naming each path."""
    first: tuple[int, str] | None = None
    ok: list[object] = []
    bad = False
    for i, item in enumerate(items):
        v = item.tiebreak[name]
        path = f"[{i}].tiebreak.{name}"
        family = "none" if v is None else _family(v)
        problem = ""
        if v is None:
            problem = "no tie-breaker value (None): a missing value cannot be ordered"
        elif family == "number" and v != v:  # NaN: never equal to itself
            problem = "a tie-breaker cannot be NaN"
        elif first is None:
            first = (i, family)
        elif family != first[1]:
            problem = f"a {family} value cannot be ordered with the {first[1]} value of [{first[0]}]"
        if problem:
            ps.add(path, problem)
            bad = True
        else:
            ok.append(v)
    if len(ok) > 1 and not bad:
        try:
            sorted(ok)  # type: ignore[type-var]
        except (TypeError, ArithmeticError):
            ps.add(f"[*].tiebreak.{name}", f"the values of the tie-breaker {quote(name)} cannot be ordered")


def _emit(out: list[Ranked], group: Sequence[RankItem], start: int, mode: str, how: str) -> None:
    if mode == "minimum":
        shared = Decimal(start + 1)
    else:
        shared = Decimal(2 * start + len(group) + 1) / 2  # mean of start+1 … start+len
        shared = shared.normalize() if shared == shared.to_integral_value() else shared
        if shared == shared.to_integral_value():
            shared = shared.quantize(Decimal(1))
    keys = tuple(g.key for g in group)
    for g in group:
        out.append(Ranked(g.key, g.score, shared, tuple(k for k in keys if k != g.key), how))


class _Neg:
    """Reverse the order of any comparable value (for "higher first" tie-breakers)."""

    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v

    def __lt__(self, other: _Neg) -> bool:
        return bool(self.v > other.v)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Neg) and bool(self.v == other.v)

    def __hash__(self) -> int:
        return hash(self.v)


def percentile_rank(score: Decimal, population: Sequence[Decimal]) -> Decimal:
    """Percentile rank of *score* in *population*: 100 × (below + ½·equal) / n (the "mid-rank" definition).

    >>> from decimal import Decimal as D
    >>> percentile_rank(D(80), [D(70), D(80), D(90), D(100)])
    Decimal('37.5')
    """
    if not population:
        raise ValidationError.one("population", "cannot take a percentile in an empty population")
    below = sum(1 for x in population if x < score)
    equal = sum(1 for x in population if x == score)
    return (Decimal(below) + Decimal(equal) / 2) * 100 / len(population)
