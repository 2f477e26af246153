"""Policies: what a result leads to, and the bands that turn a number into a class.

* :class:`Ladder` — half-open, gap-free bands: a value belongs to the highest rung
  whose lower bound it reaches (``value >= lower``), so 90.5 and 99.999 each fall
  in exactly one class. Regimes hold their band tables as ``Ladder`` data.
* :class:`Policy` — a small protocol: given a subject's facts, return a
  :class:`Decision` listing every :class:`Requirement` checked (value, verdict,
  source) in the order an officer would check them.
* :func:`run_policies` — compose: run a list of policies over the same facts.

The follow-up policies (angka kredit, kenaikan pangkat, KGB, talent box,
discipline, awards) live in :mod:`kinerja.policies` and are built on these parts.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Collection, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

import attrs

from kinerja.errors import ValidationError
from kinerja.explain import Source, render_value
from kinerja.numbers import to_decimal

__all__ = ["Decision", "Ladder", "Policy", "Requirement", "Rung", "run_policies"]

L = TypeVar("L")

_LOWERS: dict[int, tuple[Any, tuple[tuple[Fraction, Any], ...]]] = {}
"""Each ladder's lower bounds as fractions, computed once (keyed by identity; the ladder is kept to detect reuse)."""


@attrs.frozen
class Rung(Generic[L]):
    """One band of a :class:`Ladder`: values ``>= lower`` (up to the next rung) get *label*."""

    lower: Decimal
    label: L


def _rungs(value: Iterable[tuple[Any, Any]] | Iterable[Rung[Any]]) -> tuple[Rung[Any], ...]:
    out = []
    for item in value:
        if isinstance(item, Rung):
            out.append(item)
        else:
            lower, label = item
            out.append(Rung(to_decimal(lower, "rungs"), label))
    return tuple(sorted(out, key=lambda r: r.lower, reverse=True))


@attrs.frozen
class Ladder(Generic[L]):
    """Half-open, gap-free classification bands with a floor label.

    >>> from decimal import Decimal
    >>> pp46 = Ladder([(91, "Sangat Baik"), (76, "Baik"), (61, "Cukup"), (51, "Kurang")], floor="Buruk")
    >>> [pp46.classify(Decimal(x)) for x in ("91", "90.99", "76", "50.999")]
    ['Sangat Baik', 'Baik', 'Baik', 'Buruk']
    """

    rungs: tuple[Rung[L], ...] = attrs.field(converter=_rungs)
    floor: L
    source: Source | None = None

    def __attrs_post_init__(self) -> None:
        lowers = [r.lower for r in self.rungs]
        if len(set(lowers)) != len(lowers):
            raise ValidationError.one("rungs", "two rungs share the same lower bound")

    def classify(self, value: Decimal) -> L:
        """The label of the band *value* falls in."""
        for rung in self.rungs:
            if value >= rung.lower:
                return rung.label
        return self.floor

    def classify_exact(self, value: Fraction) -> L:
        """The label of the band an exact rational *value* falls in (compared exactly, never rounded).

        >>> Ladder([(76, "Baik")], floor="Cukup").classify_exact(Fraction(7599, 100))
        'Cukup'
        """
        cached = _LOWERS.get(id(self))
        if cached is None or cached[0] is not self:
            cached = (self, tuple((Fraction(r.lower), r.label) for r in self.rungs))
            _LOWERS[id(self)] = cached
        for lower, label in cached[1]:
            if value >= lower:
                return label  # type: ignore[no-any-return]
        return self.floor

    def bounds(self) -> list[tuple[Decimal | None, Decimal | None, L]]:
        """Each band as ``(lower inclusive, upper exclusive, label)``, best first; ``None`` is open."""
        out: list[tuple[Decimal | None, Decimal | None, L]] = []
        upper: Decimal | None = None
        for rung in self.rungs:
            out.append((rung.lower, upper, rung.label))
            upper = rung.lower
        out.append((None, upper, self.floor))
        return out


@attrs.frozen
class Requirement:
    """One condition a decision checked: what (*name*), the *value* found, the *expected* condition, whether it is *met*, and its *source*."""

    name: str
    value: object
    expected: str
    met: bool
    source: Source
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        data = {
            "name": self.name,
            "value": render_value(self.value),
            "expected": self.expected,
            "met": self.met,
            "source": str(self.source),
        }
        if self.note:
            data["note"] = self.note
        return data


def html_row(*cells: object, right: Collection[int] = ()) -> str:
    """One row of an HTML table for a notebook: each cell escaped, a bool as a tick (met, holds) or a cross.

    The cells numbered in *right* (from 0) are right-aligned, as counts and shares are.

    >>> html_row(True, "a < b", 3, right=(2,))
    "<tr><td>&#10003;</td><td>a &lt; b</td><td style='text-align:right'>3</td></tr>"
    """
    tds = (
        f"<td{_RIGHT if i in right else ''}>{_TICK[cell] if isinstance(cell, bool) else html.escape(str(cell))}</td>"
        for i, cell in enumerate(cells)
    )
    return f"<tr>{''.join(tds)}</tr>"


_TICK = {True: "&#10003;", False: "&#10007;"}
_RIGHT = " style='text-align:right'"


@attrs.frozen
class Decision:
    """What a policy decided for one subject: the *policy* name, the *outcome*, and every *requirement* checked.

    ``outcome`` is a short machine-readable value (``True``/``False``, a date, a
    box number, a decimal amount…); ``details`` holds further named values.
    """

    policy: str
    subject: str
    outcome: object
    requirements: tuple[Requirement, ...] = ()
    details: tuple[tuple[str, object], ...] = ()
    summary: str = ""

    @property
    def all_met(self) -> bool:
        return all(r.met for r in self.requirements)

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "subject": self.subject,
            "outcome": render_value(self.outcome),
            "summary": self.summary,
            "requirements": [r.to_json() for r in self.requirements],
            "details": {k: render_value(v) for k, v in self.details},
        }

    def __str__(self) -> str:
        lines = [f"{self.policy} - {self.subject}: {render_value(self.outcome)}"]
        if self.summary:
            lines.append(f"  {self.summary}")
        for r in self.requirements:
            mark = "OK " if r.met else "NO "
            lines.append(f"  [{mark}] {r.name}: {render_value(r.value)} (needs {r.expected}) - {r.source}")
        for k, v in self.details:
            lines.append(f"  {k}: {render_value(v)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(html_row(r.met, r.name, render_value(r.value), r.expected, r.source) for r in self.requirements)
        caption = html.escape(f"{self.policy} - {self.subject}: {render_value(self.outcome)}")
        return f"<table class='kinerja-decision'><caption>{caption}</caption>{rows}</table>"


F = TypeVar("F", contravariant=True)


@runtime_checkable
class Policy(Protocol[F]):
    """A follow-up rule: from a subject's facts to a :class:`Decision` with its reasons."""

    @property
    def name(self) -> str: ...

    def decide(self, facts: F) -> Decision: ...


PolicyFn = Callable[[Any], Decision]


def run_policies(policies: Sequence[Policy[Any]], facts: object) -> tuple[Decision, ...]:
    """Run every policy over the same facts, in order, and return their decisions."""
    return tuple(p.decide(facts) for p in policies)
